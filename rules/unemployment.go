package rules

import (
	"fmt"

	"ansinh"
)

// UIBenefitInput is an unemployment benefit to compute.
type UIBenefitInput struct {
	TerminationMonth  ansinh.Period // month the contract ended; under LE2025, taken as the last month of contributions
	AverageWage6m     int64         // average UI wage of the last 6 months of contributions
	MonthsContributed int           // months of UI contributions counted for the benefit
	Region            Region        // region of the last workplace (for the cap)
	PayScale          PayScale      // contract or state pay scale (for the LE2013 cap)
}

// UIBenefit is a computed unemployment benefit.
type UIBenefit struct {
	Regime   string `json:"regime"`   // "LE2013" or "LE2025"
	Eligible bool   `json:"eligible"` // enough months of contributions
	Monthly  int64  `json:"monthly"`  // 60% of the average, capped
	Months   int    `json:"months"`   // months of benefit
	Cap      int64  `json:"cap"`      // the monthly cap applied
	Explained
}

// uiBenefitVersions are the versions an unemployment benefit uses.
type uiBenefitVersions struct{ law, rate, capX, minMonths, base, upto, every, max, capBasis *Version }

// UIBenefit computes an unemployment benefit by the law in force in the
// termination month (LE2013 to 2025-12, LE2025 from 2026-01): eligible with
// at least 12 months of contributions (the caller counts those within the
// eligibility window); 60% of the 6-month average wage, rounded half-up,
// capped at 5 × the regional minimum wage (LE2013: 5 × the base salary on the
// state pay scale); 3 months for 12–36 months of contributions plus 1 per
// further full 12 months, at most 12.
func (p *Params) UIBenefit(in UIBenefitInput) (UIBenefit, error) {
	if in.AverageWage6m <= 0 || in.AverageWage6m > maxMoney {
		return UIBenefit{}, invalid("average_wage_6m", "tiền lương bình quân 6 tháng phải là số dương (đồng)", "6-month average wage must be a positive amount in đồng")
	}
	if in.MonthsContributed < 0 || in.MonthsContributed > maxCareerMonths {
		return UIBenefit{}, invalid("months_contributed", "số tháng đóng BHTN không hợp lệ", "invalid number of UI months")
	}
	if in.PayScale > PayState {
		return UIBenefit{}, errPayScale
	}
	vs, err := p.uiBenefitVersions(in)
	if err != nil {
		return UIBenefit{}, err
	}
	out := UIBenefit{Regime: fmt.Sprintf("LE%d", vs.law.Value)}
	e := newExplainer()
	out.Eligible = in.MonthsContributed >= int(vs.minMonths.Value)
	e.add("eligible", out.Eligible,
		fmt.Sprintf("Luật Việc làm %d (theo tháng chấm dứt %s): cần từ %d tháng đóng BHTN trong thời hạn luật định (bên gọi đếm); có %d tháng",
			vs.law.Value, in.TerminationMonth, vs.minMonths.Value, in.MonthsContributed),
		fmt.Sprintf("Employment Law %d (by termination month %s): at least %d months of UI contributions within the window (counted by the caller); %d given",
			vs.law.Value, in.TerminationMonth, vs.minMonths.Value, in.MonthsContributed),
		vs.law, vs.minMonths)
	if !out.Eligible {
		out.Explained = e.done()
		return out, nil
	}
	out.Cap = vs.capX.Value * vs.capBasis.Value
	out.Monthly = min(vs.rate.Micro().Of(in.AverageWage6m), out.Cap)
	basisVI, basisEN := "lương tối thiểu vùng "+in.Region.String(), "region "+in.Region.String()+" minimum wage"
	if vs.capBasis.Name == pBaseSalary {
		basisVI, basisEN = "mức lương cơ sở (thang lương nhà nước)", "base salary (state pay scale)"
	}
	e.add("monthly", out.Monthly,
		fmt.Sprintf("%s%% × %s, làm tròn nửa lên, tối đa %d lần %s (%s)", vs.rate.Micro().Percent(), dong(in.AverageWage6m), vs.capX.Value, basisVI, dong(out.Cap)),
		fmt.Sprintf("%s%% × %d, rounded half-up, at most %d × %s (%d)", vs.rate.Micro().Percent(), in.AverageWage6m, vs.capX.Value, basisEN, out.Cap),
		vs.rate, vs.capX, vs.capBasis)
	extra := max(0, in.MonthsContributed-int(vs.upto.Value)) / int(vs.every.Value)
	out.Months = min(int(vs.base.Value)+extra, int(vs.max.Value))
	e.add("months", out.Months,
		fmt.Sprintf("%d tháng cho đến %d tháng đóng, thêm 1 tháng cho mỗi %d tháng đóng thêm, tối đa %d", vs.base.Value, vs.upto.Value, vs.every.Value, vs.max.Value),
		fmt.Sprintf("%d months up to %d months of contributions, 1 more per further %d months, at most %d", vs.base.Value, vs.upto.Value, vs.every.Value, vs.max.Value),
		vs.base, vs.upto, vs.every, vs.max)
	out.Explained = e.done()
	return out, nil
}

func (p *Params) uiBenefitVersions(in UIBenefitInput) (uiBenefitVersions, error) {
	var vs uiBenefitVersions
	m := in.TerminationMonth
	if m.IsZero() {
		return vs, invalid("termination_month", "thiếu tháng chấm dứt hợp đồng", "termination month missing")
	}
	var err error
	for _, x := range []struct {
		dst  **Version
		name string
	}{{&vs.law, pLawEmployment}, {&vs.rate, pUIBRate}, {&vs.capX, pUIBCap}, {&vs.minMonths, pUIBMinMonths},
		{&vs.base, pUIBBase}, {&vs.upto, pUIBBaseUpto}, {&vs.every, pUIBExtraEvery}, {&vs.max, pUIBMax}} {
		if *x.dst, err = p.atMonth(x.name, m); err != nil {
			return vs, withField(err, "termination_month")
		}
	}
	if vs.every.Value <= 0 {
		return vs, fmt.Errorf("rules: %s must be positive", pUIBExtraEvery)
	}
	basis := pBaseSalary
	if vs.law.Value >= 2025 || in.PayScale == PayContract {
		if !in.Region.Valid() {
			return vs, errRegion
		}
		basis = minWageParam(in.Region)
	}
	if vs.capBasis, err = p.atMonth(basis, m); err != nil {
		return vs, withField(err, "termination_month")
	}
	return vs, nil
}
