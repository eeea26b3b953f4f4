package indicators

import (
	"fmt"
	"sort"

	"ansinh"
)

// Target is a target of an indicator for a year: a rate the province aims
// for. The plan's targets are built in (PlanTargets); officers may edit
// them and add others (the store keeps the edits).
type Target struct {
	Indicator Indicator
	Year      int
	Value     Rate
	// Source cites where the target comes from: the plan's section, or
	// the officer who edited it.
	Source string
	// Edited is true for a target entered by an officer.
	Edited bool
}

// PlanSource is the citation of the plan's targets.
const PlanSource = "Kế hoạch thực hiện Nghị quyết số 28-NQ/TW của Tỉnh ủy, mục II.1.2"

// The plan's targets, section II.1.2 "Mục tiêu cụ thể" (seed, quoted in
// docs): 1.2.1 for 2018–2021, 1.2.2 for 2022–2025, 1.2.3 for 2026–2030.
// "Cố gắng phấn đấu đạt 50% lực lượng lao động trong độ tuổi tham gia bảo
// hiểm xã hội, trong đó nông dân và lao động khu vực phi chính thức tham
// gia bảo hiểm xã hội tự nguyện chiếm khoảng 1,05% …; khoảng 35% … tham
// gia bảo hiểm thất nghiệp; có khoảng 45% số người sau độ tuổi nghỉ hưu
// được hưởng lương hưu, bảo hiểm xã hội hằng tháng và trợ cấp hưu trí xã
// hội; tỉ lệ giao dịch điện tử đạt 100% …; chỉ số đánh giá mức độ hài lòng
// … đạt mức 80%" (2021), and so on for 2025 and 2030.
var planTargets = []struct {
	ind     Indicator
	year    int
	value   Rate
	section string
}{
	{SICoverage, 2021, 5000, "II.1.2.1"},
	{SICoverage, 2025, 5500, "II.1.2.2"},
	{SICoverage, 2030, 6100, "II.1.2.3"},
	{VoluntaryCoverage, 2021, 105, "II.1.2.1"},
	{VoluntaryCoverage, 2025, 260, "II.1.2.2"},
	{VoluntaryCoverage, 2030, 510, "II.1.2.3"},
	{UICoverage, 2021, 3500, "II.1.2.1"},
	{UICoverage, 2025, 4000, "II.1.2.2"},
	{UICoverage, 2030, 4700, "II.1.2.3"},
	{RetireeBenefit, 2021, 4500, "II.1.2.1"},
	{RetireeBenefit, 2025, 5500, "II.1.2.2"},
	{RetireeBenefit, 2030, 6000, "II.1.2.3"},
	{ETransactions, 2021, 10000, "II.1.2.1"},
	{Satisfaction, 2021, 8000, "II.1.2.1"},
	{Satisfaction, 2025, 8500, "II.1.2.2"},
	{Satisfaction, 2030, 9000, "II.1.2.3"},
}

// PlanTargets returns the targets the plan sets, with their sections.
func PlanTargets() []Target {
	out := make([]Target, len(planTargets))
	for i, t := range planTargets {
		out[i] = Target{Indicator: t.ind, Year: t.year, Value: t.value,
			Source: "Kế hoạch thực hiện Nghị quyết số 28-NQ/TW của Tỉnh ủy, mục " + t.section}
	}
	return out
}

// QualitativeTarget is a target of the plan that is not a rate of the data.
type QualitativeTarget struct {
	Year       int
	TextVI     string
	TextEN     string
	Section    string
	MeasuredVI string // how AnSinh shows progress on it, or that it does not
	MeasuredEN string
}

// QualitativeTargets returns the plan's targets for 2021 that are not
// rates (section II.1.2.1).
func QualitativeTargets() []QualitativeTarget {
	return []QualitativeTarget{
		{2021, "Thực hiện dịch vụ công trực tuyến mức độ 4", "Online public services at level 4 (the whole procedure online)", "II.1.2.1",
			"Các thủ tục trên cổng dịch vụ công của AnSinh (đăng ký, kê khai, tham gia tự nguyện, nộp tiền) thực hiện trọn vẹn trực tuyến; tỷ lệ giao dịch điện tử đo mức sử dụng",
			"The procedures of AnSinh's portals (registration, declarations, voluntary enrolment, payment) run wholly online; the e-transaction share measures their use"},
		{2021, "Giảm số giờ giao dịch giữa cơ quan BHXH với doanh nghiệp đạt mức ASEAN 4", "Hours an enterprise spends on SI transactions at the ASEAN-4 level", "II.1.2.1",
			"Chưa đo: thời gian xử lý hồ sơ được ghi nhận, nhưng số giờ doanh nghiệp bỏ ra không có trong dữ liệu",
			"Not measured: processing times are recorded, but the hours an enterprise spends are not in the data"},
	}
}

// Targets are the anchors of the indicators' targets: the plan's, overlaid
// by officers' edits.
type Targets struct {
	byInd map[Indicator][]Target // sorted by year
}

// NewTargets returns the plan's targets with edits applied: an edit for an
// indicator and year replaces the plan's target for that year, or adds one.
func NewTargets(edits []Target) *Targets {
	t := &Targets{byInd: map[Indicator][]Target{}}
	all := map[[2]any]Target{}
	for _, p := range PlanTargets() {
		all[[2]any{p.Indicator, p.Year}] = p
	}
	for _, e := range edits {
		e.Edited = true
		all[[2]any{e.Indicator, e.Year}] = e
	}
	for _, x := range all {
		t.byInd[x.Indicator] = append(t.byInd[x.Indicator], x)
	}
	for _, l := range t.byInd {
		sort.Slice(l, func(i, j int) bool { return l[i].Year < l[j].Year })
	}
	return t
}

// Anchors returns the targets set for an indicator (plan and edits), by
// year.
func (t *Targets) Anchors(ind Indicator) []Target { return append([]Target(nil), t.byInd[ind]...) }

// All returns every anchor, by indicator (plan order) then year.
func (t *Targets) All() []Target {
	var out []Target
	for _, d := range definitions {
		out = append(out, t.byInd[d.ID]...)
	}
	return out
}

// MilestoneKind says how a year's milestone was obtained.
type MilestoneKind string

// The milestone kinds.
const (
	MilestoneSet          MilestoneKind = "set"          // a target set for that very year
	MilestoneInterpolated MilestoneKind = "interpolated" // between two targets, on a straight line
	MilestoneHeld         MilestoneKind = "held"         // after the last target, which holds
)

// Milestone is the target of an indicator for a year.
type Milestone struct {
	Indicator Indicator
	Year      int
	Value     Rate
	Kind      MilestoneKind
	Source    string
}

// Milestone returns the target of ind for year. A year with a target set
// takes it. A year between two targets takes the straight line between
// them, rounded half-up to the basis point: 2023 lies halfway between 2021
// (50%) and 2025 (55%), so its SI coverage milestone is 52.50%. A year after
// the last target keeps it (the plan sets the 2021 share of electronic
// transactions at 100% and nothing later: it holds). A year before the
// first target has none (ok false): the plan's first targets are for 2021,
// and it sets no baseline.
func (t *Targets) Milestone(ind Indicator, year int) (Milestone, bool) {
	l := t.byInd[ind]
	if len(l) == 0 || year < l[0].Year {
		return Milestone{}, false
	}
	for i, a := range l {
		if a.Year == year {
			return Milestone{ind, year, a.Value, MilestoneSet, a.Source}, true
		}
		if a.Year > year {
			p := l[i-1]
			num := int64(p.Value)*int64(a.Year-year) + int64(a.Value)*int64(year-p.Year)
			v := Rate(ansinh.RoundHalfUp(num, int64(a.Year-p.Year)))
			return Milestone{ind, year, v, MilestoneInterpolated,
				fmt.Sprintf("nội suy tuyến tính giữa %d (%s) và %d (%s)", p.Year, p.Value.Display(), a.Year, a.Value.Display())}, true
		}
	}
	last := l[len(l)-1]
	return Milestone{ind, year, last.Value, MilestoneHeld, fmt.Sprintf("giữ mục tiêu năm %d", last.Year)}, true
}

// CheckTarget validates a target an officer enters.
func CheckTarget(t Target) error {
	if _, ok := Lookup(t.Indicator); !ok {
		_, err := ParseIndicator(string(t.Indicator))
		return err
	}
	if t.Year < 2000 || t.Year > 2100 {
		return ansinh.Invalid("year", "năm phải từ 2000 đến 2100", "the year must be between 2000 and 2100")
	}
	if t.Value < 0 || t.Value > 10000 {
		return ansinh.Invalid("target", "mục tiêu phải từ 0% đến 100%", "the target must be between 0% and 100%")
	}
	return nil
}
