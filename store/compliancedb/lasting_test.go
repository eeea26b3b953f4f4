package compliancedb_test

import (
	"context"
	"testing"

	"ansinh"
	"ansinh/compliance"
	"ansinh/store"
	"ansinh/store/storetest"
)

// The worker pLast has wage income at employer A in months 1–9 of a
// two-year feed (2024-01..2024-09) with no spell there; pOK is insured at
// A throughout.
const pLast = "001090000009"

var (
	month1  = ansinh.MustParsePeriod("2024-01")
	month12 = ansinh.MustParsePeriod("2024-12")
	month24 = ansinh.MustParsePeriod("2025-12")
)

// loadLasting loads the registry and the tax records of months from..to.
func loadLasting(t testing.TB, db *store.DB, registry bool, from, to string) {
	t.Helper()
	day := ansinh.MustParseDate
	if registry {
		load(t, db, "units", []string{"code", "name", "level", "parent_code", "valid_from", "valid_to", "region"}, []string{"code", "valid_from"},
			[][]any{{"24", "Bắc Ninh", "province", nil, day("2020-01-01"), nil, nil}, {"09427", "Phường Kinh Bắc", "commune", "24", day("2020-01-01"), nil, "I"}})
		load(t, db, "persons", []string{"person_id", "full_name", "birth_date", "sex", "ethnic_minority", "commune_code"}, []string{"person_id"},
			[][]any{{pOK, "Nguyễn Văn An", day("1990-03-01"), "male", db.Bool(false), "09427"},
				{pLast, "Lê Thị Cúc", day("1995-06-01"), "female", db.Bool(false), "09427"}})
		load(t, db, "employers", []string{"tax_code", "name", "kind", "commune_code", "industrial_zone", "registered_on"}, []string{"tax_code"},
			[][]any{{taxA, "Công ty TNHH Hòa Bình", "private", "09427", nil, day("2015-01-05")}})
		load(t, db, "employment", []string{"tax_code", "person_id", "start_month", "end_month", "wage", "contract", "declared_on"},
			[]string{"tax_code", "person_id", "start_month"},
			[][]any{{taxA, pOK, ansinh.MustParsePeriod("2020-01"), nil, int64(10_000_000), "indefinite", day("2020-01-01")}})
	}
	var taxes [][]any
	for m := ansinh.MustParsePeriod(from); m <= ansinh.MustParsePeriod(to); m++ {
		taxes = append(taxes, []any{taxA, pOK, m, int64(10_500_000)})
		if m <= ansinh.MustParsePeriod("2024-09") {
			taxes = append(taxes, []any{taxA, pLast, m, int64(7_000_000)})
		}
	}
	load(t, db, "tax_wages", taxCols, taxKey, taxes)
}

// lastingFinding returns the unregistered-worker finding of pLast.
func lastingFinding(t *testing.T, db *store.DB) compliance.Finding {
	t.Helper()
	f, err := service(db).FindFinding(context.Background(), compliance.FindingID(compliance.UnregisteredWorker, taxA, pLast), ansinh.Scope{All: true})
	if err != nil {
		t.Fatalf("the finding is gone: %v", err)
	}
	return f
}

// checkMonths checks that the finding is open with months 1–9 and the
// stake of all of them.
func checkMonths(t *testing.T, f compliance.Finding) {
	t.Helper()
	if f.State != "open" || f.Months != 9 || len(f.MonthStakes) != 9 {
		t.Fatalf("finding %s: state %s, %d months, %d month stakes; want open with 9", f.ID, f.State, f.Months, len(f.MonthStakes))
	}
	var total int64
	for i, m := range f.MonthStakes {
		if m.Month != month1.Add(i) || m.Employer <= 0 || m.Employee <= 0 {
			t.Errorf("month %d: %+v", i+1, m)
		}
		total += m.Employer + m.Employee
	}
	if f.Stake.Months != 9 || f.Stake.Total != total {
		t.Errorf("stake %+v, want 9 months totalling %d", f.Stake, total)
	}
}

func match(t *testing.T, db *store.DB, req compliance.MatchRequest) []compliance.MatchRun {
	t.Helper()
	if req.Base.WindowMonths == 0 {
		req.Base = compliance.DefaultConfig(req.Base.Period)
	}
	req.Actor = "test"
	runs, err := service(db).Match(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	return runs
}

// TestFindingsLastUntilResolved: a violation in months 1–9 of the feed, a
// match at month 12, then a match at month 24: the finding is still there,
// with its months; then matches over months 1–12 close it only when new
// data shows it was wrong, and a resolved case's finding stays closed.
func TestFindingsLastUntilResolved(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			db := storetest.Open(t, engine)
			loadLasting(t, db, true, "2024-01", "2025-12")
			match(t, db, compliance.MatchRequest{Base: compliance.Config{Period: month12}})
			checkMonths(t, lastingFinding(t, db))
			runs := match(t, db, compliance.MatchRequest{Base: compliance.Config{Period: month24}})
			if runs[0].Result.Stats.ByKind[compliance.UnregisteredWorker] != 0 {
				t.Fatalf("the match at month 24 sees the worker: %+v", runs[0].Result.Stats)
			}
			checkMonths(t, lastingFinding(t, db))

			// New data: the worker's spell, declared late, covers months 1–9.
			load(t, db, "employment", []string{"tax_code", "person_id", "start_month", "end_month", "wage", "contract", "declared_on"},
				[]string{"tax_code", "person_id", "start_month"},
				[][]any{{taxA, pLast, month1, ansinh.MustParsePeriod("2024-09"), int64(7_000_000), "fixed", ansinh.MustParseDate("2025-12-20")}})
			runs = match(t, db, compliance.MatchRequest{From: month1, To: month12})
			if runs[len(runs)-1].Saved.Cleared != 1 {
				t.Errorf("saved %+v, want one finding closed", runs[len(runs)-1].Saved)
			}
			f := lastingFinding(t, db)
			if f.State != "cleared" || f.ClosedReason != compliance.ClosedDisproved {
				t.Errorf("after the spell: state %s (%s), want cleared as disproved", f.State, f.ClosedReason)
			}
		})
	}
}

// TestFindingsIncremental: the feed arrives a year at a time; each match
// covers the months not yet matched, and the finding of the first year
// lasts; a resolved case's finding is not reopened by the same months.
func TestFindingsIncremental(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			db := storetest.Open(t, engine)
			ctx := context.Background()
			loadLasting(t, db, true, "2024-01", "2024-12")
			runs := match(t, db, compliance.MatchRequest{})
			if len(runs) != 1 || runs[0].Result.Config.From() != month1 || runs[0].Result.Config.Period != month12 {
				t.Fatalf("first match: %d windows, want 2024-01..2024-12", len(runs))
			}
			checkMonths(t, lastingFinding(t, db))
			loadLasting(t, db, false, "2025-01", "2025-12")
			runs = match(t, db, compliance.MatchRequest{})
			if len(runs) != 1 || runs[0].Result.Config.From() != month12.Add(1) || runs[0].Result.Config.Period != month24 {
				t.Fatalf("second match: %d windows, want 2025-01..2025-12 only", len(runs))
			}
			checkMonths(t, lastingFinding(t, db))
			runs = match(t, db, compliance.MatchRequest{})
			if s := runs[len(runs)-1].Saved; s.Changed() {
				t.Errorf("a re-run changed %+v", s)
			}

			f := lastingFinding(t, db)
			svc := service(db)
			if err := svc.RecordCaseResult(ctx, f.CaseID, compliance.CaseResult{WorkersRegistered: 1}, "test"); err != nil {
				t.Fatal(err)
			}
			if err := svc.TransitionCase(ctx, f.CaseID, compliance.StatusResolved, "test", ""); err != nil {
				t.Fatal(err)
			}
			match(t, db, compliance.MatchRequest{From: month1, To: month24})
			f = lastingFinding(t, db)
			if f.State != "cleared" || f.ClosedReason != compliance.ClosedResolved || len(f.MonthStakes) != 9 {
				t.Errorf("after the case: state %s (%s), %d months; want cleared as resolved with its 9 months", f.State, f.ClosedReason, len(f.MonthStakes))
			}
		})
	}
}
