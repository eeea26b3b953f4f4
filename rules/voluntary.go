package rules

import (
	"fmt"

	"ansinh"
)

// VoluntaryInput is a voluntary SI payment to compute.
type VoluntaryInput struct {
	Month         ansinh.Period // first month paid: its parameters apply to the whole payment
	Income        int64         // chosen monthly income, đồng
	Categories    Categories    // support categories; the highest share wins
	Months        int           // payment mode: 1, 3, 6 or 12 months
	ProvinceShare *Micro        // province's extra share; nil: the overlay's
}

// Voluntary is a computed voluntary SI payment.
type Voluntary struct {
	Month                   ansinh.Period `json:"month"`                      // first month paid
	Income                  int64         `json:"income"`                     // chosen monthly income
	IncomeFloor             int64         `json:"income_floor"`               // rural poverty line
	IncomeCap               int64         `json:"income_cap"`                 // 20 × base salary / reference level
	ContributionPerMonth    int64         `json:"contribution_per_month"`     // 22% of the income
	Category                string        `json:"category"`                   // the category whose share applies
	StateShare              Micro         `json:"state_share"`                // the state's share of 22% × poverty line
	StateSupportPerMonth    int64         `json:"state_support_per_month"`    // the state's support a month
	ProvinceShare           Micro         `json:"province_share"`             // the province's extra share
	ProvinceSupportPerMonth int64         `json:"province_support_per_month"` // the province's support a month
	PayablePerMonth         int64         `json:"payable_per_month"`          // what the participant pays a month
	Months                  int           `json:"months"`                     // months paid at once
	Payable                 int64         `json:"payable"`                    // what the participant pays for the months
	SupportMaxMonths        int           `json:"support_max_months"`         // support is paid for at most this many months: the caller counts them
	Explained
}

// Voluntary computes a voluntary SI payment: 22% of the income, less the
// state's support (a share of 22% × the rural poverty line, the highest
// share of the participant's categories) and the province's, per month, times
// the months paid. The income must lie between the rural poverty line and 20
// × the base salary. Whether the participant still has support months left
// (at most SupportMaxMonths) is the caller's concern.
func (p *Params) Voluntary(in VoluntaryInput) (Voluntary, error) {
	m := in.Month
	vs, err := p.voluntaryVersions(m)
	if err != nil {
		return Voluntary{}, err
	}
	out := Voluntary{Month: m, Income: in.Income, Months: in.Months, IncomeFloor: vs.line.Value, IncomeCap: vs.cap.Value * vs.base.Value}
	if in.Income < out.IncomeFloor || in.Income > out.IncomeCap {
		return out, invalid("income",
			fmt.Sprintf("thu nhập lựa chọn %s phải từ chuẩn nghèo nông thôn %s đến %d lần mức tham chiếu %s", dong(in.Income), dong(out.IncomeFloor), vs.cap.Value, dong(out.IncomeCap)),
			fmt.Sprintf("chosen income %d must lie between the rural poverty line %d and %d × reference level %d", in.Income, out.IncomeFloor, vs.cap.Value, out.IncomeCap))
	}
	if !PaymentMode(in.Months).Valid() {
		return out, invalid("months", "số tháng đóng phải là 1, 3, 6 hoặc 12", "months must be 1, 3, 6 or 12")
	}
	support, cat, err := p.supportVersion(in.Categories, m)
	if err != nil {
		return out, err
	}
	out.Category, out.StateShare = cat.String(), support.Micro()
	var provV *Version
	if in.ProvinceShare != nil {
		out.ProvinceShare = *in.ProvinceShare
	} else {
		if provV, err = p.atMonth(pProvinceShare, m); err != nil {
			return out, withField(err, "month")
		}
		out.ProvinceShare = provV.Micro()
	}
	if out.ProvinceShare < 0 || out.StateShare+out.ProvinceShare > One {
		return out, invalid("province_support_share", "tỷ lệ hỗ trợ của tỉnh phải từ 0 và cộng với hỗ trợ của Nhà nước không quá 100%",
			"the province's share must be at least 0 and, with the state's, at most 100%")
	}
	rate := vs.rate.Micro()
	out.ContributionPerMonth = rate.Of(in.Income)
	out.StateSupportPerMonth = mulDivRound(out.IncomeFloor, int64(rate)*int64(out.StateShare), int64(One)*int64(One))
	out.ProvinceSupportPerMonth = mulDivRound(out.IncomeFloor, int64(rate)*int64(out.ProvinceShare), int64(One)*int64(One))
	out.PayablePerMonth = max(0, out.ContributionPerMonth-out.StateSupportPerMonth-out.ProvinceSupportPerMonth)
	out.Payable = out.PayablePerMonth * int64(in.Months)
	out.SupportMaxMonths = int(vs.maxMonths.Value)
	out.Explained = explainVoluntary(in, out, vs, support, provV)
	return out, nil
}

// voluntaryVersions are the versions a voluntary payment uses.
type voluntaryVersions struct{ rate, line, cap, base, maxMonths *Version }

func (p *Params) voluntaryVersions(m ansinh.Period) (voluntaryVersions, error) {
	var vs voluntaryVersions
	var err error
	for _, x := range []struct {
		dst  **Version
		name string
	}{{&vs.rate, pVolRate}, {&vs.line, pPovertyLine}, {&vs.cap, pVolCap}, {&vs.base, pBaseSalary}, {&vs.maxMonths, pVolMaxMonths}} {
		if *x.dst, err = p.atMonth(x.name, m); err != nil {
			return vs, withField(err, "month")
		}
	}
	return vs, nil
}

func explainVoluntary(in VoluntaryInput, out Voluntary, vs voluntaryVersions, support, provV *Version) Explained {
	e := newExplainer()
	rate := vs.rate.Micro()
	e.add("contribution_per_month", out.ContributionPerMonth,
		fmt.Sprintf("%s%% × thu nhập lựa chọn %s (từ %s đến %s), làm tròn nửa lên", rate.Percent(), dong(in.Income), dong(out.IncomeFloor), dong(out.IncomeCap)),
		fmt.Sprintf("%s%% × chosen income %d (between %d and %d), rounded half-up", rate.Percent(), in.Income, out.IncomeFloor, out.IncomeCap),
		vs.rate, vs.line, vs.cap, vs.base)
	e.add("state_support_per_month", out.StateSupportPerMonth,
		fmt.Sprintf("%s%% (nhóm %s, mức cao nhất trong các nhóm) × %s%% × chuẩn nghèo nông thôn %s", out.StateShare.Percent(), out.Category, rate.Percent(), dong(out.IncomeFloor)),
		fmt.Sprintf("%s%% (category %s, the highest applying) × %s%% × rural poverty line %d", out.StateShare.Percent(), out.Category, rate.Percent(), out.IncomeFloor),
		support, vs.rate, vs.line)
	provVI, provEN := "tỷ lệ do bên gọi nhập", "share given in the input"
	if provV != nil {
		provVI, provEN = "tỷ lệ theo cấu hình của tỉnh", "share from the province overlay"
	}
	e.add("province_support_per_month", out.ProvinceSupportPerMonth,
		fmt.Sprintf("%s%% (%s) × %s%% × chuẩn nghèo nông thôn %s", out.ProvinceShare.Percent(), provVI, rate.Percent(), dong(out.IncomeFloor)),
		fmt.Sprintf("%s%% (%s) × %s%% × rural poverty line %d", out.ProvinceShare.Percent(), provEN, rate.Percent(), out.IncomeFloor),
		provV, vs.rate, vs.line)
	e.add("payable_per_month", out.PayablePerMonth, "Mức đóng trừ hỗ trợ của Nhà nước và của tỉnh", "Contribution less the state's and the province's support")
	e.add("payable", out.Payable,
		fmt.Sprintf("%s × %d tháng (phương thức đóng; tham số của tháng đầu %s áp dụng cho cả kỳ)", dong(out.PayablePerMonth), in.Months, in.Month),
		fmt.Sprintf("%d × %d months (payment mode; the first month's %s parameters apply to the whole payment)", out.PayablePerMonth, in.Months, in.Month))
	e.add("support_max_months", out.SupportMaxMonths, "Hỗ trợ tối đa số tháng này: bên gọi đếm số tháng đã được hỗ trợ",
		"Support is paid for at most this many months: the caller counts those already supported", vs.maxMonths)
	return e.done()
}
