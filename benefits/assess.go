package benefits

import (
	"fmt"

	"ansinh"
	"ansinh/rules"
)

// assessor decides one claim on one record.
type assessor struct {
	p      *rules.Params
	person Person
	rec    Record
	req    Request
	filed  ansinh.Period // the month the claim was filed
	out    Assessment
}

// Assess decides req on the person's record with the parameters p; filed
// is the filing month (the default of the withdrawal's and the allowance's
// month). hasPension says whether the person already receives a pension or
// monthly SI benefit (for the social pension).
func Assess(p *rules.Params, person Person, rec Record, req Request, filed ansinh.Period, hasPension bool) Assessment {
	a := &assessor{p: p, person: person, rec: rec, req: req, filed: filed,
		out: Assessment{Kind: req.Kind, Figures: []Figure{}, Missing: []Missing{}, Reasons: []Missing{},
			Explained: rules.Explained{Explain: []rules.Explanation{}, Warnings: []rules.Warning{}}}}
	switch req.Kind {
	case KindPension:
		a.pension()
	case KindWithdrawal:
		a.withdrawal()
	case KindUI:
		a.ui()
	case KindSocial:
		a.social(hasPension)
	}
	a.out.Decided = len(a.out.Missing) == 0
	if !a.out.Decided {
		a.out.Eligible, a.out.Monthly, a.out.LumpSum = false, 0, 0
	}
	return a.out
}

// figure adds a figure.
func (a *assessor) figure(name, vi, en string, v any) {
	a.out.Figures = append(a.out.Figures, Figure{Name: name, Label: vi, LabelEN: en, Value: fmt.Sprint(v)})
}

// missing records what the record lacks.
func (a *assessor) missing(field, vi, en string) {
	a.out.Missing = append(a.out.Missing, Missing{Field: field, Message: vi, MessageEN: en})
}

// missingErr records a rules engine error as missing.
func (a *assessor) missingErr(err error) {
	field := "input"
	if e, ok := err.(*ansinh.Error); ok && e.Field != "" {
		field = e.Field
	}
	a.missing(field, ansinh.ErrorMessage(err, "vi"), ansinh.ErrorMessage(err, "en"))
}

// reason records why the claim is not eligible.
func (a *assessor) reason(field, vi, en string) {
	a.out.Reasons = append(a.out.Reasons, Missing{Field: field, Message: vi, MessageEN: en})
}

// merge adds a calculator's explanation.
func (a *assessor) merge(x rules.Explained) {
	a.out.Explained.Explain = append(a.out.Explained.Explain, x.Explain...)
	a.out.Explained.Warnings = append(a.out.Explained.Warnings, x.Warnings...)
}

// counted returns the months before m that count for a benefit: paid, or
// settled on paper, or declared in the registry before the collection's
// books (not assessed); the months assessed and unpaid are left out and
// reported.
func (a *assessor) counted(m ansinh.Period) []Month {
	var out []Month
	unpaid, unbilled := 0, 0
	for _, mo := range a.rec.Before(m) {
		switch {
		case mo.Paid:
		case mo.Assessed:
			unpaid++
			continue
		default:
			unbilled++
		}
		out = append(out, mo)
	}
	if unpaid > 0 {
		a.figure("unpaid_months", "Tháng đã tính nhưng chưa đóng đủ (không được tính)", "Months assessed but not paid (not counted)", unpaid)
	}
	if unbilled > 0 {
		a.out.Explained.Warnings = append(a.out.Explained.Warnings, rules.Warning{Code: rules.WarnConvention,
			Message:   fmt.Sprintf("%d tháng khai báo trong sổ đăng ký trước khi hệ thống bắt đầu ghi thu được tính theo hồ sơ khai báo", unbilled),
			MessageEN: fmt.Sprintf("%d months declared in the registry before the collection's books began are counted as declared", unbilled)})
	}
	a.out.Service, a.out.History = len(out), 0
	for _, mo := range out {
		if mo.Source == SourceHistory {
			a.out.History++
		}
	}
	if a.out.History > 0 {
		a.figure("history_months", "Tháng lấy từ sổ BHXH giấy (si_history)", "Months from the paper record (si_history)", a.out.History)
	}
	return out
}

// average computes the revalued average wage of months settled in month
// m; the record's first month (counted or not) is the month the person
// joined SI, which sets how the state pay-scale months are averaged (L2024
// art. 72).
func (a *assessor) average(months []Month, m ansinh.Period) (int64, bool) {
	joined := min(months[0].Period, a.rec.Before(m)[0].Period)
	avg, err := a.p.AverageWageJoined(m, joined, WagePeriods(months))
	if err != nil {
		a.missingErr(err)
		return 0, false
	}
	a.merge(avg.Explained)
	if st := avg.State; st != nil {
		years, yearsEN := "toàn bộ thời gian", "the whole time"
		if st.Years > 0 {
			years, yearsEN = fmt.Sprintf("%d năm cuối", st.Years), fmt.Sprintf("last %d years", st.Years)
		}
		a.figure("state_average", fmt.Sprintf("Bình quân tiền lương theo thang lương nhà nước (%s, %d tháng; Luật BHXH 2024 Điều 72)", years, st.Months),
			fmt.Sprintf("State pay-scale average (%s, %d months; L2024 art. 72)", yearsEN, st.Months), ansinh.FormatMoney(st.Average))
	}
	a.figure("average_wage", "Bình quân tiền lương tháng đóng BHXH (đã điều chỉnh)", "Average revalued monthly wage", ansinh.FormatMoney(avg.Average))
	return avg.Average, true
}

// pension decides a pension claim.
func (a *assessor) pension() {
	ra, err := a.p.RetirementAge(a.person.BirthDate, a.person.Sex)
	if err != nil {
		a.missingErr(err)
		return
	}
	a.merge(ra.Explained)
	start := a.req.Month
	if start.IsZero() {
		start = ra.PensionFrom
	}
	a.out.Start = start
	a.figure("pension_from", "Tháng đủ điều kiện hưởng lương hưu (đủ tuổi)", "First month by retirement age", ra.PensionFrom)
	a.figure("start_month", "Tháng bắt đầu hưởng", "First month of the pension", start)
	if start < ra.PensionFrom {
		a.reason("month", "Chưa đủ tuổi nghỉ hưu trong tháng đề nghị", "Retirement age not reached in the month asked")
		return
	}
	months := a.counted(start)
	if len(months) == 0 {
		a.missing("record", "Không có tháng đóng BHXH nào trong sổ đăng ký hay sổ BHXH giấy", "No month of service in the registry or the paper record")
		return
	}
	a.figure("service", "Thời gian đóng BHXH", "Service", rules.SplitMonths(len(months)).String())
	avg, ok := a.average(months, start)
	if !ok {
		return
	}
	pen, err := a.p.Pension(rules.PensionInput{Sex: a.person.Sex, RetireMonth: start, Service: rules.SplitMonths(len(months)),
		AverageWage: avg, FirstJoined: months[0].Period})
	if err != nil {
		a.missingErr(err)
		return
	}
	a.merge(pen.Explained)
	a.out.Eligible, a.out.Monthly, a.out.LumpSum = pen.Eligible, pen.Monthly, pen.LumpSum
	if !pen.Eligible {
		a.reason("service", "Chưa đủ số năm đóng BHXH để hưởng lương hưu", "Not enough years of service for a pension")
		return
	}
	a.figure("regime", "Luật áp dụng", "Law applied", pen.Regime)
	a.figure("rate", "Tỷ lệ hưởng (%)", "Pension rate (%)", pen.Rate.Percent())
	a.figure("monthly", "Lương hưu hằng tháng", "Monthly pension", ansinh.FormatMoney(pen.Monthly))
	a.figure("lump_sum", "Trợ cấp một lần khi nghỉ hưu", "Lump sum at retirement", ansinh.FormatMoney(pen.LumpSum))
}

// withdrawal decides a one-time withdrawal.
func (a *assessor) withdrawal() {
	m := a.req.Month
	if m.IsZero() {
		m = a.filed
	}
	a.out.Start = m
	months := a.counted(m)
	if len(months) == 0 {
		a.missing("record", "Không có tháng đóng BHXH nào trong sổ đăng ký hay sổ BHXH giấy", "No month of service in the registry or the paper record")
		return
	}
	last := months[len(months)-1].Period
	a.figure("last_month", "Tháng đóng cuối cùng", "Last month of service", last)
	if last >= m-12 {
		a.reason("month", "Chưa đủ 12 tháng không đóng BHXH (Luật BHXH 2024 Điều 70)", "Not 12 months out of SI yet (L2024 art. 70)")
	}
	if len(months) >= 240 {
		a.reason("service", "Đã đóng từ 20 năm: không được rút một lần (Luật BHXH 2024 Điều 70)", "20 years or more of service: no withdrawal (L2024 art. 70)")
	}
	var before, later int
	for _, mo := range months {
		if mo.Period < ansinh.NewPeriod(2014, 1) {
			before++
		} else {
			later++
		}
	}
	if before+later < 12 {
		a.missing("contributions_paid", "Dưới 1 năm đóng: cần số tiền đã đóng, chưa có trong hồ sơ", "Under a year of service: the contributions paid are needed and not on record")
		return
	}
	avg, ok := a.average(months, m)
	if !ok {
		return
	}
	w, err := a.p.Withdrawal(rules.WithdrawalInput{Settlement: m, Before2014: rules.SplitMonths(before), From2014: rules.SplitMonths(later), AverageWage: avg})
	if err != nil {
		a.missingErr(err)
		return
	}
	a.merge(w.Explained)
	a.out.Eligible = len(a.out.Reasons) == 0
	if a.out.Eligible {
		a.out.LumpSum = w.Amount
	}
	a.figure("service", "Thời gian đóng BHXH", "Service", rules.SplitMonths(len(months)).String())
	a.figure("amount", "Số tiền BHXH một lần", "One-time payment", ansinh.FormatMoney(w.Amount))
}
