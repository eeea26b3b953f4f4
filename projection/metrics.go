package projection

import (
	"strconv"

	"ansinh"
)

// Kind is how a metric's value reads.
type Kind uint8

// The kinds of metrics.
const (
	KindCount Kind = iota // people
	KindMoney             // đồng a year
	KindRatio             // a ratio (pensioners per contributor)
	KindShare             // a fraction shown as a percentage
)

// Metric is an output column of the projection.
type Metric struct {
	Key     string
	TitleVI string
	TitleEN string
	Kind    Kind
	Value   func(Year) float64
}

// Metrics are the projection's outputs, in the order tables show them.
var Metrics = []Metric{
	{"contributors", "Người đóng BHXH", "Contributors", KindCount, func(y Year) float64 { return float64(y.Contributors) }},
	{"mandatory", "  bắt buộc", "  mandatory", KindCount, func(y Year) float64 { return float64(y.Mandatory) }},
	{"voluntary", "  tự nguyện", "  voluntary", KindCount, func(y Year) float64 { return float64(y.Voluntary) }},
	{"coverage", "Tỷ lệ bao phủ (LLLĐ)", "Coverage (labour force)", KindShare, func(y Year) float64 { return y.Coverage }},
	{"pensioners", "Người hưởng lương hưu, trợ cấp hằng tháng", "Pensioners (pension or monthly benefit)", KindCount, func(y Year) float64 { return float64(y.Pensioners) }},
	{"dependency", "Tỷ số phụ thuộc (hưởng/đóng)", "Dependency ratio (pensioners/contributors)", KindRatio, func(y Year) float64 { return y.DependencyRatio }},
	{"revenue", "Thu đóng vào quỹ hưu trí, tử tuất", "Contribution revenue", KindMoney, func(y Year) float64 { return float64(y.Revenue) }},
	{"spending", "Chi lương hưu, trợ cấp, một lần", "Pension spending (incl. lump sums)", KindMoney, func(y Year) float64 { return float64(y.Spending) }},
	{"balance", "Cân đối (thu − chi)", "Balance (revenue − spending)", KindMoney, func(y Year) float64 { return float64(y.Balance) }},
	{"cost_rate", "Tỷ lệ chi phí PAYG", "PAYG cost rate", KindShare, func(y Year) float64 { return y.CostRate }},
	{"replacement", "Tỷ lệ thay thế bình quân", "Average replacement rate", KindShare, func(y Year) float64 { return y.ReplacementRate }},
	{"state_support", "Ngân sách nhà nước hỗ trợ tự nguyện", "State budget: voluntary support", KindMoney, func(y Year) float64 { return float64(y.StateSupport) }},
	{"province_support", "Ngân sách tỉnh hỗ trợ tự nguyện", "Province budget: voluntary support", KindMoney, func(y Year) float64 { return float64(y.ProvinceSupport) }},
}

// MetricByKey returns a metric by its key.
func MetricByKey(key string) (Metric, bool) {
	for _, m := range Metrics {
		if m.Key == key {
			return m, true
		}
	}
	return Metric{}, false
}

// Text shows a metric's value the Vietnamese way: people grouped by dots,
// money in millions of đồng, ratios and percentages with a decimal comma.
func (m Metric) Text(y Year) string {
	v := m.Value(y)
	switch m.Kind {
	case KindCount:
		return ansinh.GroupDigits(int64(v), '.')
	case KindMoney:
		return ansinh.GroupDigits(Dong(v/1e6), '.')
	case KindRatio:
		return RatioText(v)
	}
	return PercentText(v)
}

// Unit names the unit of the metric's text.
func (m Metric) Unit() string {
	switch m.Kind {
	case KindCount:
		return "người"
	case KindMoney:
		return "triệu đ"
	case KindRatio:
		return ""
	}
	return "%"
}

// SummaryYears are the years summary tables show: the start year, then
// 2030, 2040, 2050 and the end year when projected.
func SummaryYears(results []*Result) []int {
	if len(results) == 0 || len(results[0].Years) == 0 {
		return nil
	}
	first := results[0].Years[0].Year
	last := results[0].Years[len(results[0].Years)-1].Year
	out := []int{first}
	for _, y := range []int{2030, 2040, 2050, last} {
		if y > out[len(out)-1] && y <= last {
			out = append(out, y)
		}
	}
	return out
}

// yearLabel is a year as text.
func yearLabel(y int) string { return strconv.Itoa(y) }
