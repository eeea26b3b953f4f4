package benefitsdb_test

import (
	"strings"
	"testing"

	"ansinh/store/benefitsdb"
	"ansinh/store/storetest"
)

// TestMonthlyBenefitUsesThePersonsIndex checks the plan of the question
// every estimate and claim asks (does the person already draw a pension?):
// a search of the person's claims, never of every claim of a kind, which
// made each estimate read all the province's pensions.
func TestMonthlyBenefitUsesThePersonsIndex(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			db := storetest.Open(t, engine)
			text := storetest.QueryPlan(t, db, benefitsdb.MonthlyBenefitSQL, "001090000001", "2026-03")
			if !strings.Contains(text, "benefit_claims_person") || strings.Contains(text, "benefit_claims_kind") {
				t.Fatalf("plan of the monthly benefit question:\n%s", text)
			}
		})
	}
}
