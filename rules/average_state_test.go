package rules

import (
	"slices"
	"strings"
	"testing"

	"ansinh"
)

// baseSalaries are the base salaries of data/params.csv from 2016-05, as
// rules.md §2 lists them.
var baseSalaries = []struct {
	from string
	base int64
}{
	{"2016-05", 1_210_000}, {"2017-07", 1_300_000}, {"2018-07", 1_390_000}, {"2019-07", 1_490_000},
	{"2023-07", 1_800_000}, {"2024-07", 2_340_000}, {"2026-07", 2_530_000},
}

// onScale returns state pay-scale periods from..to (from 2016-05) paid at
// the coefficient 4 of each month's base salary, so that every month
// revalued to the base salary of a month in 2024-07 – 2026-06 is
// 4 × 2,340,000 = 9,360,000.
func onScale(from, to ansinh.Period) []WagePeriod {
	var out []WagePeriod
	for i, b := range baseSalaries {
		start, end := mp(b.from), to
		if i+1 < len(baseSalaries) {
			end = min(end, mp(baseSalaries[i+1].from)-1)
		}
		start = max(start, from)
		if start <= end {
			out = append(out, WagePeriod{From: start, To: end, Kind: WageState, Wage: 4 * b.base})
		}
	}
	return out
}

// TestStateAverageBands: a whole career on the state scale, for each band
// of joining (L2024 art. 72): the years averaged, and the revaluation to
// the base salary of the settlement month (joined before 2016) or by the
// CPI table (from 2016). Before 2016 the career is paid 1,000,000 until the
// window and 4 × the base salary within it: the average is 9,360,000 only
// when exactly the last N years are taken.
func TestStateAverageBands(t *testing.T) {
	p := Default()
	settlement, last := mp("2026-05"), mp("2026-04")
	tests := []struct {
		joined string
		years  int
		byBase bool
		want   int64 // 0: the contract average of the same months
	}{
		{"1990-03", 5, true, 9_360_000},
		{"1995-01", 6, true, 9_360_000},
		{"2000-12", 6, true, 9_360_000},
		{"2001-01", 8, true, 9_360_000},
		{"2006-12", 8, true, 9_360_000},
		{"2007-01", 10, true, 9_360_000},
		{"2015-12", 10, true, 9_360_000},
		{"2016-01", 15, false, 11_490_323}, // 10,000,000 × (12 × Σ coef 2016–2025 + 4 × 1.00) ÷ 124
		{"2019-12", 15, false, 0},
		{"2020-01", 20, false, 0},
		{"2024-12", 20, false, 0},
		{"2025-01", 0, false, 0},
	}
	for _, tt := range tests {
		joined := mp(tt.joined)
		var periods []WagePeriod
		window := last
		if tt.byBase {
			window = last - ansinh.Period(tt.years*12) + 1
			periods = append(periods, WagePeriod{From: joined, To: window - 1, Kind: WageState, Wage: 1_000_000})
			periods = append(periods, onScale(window, last)...)
		} else {
			periods = []WagePeriod{{From: joined, To: last, Kind: WageState, Wage: 10_000_000}}
		}
		got, err := p.AverageWage(settlement, periods)
		if err != nil {
			t.Errorf("joined %s: %v", tt.joined, err)
			continue
		}
		want := tt.want
		if want == 0 {
			contract := slices.Clone(periods)
			contract[0].Kind = WageContract
			c, err := p.AverageWage(settlement, contract)
			if err != nil {
				t.Fatal(err)
			}
			want = c.Average
		}
		st := got.State
		all := int(last-joined) + 1
		taken := all
		if tt.years > 0 {
			taken = min(all, tt.years*12)
		}
		if st == nil || st.Years != tt.years || st.ByBaseSalary != tt.byBase || st.StateMonths != all || st.Months != taken ||
			st.Average != want || got.Average != want || got.Months != all {
			t.Errorf("joined %s: %+v state %+v, want %d years, by base %t, average %d over %d of %d months", tt.joined, got, st, tt.years, tt.byBase, want, taken, all)
		}
		if !citesParam(got.Explained, pStateYears, "Điều 72") || !citesParam(got.Explained, pStateByBase, "Điều 73") {
			t.Errorf("joined %s: the explanation does not cite the state-scale parameters: %+v", tt.joined, got.Explain)
		}
	}
}

// citesParam reports whether an explanation cites the parameter name with a
// source containing src.
func citesParam(x Explained, name, src string) bool {
	for _, e := range x.Explain {
		for _, r := range e.Params {
			if r.Name == name && strings.Contains(r.Source, src) {
				return true
			}
		}
	}
	return false
}

// TestStateAverageMixed: contract years on the paper record, then the state
// scale: the combined average counts the state months at the state
// average (the last 5 years for a person who joined in 1994).
func TestStateAverageMixed(t *testing.T) {
	p := Default()
	periods := append([]WagePeriod{
		{From: mp("1994-01"), To: mp("2009-12"), Kind: WageContract, Wage: 3_000_000},
		{From: mp("2010-01"), To: mp("2021-04"), Kind: WageState, Wage: 2_000_000},
	}, onScale(mp("2021-05"), mp("2026-04"))...)
	got, err := p.AverageWage(mp("2026-05"), periods)
	if err != nil {
		t.Fatal(err)
	}
	// Contract: 3,000,000 × 12 × (5.81 + Σ coef 1995–2009 = 55.26) = 2,198,520,000;
	// state: 9,360,000 × 196 months = 1,834,560,000; ÷ 388 months.
	if got.RevaluedTotal != 4_033_080_000 || got.Months != 388 || got.Average != 10_394_536 ||
		got.State == nil || got.State.Average != 9_360_000 || got.State.StateMonths != 196 || got.State.Months != 60 {
		t.Fatalf("%+v state %+v", got, got.State)
	}
	// Fewer state months than the years: all of them are averaged.
	short := []WagePeriod{
		{From: mp("1994-01"), To: mp("2024-06"), Kind: WageContract, Wage: 3_000_000},
		{From: mp("2024-07"), To: mp("2026-04"), Kind: WageState, Wage: 4_680_000},
	}
	got, err = p.AverageWage(mp("2026-05"), short)
	if err != nil || got.State.Months != 22 || got.State.Average != 4_680_000 {
		t.Fatalf("short state part: %+v %v", got.State, err)
	}
	// The month of joining given apart from the periods sets the band.
	got, err = p.AverageWageJoined(mp("2026-05"), mp("2016-03"), []WagePeriod{{From: mp("2020-01"), To: mp("2026-04"), Kind: WageState, Wage: 5_000_000}})
	if err != nil || got.State.Years != 15 || got.State.ByBaseSalary || got.State.Joined != mp("2016-03") {
		t.Fatalf("joined 2016-03: %+v %v", got.State, err)
	}
}

// TestStateAverageErrors: what the rules engine cannot compute says so
// and names the field.
func TestStateAverageErrors(t *testing.T) {
	p := Default()
	tests := []struct {
		name       string
		settlement string
		joined     string
		periods    []WagePeriod
		field      string
		text       string
	}{
		{"base salary before 2016-05 not loaded", "2022-01", "", []WagePeriod{{From: mp("2010-01"), To: mp("2020-12"), Kind: WageState, Wage: 5_000_000}},
			"periods[0].from", "base_salary"},
		{"joined after the first period", "2026-05", "2021-01", []WagePeriod{{From: mp("2020-01"), To: mp("2026-04"), Kind: WageState, Wage: 5_000_000}},
			"first_joined", "2020-01"},
		{"no revaluation table", "2023-03", "", []WagePeriod{{From: mp("2017-01"), To: mp("2022-12"), Kind: WageState, Wage: 5_000_000}},
			"settlement_month", "revaluation"},
		{"unknown kind", "2026-05", "", []WagePeriod{{From: mp("2020-01"), To: mp("2026-04"), Kind: WageState + 1, Wage: 5_000_000}},
			"periods[0].kind", "state"},
	}
	for _, tt := range tests {
		var joined ansinh.Period
		if tt.joined != "" {
			joined = mp(tt.joined)
		}
		_, err := p.AverageWageJoined(mp(tt.settlement), joined, tt.periods)
		if fieldOf(err) != tt.field || !strings.Contains(err.Error(), tt.text) {
			t.Errorf("%s: %v, want an error on %s naming %q", tt.name, err, tt.field, tt.text)
		}
	}
	// A province that loads the base salary of 2010–2016 gets the average.
	q, err := p.With(Version{Name: pBaseSalary, Unit: UnitDong, From: md("2010-01-01"), To: md("2016-04-30"), Value: 1_000_000, Set: true,
		Confidence: ConfHigh, Source: "Nghị định tỉnh nạp 1/2026", Origin: "test"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := q.AverageWage(mp("2022-01"), []WagePeriod{{From: mp("2010-01"), To: mp("2016-04"), Kind: WageState, Wage: 3_000_000}})
	if err != nil || got.Average != 4_470_000 { // 3,000,000 × 1,490,000 ÷ 1,000,000
		t.Fatalf("loaded base salary: %+v %v", got, err)
	}
	if k, err := ParseWageKind("state"); err != nil || k != WageState || k.String() != "state" {
		t.Errorf("state kind: %v %v", k, err)
	}
}
