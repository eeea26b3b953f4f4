package rules

import (
	"fmt"

	"ansinh"
)

// SocialPensionInput is a social pension allowance claim to check.
type SocialPensionInput struct {
	Month          ansinh.Period // month of the allowance
	BirthDate      ansinh.Date   // the person's birth date
	HasPension     bool          // receives a pension or a monthly SI benefit
	PoorOrNearPoor bool          // lives in a poor or near-poor household
}

// SocialPension is the result of a social pension allowance check.
type SocialPension struct {
	Eligible bool  `json:"eligible"` // entitled to the allowance this month
	Age      int   `json:"age"`      // completed years at the end of the month
	Amount   int64 `json:"amount"`   // national amount plus the province's top-up; 0 when not eligible
	Explained
}

// SocialPension checks eligibility for the social pension allowance (L2024
// arts. 21–22; Decree 176/2025): aged 75 or more, or 70 to 75 in a poor or
// near-poor household, without a pension or monthly SI benefit. The age is
// counted at the end of the month (our convention). The amount adds the
// province overlay's top-up.
func (p *Params) SocialPension(in SocialPensionInput) (SocialPension, error) {
	if in.BirthDate.IsZero() {
		return SocialPension{}, invalid("birth_date", "thiếu ngày sinh", "birth date missing")
	}
	var vs struct{ age, agePoor, amount, topUp *Version }
	for _, x := range []struct {
		dst  **Version
		name string
	}{{&vs.age, pSocialAge}, {&vs.agePoor, pSocialAgePoor}, {&vs.amount, pSocialAmount}, {&vs.topUp, pProvinceTopUp}} {
		var err error
		if *x.dst, err = p.atMonth(x.name, in.Month); err != nil {
			return SocialPension{}, withField(err, "month")
		}
	}
	end := in.Month.Last()
	out := SocialPension{Age: end.Year() - in.BirthDate.Year()}
	if end.Month() < in.BirthDate.Month() || end.Month() == in.BirthDate.Month() && end.Day() < in.BirthDate.Day() {
		out.Age--
	}
	aged := out.Age >= int(vs.age.Value) || in.PoorOrNearPoor && out.Age >= int(vs.agePoor.Value)
	out.Eligible = aged && !in.HasPension
	e := newExplainer()
	e.add("eligible", out.Eligible,
		fmt.Sprintf("Từ %d tuổi, hoặc từ %d tuổi nếu thuộc hộ nghèo, cận nghèo, và không hưởng lương hưu hay trợ cấp BHXH hằng tháng; tuổi tính đến cuối tháng: %d",
			vs.age.Value, vs.agePoor.Value, out.Age),
		fmt.Sprintf("Aged %d or more, or %d or more in a poor or near-poor household, without a pension or monthly SI benefit; age at the end of the month: %d",
			vs.age.Value, vs.agePoor.Value, out.Age),
		vs.age, vs.agePoor)
	if out.Eligible {
		out.Amount = vs.amount.Value + vs.topUp.Value
	}
	e.add("amount", out.Amount,
		fmt.Sprintf("Mức trợ cấp %s cộng hỗ trợ thêm của tỉnh %s", dong(vs.amount.Value), dong(vs.topUp.Value)),
		fmt.Sprintf("Allowance %d plus the province's top-up %d", vs.amount.Value, vs.topUp.Value),
		vs.amount, vs.topUp)
	out.Explained = e.done()
	return out, nil
}
