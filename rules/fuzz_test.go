package rules

import (
	"encoding/json"
	"testing"

	"ansinh"
)

// checkResult fails when a calculator returned an uncoded error, or a result
// with a negative number anywhere in it.
func checkResult(t *testing.T, res any, err error) bool {
	t.Helper()
	if err != nil {
		if ansinh.ErrorCode(err) != ansinh.EINVALID {
			t.Fatalf("uncoded error: %v", err)
		}
		return false
	}
	raw, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	walkNumbers(v, func(path string, n float64) {
		if n < 0 {
			t.Fatalf("negative %s = %v in %s", path, n, raw)
		}
	})
	return true
}

func walkNumbers(v any, f func(string, float64)) {
	var walk func(string, any)
	walk = func(path string, v any) {
		switch x := v.(type) {
		case float64:
			f(path, x)
		case map[string]any:
			for k, y := range x {
				walk(path+"."+k, y)
			}
		case []any:
			for _, y := range x {
				walk(path+"[]", y)
			}
		}
	}
	walk("", v)
}

func FuzzContribution(f *testing.F) {
	f.Add(uint16(134), int64(20_000_000), uint8(1), uint8(0), uint8(0), false, false)
	f.Add(uint16(78), int64(1), uint8(4), uint8(1), uint8(1), true, true)
	f.Add(uint16(0), int64(-5), uint8(5), uint8(2), uint8(9), true, false)
	f.Add(uint16(200), int64(9_223_372_036_854_775_807), uint8(2), uint8(1), uint8(5), false, true)
	p := Default()
	f.Fuzz(func(t *testing.T, month uint16, wage int64, region, scale, kind uint8, reduced, trained bool) {
		in := ContributionInput{Month: ansinh.NewPeriod(2015, 1).Add(int(month % 300)), Worker: Worker{
			Wage: wage, Region: Region(region % 6), PayScale: PayScale(scale % 3), EmployerKind: EmployerKind(kind % 8),
			ReducedAccident: reduced, Trained: trained,
		}}
		c, err := p.Contribution(in)
		if !checkResult(t, c, err) {
			return
		}
		r, err := p.ContributionRules(in.Month)
		if err != nil {
			t.Fatal(err)
		}
		a, err := r.Assess(in.Worker)
		if err != nil || a != c.Amounts {
			t.Fatalf("Assess %+v %v, Contribution %+v", a, err, c.Amounts)
		}
		if a.SIBase > r.SICap || a.HIBase != a.SIBase || a.UIBase > max(r.UICapContract[in.Region], r.UICapState) || a.SIBase <= 0 {
			t.Fatalf("bases out of bounds: %+v", a)
		}
		checkTotals(t, a)
	})
}

func FuzzVoluntary(f *testing.F) {
	f.Add(uint16(134), int64(1_500_000), uint8(2), int8(1), int64(0))
	f.Add(uint16(90), int64(46_800_000), uint8(31), int8(12), int64(1_000_000))
	f.Add(uint16(40), int64(-1), uint8(0), int8(-3), int64(-1))
	p := Default()
	f.Fuzz(func(t *testing.T, month uint16, income int64, cats uint8, months int8, share int64) {
		in := VoluntaryInput{Month: ansinh.NewPeriod(2015, 1).Add(int(month % 300)), Income: income, Categories: Categories(cats), Months: int(months)}
		if share != 0 {
			s := Micro(share)
			in.ProvinceShare = &s
		}
		v, err := p.Voluntary(in)
		if checkResult(t, v, err) && v.PayablePerMonth+v.StateSupportPerMonth+v.ProvinceSupportPerMonth < v.ContributionPerMonth {
			t.Fatalf("support and payable do not cover the contribution: %+v", v)
		}
	})
}

func FuzzPension(f *testing.F) {
	f.Add(uint8(1), uint16(132), int8(25), int8(6), int64(10_000_000), uint16(0))
	f.Add(uint8(2), uint16(60), int8(14), int8(11), int64(1), uint16(10))
	f.Add(uint8(0), uint16(0), int8(-1), int8(12), int64(-1), uint16(300))
	p := Default()
	f.Fuzz(func(t *testing.T, sex uint8, month uint16, years, months int8, avg int64, joined uint16) {
		in := PensionInput{Sex: Sex(sex % 3), RetireMonth: ansinh.NewPeriod(2015, 1).Add(int(month % 400)), Service: YearsMonths{int(years), int(months)}, AverageWage: avg}
		if joined != 0 {
			in.FirstJoined = ansinh.NewPeriod(1980, 1).Add(int(joined))
		}
		res, err := p.Pension(in)
		if checkResult(t, res, err) && res.Rate > One {
			t.Fatalf("rate %s", res.Rate)
		}
	})
}

func FuzzLateInterest(f *testing.F) {
	f.Add(int64(10_000_000), int32(20_484), int32(59))
	f.Add(int64(1), int32(0), int32(-5))
	f.Add(int64(1_000_000_000_000_000), int32(16_000), int32(40_000))
	p := Default()
	f.Fuzz(func(t *testing.T, amount int64, due, days int32) {
		d := ansinh.Date(1 + int64(uint32(due)%80_000))
		paid := d.AddDays(int(days % 100_000))
		if paid <= 0 {
			paid = 1
		}
		res, err := p.LateInterest(amount, d, paid)
		checkResult(t, res, err)
		if dl, err := p.Deadline(d.Period()); err == nil {
			if _, err := p.EvasionFrom(d.Period()); err != nil && ansinh.ErrorCode(err) != ansinh.EINVALID {
				t.Fatal(err)
			}
			if dl < d.Period().Last() {
				t.Fatalf("deadline %s before the month's end", dl)
			}
		}
	})
}

// FuzzBenefits covers the other calculators with one input.
func FuzzBenefits(f *testing.F) {
	f.Add(uint16(134), int64(9_000_000), int16(50), uint8(1), uint8(0), int16(-3000), uint8(1))
	f.Add(uint16(0), int64(-1), int16(-1), uint8(9), uint8(3), int16(2000), uint8(0))
	p := Default()
	f.Fuzz(func(t *testing.T, month uint16, amount int64, n int16, region, scale uint8, birth int16, sex uint8) {
		m := ansinh.NewPeriod(2015, 1).Add(int(month % 300))
		ui, err := p.UIBenefit(UIBenefitInput{TerminationMonth: m, AverageWage6m: amount, MonthsContributed: int(n), Region: Region(region % 6), PayScale: PayScale(scale % 3)})
		checkResult(t, ui, err)
		w, err := p.Withdrawal(WithdrawalInput{Settlement: m, Before2014: SplitMonths(int(n) / 3), From2014: YearsMonths{int(n) % 50, int(region) % 13}, AverageWage: amount, ContributionsPaid: amount / 3})
		checkResult(t, w, err)
		from := m.Add(-int(uint16(n) % 600))
		avg, err := p.AverageWage(m, []WagePeriod{{From: from, To: from.Add(int(region)), Kind: WageKind(scale % 3), Wage: amount}})
		checkResult(t, avg, err)
		ra, err := p.RetirementAge(ansinh.NewDate(1960, 1, 1).AddDays(int(birth)*3), Sex(sex%3))
		checkResult(t, ra, err)
		sp, err := p.SocialPension(SocialPensionInput{Month: m, BirthDate: ansinh.NewDate(1950, 1, 1).AddDays(int(birth)), PoorOrNearPoor: sex%2 == 0})
		checkResult(t, sp, err)
	})
}
