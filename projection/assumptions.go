package projection

import (
	"fmt"
	"strconv"

	"ansinh"
)

// Assumption is a named parameter of a projection with its value and where
// it comes from; Assumed marks a value no legal text sets.
type Assumption struct {
	Name    string // the scenario file's key, or the rule's parameter name
	TitleVI string
	TitleEN string
	Value   string
	Source  string
	Assumed bool
}

// assumptionNote marks economic defaults.
const assumptionNote = "giả định, không có căn cứ pháp lý; sửa được trong tệp kịch bản / assumption with no legal source; set it in the scenario file"

// assumptions lists the scenario's parameters as the run applied them.
func (m *model) assumptions(st StartState) []Assumption {
	sc := m.sc
	out := []Assumption{
		{"coverage", "Lộ trình bao phủ", "Coverage path", sc.Coverage, coverageSource(sc.Coverage), false},
		economic("wage_growth_pct", "Tăng lương danh nghĩa/năm", "Nominal wage growth a year", sc.WageGrowthPct, defaultWageGrowthPct),
		economic("cpi_pct", "Lạm phát CPI/năm", "CPI inflation a year", sc.CPIPct, defaultCPIPct),
		{"indexation", "Điều chỉnh lương hưu", "Pension indexation", indexationText(sc),
			"Chính phủ quyết định từng đợt điều chỉnh (rules.md §7); chính sách dự báo là giả định / each rise is decided by decree; the projected policy is an assumption", true},
		m.labourAssumption(),
		m.rateAssumption(st.Month),
		m.provinceAssumption(st.Month),
		{"mortality_scale", "Tử vong", "Mortality", strconv.FormatFloat(sc.mortalityScale(), 'f', -1, 64) + " × WPP 2023",
			MortalitySource + "; giữ mức 2023 / held at 2023 levels", sc.MortalityScale != nil},
		{"retirement_age", "Tuổi nghỉ hưu", "Retirement age", "rules: retirement_age.male / retirement_age.female",
			"Bộ luật Lao động 2019 Điều 169; Nghị định 135/2020/NĐ-CP" + overlayNote(sc), false},
		{"pension", "Lương hưu", "Pension", "rules: Pension (L2014 / L2024)",
			"Luật BHXH 58/2014/QH13 Điều 54–58; Luật BHXH 41/2024/QH15 Điều 64–68", false},
		{"past_earnings", "Thu nhập quá khứ", "Past earnings", "= tiền lương hiện tại / today's wage",
			"sổ đăng ký không giữ tiền lương các năm trước: giả định / the registry keeps no earlier wages: assumption", true},
		{"flows", "Người mới và người dừng", "Entrants and exits",
			fmt.Sprintf("%s → %s", st.Month.Add(-12), st.Month), "lịch sử của sổ đăng ký 12 tháng gần nhất / the registry's last 12 months", false},
	}
	if m.fallback {
		out = append(out, Assumption{"entrants_profile", "Hồ sơ người mới", "Entrants' profile", "≤ 2 năm đóng / ≤ 2 years of service",
			"sổ đăng ký không có người mới trong 12 tháng ở một loại hình: lấy hồ sơ thành viên mới nhất (giả định) / no entrant in the last 12 months in a scheme: the newest members' profile (assumption)", true})
	}
	return out
}

func economic(name, vi, en string, v *float64, def float64) Assumption {
	a := Assumption{Name: name, TitleVI: vi, TitleEN: en, Value: pctText(pct(v, def)), Source: assumptionNote, Assumed: true}
	if v != nil {
		a.Source = "tệp kịch bản (giả định) / the scenario file (assumption)"
	}
	return a
}

func coverageSource(c string) string {
	switch c {
	case CoveragePlan:
		return "Kế hoạch thực hiện Nghị quyết 28-NQ/TW, mục II.1.2 (mục tiêu 2025, 2030, sau đó giữ nguyên) / the plan's targets for 2025 and 2030, then held"
	case CoverageTrend:
		return "xu hướng của sổ đăng ký: người mới và tỷ lệ dừng của 12 tháng gần nhất lặp lại / the registry's last year of entrants and exit rates, repeated"
	}
	return "nhóm đóng: không người mới, không người dừng (kiểm tra) / closed group: no entrants or exits (checks)"
}

func indexationText(sc *Scenario) string {
	return fmt.Sprintf("%s: %s/năm", sc.Indexation, pctText(sc.Indexing()))
}

func (m *model) labourAssumption() Assumption {
	a := Assumption{Name: "labour_force_growth_pct", TitleVI: "Tăng lực lượng lao động/năm", TitleEN: "Labour force growth a year",
		Value: pctText(m.labour.growth)}
	switch {
	case m.sc.LabourForceGrowthPct != nil:
		a.Source, a.Assumed = "tệp kịch bản (giả định) / the scenario file (assumption)", true
	case m.labour.derived:
		a.Source = "xu hướng số liệu lực lượng lao động trong sổ đăng ký / the trend of the registry's labour force figures"
	default:
		a.Source, a.Assumed = "giữ nguyên số năm gần nhất (giả định) / the latest figure held (assumption)", true
	}
	return a
}

func (m *model) rateAssumption(month ansinh.Period) Assumption {
	r, _ := m.ratesAt(month)
	a := Assumption{Name: "contribution_rate_pct", TitleVI: "Tỷ lệ đóng vào quỹ hưu trí, tử tuất", TitleEN: "Contribution rate to the pension fund",
		Value:  pctText(r.mandatory) + " / tự nguyện " + pctText(r.voluntary),
		Source: "Luật BHXH 41/2024/QH15 Điều 33(1)(a), 34(1)(b) (8% + 14%); tự nguyện 22% (rules: vol.rate)"}
	if m.sc.ContributionRatePct != nil {
		a.Source, a.Assumed = "tệp kịch bản (thay mức luật định) / the scenario file (replaces the law's rate)", true
	}
	return a
}

func (m *model) provinceAssumption(month ansinh.Period) Assumption {
	r, _ := m.ratesAt(month)
	a := Assumption{Name: "province_support_share_pct", TitleVI: "Tỉnh hỗ trợ thêm người tham gia tự nguyện", TitleEN: "Province's support share for voluntary members",
		Value:  pctText(r.province) + " × 22% × chuẩn nghèo nông thôn",
		Source: "rules: province.vol_support_share; hỗ trợ của Nhà nước: Nghị định 159/2025/NĐ-CP Điều 5 (rules: vol.support.*)"}
	if m.sc.ProvinceSupportSharePct != nil {
		a.Source, a.Assumed = "tệp kịch bản (chính sách tỉnh giả định) / the scenario file (an assumed province policy)", true
	}
	return a
}

func overlayNote(sc *Scenario) string {
	if sc.RulesOverlay == "" {
		return ""
	}
	return "; thay bằng / replaced by " + sc.RulesOverlay
}

// pctText shows a fraction as a percentage with two decimals, Vietnamese style.
func pctText(f float64) string { return PercentText(f) }
