package report_test

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"ansinh"
	"ansinh/indicators"
	"ansinh/indicators/report"
	"ansinh/pdfdoc"
	"ansinh/plan"

	"github.com/xuri/excelize/v2"
)

// sample returns a report on a made-up province: two years of history,
// two communes, the plan's tasks; arrears and compliance as given.
func sample(t *testing.T, arrears report.Arrears, compliance report.Compliance) *report.Data {
	t.Helper()
	from := ansinh.MustParseDate("2025-07-01")
	prov := indicators.Unit{Code: "24", Name: "Tỉnh Bắc Ninh", Level: "province", From: from}
	book := &indicators.TargetBook{Targets: indicators.NewTargets(nil)}
	facts := func(u indicators.Unit, year int, lf, si, ui, vol int64) *indicators.Facts {
		f := &indicators.Facts{Unit: u.Key(), Period: indicators.YearOf(year)}
		f.V[indicators.FactLaborForce], f.V[indicators.FactOverRetirement] = lf, lf/5
		f.V[indicators.FactInSI], f.V[indicators.FactInUI], f.V[indicators.FactVoluntary], f.V[indicators.FactRetirees] = si, ui, vol, lf/10
		f.Known = 1<<indicators.FactLaborForce | 1<<indicators.FactOverRetirement | 1<<indicators.FactInSI | 1<<indicators.FactInUI |
			1<<indicators.FactVoluntary | 1<<indicators.FactRetirees
		return f
	}
	d := &report.Data{Year: 2026, Through: ansinh.NewPeriod(2026, 11), Issued: ansinh.MustParseDate("2026-11-20"), Province: prov,
		PlanYears: []int{2021, 2025, 2030}, TargetYear: 2030, Arrears: arrears, Compliance: compliance,
		Milestones: map[indicators.Indicator]map[int]indicators.Milestone{}, Forecasts: map[indicators.Indicator]indicators.Forecast{},
		History: map[indicators.Indicator][]indicators.Row{}, Qualitative: indicators.QualitativeTargets()}
	for _, def := range indicators.Definitions() {
		d.Rows = append(d.Rows, indicators.MakeRow(def, prov, facts(prov, 2026, 100000, 55123, 41000, 2900), book))
		d.Milestones[def.ID] = map[int]indicators.Milestone{}
		for _, y := range d.PlanYears {
			if m, ok := book.Targets.Milestone(def.ID, y); ok {
				d.Milestones[def.ID][y] = m
			}
		}
		for _, y := range []int{2025, 2026} {
			d.History[def.ID] = append(d.History[def.ID], indicators.MakeRow(def, prov, facts(prov, y, 100000, 50000+int64(y-2025)*5123, 41000, 2900), book))
		}
	}
	for i, c := range []struct {
		code, name string
		si         int64
	}{{"07801", "Phường Nếnh", 700}, {"09202", "Xã Tam Giang", 300}} {
		u := indicators.Unit{Code: c.code, Name: c.name, Level: "commune", Parent: "24", From: from}
		line := report.CommuneLine{Rank: i + 1, Unit: u, Rows: map[indicators.Indicator]indicators.Row{}}
		for _, def := range indicators.Definitions() {
			line.Rows[def.ID] = indicators.MakeRow(def, u, facts(u, 2026, 1000, c.si, c.si/2, 10), book)
		}
		d.Communes = append(d.Communes, line)
	}
	tasks, err := plan.Seed()
	if err != nil {
		t.Fatal(err)
	}
	for _, task := range tasks {
		late, why, _ := task.Late(d.Issued, 0)
		d.Tasks = append(d.Tasks, report.TaskLine{Task: task, Late: late, LateVI: why})
	}
	return d
}

func TestReports(t *testing.T) {
	withData := report.Arrears{Available: true, Month: ansinh.NewPeriod(2026, 10), TotalPayers: 3, TotalOverdue: 7_500_000,
		LatePayers: 2, LateOverdue: 1_500_000, EvasionPayers: 1, EvasionOverdue: 6_000_000,
		Debtors: []report.Debtor{{TaxCode: "2400000001", Name: "Công ty TNHH Minh Long", Status: "evasion", Overdue: 6_000_000, Months: 4}}}
	compliance := report.Compliance{Available: true, Findings: []report.FindingLine{{Kind: "unregistered_employer", Open: 4, Total: 5, StakeOpen: 12_000_000}},
		Cases: []report.CaseLine{{Status: "open", Cases: 3}}}
	tests := []struct {
		name       string
		arrears    report.Arrears
		compliance report.Compliance
		want       []string
	}{
		{"without collection and compliance", report.Arrears{}, report.Compliance{}, []string{report.NoData, "55,12%", "55.123", "Phường Nếnh", "70,00%", "III.3a"}},
		{"with them", withData, compliance, []string{"Công ty TNHH Minh Long", "6.000.000 đ", "trốn đóng", "Đơn vị chưa đăng ký tham gia BHXH", "Mới mở"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := sample(t, tc.arrears, tc.compliance)
			x, err := report.XLSX(d)
			if err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(bytes.NewReader(x))
			if err != nil {
				t.Fatal(err)
			}
			var all strings.Builder
			for _, s := range f.GetSheetList() {
				rows, _ := f.GetRows(s)
				for _, r := range rows {
					all.WriteString(strings.Join(r, "|") + "\n")
				}
			}
			f.Close()
			v, _ := excelize.OpenReader(bytes.NewReader(x))
			if got, _ := v.GetCellValue(report.SheetSummary, "F7", excelize.Options{RawCellValue: true}); got != "55.12" {
				t.Errorf("summary value F7 = %q", got)
			}
			v.Close()
			p, err := report.PDF(d)
			if err != nil {
				t.Fatal(err)
			}
			text, err := pdfdoc.Text(p)
			if errors.Is(err, pdfdoc.ErrNoPdftotext) && os.Getenv("CI") == "" {
				t.Skip(err)
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("PDF lacks %q", w)
				}
				if w != "55,12%" && w != "70,00%" && w != "6.000.000 đ" && w != "55.123" && !strings.Contains(all.String(), w) {
					t.Errorf("XLSX lacks %q", w)
				}
			}
		})
	}
}
