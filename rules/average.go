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
	WageState                     // wage on the state pay scale (thang bảng lương nhà nước) of compulsory SI
)

// ParseWageKind reads "contract", "voluntary" or "state".
func ParseWageKind(s string) (WageKind, error) {
	switch s {
	case "contract":
		return WageContract, nil
	case "voluntary":
		return WageVoluntary, nil
	case "state":
		return WageState, nil
	}
	return 0, invalid("kind", "loại tiền lương phải là contract, voluntary hoặc state: "+quote(s), "wage kind must be contract, voluntary or state: "+quote(s))
}

// String writes "contract", "voluntary" or "state".
func (k WageKind) String() string {
	switch k {
	case WageVoluntary:
		return "voluntary"
	case WageState:
		return "state"
	}
	return "contract"
}

// WagePeriod is a run of months with one monthly wage (or chosen income).
type WagePeriod struct {
	From, To ansinh.Period // inclusive
	Kind     WageKind      // contract, voluntary or state pay scale
	Wage     int64         // monthly wage or chosen income, đồng
}

// AverageWage is the average salary a pension or withdrawal is computed on.
type AverageWage struct {
	Settlement    ansinh.Period `json:"settlement_month"` // month the benefit is settled
	Months        int           `json:"months"`           // months averaged over (the whole career)
	Average       int64         `json:"average"`          // revalued total ÷ months, rounded half-up
	RevaluedTotal int64         `json:"revalued_total"`   // sum of the revalued monthly wages (state-scale months: their average × their number)
	// State is the state pay-scale part of the average, when the career
	// has state-scale months (L2024 art. 72); nil otherwise.
	State *StateAverage `json:"state,omitempty"`
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
// divided by its months, rounded half-up. Periods may not overlap. A career
// with state pay-scale periods is averaged by AverageWageJoined, the first
// period's month taken as the month the person joined SI.
func (p *Params) AverageWage(settlement ansinh.Period, periods []WagePeriod) (AverageWage, error) {
	return p.AverageWageJoined(settlement, 0, periods)
}

// revalueCPI adds to out and e the periods of kinds other than state,
// each month revalued by its year's coefficient in the settlement year's
// table.
func (p *Params) revalueCPI(out *AverageWage, e *explainer, periods []WagePeriod) error {
	for i, wp := range periods {
		if wp.Kind == WageState {
			continue
		}
		for y := wp.From.Year(); y <= wp.To.Year(); y++ {
			from, to := max(wp.From, ansinh.NewPeriod(y, 1)), min(wp.To, ansinh.NewPeriod(y, 12))
			n := int(to-from) + 1
			v, err := p.revaluation(y, out.Settlement)
			if err != nil {
				return err
			}
			monthly := v.Micro().Of(wp.Wage)
			sub := monthly * int64(n)
			out.Months += n
			out.RevaluedTotal += sub
			e.add(fmt.Sprintf("periods[%d].%d", i, y), sub,
				fmt.Sprintf("%d tháng (%s–%s) × %s × hệ số %s của năm %d (bảng quyết toán năm %d) = %s/tháng, làm tròn nửa lên", n, from, to, dong(wp.Wage), v.Micro(), y, out.Settlement.Year(), dong(monthly)),
				fmt.Sprintf("%d months (%s to %s) × %d × coefficient %s of %d (settlement-year %d table) = %d a month, rounded half-up", n, from, to, wp.Wage, v.Micro(), y, out.Settlement.Year(), monthly),
				v)
		}
	}
	return nil
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
		case wp.Kind > WageState:
			return invalid(f("kind"), "loại tiền lương phải là contract, voluntary hoặc state", "wage kind must be contract, voluntary or state")
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
