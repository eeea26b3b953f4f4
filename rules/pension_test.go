package rules

import (
	"testing"
)

func TestPensionBoundaries(t *testing.T) {
	p := Default()
	tests := []struct {
		name     string
		sex      Sex
		month    string
		service  YearsMonths
		avg      int64
		eligible bool
		regime   string
		rate     Micro
		monthly  int64
		lump     int64
	}{
		{"L2024 woman 14y11m", Female, "2026-01", YearsMonths{14, 11}, 8e6, false, "L2024", 0, 0, 0},
		{"L2024 woman 15y", Female, "2026-01", YearsMonths{15, 0}, 8e6, true, "L2024", 450_000, 3_600_000, 0},
		{"L2024 woman 20y", Female, "2026-01", YearsMonths{20, 0}, 10e6, true, "L2024", 550_000, 5_500_000, 0},
		{"L2024 man 15y", Male, "2026-01", YearsMonths{15, 0}, 10e6, true, "L2024", 400_000, 4_000_000, 0},
		{"L2024 man 15y6m: ½ year", Male, "2026-01", YearsMonths{15, 6}, 10e6, true, "L2024", 405_000, 4_050_000, 0},
		{"L2024 man 15y7m: 1 year", Male, "2026-01", YearsMonths{15, 7}, 10e6, true, "L2024", 410_000, 4_100_000, 0},
		{"L2024 man 19y", Male, "2026-01", YearsMonths{19, 0}, 10e6, true, "L2024", 440_000, 4_400_000, 0},
		{"L2024 man 19y6m", Male, "2026-01", YearsMonths{19, 6}, 10e6, true, "L2024", 445_000, 4_450_000, 0},
		{"L2024 man 19y7m = 20y", Male, "2026-01", YearsMonths{19, 7}, 10e6, true, "L2024", 450_000, 4_500_000, 0},
		{"L2024 man 20y", Male, "2026-01", YearsMonths{20, 0}, 10e6, true, "L2024", 450_000, 4_500_000, 0},
		{"L2024 man 25y1m", Male, "2026-01", YearsMonths{25, 1}, 10e6, true, "L2024", 560_000, 5_600_000, 0},
		{"L2024 man 25y11m", Male, "2026-01", YearsMonths{25, 11}, 10e6, true, "L2024", 570_000, 5_700_000, 0},
		{"L2024 man 35y: 75%", Male, "2026-01", YearsMonths{35, 0}, 10e6, true, "L2024", 750_000, 7_500_000, 0},
		{"L2024 man 35y6m: lump ½ year", Male, "2026-01", YearsMonths{35, 6}, 10e6, true, "L2024", 750_000, 7_500_000, 2_500_000},
		{"L2024 man 35y7m: lump 1 year", Male, "2026-01", YearsMonths{35, 7}, 10e6, true, "L2024", 750_000, 7_500_000, 5_000_000},
		{"L2024 woman 30y: 75%", Female, "2026-01", YearsMonths{30, 0}, 10e6, true, "L2024", 750_000, 7_500_000, 0},
		// The L2014 → L2024 switch by the first pension month.
		{"L2014 last month, man 18y", Male, "2025-06", YearsMonths{18, 0}, 10e6, false, "L2014", 0, 0, 0},
		{"L2024 first month, man 18y", Male, "2025-07", YearsMonths{18, 0}, 10e6, true, "L2024", 430_000, 4_300_000, 0},
		{"L2014 last month, woman 19y11m", Female, "2025-06", YearsMonths{19, 11}, 10e6, false, "L2014", 0, 0, 0},
		{"L2014 woman 20y", Female, "2025-06", YearsMonths{20, 0}, 10e6, true, "L2014", 550_000, 5_500_000, 0},
		// L2014 men: 45% at 16 years in 2018, 17 in 2019 … 20 from 2022.
		{"L2014 man 2018", Male, "2018-12", YearsMonths{20, 0}, 10e6, true, "L2014", 530_000, 5_300_000, 0},
		{"L2014 man 2019", Male, "2019-01", YearsMonths{20, 0}, 10e6, true, "L2014", 510_000, 5_100_000, 0},
		{"L2014 man 2020", Male, "2020-12", YearsMonths{20, 0}, 10e6, true, "L2014", 490_000, 4_900_000, 0},
		{"L2014 man 2021", Male, "2021-06", YearsMonths{20, 0}, 10e6, true, "L2014", 470_000, 4_700_000, 0},
		{"L2014 man 2022", Male, "2022-01", YearsMonths{20, 0}, 10e6, true, "L2014", 450_000, 4_500_000, 0},
		{"L2014 man 2018 lump", Male, "2018-06", YearsMonths{32, 0}, 10e6, true, "L2014", 750_000, 7_500_000, 5_000_000},
		{"L2014 woman lump", Female, "2019-03", YearsMonths{32, 0}, 6e6, true, "L2014", 750_000, 4_500_000, 6_000_000},
		// Minimum pensions.
		{"L2014 minimum = base salary", Male, "2024-07", YearsMonths{20, 0}, 3e6, true, "L2014", 450_000, 2_340_000, 0},
		{"L2024 minimum, 20 years", Male, "2026-03", YearsMonths{20, 0}, 3e6, true, "L2024", 450_000, 2_340_000, 0},
		{"L2024 no minimum under 20 years", Female, "2026-03", YearsMonths{15, 0}, 3e6, true, "L2024", 450_000, 1_350_000, 0},
		{"L2024 minimum after the base-salary rise", Male, "2026-07", YearsMonths{25, 0}, 3e6, true, "L2024", 550_000, 2_530_000, 0},
		{"rounding half-up (1,499,998.5)", Female, "2026-01", YearsMonths{15, 0}, 3_333_330, true, "L2024", 450_000, 1_499_999, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := p.Pension(PensionInput{Sex: tt.sex, RetireMonth: mp(tt.month), Service: tt.service, AverageWage: tt.avg})
			if err != nil {
				t.Fatal(err)
			}
			if got.Eligible != tt.eligible || got.Regime != tt.regime || got.Rate != tt.rate || got.Monthly != tt.monthly || got.LumpSum != tt.lump {
				t.Errorf("got eligible %v %s rate %s monthly %d lump %d; want %v %s %s %d %d",
					got.Eligible, got.Regime, got.Rate.Percent(), got.Monthly, got.LumpSum, tt.eligible, tt.regime, tt.rate.Percent(), tt.monthly, tt.lump)
			}
		})
	}
}

func TestPensionMinimumNeedsJoinDate(t *testing.T) {
	p := Default()
	// Retiring in 2046 with exactly 20 years: joined 2026 or earlier, unknown.
	in := PensionInput{Sex: Male, RetireMonth: mp("2046-01"), Service: YearsMonths{20, 0}, AverageWage: 1e6}
	got, err := p.Pension(in)
	if err != nil || got.MinimumApplied || !hasWarning(got.Explained, WarnCallerConcern) {
		t.Fatalf("unknown join date: %+v %v", got, err)
	}
	in.FirstJoined = mp("2020-01")
	if got, _ := p.Pension(in); !got.MinimumApplied || got.Monthly != 2_530_000 {
		t.Errorf("joined 2020: %+v", got)
	}
	in.FirstJoined = mp("2025-07")
	if got, _ := p.Pension(in); got.MinimumApplied {
		t.Errorf("joined 2025-07: %+v", got)
	}
}

func TestPensionErrors(t *testing.T) {
	p := Default()
	tests := []struct {
		in    PensionInput
		field string
	}{
		{PensionInput{Sex: Male, RetireMonth: mp("2017-12"), Service: YearsMonths{20, 0}, AverageWage: 1}, "retire_month"},
		{PensionInput{RetireMonth: mp("2026-01"), Service: YearsMonths{20, 0}, AverageWage: 1}, "sex"},
		{PensionInput{Sex: Male, RetireMonth: mp("2026-01"), Service: YearsMonths{20, 12}, AverageWage: 1}, "service"},
		{PensionInput{Sex: Male, RetireMonth: mp("2026-01"), Service: YearsMonths{-1, 0}, AverageWage: 1}, "service"},
		{PensionInput{Sex: Male, RetireMonth: mp("2026-01"), Service: YearsMonths{20, 0}}, "average_wage"},
	}
	for _, tt := range tests {
		if _, err := p.Pension(tt.in); fieldOf(err) != tt.field {
			t.Errorf("%+v: got %v, want an error on %s", tt.in, err, tt.field)
		}
	}
}

func TestHalfYears(t *testing.T) {
	for n, want := range map[int]int{0: 0, 1: 1, 6: 1, 7: 2, 11: 2, 12: 2, 13: 3, 18: 3, 19: 4, 179: 30, 180: 30} {
		if got := halfYears(n); got != want {
			t.Errorf("halfYears(%d) = %d, want %d", n, got, want)
		}
	}
}
