package rules

import (
	"strings"
	"testing"

	"ansinh"
)

func row(name, from, to string, value int64, conf Confidence, source string) Version {
	v := Version{Name: name, Unit: UnitDong, From: ansinh.MustParseDate(from), Value: value, Set: true, Confidence: conf, Source: source, Origin: "test"}
	if to != "" {
		v.To = ansinh.MustParseDate(to)
	}
	return v
}

func TestCheck(t *testing.T) {
	ok := []Version{
		row("x", "2020-01-01", "2020-12-31", 1, ConfHigh, "Nghị định 1/2020"),
		row("x", "2021-01-01", "", 2, ConfMedium, "Nghị định 2/2021"),
	}
	notLoaded := row("y", "2020-01-01", "", 0, ConfUnconfirmed, "tỉnh phải nạp")
	notLoaded.Set = false
	if err := Check(append(ok, notLoaded)); err != nil {
		t.Fatalf("valid rows refused: %v", err)
	}
	tests := []struct {
		name string
		rows []Version
		want string
	}{
		{"gap", []Version{ok[0], row("x", "2021-02-01", "", 2, ConfHigh, "s")}, "gap"},
		{"overlap", []Version{ok[0], row("x", "2020-12-31", "", 2, ConfHigh, "s")}, "overlap"},
		{"open then another", []Version{row("x", "2020-01-01", "", 1, ConfHigh, "s"), row("x", "2021-01-01", "", 2, ConfHigh, "s")}, "overlap"},
		{"missing source", []Version{row("x", "2020-01-01", "", 1, ConfHigh, " ")}, "missing source"},
		{"bad confidence", []Version{row("x", "2020-01-01", "", 1, "X", "s")}, "confidence"},
		{"to before from", []Version{row("x", "2020-01-01", "2019-01-01", 1, ConfHigh, "s")}, "before from"},
		{"negative", []Version{row("x", "2020-01-01", "", -1, ConfHigh, "s")}, "out of range"},
		{"no value but not U", func() []Version { v := ok[0]; v.Set = false; return []Version{v} }(), "only an unconfirmed"},
		{"unit changes", []Version{ok[0], func() Version { v := ok[1]; v.Unit = UnitRate; return v }()}, "unit"},
		{"unknown unit", []Version{func() Version { v := ok[0]; v.Unit = "kg"; return v }()}, "unknown unit"},
	}
	for _, tt := range tests {
		err := Check(tt.rows)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want an error containing %q", tt.name, err, tt.want)
		}
	}
}

func TestReadRowsErrors(t *testing.T) {
	tests := map[string]string{
		"missing column": "name,unit,from,to,value,confidence\nx,dong,2020-01-01,,1,H\n",
		"extra column":   "name,unit,from,to,value,confidence,source,note\n",
		"bad date":       "name,unit,from,to,value,confidence,source\nx,dong,2020-13-01,,1,H,s\n",
		"bad rate":       "name,unit,from,to,value,confidence,source\nx,rate,2020-01-01,,1.2345678%,H,s\n",
		"bad integer":    "name,unit,from,to,value,confidence,source\nx,dong,2020-01-01,,1.5,H,s\n",
		"short row":      "name,unit,from,to,value,confidence,source\nx,dong,2020-01-01\n",
	}
	for name, in := range tests {
		if _, err := ReadRows(strings.NewReader(in), "t.csv"); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	rows, err := ReadRows(strings.NewReader("\ufeff# comment\nsource,name,unit,from,to,value,confidence\n\"a, b\",x,rate,2020-01-01,,0.03%,U\n"), "t.csv")
	if err != nil || len(rows) != 1 || rows[0].Value != 300 || rows[0].Source != "a, b" || rows[0].Origin != "t.csv:3" {
		t.Fatalf("got %+v, %v", rows, err)
	}
}

// TestEmbeddedTables checks the embedded national table and demo overlay:
// valid, complete, and with the unconfirmed values rules.md names.
func TestEmbeddedTables(t *testing.T) {
	p := Default()
	for _, name := range requiredParams {
		if len(p.Versions(name)) == 0 {
			t.Errorf("missing %s", name)
		}
	}
	var u []string
	for _, v := range p.Unconfirmed() {
		u = append(u, v.Name+"@"+v.From.String())
	}
	list := strings.Join(u, " ")
	for _, want := range []string{
		"si.accident.employer@2021-07-01", "si.accident.employer_reduced@2021-07-01", "rural_poverty_line@2016-01-01",
		"rural_poverty_line@2026-01-01", "ui.cap_multiple.state@2026-01-01", "deadline.months_after@2016-01-01",
		"late.l2014.yearly_rate@2016-01-01", "vol.support.max_months@2018-01-01", "revaluation.1996@2020-01-01", "revaluation.2020@2021-01-01",
	} {
		if !strings.Contains(list, want) {
			t.Errorf("%s not flagged unconfirmed", want)
		}
	}
	for _, v := range p.Rows() {
		if !strings.ContainsAny(v.Source, "0123456789") {
			t.Errorf("%s from %s: source %q names no document number", v.Name, v.From, v.Source)
		}
	}
}

func TestWithOverlay(t *testing.T) {
	const head = "name,unit,from,to,value,confidence,source\n"
	good := head + "province.vol_support_share,rate,2018-01-01,,5%,H,Nghị quyết HĐND 1/2026\n" +
		"province.social_pension_topup,dong,2025-07-01,,100000,H,Nghị quyết HĐND 1/2026\n"
	p, err := WithOverlay(strings.NewReader(good), "p.csv")
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := p.ProvinceSupportShare(ansinh.NewPeriod(2026, 1)); s != 50_000 {
		t.Errorf("share %d", s)
	}
	for name, in := range map[string]string{
		"province parameter missing": head + "province.vol_support_share,rate,2018-01-01,,5%,H,NQ 1/2026\n",
		"unknown national name":      good + "base_salry,dong,2026-01-01,,1,H,x 1\n",
		"wrong unit":                 good + "base_salary,rate,2026-01-01,,1%,H,x 1\n",
		"gap made by overlay":        good + "province.vol_support_share,rate,2015-01-01,2016-12-31,5%,H,NQ 1/2015\n",
		"missing source":             head + "province.vol_support_share,rate,2018-01-01,,5%,H,\nprovince.social_pension_topup,dong,2025-07-01,,0,H,x\n",
	} {
		if _, err := WithOverlay(strings.NewReader(in), "p.csv"); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestOverride(t *testing.T) {
	p := Default()
	d := ansinh.MustParseDate
	// Load the L2014 late rate for 2024 only: the empty row is split around it.
	q, err := p.With(Version{Name: pLateL2014, Unit: UnitRate, From: d("2024-01-01"), To: d("2024-12-31"), Value: 80_000, Set: true, Confidence: ConfHigh, Source: "Công văn 1/2024", Origin: "test"})
	if err != nil {
		t.Fatal(err)
	}
	vs := q.Versions(pLateL2014)
	if len(vs) != 5 || vs[2].To != d("2023-12-31") || vs[3].Value != 80_000 || vs[4].From != d("2025-01-01") || vs[4].Set {
		t.Fatalf("split: %+v", vs)
	}
	if _, err := p.Lookup(pLateL2014, d("2024-06-01")); err == nil {
		t.Error("the original table changed")
	}
	// Override a U value from a day inside a version, to that version's end.
	q, err = p.Override(pPovertyLine, d("2026-01-01"), 2_000_000, "Nghị định 99/2026")
	if err != nil {
		t.Fatal(err)
	}
	v, err := q.Lookup(pPovertyLine, d("2030-01-01"))
	if err != nil || v.Value != 2_000_000 || v.Unconfirmed() || v.Source != "Nghị định 99/2026" {
		t.Fatalf("override: %+v %v", v, err)
	}
	if v, _ := q.Lookup(pPovertyLine, d("2025-12-31")); v.Value != 1_500_000 {
		t.Errorf("before the override: %d", v.Value)
	}
	// Override mid-version: the version is cut in two around the new value.
	q, _ = p.Override(pBaseSalary, d("2025-01-01"), 2_400_000, "Nghị định 9/2025")
	vs = q.Versions(pBaseSalary)
	if got := vs[len(vs)-3].To; got != d("2024-12-31") {
		t.Errorf("left part ends %s", got)
	}
	if got := vs[len(vs)-2]; got.Value != 2_400_000 || got.To != d("2026-06-30") {
		t.Errorf("override %+v", got)
	}
	if _, err := p.Override("nope", d("2025-01-01"), 1, "x"); err == nil {
		t.Error("unknown parameter accepted")
	}
	if _, err := p.Override(pBaseSalary, d("2025-01-01"), 1, ""); err == nil {
		t.Error("override without source accepted")
	}
}

func TestNewRequiresEveryParameter(t *testing.T) {
	if _, err := New([]Version{row("base_salary", "2020-01-01", "", 1, ConfHigh, "s 1")}); err == nil || !strings.Contains(err.Error(), "missing parameters") {
		t.Fatalf("got %v", err)
	}
	if _, err := New(Default().Rows()); err != nil {
		t.Fatalf("the default rows: %v", err)
	}
}

func TestLookupErrors(t *testing.T) {
	p := Default()
	if _, err := p.Lookup(minWageParam(RegionI), ansinh.MustParseDate("2017-12-31")); err == nil || !strings.Contains(err.Error(), "không có tham số") {
		t.Errorf("before the first version: %v", err)
	}
	if _, err := p.Lookup(pBaseSalary, ansinh.MustParseDate("2016-04-30")); err == nil || !strings.Contains(err.Error(), "chưa được nạp") {
		t.Errorf("base salary before 2016-05 (not in the research): %v", err)
	}
	if _, err := p.Lookup(pLateL2014, ansinh.MustParseDate("2021-01-01")); err == nil || !strings.Contains(err.Error(), "chưa được nạp") {
		t.Errorf("not loaded: %v", err)
	}
}
