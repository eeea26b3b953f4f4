package indicators_test

import (
	"context"
	"testing"

	"ansinh"
	"ansinh/indicators"
)

// index gives a result's facts by unit key text and period.
func index(res *indicators.Result) map[string]indicators.Facts {
	m := map[string]indicators.Facts{}
	for _, f := range res.Rows {
		m[f.Unit.String()+" "+f.Period.String()] = f
	}
	return m
}

func computeSmall(t *testing.T, split indicators.SplitRule) *indicators.Result {
	t.Helper()
	res, err := indicators.Compute(context.Background(), smallProvince(), indicators.Options{
		From: mp("2018-01"), Through: mp("2026-06"), Split: split, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestComputeCountsEachPersonOnce(t *testing.T) {
	res := computeSmall(t, indicators.SplitEqual)
	idx := index(res)
	const cur, old = "@2025-07-01", "@2025-03-01"
	tests := []struct {
		name, unit, period string
		fact               indicators.Fact
		want               int64
	}{
		{"mandatory and voluntary at once count once", "90" + cur, "2020-06", indicators.FactInSI, 2},
		{"voluntary while in mandatory is not voluntary", "90" + cur, "2020-06", indicators.FactVoluntary, 0},
		{"a pensioner at work is not in UI", "90" + cur, "2020-06", indicators.FactInUI, 1},
		{"retiree with a pension", "90" + cur, "2020-06", indicators.FactRetirees, 1},
		{"two jobs count once", "91002" + cur, "2022-08", indicators.FactInSI, 1},
		{"two jobs count once in UI", "91002" + cur, "2022-08", indicators.FactInUI, 1},
		{"short seasonal contract is in SI", "90001" + cur, "2023-01", indicators.FactInSI, 2},
		{"short seasonal contract is not in UI before 2026", "90001" + cur, "2023-01", indicators.FactInUI, 1},
		{"short seasonal contract is in UI from 2026", "90001" + cur, "2026-01", indicators.FactInUI, 2},
		{"voluntary only", "90003" + cur, "2024-12", indicators.FactVoluntary, 1},
		{"December 2024 province SI", "90" + cur, "2024-12", indicators.FactInSI, 3},
		{"the year is its December", "90" + cur, "2024", indicators.FactInSI, 3},
		{"monthly benefit before retirement age is not counted", "91002" + cur, "2025-12", indicators.FactRetirees, 0},
		{"social pension from 2025-08", "90" + cur, "2025-12", indicators.FactRetirees, 2},
		{"social pension not before", "90" + cur, "2025-07", indicators.FactRetirees, 1},
		{"old provinces add up to the new", "90" + old, "2024-12", indicators.FactInSI, -1},
		{"transactions of a month", "90" + cur, "2025-09", indicators.FactTransactions, 2},
		{"online transactions of a year", "90" + cur, "2025", indicators.FactOnline, 2},
		{"survey answers of a year", "90" + cur, "2025", indicators.FactAnswers, 2},
		{"satisfied answers", "90" + cur, "2025", indicators.FactSatisfied, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, ok := idx[tc.unit+" "+tc.period]
			if !ok {
				t.Fatalf("no row for %s %s", tc.unit, tc.period)
			}
			want := tc.want
			if want < 0 { // old 90 + old 91 = the new province
				want = idx["90"+old+" "+tc.period].V[tc.fact] + idx["91"+old+" "+tc.period].V[tc.fact]
				if n := idx["90"+cur+" "+tc.period].V[tc.fact]; n != want {
					t.Fatalf("old provinces %d, new province %d", want, n)
				}
				return
			}
			if got := f.V[tc.fact]; got != want {
				t.Errorf("%s = %d, want %d", tc.fact, got, want)
			}
		})
	}
	if res.Stats.Unplaced != 1 || res.Stats.Orphans != 1 {
		t.Errorf("unplaced %d, orphans %d; want 1, 1", res.Stats.Unplaced, res.Stats.Orphans)
	}
	if len(res.Missing) != 1 || res.Missing[0] != "collections" {
		t.Errorf("missing = %v", res.Missing)
	}
}

func TestHistoricalUnitsAddUp(t *testing.T) {
	res := computeSmall(t, indicators.SplitEqual)
	idx := index(res)
	for _, p := range []string{"2019-05", "2022-08", "2024-12", "2025-06", "2024"} {
		for _, f := range []indicators.Fact{indicators.FactInSI, indicators.FactInUI, indicators.FactVoluntary, indicators.FactRetirees} {
			get := func(u string) int64 { return idx[u+" "+p].V[f] }
			o, n := "@2025-03-01", "@2025-07-01"
			if get("90001"+o)+get("90002"+o) != get("901"+o) {
				t.Errorf("%s %s: district 901 is not the sum of its communes", p, f)
			}
			// New 90001 was made of old 90001 and 90002 whole.
			if get("90001"+n) != get("901"+o) {
				t.Errorf("%s %s: new 90001 = %d, old 90001+90002 = %d", p, f, get("90001"+n), get("901"+o))
			}
			if get("90"+o)+get("91"+o) != get("90"+n) {
				t.Errorf("%s %s: old provinces %d + %d, new %d", p, f, get("90"+o), get("91"+o), get("90"+n))
			}
		}
	}
	if _, ok := idx["90001@2025-03-01 2025-07"]; ok {
		t.Error("an old commune has a row after the reorganisation")
	}
	if _, ok := idx["901@2025-03-01 2025"]; ok {
		t.Error("an old district has a row for 2025, whose December is in the new structure")
	}
}

func TestLabourForceAcrossStructures(t *testing.T) {
	tests := []struct {
		split        indicators.SplitRule
		unit, period string
		lf, ora      int64
		wantKnown    bool
		name         string
	}{
		{indicators.SplitEqual, "90001@2025-07-01", "2024", 1800, 350, true, "merged whole"},
		{indicators.SplitEqual, "90003@2025-07-01", "2024", 1500, 300, true, "half of a split commune"},
		{indicators.SplitEqual, "91002@2025-07-01", "2024", 700, 130, true, "the other half"},
		{indicators.SplitEqual, "90@2025-07-01", "2024-05", 4000, 780, true, "province: the sum"},
		{indicators.SplitEqual, "90@2025-03-01", "2024", 3000, 600, true, "old province: its districts"},
		{indicators.SplitEqual, "901@2025-03-01", "2024", 1800, 350, true, "old district: its communes"},
		{indicators.SplitEqual, "90001@2025-03-01", "2025-03", 1028, 200, true, "new figure carried back"},
		{indicators.SplitEqual, "91001@2025-03-01", "2025-03", 619, -1, true, "old split commune gathers two parts"},
		{indicators.SplitEqual, "90@2025-07-01", "2026", 4120, 880, true, "new feed"},
		{indicators.SplitEqual, "90@2025-07-01", "2017", 0, 0, false, "no figure before the feed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := indicators.Compute(context.Background(), smallProvince(), indicators.Options{
				From: mp("2017-01"), Through: mp("2026-06"), Split: tc.split})
			if err != nil {
				t.Fatal(err)
			}
			f, ok := index(res)[tc.unit+" "+tc.period]
			if !ok {
				t.Fatalf("no row")
			}
			if f.Has(indicators.FactLaborForce) != tc.wantKnown {
				t.Fatalf("known = %v", f.Has(indicators.FactLaborForce))
			}
			if !tc.wantKnown {
				return
			}
			if f.V[indicators.FactLaborForce] != tc.lf || (tc.ora >= 0 && f.V[indicators.FactOverRetirement] != tc.ora) {
				t.Errorf("labour force %d, past retirement %d; want %d, %d", f.V[indicators.FactLaborForce], f.V[indicators.FactOverRetirement], tc.lf, tc.ora)
			}
		})
	}
}

func TestSplitByLabourForce(t *testing.T) {
	s := smallProvince()
	res, err := indicators.Compute(context.Background(), s, indicators.Options{From: mp("2024-01"), Through: mp("2026-06"), Split: indicators.SplitLaborForce})
	if err != nil {
		t.Fatal(err)
	}
	idx := index(res)
	// Old 91001 (600) went to 90003 and 91002, weighed by their 2025
	// labour force 1550 : 720 → 409.69 : 190.31 → 410 and 190.
	if got := idx["90003@2025-07-01 2024"].V[indicators.FactLaborForce]; got != 1200+410 {
		t.Errorf("90003 in 2024 = %d, want %d", got, 1610)
	}
	if got := idx["91002@2025-07-01 2024"].V[indicators.FactLaborForce]; got != 400+190 {
		t.Errorf("91002 in 2024 = %d, want %d", got, 590)
	}
}

func TestComputeIsDeterministic(t *testing.T) {
	a := computeSmall(t, indicators.SplitEqual)
	b := computeSmall(t, indicators.SplitEqual)
	if len(a.Rows) != len(b.Rows) {
		t.Fatalf("rows %d vs %d", len(a.Rows), len(b.Rows))
	}
	for i := range a.Rows {
		if a.Rows[i] != b.Rows[i] {
			t.Fatalf("row %d differs: %+v vs %+v", i, a.Rows[i], b.Rows[i])
		}
	}
}

func TestComputeRefusesBadOptions(t *testing.T) {
	_, err := indicators.Compute(context.Background(), smallProvince(), indicators.Options{From: mp("2024-01")})
	if ansinh.ErrorCode(err) != ansinh.EINVALID {
		t.Fatalf("err = %v", err)
	}
	_, err = indicators.Compute(context.Background(), &memSource{}, indicators.Options{Through: mp("2024-01")})
	if ansinh.ErrorCode(err) != ansinh.EINVALID {
		t.Fatalf("no units: err = %v", err)
	}
}
