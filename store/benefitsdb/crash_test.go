package benefitsdb_test

import (
	"context"
	"errors"
	"testing"

	"ansinh"
	"ansinh/benefits"
	"ansinh/store"
	"ansinh/store/storetest"
)

// threeClaims approves a pension, an unemployment benefit and a social
// pension on a seeded database.
func threeClaims(t *testing.T, db *store.DB) *benefits.Service {
	t.Helper()
	seed(t, db)
	svc := service(db)
	approved(t, svc, citizen, benefits.Request{PersonID: pensioner, Kind: benefits.KindPension})
	approved(t, svc, officerA, benefits.Request{PersonID: young, Kind: benefits.KindUI, Month: ansinh.MustParsePeriod("2026-01")})
	approved(t, svc, officerA, benefits.Request{PersonID: elder, Kind: benefits.KindSocial})
	svc.PayrollBatch = 1 // one claim a batch: three batches
	return svc
}

// errKilled stands for the process dying after a batch.
var errKilled = errors.New("killed")

// TestPayrollCrash kills the payroll after its first batch and runs it
// again: the bank file equals that of an uninterrupted run.
func TestPayrollCrash(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			p := ansinh.MustParsePeriod("2026-09")
			clean := threeClaims(t, storetest.Open(t, engine))
			want, err := clean.Payroll(ctx, p, "cli:test")
			if err != nil {
				t.Fatal(err)
			}
			svc := threeClaims(t, storetest.Open(t, engine))
			svc.PayrollHook = func(i int) error {
				if i == 0 {
					return errKilled
				}
				return nil
			}
			if _, err := svc.Payroll(ctx, p, "cli:test"); !errors.Is(err, errKilled) {
				t.Fatalf("first run: %v", err)
			}
			svc.PayrollHook = nil
			got, err := svc.Payroll(ctx, p, "cli:test")
			if err != nil {
				t.Fatal(err)
			}
			if a, b := bankCSV(t, want.Lines), bankCSV(t, got.Lines); a != b {
				t.Fatalf("re-run after a crash differs:\n%s\nwant\n%s", b, a)
			}
			if len(got.Lines) != 3 {
				t.Fatalf("lines %+v", got.Lines)
			}
			ui := got.Lines[1]
			if ui.Kind != benefits.KindUI || ui.Status != "stop" || ui.StopReason != "end_of_entitlement" || ui.Arrears != 3*ui.Arrears/3 || ui.Arrears == 0 {
				t.Fatalf("UI line %+v", ui)
			}
		})
	}
}
