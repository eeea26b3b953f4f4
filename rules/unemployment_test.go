package rules

import "testing"

func TestUIBenefit(t *testing.T) {
	p := Default()
	tests := []struct {
		name     string
		in       UIBenefitInput
		eligible bool
		regime   string
		monthly  int64
		months   int
	}{
		{"11 months", UIBenefitInput{TerminationMonth: mp("2026-03"), AverageWage6m: 9e6, MonthsContributed: 11, Region: RegionI}, false, "LE2025", 0, 0},
		{"12 months", UIBenefitInput{TerminationMonth: mp("2026-03"), AverageWage6m: 9e6, MonthsContributed: 12, Region: RegionI}, true, "LE2025", 5_400_000, 3},
		{"36 months", UIBenefitInput{TerminationMonth: mp("2026-03"), AverageWage6m: 9e6, MonthsContributed: 36, Region: RegionI}, true, "LE2025", 5_400_000, 3},
		{"47 months", UIBenefitInput{TerminationMonth: mp("2026-03"), AverageWage6m: 9e6, MonthsContributed: 47, Region: RegionI}, true, "LE2025", 5_400_000, 3},
		{"48 months", UIBenefitInput{TerminationMonth: mp("2026-03"), AverageWage6m: 9e6, MonthsContributed: 48, Region: RegionI}, true, "LE2025", 5_400_000, 4},
		{"143 months", UIBenefitInput{TerminationMonth: mp("2026-03"), AverageWage6m: 9e6, MonthsContributed: 143, Region: RegionI}, true, "LE2025", 5_400_000, 11},
		{"144 months", UIBenefitInput{TerminationMonth: mp("2026-03"), AverageWage6m: 9e6, MonthsContributed: 144, Region: RegionI}, true, "LE2025", 5_400_000, 12},
		{"300 months", UIBenefitInput{TerminationMonth: mp("2026-03"), AverageWage6m: 9e6, MonthsContributed: 300, Region: RegionI}, true, "LE2025", 5_400_000, 12},
		{"rounding", UIBenefitInput{TerminationMonth: mp("2026-03"), AverageWage6m: 9_999_999, MonthsContributed: 12, Region: RegionI}, true, "LE2025", 5_999_999, 3},
		{"LE2013 last month, contract cap", UIBenefitInput{TerminationMonth: mp("2025-12"), AverageWage6m: 50e6, MonthsContributed: 12, Region: RegionI}, true, "LE2013", 24_800_000, 3},
		{"LE2013 last month, state cap", UIBenefitInput{TerminationMonth: mp("2025-12"), AverageWage6m: 30e6, MonthsContributed: 12, PayScale: PayState}, true, "LE2013", 11_700_000, 3},
		{"LE2025 first month, state uses the regional cap", UIBenefitInput{TerminationMonth: mp("2026-01"), AverageWage6m: 50e6, MonthsContributed: 12, Region: RegionI, PayScale: PayState}, true, "LE2025", 26_550_000, 3},
		{"LE2013 2024 region II", UIBenefitInput{TerminationMonth: mp("2024-09"), AverageWage6m: 40e6, MonthsContributed: 48, Region: RegionII}, true, "LE2013", 22_050_000, 4},
	}
	for _, tt := range tests {
		got, err := p.UIBenefit(tt.in)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got.Eligible != tt.eligible || got.Regime != tt.regime || got.Monthly != tt.monthly || got.Months != tt.months {
			t.Errorf("%s: got %v %s %d × %d; want %v %s %d × %d", tt.name, got.Eligible, got.Regime, got.Monthly, got.Months, tt.eligible, tt.regime, tt.monthly, tt.months)
		}
	}
	for field, in := range map[string]UIBenefitInput{
		"region":             {TerminationMonth: mp("2026-03"), AverageWage6m: 9e6, MonthsContributed: 12},
		"termination_month":  {TerminationMonth: mp("2014-12"), AverageWage6m: 9e6, MonthsContributed: 12, Region: RegionI},
		"average_wage_6m":    {TerminationMonth: mp("2026-03"), MonthsContributed: 12, Region: RegionI},
		"months_contributed": {TerminationMonth: mp("2026-03"), AverageWage6m: 9e6, MonthsContributed: -1, Region: RegionI},
	} {
		if _, err := p.UIBenefit(in); fieldOf(err) != field {
			t.Errorf("%s: got %v", field, err)
		}
	}
}
