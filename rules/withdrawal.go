package rules

import (
	"fmt"

	"ansinh"
)

// WithdrawalInput is a one-time SI withdrawal to compute.
type WithdrawalInput struct {
	Settlement        ansinh.Period // month the withdrawal is settled: its parameters apply
	Before2014        YearsMonths   // contribution time before 2014
	From2014          YearsMonths   // contribution time from 2014
	AverageWage       int64         // average salary, already revalued
	ContributionsPaid int64         // contributions paid, needed only for less than a year of service
}

// Withdrawal is a computed one-time SI payment.
type Withdrawal struct {
	Settlement   ansinh.Period `json:"settlement_month"` // month settled
	MonthsOfWage Micro         `json:"months_of_wage"`   // months of average salary paid (0 under a year)
	Amount       int64         `json:"amount"`           // the payment, đồng
	Explained
}

// Withdrawal computes a one-time SI payment (L2014 art. 60; L2024 art. 70):
// 1.5 months of average salary per year before 2014 and 2 months per year
// from 2014, the odd months before 2014 carried into the later period and the
// later period's odd months counted ½ year (1–6) or a year (7–11); with less
// than a year in all, the contributions paid, at most 2 months of average
// salary. Whether the person may withdraw (L2024 art. 70 conditions) is the
// caller's concern.
func (p *Params) Withdrawal(in WithdrawalInput) (Withdrawal, error) {
	if err := in.check(); err != nil {
		return Withdrawal{}, err
	}
	var vs struct{ before, from, under, law *Version }
	for _, x := range []struct {
		dst  **Version
		name string
	}{{&vs.before, pWithdrawBefore}, {&vs.from, pWithdrawFrom}, {&vs.under, pWithdrawUnder1y}, {&vs.law, pLawSI}} {
		var err error
		if *x.dst, err = p.atMonth(x.name, in.Settlement); err != nil {
			return Withdrawal{}, withField(err, "settlement_month")
		}
	}
	out := Withdrawal{Settlement: in.Settlement}
	e := newExplainer()
	before, later := in.Before2014.Total(), in.From2014.Total()
	carried := before % 12
	before, later = before-carried, later+carried
	if before+later < 12 {
		if in.ContributionsPaid <= 0 || in.ContributionsPaid > maxMoney {
			return out, invalid("contributions_paid", "dưới 1 năm đóng: cần số tiền đã đóng (đồng)", "under a year of contributions: the contributions paid (đồng) are needed")
		}
		limit := vs.under.Micro().Of(in.AverageWage)
		out.Amount = min(in.ContributionsPaid, limit)
		e.add("amount", out.Amount,
			fmt.Sprintf("Dưới 1 năm: số tiền đã đóng %s, tối đa %s tháng bình quân (%s)", dong(in.ContributionsPaid), vs.under.Micro(), dong(limit)),
			fmt.Sprintf("Under a year: the contributions paid %d, at most %s months of average salary (%d)", in.ContributionsPaid, vs.under.Micro(), limit),
			vs.law, vs.under)
		out.Explained = e.done()
		return out, nil
	}
	h := halfYears(later)
	out.MonthsOfWage = Micro(vs.before.Value*int64(before/12) + vs.from.Value*int64(h)/2)
	out.Amount = out.MonthsOfWage.Of(in.AverageWage)
	e.add("months_of_wage", out.MonthsOfWage.String(),
		fmt.Sprintf("%s × %d năm trước 2014 + %s × %s năm từ 2014 (%d tháng lẻ trước 2014 được chuyển sang giai đoạn sau; tháng lẻ 1–6 tính ½ năm, 7–11 tính 1 năm)",
			vs.before.Micro(), before/12, vs.from.Micro(), halfYearsText(h), carried),
		fmt.Sprintf("%s × %d years before 2014 + %s × %s years from 2014 (%d odd months before 2014 carried into the later period; odd months 1–6 count ½ year, 7–11 a year)",
			vs.before.Micro(), before/12, vs.from.Micro(), halfYearsText(h), carried),
		vs.law, vs.before, vs.from)
	e.add("amount", out.Amount,
		fmt.Sprintf("%s tháng × mức bình quân %s, làm tròn nửa lên", out.MonthsOfWage, dong(in.AverageWage)),
		fmt.Sprintf("%s months × average salary %d, rounded half-up", out.MonthsOfWage, in.AverageWage))
	out.Explained = e.done()
	return out, nil
}

func (in WithdrawalInput) check() error {
	if in.Settlement.IsZero() {
		return invalid("settlement_month", "thiếu tháng giải quyết", "settlement month missing")
	}
	if err := in.Before2014.check("service_before_2014"); err != nil {
		return err
	}
	if err := in.From2014.check("service_from_2014"); err != nil {
		return err
	}
	if in.Before2014.Total()+in.From2014.Total() == 0 {
		return invalid("service_from_2014", "không có thời gian đóng", "no contribution time")
	}
	if in.AverageWage <= 0 || in.AverageWage > maxMoney {
		return invalid("average_wage", "mức bình quân tiền lương phải là số dương (đồng)", "average wage must be a positive amount in đồng")
	}
	return nil
}
