package web

// projectionTexts are the projection page's texts, added to the catalogue.
var projectionTexts = map[string][2]string{
	"nav.projection":         {"Dự báo quỹ", "Fund projection"},
	"projection.title":       {"Dự báo quỹ hưu trí, tử tuất đến 2075", "Pension fund projection to 2075"},
	"projection.lead":        {"Hai kịch bản đặt cạnh nhau từ sổ đăng ký của tháng chọn: bao phủ theo mục tiêu của Kế hoạch (2025, 2030 rồi giữ nguyên) và theo xu hướng của sổ đăng ký. Mô hình theo tuổi, giới tính và số năm đóng; tử vong theo UN WPP 2024; tuổi nghỉ hưu và lương hưu theo quy định.", "Two scenarios side by side from the registry at the chosen month: coverage following the plan's targets (2025, 2030, then held) and following the registry's trend. A cohort model by age, sex and years of service; UN WPP 2024 mortality; retirement ages and pensions by the law."},
	"projection.unavailable": {"Chức năng dự báo chưa được cấu hình trên máy chủ này.", "The projection is not configured on this server."},
	"projection.from":        {"Tháng bắt đầu (YYYY-MM)", "Start month (YYYY-MM)"},
	"projection.run":         {"Tính lại", "Recompute"},
	"projection.summary":     {"Bảng tóm tắt", "Summary"},
	"projection.money_note":  {"Tiền: triệu đồng một năm, theo giá của từng năm.", "Money: millions of đồng a year, in each year's prices."},
	"projection.indicator":   {"Chỉ tiêu", "Indicator"},
	"projection.unit":        {"Đơn vị", "Unit"},
	"projection.scenario":    {"Kịch bản", "Scenario"},
	"projection.charts":      {"Biểu đồ theo năm", "Charts by year"},
	"projection.assumptions": {"Giả định", "Assumptions"},
	"projection.parameter":   {"Tham số", "Parameter"},
	"projection.value":       {"Giá trị", "Value"},
	"projection.source":      {"Nguồn", "Source"},
	"projection.assumed":     {"Là giả định", "Assumption"},
	"projection.yes":         {"có", "yes"},
	"projection.no":          {"không", "no"},
}

func init() {
	for k, v := range projectionTexts {
		catalogue[k] = v
	}
}
