package rules

import (
	"strings"
	"testing"
)

func TestAverageWage(t *testing.T) {
	p := Default()
	got, err := p.AverageWage(mp("2026-05"), []WagePeriod{{From: mp("2014-01"), To: mp("2014-01"), Wage: 3_333_333}})
	if err != nil || got.RevaluedTotal != 4_533_333 || got.Average != 4_533_333 {
		t.Errorf("each month rounded half-up: %+v %v", got, err)
	}
	got, err = p.AverageWage(mp("2026-05"), []WagePeriod{
		{From: mp("2025-01"), To: mp("2025-01"), Wage: 1},
		{From: mp("2024-01"), To: mp("2024-01"), Wage: 10e6, Kind: WageVoluntary},
	})
	if err != nil || got.RevaluedTotal != 10_300_001 || got.Average != 5_150_001 || got.Months != 2 {
		t.Errorf("average rounded half-up: %+v %v", got, err)
	}
	// A table a province loads for a settlement year without one.
	q, err := p.With(Version{Name: "revaluation.2020", Unit: UnitCoef, From: md("2023-01-01"), To: md("2023-12-31"), Value: 1_090_000, Set: true, Confidence: ConfHigh, Source: "Thông tư 1/2023", Origin: "test"})
	if err != nil {
		t.Fatal(err)
	}
	got, err = q.AverageWage(mp("2023-03"), []WagePeriod{{From: mp("2020-01"), To: mp("2020-12"), Wage: 5e6}})
	if err != nil || got.Average != 5_450_000 || got.Explain[0].Params[0].Confidence != "H" || hasWarning(got.Explained, WarnUnconfirmed) {
		t.Errorf("loaded 2023 table: %+v %v", got, err)
	}
}

// TestAverageWageEarlierTables checks the shipped tables of the settlement
// years before 2026 (rules.md §7): a coefficient of each table, its
// confidence, and the 1996 gap of the 2020 table.
func TestAverageWageEarlierTables(t *testing.T) {
	p := Default()
	tests := []struct {
		settlement, year string
		coef             int64 // in millionths
		conf             string
	}{
		{"2020-06", "1994-05", 4_850_000, "M"},
		{"2020-06", "2008-01", 1_910_000, "M"},
		{"2020-06", "2020-01", 1_000_000, "M"},
		{"2022-01", "1995-01", 4_330_000, "M"},
		{"2022-12", "2015-07", 1_190_000, "M"},
		{"2024-04", "2010-03", 1_830_000, "M"},
		{"2024-04", "2023-03", 1_000_000, "M"},
		{"2025-03", "1996-02", 4_510_000, "H"},
		{"2025-11", "2016-09", 1_280_000, "H"},
		{"2025-11", "2025-01", 1_000_000, "H"},
	}
	for _, tt := range tests {
		got, err := p.AverageWage(mp(tt.settlement), []WagePeriod{{From: mp(tt.year), To: mp(tt.year), Wage: 1_000_000}})
		if err != nil || got.Average != tt.coef || got.Explain[0].Params[0].Confidence != tt.conf {
			t.Errorf("settled %s, month %s: %+v %v, want %d (%s)", tt.settlement, tt.year, got, err, tt.coef, tt.conf)
		}
	}
	_, err := p.AverageWage(mp("2020-06"), []WagePeriod{{From: mp("1996-01"), To: mp("1996-12"), Wage: 1_000_000}})
	if fieldOf(err) != "settlement_month" || !strings.Contains(err.Error(), "revaluation.1996") {
		t.Errorf("the unconfirmed 1996 coefficient of 2020 computed: %v", err)
	}
}

func TestAverageWageErrors(t *testing.T) {
	p := Default()
	one := func(from, to string, kind WageKind, wage int64) []WagePeriod {
		return []WagePeriod{{From: mp(from), To: mp(to), Kind: kind, Wage: wage}}
	}
	tests := []struct {
		name       string
		settlement string
		periods    []WagePeriod
		field      string
	}{
		{"no table for 2027", "2027-01", one("2020-01", "2020-12", WageContract, 1e6), "settlement_month"},
		{"2023 table not found", "2023-03", one("2020-01", "2020-12", WageContract, 1e6), "settlement_month"},
		{"no periods", "2026-03", nil, "periods"},
		{"to before from", "2026-03", one("2020-05", "2020-04", WageContract, 1e6), "periods[0].to"},
		{"after settlement", "2026-03", one("2026-01", "2026-04", WageContract, 1e6), "periods[0].to"},
		{"voluntary before 2008", "2026-03", one("2007-12", "2008-06", WageVoluntary, 1e6), "periods[0].from"},
		{"zero wage", "2026-03", one("2020-01", "2020-12", WageContract, 0), "periods[0].wage"},
		{"overlap", "2026-03", []WagePeriod{{From: mp("2020-01"), To: mp("2020-12"), Wage: 1}, {From: mp("2019-01"), To: mp("2020-01"), Wage: 1}}, "periods[0].from"},
		{"too long", "2026-03", one("1900-01", "2026-01", WageContract, 1), "periods"},
	}
	for _, tt := range tests {
		if _, err := p.AverageWage(mp(tt.settlement), tt.periods); fieldOf(err) != tt.field {
			t.Errorf("%s: got %v, want an error on %s", tt.name, err, tt.field)
		}
	}
}

// TestAverageWageNewYear loads the table of a later settlement year, with a
// coefficient for a new contribution year.
func TestAverageWageNewYear(t *testing.T) {
	p := Default()
	if _, err := p.AverageWage(mp("2027-02"), []WagePeriod{{From: mp("2027-01"), To: mp("2027-01"), Wage: 1e6}}); fieldOf(err) != "settlement_month" {
		t.Fatalf("no 2027 table: %v", err)
	}
	q, err := p.With(
		Version{Name: "revaluation.2027", Unit: UnitCoef, From: md("2027-01-01"), To: md("2027-12-31"), Value: 1_000_000, Set: true, Confidence: ConfHigh, Source: "Công văn 1/2027", Origin: "test"},
		Version{Name: "revaluation.2026", Unit: UnitCoef, From: md("2027-01-01"), To: md("2027-12-31"), Value: 1_030_000, Set: true, Confidence: ConfHigh, Source: "Công văn 1/2027", Origin: "test"},
	)
	if err != nil {
		t.Fatal(err)
	}
	got, err := q.AverageWage(mp("2027-02"), []WagePeriod{{From: mp("2026-12"), To: mp("2027-01"), Wage: 1e6}})
	if err != nil || got.RevaluedTotal != 2_030_000 {
		t.Fatalf("%+v %v", got, err)
	}
	if _, err := p.With(Version{Name: "revaluation.20x7", Unit: UnitCoef, From: md("2027-01-01"), Value: 1, Set: true, Confidence: ConfHigh, Source: "x 1", Origin: "test"}); err == nil {
		t.Error("a malformed revaluation name was added")
	}
}
