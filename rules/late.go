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
	DaysL2014 int         `json:"days_l2014"` // of which under L2014 (interest by the month)
	DaysL2024 int         `json:"days_l2024"` // of which at 0.03% a day
	// MonthsL2014 counts the 1sts of a month on which the L2014 monthly
	// rate was charged (QĐ 595/QĐ-BHXH art. 37).
	MonthsL2014 int   `json:"months_l2014"`
	Interest    int64 `json:"interest"` // rounded half-up once for the payment
	Explained
}

// monthsPerYear turns the L2014 yearly rate (2 × the fund's yield) into the
// monthly rate k of QĐ 595/QĐ-BHXH art. 37.
const monthsPerYear = 12

// LateInterest returns the interest on amount, due on day due (the deadline)
// and paid on day paid: LateInterestBetween over the whole delay.
func (p *Params) LateInterest(amount int64, due, paid ansinh.Date) (LateInterest, error) {
	return p.LateInterestBetween(amount, due, due, paid)
}

// LateInterestBetween returns the interest on amount, due on day due, for
// the days after from through through (from ≥ due: a delay counted in
// pieces gives, piece by piece, the interest of the whole up to rounding).
// Days late run from the day after the deadline through the payment day
// inclusive (our convention). Each day bears the law in force that day:
//
//   - from 2025-07-01, 0.03% a day (L2024 arts. 38–40, also for older
//     arrears, art. 141(12));
//   - before, L2014 art. 122(3) as QĐ 595/QĐ-BHXH art. 37 applies it, by
//     the month: on the 1st of each month the amount then overdue, less the
//     previous month's new liability, bears k = 2 × the fund's yield of the
//     previous year ÷ 12. An amount whose deadline falls in month X is first
//     charged on the 1st of X+2. The yearly rate (2 × yield) is a parameter
//     a province loads year by year (2020's is shipped); a charged 1st
//     without it fails.
//
// Each monthly charge is rounded half-up to the đồng, and the daily interest
// once per call (our convention).
func (p *Params) LateInterestBetween(amount int64, due, from, through ansinh.Date) (LateInterest, error) {
	return p.lateInterest(amount, due, from, through, newExplainer())
}

// LateInterestFigures returns what LateInterestBetween does without the
// explanation of each figure: the monthly close computes the interest of
// every open item of every account, and keeps only the figures.
func (p *Params) LateInterestFigures(amount int64, due, from, through ansinh.Date) (LateInterest, error) {
	return p.lateInterest(amount, due, from, through, nil)
}

// lateInterest computes LateInterestBetween, explaining each figure to e
// unless e is nil.
func (p *Params) lateInterest(amount int64, due, from, through ansinh.Date, e *explainer) (LateInterest, error) {
	out := LateInterest{Amount: amount, Due: due, Paid: through}
	if err := checkLate(amount, due, from, through); err != nil {
		return out, err
	}
	var daily, monthly int64 // Σ rate × days (millionths a day); Σ the monthly charges (đồng)
	for d := max(from, due).AddDays(1); d <= through; {
		law, err := p.at(pLawSI, d)
		if err != nil {
			return out, withField(err, "due")
		}
		end := through
		if law.To != 0 && law.To < end {
			end = law.To
		}
		if law.Value < 2024 {
			m, err := p.lateMonthly(&out, e, law, amount, due, d, end)
			if err != nil {
				return out, err
			}
			monthly += m
			d = end.AddDays(1)
			continue
		}
		v, err := p.at(pLateDaily, d)
		if err != nil {
			return out, withField(err, "paid")
		}
		if v.To != 0 && v.To < end {
			end = v.To
		}
		n := int(end-d) + 1
		daily += v.Value * int64(n)
		out.DaysL2024 += n
		if e != nil {
			e.add(fmt.Sprintf("days[%s..%s]", d, end), n,
				fmt.Sprintf("%d ngày × %s%%/ngày (Luật BHXH 2024)", n, v.Micro().Percent()),
				fmt.Sprintf("%d days × %s%% a day (L2024)", n, v.Micro().Percent()), law, v)
		}
		d = end.AddDays(1)
	}
	out.DaysLate = out.DaysL2014 + out.DaysL2024
	out.Interest = monthly + mulDivRound(amount, daily, int64(One))
	if e == nil {
		return out, nil
	}
	e.add("days_late", out.DaysLate,
		fmt.Sprintf("Từ ngày sau hạn đóng %s đến hết ngày nộp %s (quy ước của hệ thống)", due.Display(), through.Display()),
		fmt.Sprintf("From the day after the deadline %s through the payment day %s (our convention)", due, through))
	e.add("interest", out.Interest,
		fmt.Sprintf("Lãi của từng ngày 01 theo Luật BHXH 2014 (mỗi lần làm tròn nửa lên) + %s × tổng lãi suất các ngày theo Luật BHXH 2024 (làm tròn nửa lên một lần)", dong(amount)),
		fmt.Sprintf("The interest of each L2014 1st (each rounded half-up) + %d × the L2024 daily rates (rounded half-up once)", amount))
	out.Explained = e.done()
	return out, nil
}

// checkLate validates the input of a late-interest calculation.
func checkLate(amount int64, due, from, through ansinh.Date) error {
	switch {
	case amount < 0 || amount > maxMoney:
		return invalid("amount", "số tiền chậm đóng phải từ 0 (đồng)", "the late amount must be 0 or more (đồng)")
	case due.IsZero():
		return invalid("due", "thiếu hạn đóng", "deadline missing")
	case through.IsZero():
		return invalid("paid", "thiếu ngày nộp", "payment date missing")
	case from < due:
		return invalid("from", "ngày bắt đầu tính lãi trước hạn đóng", "interest counted from before the deadline")
	}
	return nil
}

// lateMonthly counts the L2014 days [d, end] of a delay and charges the
// monthly rate on each 1st among them from the 1st of the deadline's month
// + 2 (QĐ 595/QĐ-BHXH art. 37): amount × yearly rate ÷ 12, rounded half-up.
// It returns the sum of the charges.
func (p *Params) lateMonthly(out *LateInterest, e *explainer, law *Version, amount int64, due, d, end ansinh.Date) (int64, error) {
	n := int(end-d) + 1
	out.DaysL2014 += n
	first := due.Period().Add(2).First()
	var sum int64
	charged := 0
	for m := d.Period(); m.First() <= end; m++ {
		day := m.First()
		if day < d || day < first {
			continue
		}
		v, err := p.at(pLateL2014, day)
		if err != nil {
			return 0, withField(err, "due")
		}
		charge := mulDivRound(amount, v.Value, monthsPerYear*int64(One))
		sum += charge
		charged++
		if e == nil {
			continue
		}
		e.add(fmt.Sprintf("month[%s]", day), charge,
			fmt.Sprintf("Ngày %s: %s × %s%%/năm ÷ 12, làm tròn nửa lên, trên số tiền chậm đóng (Luật BHXH 2014 Điều 122(3); Quyết định 595/QĐ-BHXH Điều 37: tính vào ngày 01 hằng tháng, trừ số phải đóng phát sinh của tháng trước)", day.Display(), dong(amount), v.Micro().Percent()),
			fmt.Sprintf("%s: %d × %s%% a year ÷ 12, rounded half-up, on the amount overdue (L2014 art. 122(3); QĐ 595/QĐ-BHXH art. 37: charged on the 1st of each month, less the previous month's new liability)", day, amount, v.Micro().Percent()),
			law, v)
	}
	out.MonthsL2014 += charged
	if charged == 0 && e != nil {
		e.add(fmt.Sprintf("days[%s..%s]", d, end), n,
			fmt.Sprintf("%d ngày theo Luật BHXH 2014: không có ngày 01 nào tính lãi (khoản phải đóng tính lãi từ ngày 01 của tháng thứ hai sau tháng đến hạn, Quyết định 595/QĐ-BHXH Điều 37)", n),
			fmt.Sprintf("%d days under L2014: no 1st of a month charged (an amount is first charged on the 1st of the second month after its deadline's, QĐ 595/QĐ-BHXH art. 37)", n), law)
	}
	return sum, nil
}
