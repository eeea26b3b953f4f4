// Package report writes the periodic report on the plan to the provincial
// Party Committee's Standing Committee (Kế hoạch, mục III.5: "định kỳ báo
// cáo kết quả thực hiện về Ban Thường vụ Tỉnh ủy"), as an XLSX workbook and
// as a PDF document, in Vietnamese with English alongside: the province
// against its targets with the forecast to 2030, the communes ranked, the
// arrears and compliance summaries, the plan's tasks, and charts.
//
// Báo cáo định kỳ gửi Ban Thường vụ Tỉnh ủy về kết quả thực hiện Kế hoạch.
//
// The package only lays out what Data holds; the command fills Data from
// the store with the same rows as the indicators export, so the report's
// tables and the export agree figure for figure.
package report

import (
	"fmt"

	"ansinh"
	"ansinh/indicators"
	"ansinh/plan"
)

// Data is everything a report shows.
type Data struct {
	Year     int
	Through  ansinh.Period // the last month computed
	Issued   ansinh.Date
	Province indicators.Unit
	// Rows are the province's figures for the year, one per indicator in
	// the plan's order (the indicators export's rows for the province and
	// the year).
	Rows []indicators.Row
	// PlanYears are the years of the plan's targets shown beside (2021,
	// 2025, 2030); Milestones gives each indicator's target for them.
	PlanYears  []int
	Milestones map[indicators.Indicator]map[int]indicators.Milestone
	// TargetYear is the forecasts' year; Forecasts the province's.
	TargetYear int
	Forecasts  map[indicators.Indicator]indicators.Forecast
	// History holds the province's yearly rows from the first year to
	// Year, per indicator, for the charts.
	History map[indicators.Indicator][]indicators.Row
	// Communes are the communes in force at the end of the year, ranked by
	// SI coverage (best first).
	Communes []CommuneLine
	// CommuneLevel names the communes' level in the year's structure.
	Arrears     Arrears
	Compliance  Compliance
	Tasks       []TaskLine
	Qualitative []indicators.QualitativeTarget
}

// CommuneLine is one commune's figures for the year.
type CommuneLine struct {
	Rank int
	Unit indicators.Unit
	Rows map[indicators.Indicator]indicators.Row
}

// Arrears sums up the arrears at the last closed month of the year.
type Arrears struct {
	Available      bool
	Month          ansinh.Period
	TotalPayers    int64
	TotalOverdue   int64
	LatePayers     int64
	LateOverdue    int64
	EvasionPayers  int64
	EvasionOverdue int64
	Buckets        []Bucket
	Debtors        []Debtor
}

// Bucket is the amount overdue for a range of months overdue.
type Bucket struct {
	LabelVI string
	Payers  int64
	Amount  int64
}

// Debtor is an employer with an amount overdue.
type Debtor struct {
	TaxCode, Name, Commune, Status string
	Overdue                        int64
	Months                         int
}

// Compliance sums up the cross-match and the inspections.
type Compliance struct {
	Available                                bool
	Findings                                 []FindingLine
	Cases                                    []CaseLine
	WorkersRegistered, AmountRecovered, Fine int64
}

// FindingLine counts the findings of a kind.
type FindingLine struct {
	Kind        string
	Label       string // the kind's name in Vietnamese ("" : KindVI's)
	Open, Total int64
	StakeOpen   int64
}

// label returns the finding kind's Vietnamese name.
func (f FindingLine) label() string {
	if f.Label != "" {
		return f.Label
	}
	return KindVI(f.Kind)
}

// CaseLine counts the inspection cases in a status.
type CaseLine struct {
	Status string
	Cases  int64
}

// TaskLine is a task of the plan with its state.
type TaskLine struct {
	Task       plan.Task
	Late       bool
	LateVI     string
	LastReport *plan.Report
}

// kindVI names the findings' kinds in Vietnamese.
var kindVI = map[string]string{
	"unregistered_employer": "Đơn vị chưa đăng ký tham gia BHXH",
	"unregistered_worker":   "Người lao động có thu nhập nhưng chưa tham gia BHXH",
	"underdeclared_wage":    "Tiền lương đóng BHXH thấp hơn thực tế",
	"evasion_arrears":       "Nợ đọng đến mức trốn đóng",
	"below_minimum_wage":    "Tiền lương thấp hơn lương tối thiểu vùng",
	"unpaid_arrears":        "Nợ đọng kéo dài",
}

// KindVI returns a finding kind's Vietnamese name (the code itself if
// unknown).
func KindVI(kind string) string {
	if s, ok := kindVI[kind]; ok {
		return s
	}
	return kind
}

// caseStatusVI names the cases' statuses.
var caseStatusVI = map[string]string{
	"open": "Mới mở", "contacted": "Đã liên hệ", "inspected": "Đã kiểm tra", "resolved": "Đã xử lý",
}

// CaseStatusVI returns a case status's Vietnamese name.
func CaseStatusVI(s string) string {
	if v, ok := caseStatusVI[s]; ok {
		return v
	}
	return s
}

// noticeStatusVI names the notices' statuses.
func noticeStatusVI(s string) string {
	switch s {
	case "late":
		return "chậm đóng"
	case "evasion":
		return "trốn đóng"
	case "current":
		return "đúng hạn"
	}
	return s
}

// Title is the report's title.
func (d *Data) Title() string {
	return fmt.Sprintf("BÁO CÁO KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT SỐ 28-NQ/TW VỀ CẢI CÁCH CHÍNH SÁCH BẢO HIỂM XÃ HỘI NĂM %d", d.Year)
}

// TitleEN is the report's title in English.
func (d *Data) TitleEN() string {
	return fmt.Sprintf("Report on the implementation of Resolution 28-NQ/TW on social insurance reform, %d", d.Year)
}

// figure writes a row's numerator or denominator for a table.
func figure(r indicators.Row, num bool) string {
	if !r.Value.Known {
		return "—"
	}
	v := r.Value.Denominator
	if num {
		v = r.Value.Numerator
	}
	if r.Definition.Money {
		return ansinh.FormatMoney(v)
	}
	return ansinh.GroupDigits(v, '.')
}

// rateText writes a row's value, or "Chưa có dữ liệu".
func rateText(r indicators.Row) string {
	if !r.HasRate {
		return NoData
	}
	return r.Rate.Display()
}

// targetText writes a row's target, or "—".
func targetText(r indicators.Row) string {
	if !r.HasTarget() {
		return "—"
	}
	return r.Target.Display()
}

// status writes whether a row meets its target.
func status(r indicators.Row) string {
	switch {
	case !r.HasRate || !r.HasTarget():
		return "—"
	case r.Met:
		return "Đạt"
	}
	return "Chưa đạt"
}

// NoData is what a report shows where the data is not recorded.
const NoData = "Chưa có dữ liệu"

// NoDataLong explains a section without data.
const NoDataLong = "Chưa có dữ liệu (data not yet available): phân hệ tương ứng chưa chạy hoặc chưa ghi nhận số liệu cho kỳ báo cáo."

// outlook writes a forecast's status.
func outlook(f indicators.Forecast, ok bool) string {
	if !ok {
		return "—"
	}
	switch f.Status {
	case indicators.OnTrack:
		return "Sẽ đạt"
	case indicators.OffTrack:
		return "Khó đạt"
	}
	return "Chưa đủ dữ liệu"
}

// milestone returns an indicator's target for a plan year, as text.
func (d *Data) milestone(id indicators.Indicator, year int) string {
	if m, ok := d.Milestones[id][year]; ok {
		return m.Value.Display()
	}
	return "—"
}
