package collection

import (
	"ansinh"
	"ansinh/rules"
)

// l2014RateParam is the parameter of the L2014 late-payment rate (2 × the
// fund's average investment yield of the previous year), which the national
// table ships without a value: the province must load it (rules.md §10).
const l2014RateParam = "late.l2014.yearly_rate"

// interestCalc computes late interest with the rules in force on each day,
// leaving out (and counting) the days whose rate is not loaded.
type interestCalc struct {
	p     *rules.Params
	unset [][2]ansinh.Date // spans of days whose rate has no value; To 0: open
}

func newInterestCalc(p *rules.Params) *interestCalc {
	ic := &interestCalc{p: p}
	for _, v := range p.Versions(l2014RateParam) {
		if !v.Set {
			ic.unset = append(ic.unset, [2]ansinh.Date{v.From, v.To})
		}
	}
	return ic
}

// unsetAt returns the span of unloaded rate containing day d.
func (ic *interestCalc) unsetAt(d ansinh.Date) ([2]ansinh.Date, bool) {
	for _, s := range ic.unset {
		if d >= s[0] && (s[1] == 0 || d <= s[1]) {
			return s, true
		}
	}
	return [2]ansinh.Date{}, false
}

// nextUnset returns the first day after d where an unloaded span starts, or
// zero.
func (ic *interestCalc) nextUnset(d ansinh.Date) ansinh.Date {
	var next ansinh.Date
	for _, s := range ic.unset {
		if s[0] > d && (next == 0 || s[0] < next) {
			next = s[0]
		}
	}
	return next
}

// interest returns the late interest on amount, due on day due, for the
// days after from through through (rules.LateInterestFigures, rounded
// half-up once per stretch of days with a loaded rate: before 2025-07-01
// the monthly method of QĐ 595/QĐ-BHXH art. 37, which needs the deadline),
// and the number of days left out because their rate is not loaded.
func (ic *interestCalc) interest(amount int64, due, from, through ansinh.Date) (int64, int, error) {
	var total int64
	unrated := 0
	for d := from; d < through; {
		if s, ok := ic.unsetAt(d + 1); ok {
			end := through
			if s[1] != 0 && s[1] < end {
				end = s[1]
			}
			unrated += int(end - d)
			d = end
			continue
		}
		end := through
		if n := ic.nextUnset(d + 1); n != 0 && n-1 < end {
			end = n - 1
		}
		li, err := ic.p.LateInterestFigures(amount, due, d, end)
		if err != nil {
			return 0, 0, err
		}
		total += li.Interest
		d = end
	}
	return total, unrated, nil
}
