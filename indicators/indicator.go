package indicators

import (
	"fmt"
	"strconv"
	"strings"

	"ansinh"
)

// Indicator names one of the plan's indicators, as written in the
// indicators export (column indicator).
type Indicator string

// The indicators, in the order of the plan (section II.1.2) and of every
// table AnSinh prints.
const (
	SICoverage        Indicator = "si_coverage"        // in social insurance (mandatory + voluntary), share of the labour force
	VoluntaryCoverage Indicator = "voluntary_coverage" // in voluntary social insurance only, share of the labour force
	UICoverage        Indicator = "ui_coverage"        // in unemployment insurance, share of the labour force
	RetireeBenefit    Indicator = "retiree_benefit"    // past retirement age and receiving a pension or allowance, share of that population
	ETransactions     Indicator = "e_transactions"     // transactions made online, share of all transactions
	Satisfaction      Indicator = "satisfaction"       // survey answers scoring 4 or 5 out of 5, share of all answers
	CollectionRate    Indicator = "collection_rate"    // amount paid, share of the amount assessed
	ArrearsRatio      Indicator = "arrears_ratio"      // arrears outstanding, share of twelve months' assessments
)

// Fact is one quantity counted for every unit and period; an indicator is
// the ratio of two facts. Refresh stores the facts, not the ratios.
type Fact int

// The facts. Stock facts are positions at the end of a month (a year takes
// its last month's); flow facts are counts or sums over the month (a year
// takes the sum of its months).
const (
	FactLaborForce     Fact = iota // stock: working-age labour force (statistics office, yearly)
	FactOverRetirement             // stock: population past retirement age (statistics office, yearly)
	FactInSI                       // stock: persons in mandatory or voluntary SI
	FactVoluntary                  // stock: persons in voluntary SI and not in mandatory SI
	FactInUI                       // stock: persons in unemployment insurance
	FactRetirees                   // stock: persons past retirement age receiving a pension, monthly SI benefit or social pension
	FactOnline                     // flow: transactions submitted online
	FactTransactions               // flow: transactions submitted, every channel
	FactSatisfied                  // flow: survey answers scoring 4 or 5
	FactAnswers                    // flow: survey answers
	FactCollected                  // flow: amount paid against the month's assessments, đồng
	FactAssessed                   // flow: amount assessed for the month, đồng
	FactArrears                    // stock: arrears outstanding at the end of the month, đồng
	FactAssessed12                 // stock: amount assessed over the twelve months ending with the month, đồng
	NFacts                         // the number of facts
)

var factNames = [NFacts]string{"labor_force", "over_retirement_age", "in_si", "voluntary", "in_ui", "retirees",
	"online", "transactions", "satisfied", "answers", "collected", "assessed", "arrears", "assessed_12m"}

// String returns the fact's column name in the store.
func (f Fact) String() string {
	if f >= 0 && f < NFacts {
		return factNames[f]
	}
	return "fact" + strconv.Itoa(int(f))
}

// Flow reports whether the fact is a flow (summed over a year's months)
// rather than a stock (a year takes its last month's position).
func (f Fact) Flow() bool {
	switch f {
	case FactOnline, FactTransactions, FactSatisfied, FactAnswers, FactCollected, FactAssessed:
		return true
	}
	return false
}

// AllFacts returns every fact in column order.
func AllFacts() []Fact {
	out := make([]Fact, NFacts)
	for i := range out {
		out[i] = Fact(i)
	}
	return out
}

// Definition describes an indicator: what it counts, over what, its plan
// source, and how it behaves in targets and forecasts.
type Definition struct {
	ID          Indicator
	NameVI      string // short name, Vietnamese
	NameEN      string // short name, English
	Numerator   Fact
	Denominator Fact
	// NumeratorVI/EN and DenominatorVI/EN say in words who or what counts.
	NumeratorVI, NumeratorEN     string
	DenominatorVI, DenominatorEN string
	// Persons is true when the numerator counts persons: targets can then
	// be allocated to units as numbers of participants, and forecasts say
	// how many more participants a month are needed.
	Persons bool
	// Lower is true when a lower value is better (the arrears ratio).
	Lower bool
	// Money is true when numerator and denominator are amounts in đồng.
	Money bool
	// Source names the data the indicator needs, for "no data" messages.
	SourceVI, SourceEN string
	// PlanSection cites the plan's section that sets its targets ("" when
	// the plan sets none).
	PlanSection string
}

var definitions = []Definition{
	{ID: SICoverage, NameVI: "Tỷ lệ lực lượng lao động tham gia BHXH", NameEN: "Labour force in social insurance",
		Numerator: FactInSI, Denominator: FactLaborForce, Persons: true,
		NumeratorVI:   "người có quá trình đóng BHXH bắt buộc hoặc tham gia BHXH tự nguyện trong tháng (mỗi người tính một lần)",
		NumeratorEN:   "persons with a mandatory SI spell or a voluntary SI enrolment covering the month (each person once)",
		DenominatorVI: "lực lượng lao động trong độ tuổi (Cục Thống kê)", DenominatorEN: "working-age labour force (statistics office)",
		SourceVI: "quá trình đóng, đăng ký tự nguyện, lực lượng lao động", SourceEN: "employment spells, voluntary enrolments, labour force",
		PlanSection: "II.1.2"},
	{ID: VoluntaryCoverage, NameVI: "Tỷ lệ nông dân, lao động phi chính thức tham gia BHXH tự nguyện", NameEN: "Farmers and informal workers in voluntary SI",
		Numerator: FactVoluntary, Denominator: FactLaborForce, Persons: true,
		NumeratorVI:   "người tham gia BHXH tự nguyện trong tháng mà không có quá trình đóng BHXH bắt buộc cùng tháng",
		NumeratorEN:   "persons with a voluntary SI enrolment covering the month and no mandatory spell in it",
		DenominatorVI: "lực lượng lao động trong độ tuổi (Cục Thống kê)", DenominatorEN: "working-age labour force (statistics office)",
		SourceVI: "đăng ký tự nguyện, lực lượng lao động", SourceEN: "voluntary enrolments, labour force",
		PlanSection: "II.1.2"},
	{ID: UICoverage, NameVI: "Tỷ lệ lực lượng lao động tham gia BHTN", NameEN: "Labour force in unemployment insurance",
		Numerator: FactInUI, Denominator: FactLaborForce, Persons: true,
		NumeratorVI:   "người có quá trình đóng BHXH bắt buộc thuộc diện BHTN trong tháng (HĐLĐ không xác định thời hạn, xác định thời hạn; HĐ mùa vụ từ 3 tháng, từ 01/2026 từ 1 tháng), trừ người đang hưởng lương hưu",
		NumeratorEN:   "persons with a mandatory spell subject to UI covering the month (indefinite or fixed-term contract; seasonal from 3 months, from 2026-01 from 1 month), except pensioners",
		DenominatorVI: "lực lượng lao động trong độ tuổi (Cục Thống kê)", DenominatorEN: "working-age labour force (statistics office)",
		SourceVI: "quá trình đóng, lực lượng lao động", SourceEN: "employment spells, labour force",
		PlanSection: "II.1.2"},
	{ID: RetireeBenefit, NameVI: "Tỷ lệ người sau tuổi nghỉ hưu hưởng lương hưu, BHXH hằng tháng, trợ cấp hưu trí xã hội", NameEN: "People past retirement age with a pension or allowance",
		Numerator: FactRetirees, Denominator: FactOverRetirement, Persons: true,
		NumeratorVI:   "người đã qua tuổi nghỉ hưu (từ tháng liền sau tháng đủ tuổi, Bộ luật Lao động 2019 Điều 169) đang hưởng lương hưu, trợ cấp BHXH hằng tháng hoặc trợ cấp hưu trí xã hội trong tháng",
		NumeratorEN:   "persons past retirement age (from the month after they reach it, Labour Code 2019 art. 169) receiving a pension, a monthly SI benefit or the social pension allowance in the month",
		DenominatorVI: "dân số sau tuổi nghỉ hưu (Cục Thống kê)", DenominatorEN: "population past retirement age (statistics office)",
		SourceVI: "người hưởng, dân số sau tuổi nghỉ hưu", SourceEN: "beneficiaries, population past retirement age",
		PlanSection: "II.1.2"},
	{ID: ETransactions, NameVI: "Tỷ lệ giao dịch điện tử", NameEN: "Electronic transactions",
		Numerator: FactOnline, Denominator: FactTransactions,
		NumeratorVI:   "giao dịch (đăng ký, kê khai, tham gia tự nguyện, nộp tiền) nộp trực tuyến trong tháng",
		NumeratorEN:   "transactions (registrations, declarations, voluntary enrolments, payments) submitted online in the month",
		DenominatorVI: "mọi giao dịch nộp trong tháng, mọi kênh", DenominatorEN: "every transaction submitted in the month, any channel",
		SourceVI: "giao dịch ghi nhận qua cổng dịch vụ công", SourceEN: "transactions recorded by the portals",
		PlanSection: "II.1.2"},
	{ID: Satisfaction, NameVI: "Chỉ số hài lòng của người tham gia", NameEN: "Participants' satisfaction index",
		Numerator: FactSatisfied, Denominator: FactAnswers,
		NumeratorVI:   "phiếu khảo sát chấm 4 hoặc 5 trên 5 (hài lòng, rất hài lòng) trả lời trong tháng",
		NumeratorEN:   "survey answers scoring 4 or 5 out of 5 (satisfied, very satisfied) given in the month",
		DenominatorVI: "mọi phiếu khảo sát trả lời trong tháng", DenominatorEN: "every survey answer given in the month",
		SourceVI: "phiếu khảo sát mức độ hài lòng", SourceEN: "satisfaction survey answers",
		PlanSection: "II.1.2"},
	{ID: CollectionRate, NameVI: "Tỷ lệ thu", NameEN: "Collection rate",
		Numerator: FactCollected, Denominator: FactAssessed, Money: true,
		NumeratorVI: "số tiền đã nộp cho số phải thu của tháng", NumeratorEN: "amount paid against the month's assessments",
		DenominatorVI: "số phải thu của tháng", DenominatorEN: "amount assessed for the month",
		SourceVI: "phải thu và số đã nộp (khóa sổ tháng)", SourceEN: "assessments and payments (the monthly close)"},
	{ID: ArrearsRatio, NameVI: "Tỷ lệ nợ", NameEN: "Arrears ratio",
		Numerator: FactArrears, Denominator: FactAssessed12, Money: true, Lower: true,
		NumeratorVI: "số nợ còn lại cuối tháng", NumeratorEN: "arrears outstanding at the end of the month",
		DenominatorVI: "số phải thu 12 tháng tính đến tháng đó", DenominatorEN: "amount assessed over the twelve months ending with the month",
		SourceVI: "thông báo và nợ (khóa sổ tháng)", SourceEN: "notices and arrears (the monthly close)"},
}

// Definitions returns every indicator's definition, in the plan's order.
func Definitions() []Definition { return append([]Definition(nil), definitions...) }

// Lookup returns the definition of id.
func Lookup(id Indicator) (Definition, bool) {
	for _, d := range definitions {
		if d.ID == id {
			return d, true
		}
	}
	return Definition{}, false
}

// ParseIndicator reads an indicator's name.
func ParseIndicator(s string) (Indicator, error) {
	if _, ok := Lookup(Indicator(s)); ok {
		return Indicator(s), nil
	}
	var names []string
	for _, d := range definitions {
		names = append(names, string(d.ID))
	}
	return "", ansinh.Invalid("indicator",
		fmt.Sprintf("chỉ tiêu %q không tồn tại; có: %s", s, strings.Join(names, ", ")),
		fmt.Sprintf("unknown indicator %q; known: %s", s, strings.Join(names, ", ")))
}

// Rate is a percentage in basis points (hundredths of a percent): 5000 is
// 50%, 105 is 1.05%. Targets and indicator values are Rates; a value is
// rounded half-up to the basis point.
type Rate int64

// RateOf returns num/den as a Rate, rounded half-up; ok is false when den is
// not positive.
func RateOf(num, den int64) (Rate, bool) {
	if den <= 0 {
		return 0, false
	}
	return Rate(ansinh.RoundHalfUp(num*10000, den)), true
}

// String writes the rate as a percentage with two decimals and a point,
// without the sign: "50.00", "1.05" (the export's form).
func (r Rate) String() string {
	neg := r < 0
	if neg {
		r = -r
	}
	s := fmt.Sprintf("%d.%02d", r/100, r%100)
	if neg {
		s = "-" + s
	}
	return s
}

// Display writes the rate the Vietnamese way: "50,00%".
func (r Rate) Display() string { return strings.Replace(r.String(), ".", ",", 1) + "%" }

// Percent returns the rate as a float percentage, for charts.
func (r Rate) Percent() float64 { return float64(r) / 100 }

// ParseRate reads a percentage: "50", "1.05", "1,05", "55%".
func ParseRate(s string) (Rate, error) {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	t = strings.Replace(t, ",", ".", 1)
	bad := ansinh.Invalid("target", fmt.Sprintf("tỷ lệ %q không hợp lệ (ví dụ 55 hoặc 1,05)", s),
		fmt.Sprintf("rate %q is not a percentage (e.g. 55 or 1.05)", s))
	whole, frac, _ := strings.Cut(t, ".")
	if whole == "" || len(frac) > 2 {
		return 0, bad
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w < 0 || w > 1000 {
		return 0, bad
	}
	for len(frac) < 2 {
		frac += "0"
	}
	f, err := strconv.ParseInt(frac, 10, 64)
	if err != nil {
		return 0, bad
	}
	return Rate(w*100 + f), nil
}

// Period is a month, or a whole year when Month is 0.
type Period struct {
	Year  int
	Month int // 1..12; 0 for the whole year
}

// MonthOf returns the period of month p.
func MonthOf(p ansinh.Period) Period { return Period{p.Year(), p.Month()} }

// YearOf returns the period of year y.
func YearOf(y int) Period { return Period{Year: y} }

// IsYear reports whether the period is a whole year.
func (p Period) IsYear() bool { return p.Month == 0 }

// MonthPeriod returns the month of a monthly period (zero for a year).
func (p Period) MonthPeriod() ansinh.Period {
	if p.Month == 0 {
		return 0
	}
	return ansinh.NewPeriod(p.Year, p.Month)
}

// String writes "YYYY-MM" for a month and "YYYY" for a year.
func (p Period) String() string {
	if p.Month == 0 {
		return fmt.Sprintf("%04d", p.Year)
	}
	return fmt.Sprintf("%04d-%02d", p.Year, p.Month)
}

// Display writes "mm/yyyy" for a month and "năm yyyy" for a year.
func (p Period) Display() string {
	if p.Month == 0 {
		return fmt.Sprintf("năm %04d", p.Year)
	}
	return fmt.Sprintf("%02d/%04d", p.Month, p.Year)
}

// Less orders periods by time, a year after its months.
func (p Period) Less(q Period) bool {
	if p.Year != q.Year {
		return p.Year < q.Year
	}
	pm, qm := p.Month, q.Month
	if pm == 0 {
		pm = 13
	}
	if qm == 0 {
		qm = 13
	}
	return pm < qm
}

// ParsePeriod reads "YYYY" or "YYYY-MM".
func ParsePeriod(s string) (Period, error) {
	if len(s) == 4 {
		y, err := strconv.Atoi(s)
		if err == nil && y >= 1900 && y <= 2200 {
			return Period{Year: y}, nil
		}
	} else if p, err := ansinh.ParsePeriod(s); err == nil {
		return MonthOf(p), nil
	}
	return Period{}, ansinh.Invalid("period", fmt.Sprintf("kỳ %q không hợp lệ (YYYY hoặc YYYY-MM)", s),
		fmt.Sprintf("period %q is not YYYY or YYYY-MM", s))
}
