package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"ansinh/store"
	"ansinh/store/storetest"
)

// seedCareer loads a woman born 1969-06-15 (pension from 2026-07) employed
// in the registry from 2010-01 to 2026-06, and imports her paper record
// 1995-01 to 2009-12 as si_history.
func seedCareer(t *testing.T, dsn string) {
	t.Helper()
	if code, _, errOut := runCLI(t, "migrate", "--db", dsn); code != 0 {
		t.Fatal(errOut)
	}
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		`INSERT INTO units (code, name, level, parent_code, valid_from, region) VALUES ('27', 'Bắc Ninh', 'province', NULL, '2025-07-01', NULL)`,
		`INSERT INTO units (code, name, level, parent_code, valid_from, region) VALUES ('09190', 'Phường Kinh Bắc', 'commune', '27', '2025-07-01', 'I')`,
		`INSERT INTO persons (person_id, full_name, birth_date, sex, ethnic_minority, commune_code) VALUES ('001169000001', 'Nguyễn Thị Hoa', '1969-06-15', 'female', FALSE, '09190')`,
		`INSERT INTO employers (tax_code, name, kind, commune_code, registered_on) VALUES ('0101234567', 'Công ty TNHH Kinh Bắc', 'private', '09190', '2005-01-01')`,
		`INSERT INTO employment (tax_code, person_id, start_month, end_month, wage, contract, declared_on) VALUES ('0101234567', '001169000001', '2010-01', '2026-06', 8000000, 'indefinite', '2010-01-01')`,
	} {
		if _, err := db.W.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(t.TempDir(), "si_history.csv")
	csv := "person_id,from_month,to_month,scheme,wage,employer_name,source_ref\n" +
		"001169000001,1995-01,2003-12,contract,1500000,Xí nghiệp Dệt Bắc Ninh,SỔ 2795001234\n" +
		"001169000001,2004-01,2009-12,contract,3000000,Xí nghiệp Dệt Bắc Ninh,SỔ 2795001234\n"
	if err := os.WriteFile(file, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := runCLI(t, "import", "--db", dsn, "si_history", file); code != 0 {
		t.Fatal(out, errOut)
	}
}

// cliJSON runs the binary and decodes its JSON output.
func cliJSON(t *testing.T, v any, stdin string, args ...string) {
	t.Helper()
	var code int
	var out, errOut string
	if stdin != "" {
		code, out, errOut = runCalcIn(t, stdin, args...)
	} else {
		code, out, errOut = runCLI(t, args...)
	}
	if code != 0 {
		t.Fatalf("%v: exit %d: %s %s", args, code, out, errOut)
	}
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("%v: %v: %s", args, err, out)
	}
}

// runCalcIn runs `ansinh calc args...` with stdin.
func runCalcIn(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	code, out, _ := runCalcJSON(t, stdin, args...)
	b, _ := json.Marshal(out)
	return code, string(b), ""
}

// TestPensionClaimEqualsCalc builds a career from the registry and the
// paper record, files a pension claim, and gets the amount `ansinh calc
// pension` gives with the average `ansinh calc average-wage` gives on the
// same months.
func TestPensionClaimEqualsCalc(t *testing.T) {
	dsn := storetest.DSN(t, store.SQLite)
	seedCareer(t, dsn)
	var claim struct {
		Monthly    int64
		LumpSum    int64
		Assessment struct {
			Decided, Eligible bool
			History           int `json:"history_months"`
			Service           int `json:"service_months"`
		}
	}
	cliJSON(t, &claim, "", "claim", "file", "--db", dsn, "--actor", "user:quay-1", "--person", "001169000001",
		"--name", "Nguyễn Thị Hoa", "--birth", "1969-06-15", "--kind", "pension")
	a := claim.Assessment
	if !a.Decided || !a.Eligible || a.History != 180 || a.Service != 180+198 {
		t.Fatalf("claim assessment %+v", a)
	}
	var avg struct{ Average int64 }
	cliJSON(t, &avg, `{"settlement_month": "2026-07", "periods": [
		{"from": "1995-01", "to": "2003-12", "kind": "contract", "wage": 1500000},
		{"from": "2004-01", "to": "2009-12", "kind": "contract", "wage": 3000000},
		{"from": "2010-01", "to": "2026-06", "kind": "contract", "wage": 8000000}]}`, "average-wage")
	var pen struct {
		Monthly int64 `json:"monthly"`
		LumpSum int64 `json:"lump_sum"`
	}
	in := `{"sex": "female", "retire_month": "2026-07", "service": {"years": 31, "months": 6}, "first_joined": "1995-01", "average_wage": ` +
		strings.TrimSpace(jsonInt(avg.Average)) + `}`
	cliJSON(t, &pen, in, "pension")
	var est struct {
		Monthly int64 `json:"monthly"`
		LumpSum int64 `json:"lump_sum"`
	}
	cliJSON(t, &est, "", "claim", "estimate", "--db", dsn, "--person", "001169000001", "--kind", "pension")
	if pen.Monthly == 0 || est.Monthly != pen.Monthly || est.LumpSum != pen.LumpSum {
		t.Fatalf("claim %d + %d, calc %d + %d (average %d)", est.Monthly, est.LumpSum, pen.Monthly, pen.LumpSum, avg.Average)
	}
}

// TestStatePensionClaimEqualsCalc: the same career with the registry years
// at a state employer (the state pay scale, 2010-01 to 2026-06, after the
// paper record's contract years from 1995): the claim averages the last 6
// years on the state scale, revalued to the base salary of the first
// pension month, and gets the amount `ansinh calc pension` gives with the
// average `ansinh calc average-wage` gives on the same months.
func TestStatePensionClaimEqualsCalc(t *testing.T) {
	dsn := storetest.DSN(t, store.SQLite)
	seedCareer(t, dsn)
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.W.Exec(`UPDATE employers SET kind = 'state' WHERE tax_code = '0101234567'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	var avg struct {
		Average int64
		State   struct {
			Years, Months int
			Average       int64
			ByBase        bool `json:"by_base_salary"`
		}
	}
	cliJSON(t, &avg, `{"settlement_month": "2026-07", "periods": [
		{"from": "1995-01", "to": "2003-12", "kind": "contract", "wage": 1500000},
		{"from": "2004-01", "to": "2009-12", "kind": "contract", "wage": 3000000},
		{"from": "2010-01", "to": "2026-06", "kind": "state", "wage": 8000000}]}`, "average-wage")
	// 36 months × 8,000,000 × 2,530,000 ÷ 1,490,000, 12 × … ÷ 1,800,000, 24 × … ÷ 2,340,000, each rounded half-up.
	if st := avg.State; st.Years != 6 || st.Months != 72 || !st.ByBase || st.Average != ansinhRound(36*13_583_893+12*11_244_444+24*8_649_573, 72) {
		t.Fatalf("calc average-wage state part: %+v", avg)
	}
	var pen struct {
		Monthly int64 `json:"monthly"`
		LumpSum int64 `json:"lump_sum"`
	}
	in := `{"sex": "female", "retire_month": "2026-07", "service": {"years": 31, "months": 6}, "first_joined": "1995-01", "average_wage": ` +
		jsonInt(avg.Average) + `}`
	cliJSON(t, &pen, in, "pension")
	var est struct {
		Monthly   int64 `json:"monthly"`
		LumpSum   int64 `json:"lump_sum"`
		Decided   bool  `json:"decided"`
		Figures   []struct{ Name, Value string }
		Explained struct {
			Explain []struct {
				Params []struct{ Name, Source string }
			} `json:"explain"`
		}
	}
	cliJSON(t, &est, "", "claim", "estimate", "--db", dsn, "--person", "001169000001", "--kind", "pension")
	if !est.Decided || pen.Monthly == 0 || est.Monthly != pen.Monthly || est.LumpSum != pen.LumpSum {
		t.Fatalf("claim %d + %d (decided %t), calc %d + %d (average %d)", est.Monthly, est.LumpSum, est.Decided, pen.Monthly, pen.LumpSum, avg.Average)
	}
	shown, cited := false, false
	for _, f := range est.Figures {
		shown = shown || f.Name == "state_average" && strings.Contains(f.Value, "đ")
	}
	for _, x := range est.Explained.Explain {
		for _, p := range x.Params {
			cited = cited || p.Name == "average.state_years" && strings.Contains(p.Source, "Điều 72")
		}
	}
	if !shown || !cited {
		t.Fatalf("the claim does not show the state average and its rule: %+v", est)
	}
}

// ansinhRound is a ÷ b rounded half-up.
func ansinhRound(a, b int64) int64 { return (2*a + b) / (2 * b) }

// jsonInt writes n as JSON.
func jsonInt(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// TestClaimCLIAndPayroll works a claim through the CLI (the maker may not
// approve), runs the payroll twice and gets the same bank file, with the
// pension, its arrears since July and the lump sum.
func TestClaimCLIAndPayroll(t *testing.T) {
	dsn := storetest.DSN(t, store.SQLite)
	seedCareer(t, dsn)
	var c struct{ ID int64 }
	cliJSON(t, &c, "", "claim", "file", "--db", dsn, "--actor", "user:quay-1", "--person", "001169000001",
		"--name", "Nguyễn Thị Hoa", "--birth", "1969-06-15", "--kind", "pension")
	id := jsonInt(c.ID)
	cliJSON(t, &c, "", "claim", "check", "--db", dsn, "--actor", "user:a", id)
	if code, _, _ := runCLI(t, "claim", "approve", "--db", dsn, "--actor", "user:a", id); code == 0 {
		t.Fatal("the maker approved the claim")
	}
	var ok struct {
		Monthly, LumpSum int64
		Status           string
	}
	cliJSON(t, &ok, "", "claim", "approve", "--db", dsn, "--actor", "user:b", id)
	dir := t.TempDir()
	var files []string
	for i, f := range []string{"csv", "csv", "xlsx"} {
		path := filepath.Join(dir, "bank"+jsonInt(int64(i))+"."+f)
		code, out, errOut := runCLI(t, "payroll", "--db", dsn, "--period", "2026-11", "--out", path, "--format", f)
		if code != 0 {
			t.Fatal(out, errOut)
		}
		if i == 0 && !strings.Contains(errOut, "chi trả / payroll: 1/1 lô/batches") {
			t.Errorf("the payroll reports no progress:\n%s", errOut)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, string(b))
	}
	if files[0] != files[1] {
		t.Fatalf("payroll twice differs:\n%s\n%s", files[0], files[1])
	}
	want := "2026-11," + id + ",001169000001,Nguyễn Thị Hoa,pension," + jsonInt(ok.Monthly) + "," + jsonInt(4*ok.Monthly) + "," + jsonInt(ok.LumpSum)
	if !strings.Contains(files[0], want) || !strings.HasPrefix(files[2], "PK") {
		t.Fatalf("bank file lacks %q:\n%s", want, files[0])
	}
}

// The si_history kind's bad cell for TestImportRefusesABadRowOfEachKind.
func init() {
	badCell["si_history"] = struct{ column, value, reason string }{"scheme", "private", "phải là một trong"}
	badCell["person_deaths"] = struct{ column, value, reason string }{"died_on", "2199-01-01", "sau hôm nay"}
}

// TestClaimFileChecksIdentity: `claim file` is the counter's: the
// claimant's name and birth date must match the registry's.
func TestClaimFileChecksIdentity(t *testing.T) {
	dsn := storetest.DSN(t, store.SQLite)
	seedCareer(t, dsn)
	base := []string{"claim", "file", "--db", dsn, "--actor", "user:quay-1", "--person", "001169000001", "--kind", "pension"}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{nil, "họ và tên"},
		{[]string{"--name", "Nguyễn Thị Hòa", "--birth", "1969-06-15"}, "Họ và tên không khớp"},
		{[]string{"--name", "nguyễn thị hoa", "--birth", "1969-05-15"}, "Ngày sinh không khớp"},
		{[]string{"--name", "nguyễn thị hoa", "--birth", "15/06/1969"}, "YYYY-MM-DD"},
	} {
		code, out, errOut := runCLI(t, append(slices.Clone(base), tt.args...)...)
		if code == 0 || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, want a refusal with %q: %s %s", tt.args, code, tt.want, out, errOut)
		}
	}
}
