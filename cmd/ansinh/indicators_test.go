package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"ansinh"
	"ansinh/indicators"
	"ansinh/indicators/indicatorstest"
	"ansinh/indicators/report"
	"ansinh/pdfdoc"
	"ansinh/rules"
	"ansinh/store"
	"ansinh/store/indicatorsdb/indicatorsdbtest"
	"ansinh/store/storetest"

	"github.com/xuri/excelize/v2"
)

// indEnv is a test environment on a database loaded with a generated
// province and refreshed.
type indEnv struct {
	t      *testing.T
	env    *Env
	dsn    string
	out    bytes.Buffer
	errOut bytes.Buffer
}

var indNow = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

func newIndEnv(t *testing.T, engine store.Engine, workers int) *indEnv {
	t.Helper()
	e := &indEnv{t: t, dsn: storetest.DSN(t, engine)}
	e.env = &Env{Stdin: strings.NewReader(""), Stdout: &e.out, Stderr: &e.errOut, Now: func() time.Time { return indNow },
		Getenv: func(k string) string {
			switch k {
			case "ANSINH_DB":
				return e.dsn
			case "USER":
				return "tester"
			}
			return ""
		}}
	ctx := context.Background()
	db, err := store.Open(ctx, e.dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	p, err := indicatorstest.Generate(indicatorstest.Config{Workers: workers, Seed: 3, Through: ansinh.NewPeriod(2026, 11)})
	if err != nil {
		t.Fatal(err)
	}
	if err := indicatorsdbtest.Load(ctx, db, p); err != nil {
		t.Fatal(err)
	}
	e.run(runIndicators, "refresh")
	return e
}

// run runs a command and returns its standard output.
func (e *indEnv) run(fn func(context.Context, *Env, []string) error, args ...string) string {
	e.t.Helper()
	e.out.Reset()
	e.errOut.Reset()
	if err := fn(context.Background(), e.env, args); err != nil {
		e.t.Fatalf("%v: %v\n%s", args, err, e.errOut.String())
	}
	return e.out.String()
}

// exportRows runs `ansinh export indicators` with args and returns its
// rows keyed by "unit_code unit_valid_from period indicator".
func (e *indEnv) exportRows(args ...string) map[string]map[string]string {
	e.t.Helper()
	text := e.run(runExport, append([]string{"indicators", "--format", "csv"}, args...)...)
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		e.t.Fatal(err)
	}
	if strings.Join(recs[0][:7], ",") != "unit_code,period,indicator,numerator,denominator,value,target" {
		e.t.Fatalf("export header %v", recs[0])
	}
	out := map[string]map[string]string{}
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, c := range recs[0] {
			m[c] = r[i]
		}
		out[m["unit_code"]+" "+m["unit_valid_from"]+" "+m["period"]+" "+m["indicator"]] = m
	}
	return out
}

func TestExportAgreesWithAnIndependentCount(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			e := newIndEnv(t, engine, 2000)
			rows := e.exportRows("--units", "current", "--kind", "month")
			db, err := store.Open(context.Background(), e.dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			reg, err := indicatorsdbtest.ReadRegistry(context.Background(), db)
			if err != nil {
				t.Fatal(err)
			}
			months := []ansinh.Period{ansinh.NewPeriod(2019, 3), ansinh.NewPeriod(2024, 12), ansinh.NewPeriod(2025, 9), ansinh.NewPeriod(2026, 11)}
			want := reg.Recount(months, func(birth ansinh.Date, sex string) ansinh.Period {
				sx, _ := rules.ParseSex(sex)
				if ra, err := rules.Default().RetirementAge(birth, sx); err == nil {
					return ra.PensionFrom
				}
				if birth.Year() < 1965 {
					return 0
				}
				return 1 << 30
			})
			checked, rates := 0, 0
			for _, r := range rows {
				m, _ := ansinh.ParsePeriod(r["period"])
				if len(r["unit_code"]) != 5 || !containsPeriod(months, m) {
					continue
				}
				k := r["unit_code"] + " " + r["period"]
				var n int64
				switch r["indicator"] {
				case "si_coverage":
					n = want.SI[k]
				case "voluntary_coverage":
					n = want.Voluntary[k]
				case "ui_coverage":
					n = want.UI[k]
				case "retiree_benefit":
					n = want.Retirees[k]
				default:
					continue
				}
				if r["numerator"] != strconv.FormatInt(n, 10) {
					t.Errorf("%s %s: export %s, independent count %d", k, r["indicator"], r["numerator"], n)
				}
				checked++
				// From 2025 the statistics office's figures are by new
				// commune: the value is the count over them, directly.
				if m.Year() >= 2025 {
					lf := reg.LaborForce[r["unit_code"]+" "+strconv.Itoa(m.Year())]
					den := lf[0]
					if r["indicator"] == "retiree_benefit" {
						den = lf[1]
					}
					v, _ := indicators.RateOf(n, den)
					if r["denominator"] != strconv.FormatInt(den, 10) || r["value"] != v.String() {
						t.Errorf("%s %s: export %s/%s = %s, independent %d/%d = %s", k, r["indicator"], r["numerator"], r["denominator"], r["value"], n, den, v)
					}
					rates++
				}
			}
			if checked == 0 || rates == 0 {
				t.Fatalf("nothing checked (%d rows)", len(rows))
			}
			t.Logf("%d numerators and %d values agree with the independent count", checked, rates)
		})
	}
}

func containsPeriod(ps []ansinh.Period, p ansinh.Period) bool {
	for _, x := range ps {
		if x == p {
			return true
		}
	}
	return false
}

func TestReportMatchesExport(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			e := newIndEnv(t, engine, 1500)
			e.run(runIndicators, "allocate", "--indicator", "si_coverage", "--year", "2026", "--save")
			e.run(runIndicators, "plan", "report", "III.5", "--note", "Đã báo cáo Ban Thường vụ năm 2025", "--date", "2026-01-15", "--progress", "40", "--status", "in_progress")
			for _, year := range []int{2021, 2026} {
				ys := strconv.Itoa(year)
				export := e.exportRows("--year", ys)
				dir := t.TempDir()
				xlsxPath := filepath.Join(dir, "r.xlsx")
				e.run(runReport, "--year", ys, "--format", "xlsx", "--out", xlsxPath)
				checkXLSX(t, xlsxPath, export, ys)
				pdfPath := filepath.Join(dir, "r.pdf")
				e.run(runReport, "--year", ys, "--format", "pdf", "--out", pdfPath)
				checkPDF(t, pdfPath, export, ys)
			}
		})
	}
}

// provinceKey returns the export key prefix of today's province.
func provinceKey(export map[string]map[string]string) string {
	for _, r := range export {
		if r["unit_level"] == "province" && r["unit_valid_from"] == "2025-07-01" {
			return r["unit_code"] + " " + r["unit_valid_from"]
		}
	}
	return ""
}

func checkXLSX(t *testing.T, path string, export map[string]map[string]string, year string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	raw := excelize.Options{RawCellValue: true}
	cell := func(sheet string, col, row int) string {
		name, _ := excelize.CoordinatesToCellName(col, row)
		v, err := f.GetCellValue(sheet, name, raw)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	prov := provinceKey(export)
	if prov == "" {
		t.Fatal("no province in the export")
	}
	n := 0
	for row := report.SummaryFirstRow; ; row++ {
		code := cell(report.SheetSummary, 1, row)
		if code == "" {
			break
		}
		want, ok := export[prov+" "+year+" "+code]
		if !ok {
			t.Fatalf("summary row %s not in the export", code)
		}
		num, den, val, tgt := cell(report.SheetSummary, 4, row), cell(report.SheetSummary, 5, row), cell(report.SheetSummary, 6, row), cell(report.SheetSummary, 7, row)
		switch {
		case want["numerator"] == "":
			if num != report.NoData || val != report.NoData {
				t.Errorf("%s: report %q/%q, export has no data", code, num, val)
			}
		case want["value"] == "":
			if num != want["numerator"] || den != want["denominator"] || val != report.NoData {
				t.Errorf("%s: report %s/%s = %q, export %s/%s without a value", code, num, den, val, want["numerator"], want["denominator"])
			}
		case num != want["numerator"] || den != want["denominator"] || !sameNumber(val, want["value"]):
			t.Errorf("%s: report %s/%s = %s, export %s/%s = %s", code, num, den, val, want["numerator"], want["denominator"], want["value"])
		}
		if want["target"] != "" && !sameNumber(tgt, want["target"]) {
			t.Errorf("%s: report target %s, export %s", code, tgt, want["target"])
		}
		n++
	}
	if n != len(indicators.Definitions()) {
		t.Fatalf("summary has %d indicators", n)
	}
	communes := 0
	for _, r := range export {
		if r["period"] == year && r["indicator"] == "si_coverage" && r["unit_level"] == "commune" && r["remapped"] == "false" {
			communes++
		}
	}
	for row := report.CommunesFirstRow; ; row++ {
		code := cell(report.SheetCommunes, 2, row)
		if code == "" {
			if got := row - report.CommunesFirstRow; got != communes {
				t.Errorf("report ranks %d communes, the export has %d", got, communes)
			}
			break
		}
		var want map[string]string
		for _, r := range export {
			if r["unit_code"] == code && r["period"] == year && r["indicator"] == "si_coverage" && r["remapped"] == "false" && r["unit_level"] == "commune" {
				want = r
			}
		}
		if want == nil {
			t.Fatalf("commune %s not in the export", code)
		}
		if cell(report.SheetCommunes, 4, row) != want["numerator"] || !sameNumber(cell(report.SheetCommunes, 6, row), want["value"]) ||
			!sameNumber(cell(report.SheetCommunes, 7, row), want["target"]) {
			t.Errorf("commune %s: report %s, %s, %s; export %s, %s, %s", code, cell(report.SheetCommunes, 4, row),
				cell(report.SheetCommunes, 6, row), cell(report.SheetCommunes, 7, row), want["numerator"], want["value"], want["target"])
		}
	}
	charts := 0
	for _, s := range []string{report.SheetSummary, report.SheetCommunes} {
		for _, sh := range []string{s} {
			if pics, _ := f.GetPictures(sh, "A1"); pics != nil {
				charts++
			}
		}
	}
	if v := cell(report.SheetArrears, 1, 6); !strings.Contains(v+cell(report.SheetArrears, 1, 5), "Chưa có dữ liệu") {
		t.Errorf("arrears sheet without collection data says %q", v)
	}
	if v := cell(report.SheetTasks, 1, 4); v != "III.1" {
		t.Errorf("tasks sheet starts with %q", v)
	}
}

// sameNumber compares a cell's number with the export's two-decimal text.
func sameNumber(cell, export string) bool {
	if cell == export {
		return true
	}
	a, err1 := strconv.ParseFloat(cell, 64)
	b, err2 := strconv.ParseFloat(export, 64)
	return err1 == nil && err2 == nil && int64(a*100+0.5) == int64(b*100+0.5)
}

// displayRate writes an export value the Vietnamese way ("52.37" →
// "52,37%").
func displayRate(v string) string { return strings.Replace(v, ".", ",", 1) + "%" }

func checkPDF(t *testing.T, path string, export map[string]map[string]string, year string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text, err := pdfdoc.Text(b)
	if errors.Is(err, pdfdoc.ErrNoPdftotext) && os.Getenv("CI") == "" {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"BÁO CÁO KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT SỐ 28-NQ/TW", "Ban Thường vụ Tỉnh ủy", "Biểu đồ 1", "Biểu đồ 2",
		"Chưa có dữ liệu", "III.2.1", "Bảo hiểm Xã hội tỉnh"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %q", want)
		}
	}
	prov := provinceKey(export)
	lines := strings.Split(text, "\n")
	for _, d := range indicators.Definitions() {
		r := export[prov+" "+year+" "+string(d.ID)]
		if r == nil || r["value"] == "" {
			continue
		}
		num, _ := strconv.ParseInt(r["numerator"], 10, 64)
		if !lineWith(lines, displayRate(r["value"]), ansinh.GroupDigits(num, '.')) {
			t.Errorf("PDF has no line with %s's %s and %s", d.ID, displayRate(r["value"]), ansinh.GroupDigits(num, '.'))
		}
	}
	checked := 0
	for _, r := range export {
		if r["period"] != year || r["indicator"] != "si_coverage" || r["unit_level"] != "commune" || r["remapped"] != "false" || r["value"] == "" {
			continue
		}
		if !lineWith(lines, r["unit_code"], displayRate(r["value"])) {
			t.Errorf("PDF has no line with commune %s and %s", r["unit_code"], displayRate(r["value"]))
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no commune checked in the PDF")
	}
}

// lineWith reports whether a line holds every part.
func lineWith(lines []string, parts ...string) bool {
	for _, l := range lines {
		ok := true
		for _, p := range parts {
			if !strings.Contains(l, p) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func TestIndicatorsCommands(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) { testIndicatorsCommands(t, newIndEnv(t, engine, 800)) })
	}
}

func testIndicatorsCommands(t *testing.T, e *indEnv) {
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"table", []string{"table", "--years", "2021,2025,2026"}, []string{"Tỷ lệ lực lượng lao động tham gia BHXH", "Dự báo đến năm 2030", "chưa có dữ liệu / no data"}},
		{"targets", []string{"targets", "--from", "2023", "--to", "2023"}, []string{"si_coverage", "52,50%", "interpolated", "ASEAN"}},
		{"plan targets", []string{"targets"}, []string{"mục II.1.2.1", "mục II.1.2.3", "1,05%", "5,10%", "held"}},
		{"set a target", []string{"target", "--indicator", "si_coverage", "--year", "2026", "--value", "57,5", "--note", "Nghị quyết HĐND tỉnh"}, []string{"57,50%"}},
		{"the edit is a target", []string{"targets", "--from", "2026", "--to", "2026"}, []string{"57,50%", "set"}},
		{"allocate", []string{"allocate", "--indicator", "ui_coverage", "--year", "2026", "--lf-weight", "30"}, []string{"Cộng / total", "30% theo lực lượng lao động", "chưa lưu"}},
		{"forecast", []string{"forecast", "--indicator", "si_coverage"}, []string{"Tỉnh Bắc Ninh", "Mục tiêu 2030", "Phường Nếnh"}},
		{"plan list", []string{"plan", "list"}, []string{"III.3a", "quá hạn 30/09/2018", "Ban Tuyên giáo Tỉnh ủy", "chưa có báo cáo năm 2025"}},
		{"plan set", []string{"plan", "set", "III.3a", "--status", "done"}, []string{"Hoàn thành, 100%"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := e.run(runIndicators, tc.args...)
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
	out := e.run(runExport, "targets", "--from", "2026", "--to", "2026")
	if !strings.Contains(out, "si_coverage,2026") || !strings.Contains(out, "57.50") {
		t.Errorf("targets export:\n%s", out)
	}
	e.out.Reset()
	if err := runIndicators(context.Background(), e.env, []string{"target", "--indicator", "nope", "--year", "2026", "--value", "5"}); ansinh.ErrorCode(err) != ansinh.EINVALID {
		t.Errorf("unknown indicator: %v", err)
	}
}

// TestDemoTable prints, for a province, the indicators against the targets
// for 2021, 2025 and the current year, and the forecast for 2030. With
// ANSINH_DEMO_DB set to a database holding a province (e.g. the synthetic
// one: `ansinh demo --workers 20000 --no-serve`), it reads that one;
// otherwise it uses a generated test province of 20,000 workers.
//
//	go test ./cmd/ansinh -run TestDemoTable -v
func TestDemoTable(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	var e *indEnv
	if dsn := os.Getenv("ANSINH_DEMO_DB"); dsn != "" {
		e = &indEnv{t: t, dsn: dsn}
		e.env = &Env{Stdout: &e.out, Stderr: &e.errOut, Now: time.Now, Getenv: func(k string) string {
			if k == "ANSINH_DB" {
				return dsn
			}
			return os.Getenv(k)
		}}
		e.run(runIndicators, "refresh")
	} else {
		e = newIndEnv(t, store.SQLite, 20000)
	}
	t.Log("\n" + e.run(runIndicators, "table", "--years", "2021,2025,"+strconv.Itoa(ansinh.Today(e.env.Now()).Year()), "--forecast", "2030"))
	if dir := os.Getenv("ANSINH_DEMO_REPORT_DIR"); dir != "" {
		y := strconv.Itoa(ansinh.Today(e.env.Now()).Year())
		e.run(runReport, "--year", y, "--format", "pdf", "--out", filepath.Join(dir, "bao-cao-"+y+".pdf"))
		e.run(runReport, "--year", y, "--format", "xlsx", "--out", filepath.Join(dir, "bao-cao-"+y+".xlsx"))
	}
}
