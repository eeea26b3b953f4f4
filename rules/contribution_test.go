package rules

import (
	"math/rand/v2"
	"testing"

	"ansinh"
)

func mp(s string) ansinh.Period { return ansinh.MustParsePeriod(s) }

func TestContributionBoundaries(t *testing.T) {
	p := Default()
	private := func(wage int64, r Region) Worker { return Worker{Wage: wage, Region: r} }
	tests := []struct {
		name                           string
		month                          string
		w                              Worker
		siBase, uiBase, acc, uiER, uiE int64
		flags                          Flags // flags that must be set
	}{
		// SI cap = 20 × base salary: first and last month of each version.
		{"cap 2018-06", "2018-06", private(100e6, RegionI), 26_000_000, 79_600_000, 130_000, 796_000, 796_000, FlagSICapped | FlagUICapped},
		{"cap 2018-07", "2018-07", private(100e6, RegionI), 27_800_000, 79_600_000, 139_000, 796_000, 796_000, FlagSICapped},
		{"cap 2019-06", "2019-06", private(100e6, RegionI), 27_800_000, 83_600_000, 139_000, 836_000, 836_000, FlagSICapped},
		{"cap 2019-07", "2019-07", private(100e6, RegionI), 29_800_000, 83_600_000, 149_000, 836_000, 836_000, FlagSICapped},
		{"cap 2023-06", "2023-06", private(100e6, RegionI), 29_800_000, 93_600_000, 149_000, 936_000, 936_000, FlagSICapped},
		{"cap 2023-07", "2023-07", private(100e6, RegionI), 36_000_000, 93_600_000, 180_000, 936_000, 936_000, FlagSICapped},
		{"cap 2024-06", "2024-06", private(100e6, RegionI), 36_000_000, 93_600_000, 180_000, 936_000, 936_000, FlagSICapped},
		{"cap 2024-07", "2024-07", private(100e6, RegionI), 46_800_000, 99_200_000, 234_000, 992_000, 992_000, FlagSICapped},
		{"cap 2026-06", "2026-06", private(100e6, RegionI), 46_800_000, 100_000_000, 234_000, 1_000_000, 1_000_000, FlagSICapped},
		{"cap 2026-07", "2026-07", private(100e6, RegionI), 50_600_000, 100_000_000, 253_000, 1_000_000, 1_000_000, FlagSICapped},
		{"at the cap", "2026-03", private(46_800_000, RegionI), 46_800_000, 46_800_000, 234_000, 468_000, 468_000, 0},
		{"a đồng above the cap", "2026-03", private(46_800_001, RegionI), 46_800_000, 46_800_001, 234_000, 468_000, 468_000, FlagSICapped},
		// UI cap = 20 × regional minimum wage (contract), 20 × base salary (state).
		{"UI cap region IV 2025-12", "2025-12", private(69_000_001, RegionIV), 46_800_000, 69_000_000, 234_000, 690_000, 690_000, FlagUICapped},
		{"UI cap region I 2025-12", "2025-12", private(200e6, RegionI), 46_800_000, 99_200_000, 234_000, 992_000, 992_000, FlagUICapped},
		{"UI cap region I 2026-01", "2026-01", private(200e6, RegionI), 46_800_000, 106_200_000, 234_000, 1_062_000, 1_062_000, FlagUICapped},
		{"UI cap state 2025-12", "2025-12", Worker{Wage: 200e6, Region: RegionI, PayScale: PayState}, 46_800_000, 46_800_000, 234_000, 468_000, 468_000, FlagUICapped},
		{"UI cap state 2026-01 (U)", "2026-01", Worker{Wage: 200e6, Region: RegionI, PayScale: PayState}, 46_800_000, 46_800_000, 234_000, 468_000, 468_000, FlagUICapped | FlagUnconfirmed},
		{"UI cap state 2026-07", "2026-07", Worker{Wage: 200e6, Region: RegionI, PayScale: PayState}, 50_600_000, 50_600_000, 253_000, 506_000, 506_000, FlagUICapped},
		// L2014 floor = regional minimum wage, first and last month of each version.
		{"floor 2018-01", "2018-01", private(1e6, RegionIV), 2_760_000, 2_760_000, 13_800, 27_600, 27_600, FlagFloorRaised | FlagBelowMinWage},
		{"floor 2018-12", "2018-12", private(1e6, RegionIV), 2_760_000, 2_760_000, 13_800, 27_600, 27_600, FlagFloorRaised},
		{"floor 2019-01", "2019-01", private(1e6, RegionIV), 2_920_000, 2_920_000, 14_600, 29_200, 29_200, FlagFloorRaised},
		{"floor 2019-12", "2019-12", private(1e6, RegionIV), 2_920_000, 2_920_000, 14_600, 29_200, 29_200, FlagFloorRaised},
		{"floor 2020-01", "2020-01", private(1e6, RegionIV), 3_070_000, 3_070_000, 15_350, 30_700, 30_700, FlagFloorRaised},
		{"floor 2022-06", "2022-06", private(1e6, RegionIV), 3_070_000, 3_070_000, 0, 0, 30_700, FlagFloorRaised},
		{"floor 2022-07", "2022-07", private(1e6, RegionIV), 3_250_000, 3_250_000, 16_250, 0, 32_500, FlagFloorRaised},
		{"floor 2024-06", "2024-06", private(1e6, RegionIV), 3_250_000, 3_250_000, 16_250, 32_500, 32_500, FlagFloorRaised},
		{"floor 2024-07", "2024-07", private(1e6, RegionIV), 3_450_000, 3_450_000, 17_250, 34_500, 34_500, FlagFloorRaised},
		{"floor last L2014 month", "2025-06", private(1e6, RegionIV), 3_450_000, 3_450_000, 17_250, 34_500, 34_500, FlagFloorRaised},
		// L2024 floor = reference level.
		{"floor first L2024 month", "2025-07", private(1e6, RegionIV), 2_340_000, 2_340_000, 11_700, 23_400, 23_400, FlagFloorRaised | FlagBelowMinWage},
		{"floor 2026-06", "2026-06", private(1e6, RegionI), 2_340_000, 2_340_000, 11_700, 23_400, 23_400, FlagFloorRaised},
		{"floor 2026-07", "2026-07", private(1e6, RegionI), 2_530_000, 2_530_000, 12_650, 25_300, 25_300, FlagFloorRaised},
		{"L2024 wage between floor and minimum wage", "2026-03", private(3_000_000, RegionIV), 3_000_000, 3_000_000, 15_000, 30_000, 30_000, FlagBelowMinWage},
		// +7% for trained jobs until 2022-06 (Decree 157/2018 figures).
		{"trained region I 2019", "2019-05", Worker{Wage: 1e6, Region: RegionI, Trained: true}, 4_472_600, 4_472_600, 22_363, 44_726, 44_726, FlagFloorRaised},
		{"trained region II 2019", "2019-05", Worker{Wage: 1e6, Region: RegionII, Trained: true}, 3_969_700, 3_969_700, 19_849, 39_697, 39_697, FlagFloorRaised},
		{"trained region III 2019", "2019-05", Worker{Wage: 1e6, Region: RegionIII, Trained: true}, 3_477_500, 3_477_500, 17_388, 34_775, 34_775, FlagFloorRaised},
		{"trained region IV 2019", "2019-05", Worker{Wage: 1e6, Region: RegionIV, Trained: true}, 3_124_400, 3_124_400, 15_622, 31_244, 31_244, FlagFloorRaised},
		{"trained, last month", "2022-06", Worker{Wage: 1e6, Region: RegionI, Trained: true}, 4_729_400, 4_729_400, 0, 0, 47_294, FlagFloorRaised},
		{"trained, uplift gone", "2022-07", Worker{Wage: 1e6, Region: RegionI, Trained: true}, 4_680_000, 4_680_000, 23_400, 0, 46_800, FlagFloorRaised},
		// Employer UI 0% from 2021-10 to 2022-09, except state employers.
		{"UI relief: month before", "2021-09", private(10e6, RegionI), 10e6, 10e6, 0, 100_000, 100_000, 0},
		{"UI relief: first month", "2021-10", private(10e6, RegionI), 10e6, 10e6, 0, 0, 100_000, 0},
		{"UI relief: last month", "2022-09", private(10e6, RegionI), 10e6, 10e6, 50_000, 0, 100_000, 0},
		{"UI relief: month after", "2022-10", private(10e6, RegionI), 10e6, 10e6, 50_000, 100_000, 100_000, 0},
		{"UI relief: state first month", "2021-10", Worker{Wage: 10e6, Region: RegionI, EmployerKind: EmployerState}, 10e6, 10e6, 0, 100_000, 100_000, 0},
		{"UI relief: state last month", "2022-09", Worker{Wage: 10e6, Region: RegionI, EmployerKind: EmployerState}, 10e6, 10e6, 50_000, 100_000, 100_000, 0},
		{"UI relief: SOE is not state", "2022-01", Worker{Wage: 10e6, Region: RegionI, EmployerKind: EmployerSOE}, 10e6, 10e6, 0, 0, 100_000, 0},
		// Accident fund 0% from 2021-07 to 2022-06 (unconfirmed); reduced 0.3%.
		{"accident: month before", "2021-06", private(10e6, RegionI), 10e6, 10e6, 50_000, 100_000, 100_000, 0},
		{"accident: first 0% month", "2021-07", private(10e6, RegionI), 10e6, 10e6, 0, 100_000, 100_000, FlagUnconfirmed},
		{"accident: last 0% month", "2022-06", private(10e6, RegionI), 10e6, 10e6, 0, 0, 100_000, FlagUnconfirmed},
		{"accident: month after", "2022-07", private(10e6, RegionI), 10e6, 10e6, 50_000, 0, 100_000, 0},
		{"reduced: first month", "2020-08", Worker{Wage: 10e6, Region: RegionI, ReducedAccident: true}, 10e6, 10e6, 30_000, 100_000, 100_000, 0},
		{"reduced: 0% window", "2021-07", Worker{Wage: 10e6, Region: RegionI, ReducedAccident: true}, 10e6, 10e6, 0, 100_000, 100_000, FlagUnconfirmed},
		{"reduced: after the window", "2022-07", Worker{Wage: 10e6, Region: RegionI, ReducedAccident: true}, 10e6, 10e6, 30_000, 0, 100_000, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := p.Contribution(ContributionInput{Month: mp(tt.month), Worker: tt.w})
			if err != nil {
				t.Fatal(err)
			}
			a := c.Amounts
			if a.SIBase != tt.siBase || a.UIBase != tt.uiBase || a.HIBase != a.SIBase || a.Employer.Accident != tt.acc || a.Employer.UI != tt.uiER || a.Employee.UI != tt.uiE {
				t.Errorf("got si %d ui %d hi %d acc %d uiER %d uiE %d; want si %d ui %d acc %d uiER %d uiE %d",
					a.SIBase, a.UIBase, a.HIBase, a.Employer.Accident, a.Employer.UI, a.Employee.UI, tt.siBase, tt.uiBase, tt.acc, tt.uiER, tt.uiE)
			}
			if a.Flags&tt.flags != tt.flags {
				t.Errorf("flags %05b, want %05b set", a.Flags, tt.flags)
			}
			if (a.Flags&FlagUnconfirmed != 0) != hasWarning(c.Explained, WarnUnconfirmed) {
				t.Errorf("flag %v but warnings %v", a.Flags&FlagUnconfirmed != 0, c.Warnings)
			}
			if (a.Flags&FlagFloorRaised != 0) != hasWarning(c.Explained, WarnFloorRaised) {
				t.Errorf("floor flag and warning disagree: %v", c.Warnings)
			}
			checkTotals(t, a)
		})
	}
}

func hasWarning(e Explained, code string) bool {
	for _, w := range e.Warnings {
		if w.Code == code {
			return true
		}
	}
	return false
}

func checkTotals(t *testing.T, a Amounts) {
	t.Helper()
	e, w := a.Employer, a.Employee
	if e.Total != e.Retirement+e.Sickness+e.Accident+e.UI+e.HI || w.Total != w.Retirement+w.UI+w.HI || a.Total != e.Total+w.Total {
		t.Errorf("totals are not sums of the rounded amounts: %+v", a)
	}
}

// TestContributionReducedRateVector is the research vector: 17.3% employer
// SI on the 2026-07 cap with the reduced accident rate.
func TestContributionReducedRateVector(t *testing.T) {
	for wage, want := range map[int64]int64{60_000_000: 8_753_800, 20_000_000: 3_460_000} {
		c, err := Default().Contribution(ContributionInput{Month: mp("2026-07"), Worker: Worker{Wage: wage, Region: RegionI, ReducedAccident: true}})
		if err != nil {
			t.Fatal(err)
		}
		if got := c.Employer.Retirement + c.Employer.Sickness + c.Employer.Accident; got != want {
			t.Errorf("wage %d: employer SI %d, want %d", wage, got, want)
		}
	}
}

func TestContributionErrors(t *testing.T) {
	p := Default()
	tests := []struct {
		name  string
		in    ContributionInput
		field string
	}{
		{"before the minimum wage table", ContributionInput{Month: mp("2017-12"), Worker: Worker{Wage: 5e6, Region: RegionI}}, "month"},
		{"zero wage", ContributionInput{Month: mp("2026-03"), Worker: Worker{Wage: 0, Region: RegionI}}, "wage"},
		{"no region", ContributionInput{Month: mp("2026-03"), Worker: Worker{Wage: 5e6}}, "region"},
		{"bad pay scale", ContributionInput{Month: mp("2026-03"), Worker: Worker{Wage: 5e6, Region: RegionI, PayScale: 9}}, "pay_scale"},
		{"bad kind", ContributionInput{Month: mp("2026-03"), Worker: Worker{Wage: 5e6, Region: RegionI, EmployerKind: 9}}, "employer_kind"},
		{"reduced before its first month", ContributionInput{Month: mp("2020-07"), Worker: Worker{Wage: 5e6, Region: RegionI, ReducedAccident: true}}, "accident_rate_reduced"},
	}
	for _, tt := range tests {
		if _, err := p.Contribution(tt.in); fieldOf(err) != tt.field {
			t.Errorf("%s: got %v, want an error on %s", tt.name, err, tt.field)
		}
	}
}

func fieldOf(err error) string {
	if e, ok := err.(*ansinh.Error); ok {
		return e.Field
	}
	return "<" + ansinh.ErrorCode(err) + ">"
}

// TestAssessAgreesWithContribution checks that the hot path and the
// explained path give the same figures over many worker-months.
func TestAssessAgreesWithContribution(t *testing.T) {
	p := Default()
	rng := rand.New(rand.NewPCG(1, 2))
	cache := map[ansinh.Period]ContributionRules{}
	for i := 0; i < 20_000; i++ {
		m := mp("2018-01").Add(rng.IntN(120))
		w := Worker{
			Wage: 1 + rng.Int64N(150_000_000), Region: Region(1 + rng.IntN(4)), PayScale: PayScale(rng.IntN(2)),
			EmployerKind: EmployerKind(rng.IntN(6)), ReducedAccident: m >= mp("2020-08") && rng.IntN(4) == 0, Trained: rng.IntN(2) == 0,
		}
		r, ok := cache[m]
		if !ok {
			var err error
			if r, err = p.ContributionRules(m); err != nil {
				t.Fatal(err)
			}
			cache[m] = r
		}
		fast, err1 := r.Assess(w)
		slow, err2 := p.Contribution(ContributionInput{Month: m, Worker: w})
		if err1 != nil || err2 != nil {
			t.Fatalf("%s %+v: %v / %v", m, w, err1, err2)
		}
		if fast != slow.Amounts {
			t.Fatalf("%s %+v:\nAssess       %+v\nContribution %+v", m, w, fast, slow.Amounts)
		}
		checkTotals(t, fast)
	}
}

func TestAssessAllocatesNothing(t *testing.T) {
	r, err := Default().ContributionRules(mp("2026-03"))
	if err != nil {
		t.Fatal(err)
	}
	w := Worker{Wage: 17_777_779, Region: RegionII, EmployerKind: EmployerFDI}
	if n := testing.AllocsPerRun(1000, func() {
		w.Wage++
		if _, err := r.Assess(w); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("Assess allocates %v times", n)
	}
	w.Wage = -1
	if n := testing.AllocsPerRun(100, func() { _, _ = r.Assess(w) }); n != 0 {
		t.Errorf("a refused worker-month allocates %v times", n)
	}
}

func TestContributionRulesLookups(t *testing.T) {
	p := Default()
	r, err := p.ContributionRules(mp("2025-07"))
	if err != nil {
		t.Fatal(err)
	}
	if r.SILaw != 2024 || r.EmploymentLaw != 2013 || r.UnpaidDaysLimit != 14 || !r.HasReducedAccident {
		t.Errorf("2025-07 rules: %+v", r)
	}
	if r, _ := p.ContributionRules(mp("2025-06")); r.SILaw != 2014 || r.UnpaidDaysLimit != 0 {
		t.Errorf("2025-06: law %d, unpaid days %d", r.SILaw, r.UnpaidDaysLimit)
	}
	if r, _ := p.ContributionRules(mp("2019-01")); r.HasReducedAccident {
		t.Error("reduced accident rate in 2019")
	}
}

func TestLookups(t *testing.T) {
	p := Default()
	if v, err := p.MinimumWage(RegionIII, mp("2026-01")); err != nil || v != 4_140_000 {
		t.Errorf("minimum wage: %d %v", v, err)
	}
	if _, err := p.MinimumWage(0, mp("2026-01")); err == nil {
		t.Error("region 0 accepted")
	}
	if v, _ := p.BaseSalary(mp("2026-07")); v != 2_530_000 {
		t.Errorf("base salary %d", v)
	}
	if v, _ := p.ReferenceLevel(mp("2026-06")); v != 2_340_000 {
		t.Errorf("reference level %d", v)
	}
	if v, _ := p.RuralPovertyLine(mp("2021-12")); v != 700_000 {
		t.Errorf("poverty line %d", v)
	}
	if _, err := p.BaseSalary(mp("2016-04")); fieldOf(err) != "month" {
		t.Errorf("before the table: %v", err)
	}
	s, c, _ := p.VoluntarySupportShare(NewCategories(CategoryEthnicMinority, CategoryNearPoor), mp("2026-03"))
	if s != 400_000 || c != CategoryNearPoor {
		t.Errorf("support %d %s", s, c)
	}
	if s, c, _ := p.VoluntarySupportShare(0, mp("2025-06")); s != 100_000 || c != CategoryOther {
		t.Errorf("no category: %d %s", s, c)
	}
}
