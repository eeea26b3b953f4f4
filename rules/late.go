package rules

import (
	"fmt"

	"ansinh"
)

// Deadline returns the last day to pay the contributions of month m in the
// monthly mode: the last day of the month m plus deadline.months_after (the
// same month under L2014, unconfirmed; the following month from 2025-07-01,
// L2024 art. 34(4)).
func (p *Params) Deadline(m ansinh.Period) (ansinh.Date, error) {
	v, err := p.atMonth(pDeadline, m)
	if err != nil {
		return 0, withField(err, "month")
	}
	return m.Add(int(v.Value)).Last(), nil
}

// EvasionFrom returns the first day on which contributions of month m that
// are still unpaid count as evasion: the day after the 60 days that follow
// the deadline (L2024 art. 39), and no earlier than the day that rule took
// effect, since arrears at 2025-06-30 moved to the new rules (art. 141(12)).
// The written reminder the law also requires is the caller's concern.
func (p *Params) EvasionFrom(m ansinh.Period) (ansinh.Date, error) {
	deadline, err := p.Deadline(m)
	if err != nil {
		return 0, err
	}
	v, err := p.evasionVersion(deadline.AddDays(1))
	if err != nil {
		return 0, err
	}
	return max(deadline.AddDays(int(v.Value)+1), v.From), nil
}

// evasionVersion returns the evasion rule applying to a debt falling due on
// day d, or the first evasion rule when d is before it.
func (p *Params) evasionVersion(d ansinh.Date) (*Version, error) {
	if v, err := p.at(pEvasionDays, d); err == nil {
		return v, nil
	}
	s := p.series[pEvasionDays]
	if len(s) > 0 && d < s[0].From && s[0].Set {
		return &s[0], nil
	}
	return nil, invalid("month", "không có quy định trốn đóng áp dụng", "no evasion rule applies")
}

// Standing is the state of a month's contributions still unpaid on a day.
type Standing uint8

// The standings of unpaid contributions.
const (
	StandingNotDue  Standing = iota // the deadline has not passed
	StandingLate                    // past the deadline: late payment (interest runs)
	StandingEvasion                 // still unpaid 60 days after the deadline: evasion
)

// String writes "not_due", "late" or "evasion".
func (s Standing) String() string {
	return [...]string{"not_due", "late", "evasion"}[min(s, StandingEvasion)]
}

// Classify returns the standing, on day asOf, of contributions of month m
// that are still not paid in full.
func (p *Params) Classify(m ansinh.Period, asOf ansinh.Date) (Standing, error) {
	deadline, err := p.Deadline(m)
	if err != nil {
		return 0, err
	}
	if asOf <= deadline {
		return StandingNotDue, nil
	}
	evasion, err := p.EvasionFrom(m)
	if err != nil {
		return 0, err
	}
	if asOf >= evasion {
		return StandingEvasion, nil
	}
	return StandingLate, nil
}

// LateInterest is the interest on one late payment.
type LateInterest struct {
	Amount    int64       `json:"amount"`     // the unpaid amount, đồng
	Due       ansinh.Date `json:"due"`        // the deadline
	Paid      ansinh.Date `json:"paid"`       // the payment day
	DaysLate  int         `json:"days_late"`  // from the day after the deadline through the payment day
	DaysL2014 int         `json:"days_l2014"` // of which under the L2014 rate
	DaysL2024 int         `json:"days_l2024"` // of which at 0.03% a day
	Interest  int64       `json:"interest"`   // rounded half-up once for the payment
	Explained
}

// daysPerYear prorates the L2014 yearly rate by day (our convention).
const daysPerYear = 365

// LateInterest returns the interest on amount, due on day due (the deadline)
// and paid on day paid. Days late run from the day after the deadline through
// the payment day inclusive (our convention). Each day bears the rate of the
// law in force that day: 0.03% a day from 2025-07-01 (L2024 arts. 38–40,
// also for older arrears, art. 141(12)); before, the L2014 yearly rate (2 ×
// the fund's yield of the previous year), which has no default: the province
// must load it, or the call fails. Interest is rounded half-up once per
// payment.
func (p *Params) LateInterest(amount int64, due, paid ansinh.Date) (LateInterest, error) {
	out := LateInterest{Amount: amount, Due: due, Paid: paid}
	switch {
	case amount < 0 || amount > maxMoney:
		return out, invalid("amount", "số tiền chậm đóng phải từ 0 (đồng)", "the late amount must be 0 or more (đồng)")
	case due.IsZero():
		return out, invalid("due", "thiếu hạn đóng", "deadline missing")
	case paid.IsZero():
		return out, invalid("paid", "thiếu ngày nộp", "payment date missing")
	}
	e := newExplainer()
	var daily, yearly int64 // Σ rate × days, in millionths per day and per year
	for d := due.AddDays(1); d <= paid; {
		law, err := p.at(pLawSI, d)
		if err != nil {
			return out, withField(err, "due")
		}
		name, field := pLateDaily, "paid"
		if law.Value < 2024 {
			name, field = pLateL2014, "due"
		}
		v, err := p.at(name, d)
		if err != nil {
			return out, withField(err, field)
		}
		end := paid
		if v.To != 0 && v.To < end {
			end = v.To
		}
		if law.To != 0 && law.To < end {
			end = law.To
		}
		n := int(end-d) + 1
		if name == pLateDaily {
			daily += v.Value * int64(n)
			out.DaysL2024 += n
			e.add(fmt.Sprintf("days[%s..%s]", d, end), n,
				fmt.Sprintf("%d ngày × %s%%/ngày (Luật BHXH 2024)", n, v.Micro().Percent()),
				fmt.Sprintf("%d days × %s%% a day (L2024)", n, v.Micro().Percent()), law, v)
		} else {
			yearly += v.Value * int64(n)
			out.DaysL2014 += n
			e.add(fmt.Sprintf("days[%s..%s]", d, end), n,
				fmt.Sprintf("%d ngày × %s%%/năm ÷ %d (Luật BHXH 2014; chia theo ngày là quy ước của hệ thống)", n, v.Micro().Percent(), daysPerYear),
				fmt.Sprintf("%d days × %s%% a year ÷ %d (L2014; prorating by day is our convention)", n, v.Micro().Percent(), daysPerYear), law, v)
		}
		d = end.AddDays(1)
	}
	out.DaysLate = out.DaysL2014 + out.DaysL2024
	out.Interest = mulDivRound(amount, daily*daysPerYear+yearly, daysPerYear*int64(One))
	e.add("days_late", out.DaysLate,
		fmt.Sprintf("Từ ngày sau hạn đóng %s đến hết ngày nộp %s (quy ước của hệ thống)", due.Display(), paid.Display()),
		fmt.Sprintf("From the day after the deadline %s through the payment day %s (our convention)", due, paid))
	e.add("interest", out.Interest,
		fmt.Sprintf("%s × tổng lãi suất theo ngày, làm tròn nửa lên một lần cho mỗi lần nộp", dong(amount)),
		fmt.Sprintf("%d × the rates of the days late, rounded half-up once per payment", amount))
	out.Explained = e.done()
	return out, nil
}
