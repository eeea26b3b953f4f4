package benefitsdb_test

import (
	"context"
	"testing"

	"ansinh"
	"ansinh/benefits"
	"ansinh/indicators"
	"ansinh/store/indicatorsdb"
	"ansinh/store/storetest"
)

// TestIndicatorCountsBenefitsPaid: the indicators' beneficiaries include a
// pension approved and paid by the payroll, and a UI benefit stopped at its
// end does not count (it is not a monthly SI benefit).
func TestIndicatorCountsBenefitsPaid(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			db := storetest.Open(t, engine)
			svc := threeClaims(t, db)
			if _, err := svc.Payroll(ctx, ansinh.MustParsePeriod("2026-09"), "cli:test"); err != nil {
				t.Fatal(err)
			}
			got := map[string]indicators.Benefit{}
			err := indicatorsdb.New(db).Beneficiaries(ctx, func(b indicators.Benefit) error {
				got[b.Person+"/"+b.Kind] = b
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if b, ok := got[pensioner+"/pension"]; !ok || b.Start != ansinh.MustParsePeriod("2026-07") || !b.End.IsZero() {
				t.Fatalf("pension %+v in %v", b, got)
			}
			if _, ok := got[elder+"/"+string(benefits.KindSocial)]; !ok {
				t.Fatalf("social pension missing: %v", got)
			}
			if len(got) != 2 {
				t.Fatalf("beneficiaries %v", got)
			}
		})
	}
}
