package rules

import (
	"fmt"

	"ansinh"
)

// PensionInput is a pension to compute.
type PensionInput struct {
	Sex         Sex           // male or female
	RetireMonth ansinh.Period // the pension's first month: it decides the law (L2014 before 2025-07, L2024 after)
	Service     YearsMonths   // compulsory SI contribution time
	AverageWage int64         // average salary, already revalued (see AverageWage)
	FirstJoined ansinh.Period // first month of SI, for the L2024 minimum; zero: inferred when certain
}

// Pension is a computed monthly pension.
type Pension struct {
	Eligible       bool   `json:"eligible"`        // enough years of service for a pension
	Regime         string `json:"regime"`          // "L2014" or "L2024"
	Rate           Micro  `json:"-"`               // pension rate (0.565 = 56.5%)
	Monthly        int64  `json:"monthly"`         // after the minimum pension where it applies
	LumpSum        int64  `json:"lump_sum"`        // one-off payment for the years above those giving the maximum rate
	MinimumApplied bool   `json:"minimum_applied"` // the monthly amount was raised to the minimum pension
	Explained
}

// pensionVersions are the versions a pension uses.
type pensionVersions struct {
	law, minYears, baseRate, baseYears, step, max, lump, base *Version
	shortBase, shortStep, minimumYears                        *Version // L2024 only
}

// Pension computes eligibility, rate, monthly amount and lump sum of a
// pension starting in in.RetireMonth (rules.md §7). The caller has checked
// that the person reached retirement age (RetirementAge).
//
// Order: eligibility (full years of service ≥ the minimum); the rate from
// service counted in half years (odd months 1–6 = ½ year, 7–11 = 1 year):
// the base rate at the base years plus the step per further year (for men
// under L2024 with 15 to < 20 years: 40% + 1% per year above 15), capped at
// the maximum; the amount = rate × average salary, rounded half-up, raised
// to the minimum pension where it applies; the lump sum = 0.5 × average per
// year above the years that give the maximum rate.
func (p *Params) Pension(in PensionInput) (Pension, error) {
	if err := in.check(); err != nil {
		return Pension{}, err
	}
	vs, err := p.pensionVersions(in)
	if err != nil {
		return Pension{}, err
	}
	e := newExplainer()
	out := Pension{Regime: fmt.Sprintf("L%d", vs.law.Value)}
	months := in.Service.Total()
	out.Eligible = months >= int(vs.minYears.Value)*12
	e.add("eligible", out.Eligible,
		fmt.Sprintf("Luật %s (theo tháng hưởng %s): đủ điều kiện khi có từ %d năm đóng BHXH (đủ 12 tháng mỗi năm) và đủ tuổi nghỉ hưu (bên gọi kiểm tra tuổi); thời gian đóng %s",
			out.Regime, in.RetireMonth, vs.minYears.Value, in.Service.vi()),
		fmt.Sprintf("%s (by the first pension month %s): eligible with at least %d full years of SI and retirement age (checked by the caller); service %s",
			out.Regime, in.RetireMonth, vs.minYears.Value, in.Service),
		vs.law, vs.minYears)
	if !out.Eligible {
		out.Explained = e.done()
		return out, nil
	}
	h := halfYears(months)
	out.Rate = pensionRate(vs, h)
	e.add("rate", out.Rate.Percent(), rateRuleVI(vs, h), rateRuleEN(vs, h), vs.baseRate, vs.baseYears, vs.step, vs.max, vs.shortBase, vs.shortStep)
	out.Monthly = out.Rate.Of(in.AverageWage)
	p.applyMinimum(&out, in, vs, e)
	out.LumpSum = lumpSum(vs, months, in.AverageWage, e)
	out.Explained = e.done()
	return out, nil
}

func (in PensionInput) check() error {
	if in.Sex != Male && in.Sex != Female {
		return invalid("sex", "giới tính phải là male hoặc female", "sex must be male or female")
	}
	if in.RetireMonth.IsZero() {
		return invalid("retire_month", "thiếu tháng nghỉ hưu", "retirement month missing")
	}
	if err := in.Service.check("service"); err != nil {
		return err
	}
	if in.AverageWage <= 0 || in.AverageWage > maxMoney {
		return invalid("average_wage", "mức bình quân tiền lương phải là số dương (đồng)", "average wage must be a positive amount in đồng")
	}
	return nil
}

// maxMoney bounds money inputs: a thousand billion đồng.
const maxMoney = 1_000_000_000_000_000

func (p *Params) pensionVersions(in PensionInput) (pensionVersions, error) {
	var vs pensionVersions
	var err error
	m := in.RetireMonth
	baseYears := pPensionBaseYrsM
	if in.Sex == Female {
		baseYears = pPensionBaseYrsF
	}
	for _, x := range []struct {
		dst  **Version
		name string
	}{{&vs.law, pLawSI}, {&vs.minYears, pPensionMinYears}, {&vs.baseRate, pPensionBaseRate}, {&vs.baseYears, baseYears},
		{&vs.step, pPensionStep}, {&vs.max, pPensionMax}, {&vs.lump, pPensionLumpSum}, {&vs.base, pBaseSalary}} {
		if *x.dst, err = p.atMonth(x.name, m); err != nil {
			return vs, withField(err, "retire_month")
		}
	}
	if in.Sex == Male {
		vs.shortBase, _ = p.atMonth(pPensionShortBase, m)
		vs.shortStep, _ = p.atMonth(pPensionShortStep, m)
	}
	vs.minimumYears, _ = p.atMonth(pPensionMinimumYr, m)
	return vs, nil
}

// pensionRate returns the rate for h half years of service.
func pensionRate(vs pensionVersions, h int) Micro {
	twiceBase := 2 * int(vs.baseYears.Value)
	var r int64
	switch {
	case h >= twiceBase:
		r = vs.baseRate.Value + vs.step.Value*int64(h-twiceBase)/2
	case vs.shortBase != nil && vs.shortStep != nil:
		r = vs.shortBase.Value + vs.shortStep.Value*int64(h-2*int(vs.minYears.Value))/2
	default:
		r = vs.baseRate.Value
	}
	return Micro(min(r, vs.max.Value))
}

func rateRuleVI(vs pensionVersions, h int) string {
	s := fmt.Sprintf("Thời gian tính tỷ lệ: %s năm (tháng lẻ 1–6 tính ½ năm, 7–11 tính 1 năm); %s%% cho %d năm, thêm %s%% mỗi năm, tối đa %s%%",
		halfYearsText(h), vs.baseRate.Micro().Percent(), vs.baseYears.Value, vs.step.Micro().Percent(), vs.max.Micro().Percent())
	if h < 2*int(vs.baseYears.Value) && vs.shortBase != nil && vs.shortStep != nil {
		s += fmt.Sprintf("; nam đóng từ %d đến dưới %d năm: %s%% cho %d năm, thêm %s%% mỗi năm",
			vs.minYears.Value, vs.baseYears.Value, vs.shortBase.Micro().Percent(), vs.minYears.Value, vs.shortStep.Micro().Percent())
	}
	return s
}

func rateRuleEN(vs pensionVersions, h int) string {
	s := fmt.Sprintf("Service for the rate: %s years (odd months 1–6 count ½ year, 7–11 a year); %s%% for %d years, plus %s%% a year, at most %s%%",
		halfYearsText(h), vs.baseRate.Micro().Percent(), vs.baseYears.Value, vs.step.Micro().Percent(), vs.max.Micro().Percent())
	if h < 2*int(vs.baseYears.Value) && vs.shortBase != nil && vs.shortStep != nil {
		s += fmt.Sprintf("; men with %d to < %d years: %s%% for %d years plus %s%% a year",
			vs.minYears.Value, vs.baseYears.Value, vs.shortBase.Micro().Percent(), vs.minYears.Value, vs.shortStep.Micro().Percent())
	}
	return s
}

// applyMinimum raises the monthly amount to the minimum pension where it
// applies: the base salary under L2014; under L2024 the reference level, for
// those who joined before the law took effect and have the minimum years.
func (p *Params) applyMinimum(out *Pension, in PensionInput, vs pensionVersions, e *explainer) {
	minimum, applies := vs.base.Value, true
	var vi, en string
	if vs.minimumYears == nil {
		vi, en = "lương hưu tối thiểu bằng mức lương cơ sở (Luật BHXH 2014 Điều 56(5))", "minimum pension = base salary (L2014 art. 56(5))"
	} else {
		start := vs.law.From.Period()
		months := in.Service.Total()
		joinedBefore := in.FirstJoined != 0 && in.FirstJoined < start ||
			in.FirstJoined == 0 && months > int(in.RetireMonth-start) // more service than months since the law: joined before it
		applies = joinedBefore && months >= int(vs.minimumYears.Value)*12
		vi = fmt.Sprintf("lương hưu tối thiểu bằng mức tham chiếu cho người tham gia trước %s có từ %d năm đóng (Điều 141(11))", vs.law.From.Display(), vs.minimumYears.Value)
		en = fmt.Sprintf("minimum pension = reference level for those who joined before %s with %d years or more (art. 141(11))", vs.law.From, vs.minimumYears.Value)
		if !joinedBefore && in.FirstJoined == 0 && months >= int(vs.minimumYears.Value)*12 {
			e.warn(WarnCallerConcern, "Không rõ tháng bắt đầu tham gia (first_joined): chưa áp dụng lương hưu tối thiểu",
				"First month of participation (first_joined) unknown: the minimum pension was not applied")
		}
	}
	if applies && out.Monthly < minimum {
		out.Monthly, out.MinimumApplied = minimum, true
	}
	e.add("monthly", out.Monthly,
		fmt.Sprintf("%s%% × mức bình quân %s, làm tròn nửa lên; %s (%s%s)", out.Rate.Percent(), dong(in.AverageWage), vi, dong(minimum), ifText(out.MinimumApplied, ", đã áp dụng")),
		fmt.Sprintf("%s%% × average salary %d, rounded half-up; %s (%d%s)", out.Rate.Percent(), in.AverageWage, en, minimum, ifText(out.MinimumApplied, ", applied")),
		vs.base, vs.minimumYears)
}

// lumpSum returns the one-off payment for service above the years that give
// the maximum rate.
func lumpSum(vs pensionVersions, months int, avg int64, e *explainer) int64 {
	hMax := 2*int(vs.baseYears.Value) + int((2*(vs.max.Value-vs.baseRate.Value)+vs.step.Value-1)/vs.step.Value)
	extra := months - 6*hMax
	var amount int64
	h := 0
	if extra > 0 {
		h = halfYears(extra)
		amount = mulDivRound(avg, vs.lump.Value*int64(h), 2*int64(One))
	}
	e.add("lump_sum", amount,
		fmt.Sprintf("%s tháng bình quân cho mỗi năm đóng trên %s năm (số năm đạt tỷ lệ tối đa): %s năm", vs.lump.Micro(), halfYearsText(hMax), halfYearsText(h)),
		fmt.Sprintf("%s month of average salary per year above %s years (those giving the maximum rate): %s years", vs.lump.Micro(), halfYearsText(hMax), halfYearsText(h)),
		vs.lump, vs.baseRate, vs.baseYears, vs.step, vs.max)
	return amount
}
