package indicatorsdb_test

import (
	"context"
	"errors"
	"testing"

	"ansinh"
	"ansinh/indicators"
	"ansinh/indicators/indicatorstest"
	"ansinh/rules"
	"ansinh/store"
	"ansinh/store/indicatorsdb"
	"ansinh/store/indicatorsdb/indicatorsdbtest"
	"ansinh/store/plandb"
	"ansinh/store/storetest"
)

// each runs fn on every engine with a fresh database.
func each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	for _, e := range storetest.Engines(t) {
		t.Run(string(e), func(t *testing.T) { fn(t, storetest.Open(t, e)) })
	}
}

var testThrough = ansinh.NewPeriod(2026, 11)

func loadedProvince(t *testing.T, db *store.DB, workers int) *indicatorstest.Province {
	t.Helper()
	p, err := indicatorstest.Generate(indicatorstest.Config{Workers: workers, Seed: 7, Through: testThrough})
	if err != nil {
		t.Fatal(err)
	}
	if err := indicatorsdbtest.Load(context.Background(), db, p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRefreshStoresWhatComputeGives(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		p := loadedProvince(t, db, 1500)
		opt := indicators.Options{Through: testThrough}
		res, err := indicators.Refresh(ctx, indicatorsdb.New(db), indicatorsdb.New(db), "test", opt)
		if err != nil {
			t.Fatal(err)
		}
		mem, err := indicators.Compute(ctx, p.Source(), opt)
		if err != nil {
			t.Fatal(err)
		}
		stored, err := indicatorsdb.New(db).Facts(ctx, indicators.FactFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(stored) != len(res.Rows) || len(stored) != len(mem.Rows) {
			t.Fatalf("stored %d rows, computed %d from the store and %d in memory", len(stored), len(res.Rows), len(mem.Rows))
		}
		want := map[string]indicators.Facts{}
		for _, f := range mem.Rows {
			want[f.Unit.String()+" "+f.Period.String()] = f
		}
		for _, f := range stored {
			w, ok := want[f.Unit.String()+" "+f.Period.String()]
			if !ok {
				t.Fatalf("stored row %s %s not computed", f.Unit, f.Period)
			}
			if w != f {
				t.Fatalf("row %s %s:\nstored   %+v\ncomputed %+v", f.Unit, f.Period, f, w)
			}
		}
		run, err := indicatorsdb.New(db).LastRun(ctx)
		if err != nil || run.Rows != int64(len(stored)) || run.Status != "done" {
			t.Fatalf("last run %+v, %v", run, err)
		}
		// A second refresh replaces the facts: same rows.
		if _, err := indicators.Refresh(ctx, indicatorsdb.New(db), indicatorsdb.New(db), "test", opt); err != nil {
			t.Fatal(err)
		}
		again, _ := indicatorsdb.New(db).Facts(ctx, indicators.FactFilter{})
		if len(again) != len(stored) {
			t.Fatalf("second refresh: %d rows, first %d", len(again), len(stored))
		}
	})
}

// pastRetirement is the first month a person is past retirement age, for
// the independent count: the rules engine's, or long past for a person who
// reached it before the rules' table.
func pastRetirement(birth ansinh.Date, sex string) ansinh.Period {
	sx, _ := rules.ParseSex(sex)
	if ra, err := rules.Default().RetirementAge(birth, sx); err == nil {
		return ra.PensionFrom
	}
	if birth.Year() < 1965 {
		return 0
	}
	return ansinh.Period(1 << 30)
}

func recompute(t *testing.T, db *store.DB, months []ansinh.Period) indicatorstest.Counts {
	t.Helper()
	reg, err := indicatorsdbtest.ReadRegistry(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	return reg.Recount(months, pastRetirement)
}

func TestIndicatorsAgreeWithAnIndependentCount(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		p := loadedProvince(t, db, 2500)
		if _, err := indicators.Refresh(ctx, indicatorsdb.New(db), indicatorsdb.New(db), "test", indicators.Options{Through: testThrough}); err != nil {
			t.Fatal(err)
		}
		months := []ansinh.Period{ansinh.NewPeriod(2018, 1), ansinh.NewPeriod(2021, 12), ansinh.NewPeriod(2023, 6),
			ansinh.NewPeriod(2025, 6), ansinh.NewPeriod(2025, 7), ansinh.NewPeriod(2026, 1), testThrough}
		want := recompute(t, db, months)
		var periods []string
		for _, m := range months {
			periods = append(periods, m.String())
		}
		facts, err := indicatorsdb.New(db).Facts(ctx, indicators.FactFilter{Periods: periods})
		if err != nil {
			t.Fatal(err)
		}
		current := ansinh.MustParseDate("2025-07-01")
		checked := 0
		province := map[string][4]int64{}
		for _, f := range facts {
			if f.Unit.From != current {
				continue
			}
			if len(f.Unit.Code) == 2 {
				province[f.Period.String()] = [4]int64{f.V[indicators.FactInSI], f.V[indicators.FactVoluntary], f.V[indicators.FactInUI], f.V[indicators.FactRetirees]}
				continue
			}
			k := f.Unit.Code + " " + f.Period.String()
			for _, c := range []struct {
				name string
				fact indicators.Fact
				want map[string]int64
			}{{"si", indicators.FactInSI, want.SI}, {"voluntary", indicators.FactVoluntary, want.Voluntary},
				{"ui", indicators.FactInUI, want.UI}, {"retirees", indicators.FactRetirees, want.Retirees}} {
				if got := f.V[c.fact]; got != c.want[k] {
					t.Errorf("%s %s: %d, independent count %d", c.name, k, got, c.want[k])
				}
				checked++
			}
		}
		for _, m := range periods {
			var sum [4]int64
			for k, v := range want.SI {
				if k[len(k)-7:] == m {
					sum[0] += v
				}
			}
			for k, v := range want.UI {
				if k[len(k)-7:] == m {
					sum[2] += v
				}
			}
			if province[m][0] != sum[0] || province[m][2] != sum[2] {
				t.Errorf("province %s: SI %d UI %d; independent %d, %d", m, province[m][0], province[m][2], sum[0], sum[2])
			}
		}
		if checked < len(p.Communes)*len(months)*4/2 {
			t.Fatalf("only %d figures checked", checked)
		}
		t.Logf("%d commune figures and %d province totals agree with the independent count", checked, len(periods)*2)
	})
}

func TestTargetsEditsAndAllocations(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := indicatorsdb.New(db)
		if err := s.SetTarget(ctx, indicators.Target{Indicator: indicators.SICoverage, Year: 2025, Value: 5600}, "Nghị quyết HĐND", "cli:test"); err != nil {
			t.Fatal(err)
		}
		if err := s.SetTarget(ctx, indicators.Target{Indicator: indicators.SICoverage, Year: 2025, Value: 20000}, "", "cli:test"); ansinh.ErrorCode(err) != ansinh.EINVALID {
			t.Fatalf("a target above 100%% was accepted: %v", err)
		}
		tg, err := s.Targets(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if m, _ := tg.Milestone(indicators.SICoverage, 2025); m.Value != 5600 || m.Kind != indicators.MilestoneSet {
			t.Fatalf("edited 2025 = %+v", m)
		}
		if m, _ := tg.Milestone(indicators.SICoverage, 2023); m.Value != 5300 {
			t.Fatalf("2023 between 50%% and the edited 56%% = %v", m.Value)
		}
		if err := s.DeleteTarget(ctx, indicators.SICoverage, 2025, "cli:test"); err != nil {
			t.Fatal(err)
		}
		tg, _ = s.Targets(ctx)
		if m, _ := tg.Milestone(indicators.SICoverage, 2025); m.Value != 5500 {
			t.Fatalf("plan's 2025 not restored: %v", m.Value)
		}
		if err := s.SetAllocationParams(ctx, indicators.SICoverage, 2026, indicators.AllocationParams{LaborForceWeight: 70,
			Weights: map[string]int{"00001": 150}}, "cli:test"); err != nil {
			t.Fatal(err)
		}
		p, err := s.AllocationParams(ctx, indicators.SICoverage, 2026)
		if err != nil || p.LaborForceWeight != 70 || p.Weights["00001"] != 150 {
			t.Fatalf("params %+v, %v", p, err)
		}
		u := func(code string, base, den int64) indicators.AllocationUnit {
			return indicators.AllocationUnit{Unit: indicators.UnitKey{Code: code, From: ansinh.MustParseDate("2025-07-01")}, Name: "Xã " + code, Baseline: base, Denominator: den}
		}
		a, err := indicators.Allocate(indicators.SICoverage, 2026, 5650, []indicators.AllocationUnit{u("00001", 400, 1000), u("00002", 700, 1200)}, 0, p)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SaveAllocation(ctx, a, "cli:test"); err != nil {
			t.Fatal(err)
		}
		back, err := s.Allocation(ctx, indicators.SICoverage, 2026)
		if err != nil {
			t.Fatal(err)
		}
		if back.ProvinceTarget != a.ProvinceTarget || len(back.Units) != 2 || back.Units[0].Target+back.Units[1].Target != a.ProvinceTarget {
			t.Fatalf("allocation read back %+v", back)
		}
		book, err := s.TargetBook(ctx)
		if err != nil {
			t.Fatal(err)
		}
		r, origin := book.For(indicators.SICoverage, back.Units[0].Unit, 2026)
		if origin != indicators.TargetAllocated {
			t.Fatalf("origin %s", origin)
		}
		if want, _ := indicators.RateOf(back.Units[0].Target, 1000); r != want {
			t.Fatalf("allocated rate %v, want %v", r, want)
		}
		audit, _, err := db.ListAudit(ctx, store.AuditFilter{Actor: "cli:test"})
		if err != nil || len(audit) < 4 {
			t.Fatalf("audit %d entries, %v", len(audit), err)
		}
	})
}

// TestReportSourcesEmpty: on a database where neither the close nor the
// cross-match has run, the report's arrears and compliance parts say so.
func TestReportSourcesEmpty(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		src := indicatorsdb.ReportSources(db)
		src.Plan = plandb.New(db)
		ar, err := src.Arrears.Arrears(ctx, 2026)
		if err != nil || ar.Available {
			t.Errorf("arrears %+v %v", ar, err)
		}
		cs, err := src.Compliance.Compliance(ctx)
		if err != nil || cs.Available {
			t.Errorf("compliance %+v %v", cs, err)
		}
		if _, err := src.Indicators.LastRun(ctx); !errors.Is(err, indicators.ErrNoRun) {
			t.Errorf("no refresh: %v", err)
		}
		ts, err := src.Plan.Tasks(ctx)
		if err != nil || len(ts) != 0 {
			t.Errorf("tasks %d %v", len(ts), err)
		}
	})
}
