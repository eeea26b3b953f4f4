package indicators_test

import (
	"math"
	"testing"

	"ansinh"
	"ansinh/indicators"
)

func TestPlanTargetsAreThePlans(t *testing.T) {
	// Section II.1.2 of the plan (product.md, "The plan's targets").
	want := map[indicators.Indicator][3]indicators.Rate{
		indicators.SICoverage:        {5000, 5500, 6100},
		indicators.VoluntaryCoverage: {105, 260, 510},
		indicators.UICoverage:        {3500, 4000, 4700},
		indicators.RetireeBenefit:    {4500, 5500, 6000},
		indicators.Satisfaction:      {8000, 8500, 9000},
	}
	got := map[indicators.Indicator]map[int]indicators.Target{}
	for _, p := range indicators.PlanTargets() {
		if got[p.Indicator] == nil {
			got[p.Indicator] = map[int]indicators.Target{}
		}
		got[p.Indicator][p.Year] = p
		if p.Source == "" {
			t.Errorf("%s %d has no source", p.Indicator, p.Year)
		}
	}
	for ind, vs := range want {
		for i, y := range []int{2021, 2025, 2030} {
			if got[ind][y].Value != vs[i] {
				t.Errorf("%s %d = %v, want %v", ind, y, got[ind][y].Value, vs[i])
			}
		}
	}
	if got[indicators.ETransactions][2021].Value != 10000 || len(got[indicators.ETransactions]) != 1 {
		t.Errorf("e-transactions targets %v", got[indicators.ETransactions])
	}
}

func TestMilestones(t *testing.T) {
	edited := indicators.NewTargets([]indicators.Target{{Indicator: indicators.SICoverage, Year: 2025, Value: 5600, Source: "edit"},
		{Indicator: indicators.UICoverage, Year: 2023, Value: 3900, Source: "edit"}})
	plan := indicators.NewTargets(nil)
	tests := []struct {
		name    string
		targets *indicators.Targets
		ind     indicators.Indicator
		year    int
		want    indicators.Rate
		kind    indicators.MilestoneKind
		ok      bool
	}{
		{"a plan year", plan, indicators.SICoverage, 2021, 5000, indicators.MilestoneSet, true},
		{"a quarter of the way", plan, indicators.SICoverage, 2022, 5125, indicators.MilestoneInterpolated, true},
		{"halfway", plan, indicators.SICoverage, 2023, 5250, indicators.MilestoneInterpolated, true},
		{"rounded half-up", plan, indicators.VoluntaryCoverage, 2022, 144, indicators.MilestoneInterpolated, true}, // 105 + 155/4 = 143.75
		{"2026 on the 2025–2030 line", plan, indicators.SICoverage, 2026, 5620, indicators.MilestoneInterpolated, true},
		{"the last target", plan, indicators.RetireeBenefit, 2030, 6000, indicators.MilestoneSet, true},
		{"held after the last", plan, indicators.ETransactions, 2027, 10000, indicators.MilestoneHeld, true},
		{"none before the first", plan, indicators.SICoverage, 2019, 0, "", false},
		{"none for an indicator without targets", plan, indicators.CollectionRate, 2025, 0, "", false},
		{"an edit replaces the plan", edited, indicators.SICoverage, 2025, 5600, indicators.MilestoneSet, true},
		{"the line follows the edit", edited, indicators.SICoverage, 2023, 5300, indicators.MilestoneInterpolated, true},
		{"an added year", edited, indicators.UICoverage, 2023, 3900, indicators.MilestoneSet, true},
		{"around the added year", edited, indicators.UICoverage, 2024, 3950, indicators.MilestoneInterpolated, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, ok := tc.targets.Milestone(tc.ind, tc.year)
			if ok != tc.ok || m.Value != tc.want || m.Kind != tc.kind {
				t.Errorf("got %v %s %v, want %v %s %v", m.Value, m.Kind, ok, tc.want, tc.kind, tc.ok)
			}
		})
	}
}

func TestRates(t *testing.T) {
	tests := []struct {
		in      string
		want    indicators.Rate
		display string
		bad     bool
	}{
		{"55", 5500, "55,00%", false},
		{"1,05", 105, "1,05%", false},
		{"1.05", 105, "1,05%", false},
		{"61%", 6100, "61,00%", false},
		{"0.5", 50, "0,50%", false},
		{"1.055", 0, "", true},
		{"abc", 0, "", true},
		{"", 0, "", true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			r, err := indicators.ParseRate(tc.in)
			if (err != nil) != tc.bad {
				t.Fatalf("err = %v", err)
			}
			if !tc.bad && (r != tc.want || r.Display() != tc.display) {
				t.Errorf("%q → %v %q", tc.in, r, r.Display())
			}
		})
	}
	if r, _ := indicators.RateOf(1, 3); r != 3333 {
		t.Errorf("1/3 = %v", r)
	}
	if r, _ := indicators.RateOf(2, 3); r != 6667 {
		t.Errorf("2/3 = %v (half-up)", r)
	}
	if _, ok := indicators.RateOf(1, 0); ok {
		t.Error("a zero denominator gave a rate")
	}
}

func unit(code string, base, den int64) indicators.AllocationUnit {
	return indicators.AllocationUnit{Unit: indicators.UnitKey{Code: code, From: ansinh.MustParseDate("2025-07-01")}, Name: code, Baseline: base, Denominator: den}
}

func TestAllocate(t *testing.T) {
	units := []indicators.AllocationUnit{unit("A", 500, 1000), unit("B", 200, 1000), unit("C", 300, 2000), unit("D", 0, 7)}
	tests := []struct {
		name   string
		rate   indicators.Rate
		params indicators.AllocationParams
		units  []indicators.AllocationUnit
		want   []int64 // targets, when checked
	}{
		// T = 50% × 4007 = 2003.5 → 2004; increase 1004.
		{"labour force only", 5000, indicators.AllocationParams{LaborForceWeight: 100}, units, nil},
		// Gaps at 50%: A 0, B 300, C 700, D 4, which add up to the increase:
		// by gap, each unit reaches the province's rate.
		{"gap only", 5000, indicators.AllocationParams{LaborForceWeight: 0}, units, []int64{500, 500, 1000, 4}},
		{"half and half", 5000, indicators.AllocationParams{LaborForceWeight: 50}, units, nil},
		{"a unit weighed out", 5000, indicators.AllocationParams{LaborForceWeight: 100, Weights: map[string]int{"C": 0}}, units, nil},
		{"above target: decrease by baseline", 1000, indicators.AllocationParams{LaborForceWeight: 50}, units, nil},
		// T = 5% × 2000 = 100, below the baselines' 400: the decrease of 300
		// goes by baseline, 100:300 → 75 and 225.
		{"decrease by baseline", 500, indicators.AllocationParams{LaborForceWeight: 0},
			[]indicators.AllocationUnit{unit("A", 100, 1000), unit("B", 300, 1000)}, []int64{25, 75}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := indicators.Allocate(indicators.SICoverage, 2026, tc.rate, tc.units, 0, tc.params)
			if err != nil {
				t.Fatal(err)
			}
			if err := a.Check(); err != nil {
				t.Fatal(err)
			}
			var sumDen int64
			for _, u := range tc.units {
				sumDen += u.Denominator
			}
			if want := ansinh.RoundHalfUp(int64(tc.rate)*sumDen, 10000); a.ProvinceTarget != want {
				t.Fatalf("province target %d, want %d", a.ProvinceTarget, want)
			}
			for i, u := range a.Units {
				if tc.want != nil && u.Target != tc.want[i] {
					t.Errorf("%s: target %d, want %d", u.Unit.Code, u.Target, tc.want[i])
				}
				if u.Target < 0 {
					t.Errorf("%s: negative target %d", u.Unit.Code, u.Target)
				}
				if tc.params.Weights[u.Unit.Code] == 0 && tc.params.Weights != nil && u.Increase != 0 {
					if _, set := tc.params.Weights[u.Unit.Code]; set {
						t.Errorf("%s weighed 0 got %d", u.Unit.Code, u.Increase)
					}
				}
			}
			if tc.name == "labour force only" {
				// Increase 1004 by labour force 1000:1000:2000:7: quotas
				// 250.56, 250.56, 501.12, 1.75; the two units left go to the
				// largest remainders, D then A (before B on a tie).
				inc := []int64{a.Units[0].Increase, a.Units[1].Increase, a.Units[2].Increase, a.Units[3].Increase}
				if inc[0] != 251 || inc[1] != 250 || inc[2] != 501 || inc[3] != 2 {
					t.Errorf("increases %v", inc)
				}
			}
		})
	}
	if _, err := indicators.Allocate(indicators.ETransactions, 2026, 5000, units, 0, indicators.AllocationParams{}); ansinh.ErrorCode(err) != ansinh.EINVALID {
		t.Errorf("a share of transactions was allocated: %v", err)
	}
	if _, err := indicators.Allocate(indicators.SICoverage, 2026, 5000, units, 0, indicators.AllocationParams{LaborForceWeight: 120}); ansinh.ErrorCode(err) != ansinh.EINVALID {
		t.Errorf("a weight of 120%% was accepted: %v", err)
	}
}

func series(start ansinh.Period, den int64, nums ...int64) []indicators.Point {
	out := make([]indicators.Point, len(nums))
	for i, n := range nums {
		out[i] = indicators.Point{Month: start.Add(i), Numerator: n, Denominator: den, Known: true}
	}
	return out
}

func TestForecast(t *testing.T) {
	start := ansinh.NewPeriod(2025, 1)
	linear := func(from, step int64, n int) []int64 {
		out := make([]int64, n)
		for i := range out {
			out[i] = from + step*int64(i)
		}
		return out
	}
	tests := []struct {
		name      string
		ind       indicators.Indicator
		series    []indicators.Point
		target    indicators.Rate
		status    indicators.ForecastStatus
		trend     float64
		required  int64
		extra     int64
		projected indicators.Rate
	}{
		// 24 months from 4000 by +10 a month: 4230 in 2026-12; 2030-12 is 48
		// months later: 4710 of 10000 = 47.10%. Target 50%: 5000 needed,
		// (5000-4230)/48 = 16.04 → 17 a month, 7 more than the trend.
		{"off track", indicators.SICoverage, series(start, 10000, linear(4000, 10, 24)...), 5000, indicators.OffTrack, 10, 17, 7, 4710},
		// 4690 in 2026-12 by +30 a month: 6130 in 2030-12; 7 a month needed.
		{"on track", indicators.SICoverage, series(start, 10000, linear(4000, 30, 24)...), 5000, indicators.OnTrack, 30, 7, 0, 6130},
		{"already above", indicators.SICoverage, series(start, 10000, linear(6000, 0, 24)...), 5000, indicators.OnTrack, 0, 0, 0, 6000},
		{"one month is not a trend", indicators.SICoverage, series(start, 10000, 4000), 5000, indicators.Insufficient, 0, 0, 0, 0},
		// A share: 80% rising 0.5 point a month reaches 100% (kept at 100).
		{"a share is fitted as a rate", indicators.ETransactions, series(start, 1000, linear(800, 5, 12)...), 10000, indicators.OnTrack, 50, 0, 0, 10000},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := indicators.ForecastOf(indicators.ForecastInput{Indicator: tc.ind, Series: tc.series, TargetYear: 2030, Target: tc.target})
			if f.Status != tc.status {
				t.Fatalf("status %s, want %s", f.Status, tc.status)
			}
			if tc.status == indicators.Insufficient {
				return
			}
			if math.Abs(f.Trend-tc.trend) > 1e-9 || f.RequiredPerMonth != tc.required || f.ExtraPerMonth != tc.extra || f.Projected != tc.projected {
				t.Errorf("trend %v, required %d, extra %d, projected %v; want %v, %d, %d, %v", f.Trend, f.RequiredPerMonth, f.ExtraPerMonth, f.Projected,
					tc.trend, tc.required, tc.extra, tc.projected)
			}
		})
	}
	// The window: only the last months count.
	s := series(start, 10000, append(linear(0, 100, 12), linear(5000, 1, 12)...)...)
	if f := indicators.ForecastOf(indicators.ForecastInput{Indicator: indicators.SICoverage, Series: s, TargetYear: 2030, Target: 5000, Window: 12}); f.Trend != 1 {
		t.Errorf("windowed trend %v", f.Trend)
	}
}
