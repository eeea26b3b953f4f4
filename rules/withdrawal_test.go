package rules

import "testing"

func TestWithdrawal(t *testing.T) {
	p := Default()
	tests := []struct {
		name           string
		before, from   YearsMonths
		avg, paid      int64
		months         Micro
		amount         int64
		settlement     string
		wantErrorField string
	}{
		{"whole years", YearsMonths{3, 0}, YearsMonths{5, 0}, 8e6, 0, 14_500_000, 116_000_000, "2026-03", ""},
		{"odd months carried", YearsMonths{2, 5}, YearsMonths{4, 2}, 7e6, 0, 13_000_000, 91_000_000, "2026-03", ""},
		{"odd months before 2014 only", YearsMonths{3, 7}, YearsMonths{}, 1e6, 0, 6_500_000, 6_500_000, "2026-03", ""},
		{"carried months make a year", YearsMonths{0, 5}, YearsMonths{0, 7}, 1e6, 0, 2_000_000, 2_000_000, "2026-03", ""},
		{"later odd months ½ year", YearsMonths{}, YearsMonths{1, 6}, 1e6, 0, 3_000_000, 3_000_000, "2026-03", ""},
		{"later odd months 1 year", YearsMonths{}, YearsMonths{1, 7}, 1e6, 0, 4_000_000, 4_000_000, "2026-03", ""},
		{"under a year: contributions paid", YearsMonths{}, YearsMonths{0, 11}, 1e6, 1_500_000, 0, 1_500_000, "2026-03", ""},
		{"under a year: at most 2 months", YearsMonths{}, YearsMonths{0, 11}, 1e6, 3_000_000, 0, 2_000_000, "2026-03", ""},
		{"under L2014", YearsMonths{1, 0}, YearsMonths{1, 0}, 1e6, 0, 3_500_000, 3_500_000, "2025-06", ""},
		{"under a year without contributions", YearsMonths{}, YearsMonths{0, 11}, 1e6, 0, 0, 0, "2026-03", "contributions_paid"},
		{"no service", YearsMonths{}, YearsMonths{}, 1e6, 0, 0, 0, "2026-03", "service_from_2014"},
		{"before the table", YearsMonths{1, 0}, YearsMonths{}, 1e6, 0, 0, 0, "2015-12", "settlement_month"},
	}
	for _, tt := range tests {
		got, err := p.Withdrawal(WithdrawalInput{Settlement: mp(tt.settlement), Before2014: tt.before, From2014: tt.from, AverageWage: tt.avg, ContributionsPaid: tt.paid})
		if tt.wantErrorField != "" {
			if fieldOf(err) != tt.wantErrorField {
				t.Errorf("%s: got %v", tt.name, err)
			}
			continue
		}
		if err != nil || got.MonthsOfWage != tt.months || got.Amount != tt.amount {
			t.Errorf("%s: got %s months, %d, %v; want %s, %d", tt.name, got.MonthsOfWage, got.Amount, err, tt.months, tt.amount)
		}
	}
}
