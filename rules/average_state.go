package rules

import (
	"cmp"
	"fmt"
	"slices"

	"ansinh"
)

// StateAverage is the state pay-scale part of an average salary (L2014
// art. 62, L2024 art. 72): the average of the last years on the state
// scale, as many years as the month the person joined SI sets, each month
// revalued as L2014 art. 63 / L2024 art. 73 say.
type StateAverage struct {
	Joined        ansinh.Period `json:"joined"`         // first month of SI: it sets the years and the revaluation
	Years         int           `json:"years"`          // years averaged; 0: the whole time on the state scale
	StateMonths   int           `json:"state_months"`   // every month on the state scale
	Months        int           `json:"months"`         // the last state-scale months averaged
	ByBaseSalary  bool          `json:"by_base_salary"` // revalued to the base salary of the settlement month (else by the CPI table)
	RevaluedTotal int64         `json:"revalued_total"` // sum of the revalued wages of the months averaged
	Average       int64         `json:"average"`        // RevaluedTotal ÷ Months, rounded half-up
}

// AverageWageJoined returns the average salary of a benefit settled in
// month settlement for a person who joined SI in month joined (zero: the
// first period's month; never after it).
//
// Contract and voluntary months are revalued one by one by the settlement
// year's table (see AverageWage). State pay-scale months are averaged apart
// (StateAverage): the last N×12 months on the state scale, N by the month
// of joining (parameter average.state_years: 5 years before 1995, 6 for
// 1995–2000, 8 for 2001–2006, 10 for 2007–2015, 15 for 2016–2019, 20 for
// 2020–2024, the whole time from 2025), each month revalued to the base
// salary of the settlement month (wage × base salary of the settlement
// month ÷ base salary of the month, rounded half-up) for people who joined
// before 2016, by the CPI table otherwise (average.state_by_base_salary).
// A mixed career takes the combined average: (revalued contract and
// voluntary wages + the state average × every state-scale month) ÷ all
// months, rounded half-up; a career only on the state scale gives the state
// average itself.
func (p *Params) AverageWageJoined(settlement, joined ansinh.Period, periods []WagePeriod) (AverageWage, error) {
	if err := checkPeriods(settlement, periods); err != nil {
		return AverageWage{}, err
	}
	first := slices.MinFunc(periods, func(a, b WagePeriod) int { return cmp.Compare(a.From, b.From) }).From
	switch {
	case joined.IsZero():
		joined = first
	case joined > first:
		return AverageWage{}, invalid("first_joined", "tháng bắt đầu tham gia BHXH không được sau giai đoạn đóng đầu tiên "+first.String(),
			"the first month of SI may not be after the first period "+first.String())
	}
	out := AverageWage{Settlement: settlement}
	e := newExplainer()
	if err := p.revalueCPI(&out, e, periods); err != nil {
		return AverageWage{}, err
	}
	totalVI, totalEN := "Tổng tiền lương đã điều chỉnh của các tháng", "Sum of the revalued monthly wages"
	if slices.ContainsFunc(periods, func(wp WagePeriod) bool { return wp.Kind == WageState }) {
		st, err := p.stateAverage(settlement, joined, periods, e)
		if err != nil {
			return AverageWage{}, err
		}
		out.State = &st
		out.Months += st.StateMonths
		out.RevaluedTotal += st.Average * int64(st.StateMonths)
		totalVI += fmt.Sprintf("; %d tháng theo thang lương nhà nước tính bằng bình quân của phần này %s × %d tháng (bình quân chung, Luật BHXH 2024 Điều 72)", st.StateMonths, dong(st.Average), st.StateMonths)
		totalEN += fmt.Sprintf("; the %d state pay-scale months count as their average %d × %d months (combined average, L2024 art. 72)", st.StateMonths, st.Average, st.StateMonths)
	}
	out.Average = ansinh.RoundHalfUp(out.RevaluedTotal, int64(out.Months))
	e.add("revalued_total", out.RevaluedTotal, totalVI, totalEN)
	e.add("average", out.Average,
		fmt.Sprintf("%s ÷ %d tháng, làm tròn nửa lên đến đồng", dong(out.RevaluedTotal), out.Months),
		fmt.Sprintf("%d ÷ %d months, rounded half-up to the đồng", out.RevaluedTotal, out.Months))
	out.Explained = e.done()
	return out, nil
}

// stateSlice is the part of a state pay-scale period inside the months
// averaged.
type stateSlice struct {
	index    int // the period's index in the input
	from, to ansinh.Period
	wage     int64
}

// stateAverage averages the last state pay-scale months (see
// AverageWageJoined), adding its explanations to e.
func (p *Params) stateAverage(settlement, joined ansinh.Period, periods []WagePeriod, e *explainer) (StateAverage, error) {
	yv, err := p.at(pStateYears, joined.First())
	if err != nil {
		return StateAverage{}, withField(err, "first_joined")
	}
	bv, err := p.at(pStateByBase, joined.First())
	if err != nil {
		return StateAverage{}, withField(err, "first_joined")
	}
	st := StateAverage{Joined: joined, Years: int(yv.Value), ByBaseSalary: bv.Value == 1}
	parts := lastStateMonths(periods, &st)
	yearsVI, yearsEN := "toàn bộ thời gian", "the whole time"
	if st.Years > 0 {
		yearsVI, yearsEN = fmt.Sprintf("%d năm cuối (%d tháng)", st.Years, st.Years*12), fmt.Sprintf("the last %d years (%d months)", st.Years, st.Years*12)
	}
	e.add("state.months", st.Months,
		fmt.Sprintf("Tham gia BHXH từ %s: bình quân tiền lương theo thang lương nhà nước của %s đóng theo thang lương nhà nước; có %d tháng, lấy %d tháng cuối", joined, yearsVI, st.StateMonths, st.Months),
		fmt.Sprintf("Joined SI in %s: average of the state pay-scale wages over %s on the state scale; %d such months, the last %d taken", joined, yearsEN, st.StateMonths, st.Months),
		yv)
	for _, sl := range parts {
		var sub int64
		if st.ByBaseSalary {
			sub, err = p.revalueToBase(settlement, sl, bv, e)
		} else {
			sub, err = p.revalueStateCPI(settlement, sl, bv, e)
		}
		if err != nil {
			return StateAverage{}, err
		}
		st.RevaluedTotal += sub
	}
	st.Average = ansinh.RoundHalfUp(st.RevaluedTotal, int64(st.Months))
	e.add("state.average", st.Average,
		fmt.Sprintf("Bình quân theo thang lương nhà nước: %s ÷ %d tháng, làm tròn nửa lên đến đồng", dong(st.RevaluedTotal), st.Months),
		fmt.Sprintf("State pay-scale average: %d ÷ %d months, rounded half-up to the đồng", st.RevaluedTotal, st.Months),
		yv)
	return st, nil
}

// lastStateMonths counts the state pay-scale months into st and returns
// the last of them that are averaged, latest first.
func lastStateMonths(periods []WagePeriod, st *StateAverage) []stateSlice {
	var idx []int
	for i, wp := range periods {
		if wp.Kind == WageState {
			idx = append(idx, i)
			st.StateMonths += int(wp.To-wp.From) + 1
		}
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(periods[b].From, periods[a].From) })
	st.Months = st.StateMonths
	if st.Years > 0 {
		st.Months = min(st.Months, st.Years*12)
	}
	var out []stateSlice
	left := st.Months
	for _, i := range idx {
		if left == 0 {
			break
		}
		wp := periods[i]
		from := max(wp.From, wp.To-ansinh.Period(left-1))
		out = append(out, stateSlice{index: i, from: from, to: wp.To, wage: wp.Wage})
		left -= int(wp.To-from) + 1
	}
	return out
}

// revalueToBase revalues a slice's months to the base salary of the
// settlement month: wage × that base salary ÷ the month's, rounded half-up,
// one explanation per base salary in force.
func (p *Params) revalueToBase(settlement ansinh.Period, sl stateSlice, rule *Version, e *explainer) (int64, error) {
	at, err := p.atMonth(pBaseSalary, settlement)
	if err != nil {
		return 0, withField(err, "settlement_month")
	}
	var total int64
	for m := sl.from; m <= sl.to; {
		v, err := p.atMonth(pBaseSalary, m)
		if err != nil {
			return 0, withField(err, fmt.Sprintf("periods[%d].from", sl.index))
		}
		end := m
		for end < sl.to && v.Covers(end.Add(1).First()) {
			end++
		}
		n := int(end-m) + 1
		monthly := mulDivRound(sl.wage, at.Value, v.Value)
		sub := monthly * int64(n)
		total += sub
		e.add(fmt.Sprintf("periods[%d].%s", sl.index, m), sub,
			fmt.Sprintf("%d tháng (%s–%s) × %s × mức lương cơ sở tháng giải quyết %s ÷ mức lương cơ sở của tháng đóng %s = %s/tháng, làm tròn nửa lên",
				n, m, end, dong(sl.wage), dong(at.Value), dong(v.Value), dong(monthly)),
			fmt.Sprintf("%d months (%s to %s) × %d × base salary of the settlement month %d ÷ base salary of the month paid %d = %d a month, rounded half-up",
				n, m, end, sl.wage, at.Value, v.Value, monthly),
			rule, at, v)
		m = end + 1
	}
	return total, nil
}

// revalueStateCPI revalues a slice's months by the settlement year's
// table, one explanation per calendar year.
func (p *Params) revalueStateCPI(settlement ansinh.Period, sl stateSlice, rule *Version, e *explainer) (int64, error) {
	var total int64
	for y := sl.from.Year(); y <= sl.to.Year(); y++ {
		from, to := max(sl.from, ansinh.NewPeriod(y, 1)), min(sl.to, ansinh.NewPeriod(y, 12))
		n := int(to-from) + 1
		v, err := p.revaluation(y, settlement)
		if err != nil {
			return 0, err
		}
		monthly := v.Micro().Of(sl.wage)
		sub := monthly * int64(n)
		total += sub
		e.add(fmt.Sprintf("periods[%d].%d", sl.index, y), sub,
			fmt.Sprintf("%d tháng theo thang lương nhà nước (%s–%s) × %s × hệ số %s của năm %d (bảng quyết toán năm %d) = %s/tháng, làm tròn nửa lên", n, from, to, dong(sl.wage), v.Micro(), y, settlement.Year(), dong(monthly)),
			fmt.Sprintf("%d state pay-scale months (%s to %s) × %d × coefficient %s of %d (settlement-year %d table) = %d a month, rounded half-up", n, from, to, sl.wage, v.Micro(), y, settlement.Year(), monthly),
			rule, v)
	}
	return total, nil
}
