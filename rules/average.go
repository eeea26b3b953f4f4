package rules

import (
	"cmp"
	"fmt"
	"slices"

	"ansinh"
)

// WageKind says where a period's wage comes from.
type WageKind uint8

// The wage kinds of an average-salary period.
const (
	WageContract  WageKind = iota // employer-set (contract) wage of compulsory SI
	WageVoluntary                 // chosen income of voluntary SI
)

// ParseWageKind reads "contract" or "voluntary".
func ParseWageKind(s string) (WageKind, error) {
	switch s {
	case "contract":
		return WageContract, nil
	case "voluntary":
		return WageVoluntary, nil
	}
	return 0, invalid("kind", "loại tiền lương phải là contract hoặc voluntary: "+quote(s), "wage kind must be contract or voluntary: "+quote(s))
}

// String writes "contract" or "voluntary".
func (k WageKind) String() string {
	if k == WageVoluntary {
		return "voluntary"
	}
	return "contract"
}

// WagePeriod is a run of months with one monthly wage (or chosen income).
type WagePeriod struct {
	From, To ansinh.Period // inclusive
	Kind     WageKind      // contract or voluntary
	Wage     int64         // monthly wage or chosen income, đồng
}

// AverageWage is the average salary a pension or withdrawal is computed on.
type AverageWage struct {
	Settlement    ansinh.Period `json:"settlement_month"` // month the benefit is settled
	Months        int           `json:"months"`           // months averaged over
	Average       int64         `json:"average"`          // revalued total ÷ months, rounded half-up
	RevaluedTotal int64         `json:"revalued_total"`   // sum of the revalued monthly wages
	Explained
}

// voluntaryStart is the first month of voluntary SI (from 2008, the
// revaluation table covers voluntary incomes).
var voluntaryStart = ansinh.NewPeriod(2008, 1)

// maxCareerMonths bounds the months an average is taken over.
const maxCareerMonths = 1200

// AverageWage returns the average salary for a benefit settled in month
// settlement (L2024 arts. 72–73): every month's wage is revalued by the
// coefficient of its calendar year in the table for the settlement year,
// rounded half-up to the đồng; the average is the sum over the whole career
// divided by its months, rounded half-up. Periods may not overlap. State
// pay-scale periods are not handled here.
func (p *Params) AverageWage(settlement ansinh.Period, periods []WagePeriod) (AverageWage, error) {
	if err := checkPeriods(settlement, periods); err != nil {
		return AverageWage{}, err
	}
	out := AverageWage{Settlement: settlement}
	e := newExplainer()
	for i, wp := range periods {
		for y := wp.From.Year(); y <= wp.To.Year(); y++ {
			from, to := max(wp.From, ansinh.NewPeriod(y, 1)), min(wp.To, ansinh.NewPeriod(y, 12))
			n := int(to-from) + 1
			v, err := p.revaluation(y, settlement)
			if err != nil {
				return AverageWage{}, err
			}
			monthly := v.Micro().Of(wp.Wage)
			sub := monthly * int64(n)
			out.Months += n
			out.RevaluedTotal += sub
			e.add(fmt.Sprintf("periods[%d].%d", i, y), sub,
				fmt.Sprintf("%d tháng (%s–%s) × %s × hệ số %s của năm %d (bảng quyết toán năm %d) = %s/tháng, làm tròn nửa lên", n, from, to, dong(wp.Wage), v.Micro(), y, settlement.Year(), dong(monthly)),
				fmt.Sprintf("%d months (%s to %s) × %d × coefficient %s of %d (settlement-year %d table) = %d a month, rounded half-up", n, from, to, wp.Wage, v.Micro(), y, settlement.Year(), monthly),
				v)
		}
	}
	out.Average = ansinh.RoundHalfUp(out.RevaluedTotal, int64(out.Months))
	e.add("revalued_total", out.RevaluedTotal, "Tổng tiền lương đã điều chỉnh của các tháng", "Sum of the revalued monthly wages")
	e.add("average", out.Average,
		fmt.Sprintf("%s ÷ %d tháng, làm tròn nửa lên đến đồng", dong(out.RevaluedTotal), out.Months),
		fmt.Sprintf("%d ÷ %d months, rounded half-up to the đồng", out.RevaluedTotal, out.Months))
	out.Explained = e.done()
	return out, nil
}

// checkPeriods validates the periods of an average.
func checkPeriods(settlement ansinh.Period, periods []WagePeriod) error {
	if settlement.IsZero() {
		return invalid("settlement_month", "thiếu tháng giải quyết", "settlement month missing")
	}
	if len(periods) == 0 {
		return invalid("periods", "cần ít nhất một giai đoạn đóng", "at least one period is needed")
	}
	total := 0
	for i, wp := range periods {
		f := func(name string) string { return fmt.Sprintf("periods[%d].%s", i, name) }
		switch {
		case wp.From.IsZero() || wp.To.IsZero() || wp.To < wp.From:
			return invalid(f("to"), "giai đoạn phải có từ tháng và đến tháng, đến tháng không trước từ tháng", "a period needs from and to months, to not before from")
		case wp.To > settlement:
			return invalid(f("to"), "giai đoạn đóng không được sau tháng giải quyết "+settlement.String(), "a period may not end after the settlement month "+settlement.String())
		case wp.Kind == WageVoluntary && wp.From < voluntaryStart:
			return invalid(f("from"), "BHXH tự nguyện chỉ có từ 01/2008", "voluntary SI exists from 2008-01 only")
		case wp.Kind > WageVoluntary:
			return invalid(f("kind"), "loại tiền lương phải là contract hoặc voluntary", "wage kind must be contract or voluntary")
		case wp.Wage <= 0 || wp.Wage > maxMoney:
			return invalid(f("wage"), "tiền lương phải là số dương (đồng)", "wage must be a positive amount in đồng")
		}
		total += int(wp.To-wp.From) + 1
	}
	if total > maxCareerMonths {
		return invalid("periods", fmt.Sprintf("quá %d tháng đóng", maxCareerMonths), fmt.Sprintf("more than %d months", maxCareerMonths))
	}
	idx := make([]int, len(periods))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(periods[a].From, periods[b].From) })
	for k := 1; k < len(idx); k++ {
		if a, b := periods[idx[k-1]], periods[idx[k]]; b.From <= a.To {
			return invalid(fmt.Sprintf("periods[%d].from", idx[k]), "các giai đoạn đóng chồng lên nhau", "periods overlap")
		}
	}
	return nil
}

// revaluation returns the coefficient of contribution year y in the table of
// the settlement month's year.
func (p *Params) revaluation(y int, settlement ansinh.Period) (*Version, error) {
	name := revaluationParam(y)
	if len(p.series[name]) == 0 {
		return nil, invalid("settlement_month",
			fmt.Sprintf("chưa có hệ số điều chỉnh cho năm đóng %d (tham số %s)", y, name),
			fmt.Sprintf("no revaluation coefficient for contribution year %d (parameter %s)", y, name))
	}
	v, err := p.atMonth(name, settlement)
	return v, withField(err, "settlement_month")
}
