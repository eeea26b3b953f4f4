package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

// calcVector is one case of testdata/vectors (domain/calc.md).
type calcVector struct {
	Kind          string          `json:"kind"`
	Input         json.RawMessage `json:"input"`
	Expected      map[string]any  `json:"expected"`
	ExpectedError *struct {
		Field string `json:"field"`
	} `json:"expected_error"`
}

// runCalcJSON runs `ansinh calc args...` with stdin and returns the exit
// code and the decoded JSON output.
func runCalcJSON(t *testing.T, stdin string, args ...string) (int, map[string]any, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := &Env{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut,
		Getenv: func(string) string { return "" },
		Now:    func() time.Time { return time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC) },
	}
	code := run(context.Background(), env, append([]string{"calc"}, args...))
	var m map[string]any
	if out.Len() > 0 {
		if err := json.Unmarshal(out.Bytes(), &m); err != nil {
			t.Fatalf("output is not one JSON object: %v\n%s", err, out.String())
		}
		if strings.Count(strings.TrimSpace(out.String()), "\n") != 0 {
			t.Errorf("output is more than one line:\n%s", out.String())
		}
	}
	return code, m, errOut.String()
}

func TestCalcVectors(t *testing.T) {
	files, err := filepath.Glob("../../testdata/vectors/*.json")
	if err != nil || len(files) < 9 {
		t.Fatalf("vectors: %v (%d files)", err, len(files))
	}
	n := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var cases []calcVector
		if err := json.Unmarshal(raw, &cases); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for i, c := range cases {
			n++
			t.Run(fmt.Sprintf("%s/%d", c.Kind, i), func(t *testing.T) {
				code, out, stderr := runCalcJSON(t, string(c.Input), c.Kind)
				if c.ExpectedError != nil {
					e, _ := out["error"].(map[string]any)
					if code != 2 || e == nil || e["field"] != c.ExpectedError.Field {
						t.Fatalf("exit %d, output %v; want exit 2 and error on %q", code, out, c.ExpectedError.Field)
					}
					if e["message"] == "" || e["message_en"] == "" {
						t.Errorf("error without messages: %v", e)
					}
					return
				}
				if code != 0 {
					t.Fatalf("exit %d: %v %s", code, out, stderr)
				}
				for k, want := range c.Expected {
					if !reflect.DeepEqual(out[k], want) {
						t.Errorf("%s = %v, want %v", k, out[k], want)
					}
				}
				if _, ok := out["explain"].([]any); !ok {
					t.Errorf("no explain list: %v", out["explain"])
				}
				if _, ok := out["warnings"].([]any); !ok {
					t.Errorf("no warnings list: %v", out["warnings"])
				}
			})
		}
	}
	if n < 60 {
		t.Errorf("only %d vectors", n)
	}
}

// legalDocument matches the citation of a legal document in a source.
var legalDocument = regexp.MustCompile(`(Luật|Bộ luật|Nghị định|Nghị quyết|Quyết định|Công văn|Thông tư) [^;]*\d{2,}`)

// TestCalcContributionExplain checks that every figure of a contribution
// names each parameter behind it: name, value, first day and legal document.
func TestCalcContributionExplain(t *testing.T) {
	for _, in := range []string{
		`{"month":"2026-03","wage":20000000,"region":"I"}`,
		`{"month":"2021-08","wage":3000000,"region":"II","trained":true,"accident_rate_reduced":true}`,
		`{"month":"2022-08","wage":10000000,"region":"I","employer_kind":"state","pay_scale":"state"}`,
	} {
		code, out, _ := runCalcJSON(t, in, "contribution")
		if code != 0 {
			t.Fatalf("%s: exit %d %v", in, code, out)
		}
		figures := map[string]bool{}
		for _, x := range out["explain"].([]any) {
			ex := x.(map[string]any)
			fig := ex["figure"].(string)
			figures[fig] = true
			if ex["rule"] == "" || ex["rule_en"] == "" {
				t.Errorf("%s: no rule", fig)
			}
			params := ex["params"].([]any)
			if len(params) == 0 && !strings.HasSuffix(fig, "total") {
				t.Errorf("%s: no parameters", fig)
			}
			for _, p := range params {
				pm := p.(map[string]any)
				from, _ := pm["from"].(string)
				if pm["name"] == "" || pm["value"] == "" || !regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`).MatchString(from) ||
					!legalDocument.MatchString(pm["source"].(string)) {
					t.Errorf("%s: parameter without name, value, date or legal document: %v", fig, pm)
				}
			}
		}
		for _, f := range []string{"si_base", "ui_base", "hi_base", "employer.retirement", "employer.sickness", "employer.accident",
			"employer.ui", "employer.hi", "employee.retirement", "employee.ui", "employee.hi", "employer.total", "employee.total", "total"} {
			if !figures[f] {
				t.Errorf("%s: figure %s not explained", in, f)
			}
		}
	}
}

func TestCalcWarnings(t *testing.T) {
	tests := []struct {
		kind, in, code string
	}{
		{"contribution", `{"month":"2026-03","wage":2000000,"region":"I"}`, "floor_raised"},
		{"contribution", `{"month":"2026-03","wage":2000000,"region":"I"}`, "below_minimum_wage"},
		{"contribution", `{"month":"2021-08","wage":9000000,"region":"I"}`, "unconfirmed_param"},
		{"contribution", `{"month":"2026-03","wage":9000000,"region":"I","pay_scale":"state"}`, "unconfirmed_param"},
		{"voluntary", `{"month":"2026-03","income":1500000,"category":"poor","months":1}`, "unconfirmed_param"},
	}
	for _, tt := range tests {
		code, out, _ := runCalcJSON(t, tt.in, tt.kind)
		if code != 0 {
			t.Fatalf("%s: exit %d %v", tt.in, code, out)
		}
		found := false
		for _, w := range out["warnings"].([]any) {
			found = found || w.(map[string]any)["code"] == tt.code
		}
		if !found {
			t.Errorf("%s %s: no %s warning in %v", tt.kind, tt.in, tt.code, out["warnings"])
		}
	}
}

func TestCalcErrors(t *testing.T) {
	tests := []struct {
		name, kind, in, field string
	}{
		{"malformed JSON", "contribution", `{"month":`, "input"},
		{"not an object", "contribution", `[1]`, "input"},
		{"two objects", "contribution", `{} {}`, "input"},
		{"unknown field", "contribution", `{"month":"2026-03","wage":1,"region":"I","wgae":2}`, "wgae"},
		{"missing wage", "contribution", `{"month":"2026-03","region":"I"}`, "wage"},
		{"fractional wage", "contribution", `{"month":"2026-03","wage":1.5,"region":"I"}`, "wage"},
		{"malformed month", "contribution", `{"month":"2026-3","wage":1,"region":"I"}`, "month"},
		{"month before parameters", "contribution", `{"month":"2015-06","wage":5000000,"region":"I"}`, "month"},
		{"unknown employer kind", "contribution", `{"month":"2026-03","wage":1,"region":"I","employer_kind":"ngo"}`, "employer_kind"},
		{"reduced rate before it existed", "contribution", `{"month":"2019-05","wage":5000000,"region":"I","accident_rate_reduced":true}`, "accident_rate_reduced"},
		{"unknown category", "voluntary", `{"month":"2026-03","income":1500000,"category":"rich","months":1}`, "category"},
		{"bad mode", "voluntary", `{"month":"2026-03","income":1500000,"category":"other","months":2}`, "months"},
		{"share above 1", "voluntary", `{"month":"2026-03","income":1500000,"category":"other","months":1,"province_support_share":1.5}`, "province_support_share"},
		{"bad sex", "retirement-age", `{"birth_date":"1970-01-01","sex":"x"}`, "sex"},
		{"impossible date", "retirement-age", `{"birth_date":"1970-02-30","sex":"male"}`, "birth_date"},
		{"odd months 12", "pension", `{"sex":"male","retire_month":"2026-01","service":{"years":20,"months":12},"average_wage":1}`, "service"},
		{"L2014 rate not loaded", "late-interest", `{"amount":1000,"due":"2025-04-30","paid":"2025-07-10"}`, "due"},
		{"negative amount", "late-interest", `{"amount":-1,"due":"2026-01-31","paid":"2026-02-10"}`, "amount"},
		{"both ids", "ids", `{"tax_code":"0100233488","person_id":"001085012345"}`, "tax_code"},
		{"withdrawal under a year without contributions", "withdrawal", `{"service_before_2014":{"years":0,"months":0},"service_from_2014":{"years":0,"months":5},"average_wage":5000000}`, "contributions_paid"},
		{"unknown kind", "nope", `{}`, "kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, _ := runCalcJSON(t, tt.in, tt.kind)
			e, _ := out["error"].(map[string]any)
			if code != 2 || e == nil || e["field"] != tt.field {
				t.Fatalf("exit %d, output %v; want exit 2 and error on %q", code, out, tt.field)
			}
			if msg, _ := e["message"].(string); !strings.ContainsAny(msg, "àáảãạâầấẩẫậăằắẳẵặđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ") {
				t.Errorf("message %q is not Vietnamese with diacritics", msg)
			}
		})
	}
}

func TestCalcHelpAndFlags(t *testing.T) {
	if code, stdout, _ := runCLI(t, "calc", "--help"); code != 0 || !strings.Contains(stdout, "KIND") {
		t.Errorf("--help: exit %d, standard output %q", code, stdout)
	}
	in := `{"month":"2026-03","wage":20000000,"region":"I"}`
	var out bytes.Buffer
	env := &Env{Stdin: strings.NewReader(in), Stdout: &out, Stderr: &out, Now: time.Now, Getenv: func(string) string { return "" }}
	if code := run(context.Background(), env, []string{"calc", "contribution", "-pretty"}); code != 0 || !strings.Contains(out.String(), "\n  \"si_base\"") {
		t.Errorf("-pretty after KIND: exit %d\n%s", code, out.String())
	}
}

func TestCalcOverlay(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "province.csv")
	overlay := "name,unit,from,to,value,confidence,source\n" +
		"province.vol_support_share,rate,2018-01-01,,10%,H,Nghị quyết HĐND tỉnh 01/2026/NQ-HĐND\n" +
		"province.social_pension_topup,dong,2025-07-01,,0,H,Nghị quyết HĐND tỉnh 01/2026/NQ-HĐND\n" +
		"late.l2014.yearly_rate,rate,2025-01-01,2025-06-30,10.95%,H,Công văn BHXH tỉnh (lãi suất năm 2025)\n"
	if err := os.WriteFile(path, []byte(overlay), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCalcJSON(t, `{"month":"2026-03","income":1500000,"category":"other","months":1}`, "--overlay", path, "voluntary")
	if code != 0 || out["province_support_per_month"] != 33000.0 {
		t.Fatalf("overlay share: exit %d %v %s", code, out, stderr)
	}
	// Due 2025-04-30: charged on 1 June at 10.95% ÷ 12 (QĐ 595 art. 37) =
	// 9,125 on 1,000,000; then 10 days at 0.03% = 3,000.
	code, out, stderr = runCalcJSON(t, `{"amount":1000000,"due":"2025-04-30","paid":"2025-07-10"}`, "--overlay", path, "late-interest")
	if code != 0 || out["interest"] != 12125.0 || out["days_late"] != 71.0 || out["months_l2014"] != 1.0 {
		t.Fatalf("overlay L2014 rate: exit %d %v %s", code, out, stderr)
	}
}
