package benefitsdb_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"ansinh"
	"ansinh/store/storetest"
)

// TestPayrollProgress follows a payroll of three batches killed after its
// first and run again: the progress counts batches done of the run's total,
// the re-run starting from those done before; a done period reports none.
func TestPayrollProgress(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			p := ansinh.MustParsePeriod("2026-09")
			svc := threeClaims(t, storetest.Open(t, engine))
			var got []string
			svc.PayrollProgress = func(done, total int) { got = append(got, fmt.Sprintf("%d/%d", done, total)) }
			svc.PayrollHook = func(i int) error {
				if i == 0 {
					return errKilled
				}
				return nil
			}
			if _, err := svc.RunPayroll(ctx, p, "cli:test"); !errors.Is(err, errKilled) {
				t.Fatalf("first run: %v", err)
			}
			svc.PayrollHook = nil
			if _, err := svc.RunPayroll(ctx, p, "cli:test"); err != nil {
				t.Fatal(err)
			}
			if _, err := svc.RunPayroll(ctx, p, "cli:test"); err != nil {
				t.Fatal(err)
			}
			if want := "[0/3 1/3 2/3 3/3]"; fmt.Sprint(got) != want {
				t.Fatalf("progress %v, want %s", got, want)
			}
		})
	}
}
