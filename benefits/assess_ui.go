package benefits

import (
	"ansinh"
	"ansinh/rules"
)

// uiWindow is the months before the termination within which the UI months
// are counted (rules.md §9: 12 months within the 24 before termination).
const uiWindow = 24

// ui decides an unemployment benefit.
func (a *assessor) ui() {
	t := a.req.Month
	if t.IsZero() {
		a.missing("month", "Cần tháng chấm dứt hợp đồng lao động", "The month the labour contract ended is needed")
		return
	}
	var ui []Month
	for _, mo := range a.counted(t + 1) {
		if mo.UI && mo.Period > t-uiWindow {
			ui = append(ui, mo)
		}
	}
	a.figure("ui_months", "Số tháng đóng BHTN trong 24 tháng trước khi chấm dứt hợp đồng", "UI months in the 24 before termination", len(ui))
	if len(ui) == 0 {
		a.reason("record", "Không có tháng đóng BHTN trong 24 tháng trước khi chấm dứt hợp đồng", "No UI month in the 24 months before termination")
		return
	}
	if a.person.Region == 0 {
		a.missing("region", "Chưa biết vùng lương tối thiểu của nơi làm việc cuối", "The minimum-wage region of the last workplace is unknown")
		return
	}
	last := ui[max(0, len(ui)-6):]
	var sum int64
	for _, mo := range last {
		sum += mo.Wage
	}
	avg := ansinh.RoundHalfUp(sum, int64(len(last)))
	a.figure("average_wage_6m", "Bình quân tiền lương đóng BHTN 6 tháng cuối", "Average UI wage of the last 6 months", ansinh.FormatMoney(avg))
	b, err := a.p.UIBenefit(rules.UIBenefitInput{TerminationMonth: t, AverageWage6m: avg, MonthsContributed: len(ui), Region: a.person.Region})
	if err != nil {
		a.missingErr(err)
		return
	}
	a.merge(b.Explained)
	a.out.Eligible = b.Eligible
	if !b.Eligible {
		a.reason("ui_months", "Chưa đủ số tháng đóng BHTN", "Not enough months of UI contributions")
		return
	}
	a.out.Monthly, a.out.Start = b.Monthly, t+1
	a.out.End = a.out.Start + ansinh.Period(b.Months) - 1
	a.out.Explained.Warnings = append(a.out.Explained.Warnings, rules.Warning{Code: rules.WarnConvention,
		Message:   "Trợ cấp thất nghiệp được trả từ tháng sau tháng chấm dứt hợp đồng (quy ước của hệ thống; luật tính từ ngày thứ 16 kể từ ngày nộp hồ sơ)",
		MessageEN: "The benefit is paid from the month after termination (our convention; the law counts from the 16th day after filing)"})
	a.figure("monthly", "Trợ cấp thất nghiệp hằng tháng", "Monthly unemployment benefit", ansinh.FormatMoney(b.Monthly))
	a.figure("months", "Số tháng hưởng", "Months of benefit", b.Months)
	a.figure("period", "Thời gian hưởng", "Paid from–to", a.out.Start.String()+" – "+a.out.End.String())
}

// social decides a social pension allowance.
func (a *assessor) social(hasPension bool) {
	m := a.req.Month
	if m.IsZero() {
		m = a.filed
	}
	a.out.Start = m
	poor := a.person.Poor
	if a.req.PoorOrNearPoor && !poor {
		a.figure("household", "Hộ nghèo, cận nghèo theo kê khai nhưng sổ đăng ký không ghi nhận", "Poor household stated but not in the registry", "—")
	}
	s, err := a.p.SocialPension(rules.SocialPensionInput{Month: m, BirthDate: a.person.BirthDate, HasPension: hasPension, PoorOrNearPoor: poor})
	if err != nil {
		a.missingErr(err)
		return
	}
	a.merge(s.Explained)
	a.figure("age", "Tuổi (tính đến cuối tháng)", "Age at the end of the month", s.Age)
	a.out.Eligible, a.out.Monthly = s.Eligible, s.Amount
	if !s.Eligible {
		a.reason("age", "Chưa đủ điều kiện hưởng trợ cấp hưu trí xã hội (tuổi, hộ nghèo, hoặc đang hưởng lương hưu)", "Not eligible for the social pension (age, household, or a pension already paid)")
		return
	}
	a.figure("monthly", "Trợ cấp hưu trí xã hội hằng tháng", "Monthly social pension", ansinh.FormatMoney(s.Amount))
}
