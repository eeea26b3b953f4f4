package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"ansinh/auth"
	"ansinh/store"
	"ansinh/store/authdb"
	"ansinh/store/storetest"
)

// TestMatchTruth runs `ansinh match --truth` on the demo province at the
// demo's default settings (20,000 workers, seed 7, through a fixed month)
// and reads the table it prints: precision and recall of at least 0.95 for
// every kind the generator injects, and below 1 for the naive rule. It then
// re-runs the match (nothing changes), exports the findings and works a
// case from open to resolved.
func TestMatchTruth(t *testing.T) {
	if testing.Short() {
		t.Skip("the demo province takes a few seconds to load")
	}
	dir := t.TempDir()
	if code, _, errOut := runCLI(t, "synth", "--out", dir, "--workers", "20000", "--seed", "7", "--through", "2026-11"); code != 0 {
		t.Fatalf("synth exited %d: %s", code, errOut)
	}
	dsn := storetest.DSN(t, store.SQLite)
	if code, _, errOut := runCLI(t, "migrate", "--db", dsn); code != 0 {
		t.Fatalf("migrate: %s", errOut)
	}
	for _, kind := range []string{"units", "persons", "employers", "employment", "payments", "tax_wages", "business_registry", "iz_enterprises"} {
		if code, out, errOut := runCLI(t, "import", "--db", dsn, kind, filepath.Join(dir, kind+".csv")); code != 0 {
			t.Fatalf("import %s: %s %s", kind, out, errOut)
		}
	}
	code, out, errOut := runCLI(t, "match", "--db", dsn, "--truth", filepath.Join(dir, "violations.csv"))
	if code != 0 {
		t.Fatalf("match exited %d: %s", code, errOut)
	}
	t.Log("\n" + out)
	rows, foundAll := 0, 0
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) != 10 || f[6] != "|" {
			continue
		}
		truth, _ := strconv.Atoi(f[1])
		found, _ := strconv.Atoi(f[2])
		if f[0] != "overall" {
			foundAll += found
		}
		if truth == 0 {
			continue
		}
		rows++
		p, _ := strconv.ParseFloat(f[4], 64)
		r, _ := strconv.ParseFloat(f[5], 64)
		np, _ := strconv.ParseFloat(f[8], 64)
		nr, _ := strconv.ParseFloat(f[9], 64)
		if p < 0.95 || r < 0.95 {
			t.Errorf("%s: precision %v recall %v, want at least 0.95", f[0], p, r)
		}
		if np >= 1 && nr >= 1 {
			t.Errorf("%s: the naive rule scores 100%%", f[0])
		}
	}
	if rows != 6 { // the four injected kinds, late declarations, overall
		t.Fatalf("read %d kinds from the table, want 6:\n%s", rows, out)
	}

	// The same match again changes nothing.
	_, again, _ := runCLI(t, "match", "--db", dsn)
	if !strings.Contains(again, "mới/new 0, sửa/updated 0") || !strings.Contains(again, "đóng/closed 0; hồ sơ mới/cases opened 0, gắn/attached 0") {
		t.Errorf("re-run:\n%s", again)
	}

	// The findings, as CSV and XLSX, start with the columns of formats.md.
	csvOut := filepath.Join(t.TempDir(), "findings.csv")
	xlsxOut := filepath.Join(t.TempDir(), "findings.xlsx")
	for _, args := range [][]string{{"--format", "csv", "--out", csvOut}, {"--format", "xlsx", "--out", xlsxOut}} {
		if code, _, errOut := runCLI(t, append([]string{"export", "findings", "--db", dsn}, args...)...); code != 0 {
			t.Fatalf("export %v: %s", args, errOut)
		}
	}
	f, err := os.Open(csvOut)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenFile(xlsxOut)
	if err != nil {
		t.Fatal(err)
	}
	sheet, err := x.GetRows("findings")
	x.Close()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0][:6], ",") != "id,kind,tax_code,person_id,score,evidence" || len(recs) != foundAll+1 || len(sheet) != len(recs) {
		t.Errorf("export: %d CSV rows (header %v), %d XLSX rows; %d findings", len(recs), recs[0], len(sheet), foundAll)
	}
	if sheet[1][0] != recs[1][0] || sheet[1][5] != recs[1][5] {
		t.Errorf("the XLSX and CSV exports differ: %v / %v", sheet[1][:2], recs[1][:2])
	}

	// A case from open to resolved shows on the employer's record.
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := authdb.New(db).CreateUser(ctx, auth.User{Login: "thanhtra1", PasswordHash: "x", Role: "inspector", Status: auth.UserActive,
		CreatedAt: time.Now(), CreatedBy: "test"}); err != nil {
		t.Fatal(err)
	}
	caseID, tax := recs[1][len(recs[1])-1], recs[1][2]
	steps := [][]string{
		{"assign", "--db", dsn, caseID, "thanhtra1"},
		{"move", "--db", dsn, caseID, "contacted"},
		{"move", "--db", dsn, "--note", "biên bản 01", caseID, "inspected"},
		{"result", "--db", dsn, "--workers", "3", "--recovered", "12500000", "--fine", "15000000", caseID},
		{"move", "--db", dsn, caseID, "resolved"},
	}
	for _, s := range steps {
		if code, out, errOut := caseCLI(t, s...); code != 0 {
			t.Fatalf("case %v: %s %s", s, out, errOut)
		}
	}
	if code, _, errOut := caseCLI(t, "move", "--db", dsn, caseID, "open"); code != 1 || !strings.Contains(errOut, "không thể chuyển") {
		t.Errorf("moving a resolved case back: exit %d, %s", code, errOut)
	}
	_, rec, _ := caseCLI(t, "recovery", "--db", dsn, tax)
	if !strings.Contains(rec, "3 lao động đăng ký") || !strings.Contains(rec, "12.500.000 đ") || !strings.Contains(rec, "15.000.000 đ") {
		t.Errorf("the employer's record: %s", rec)
	}
	_, show, _ := caseCLI(t, "show", "--db", dsn, caseID)
	if !strings.Contains(show, "case.result") || !strings.Contains(show, "Đã kết thúc") {
		t.Errorf("case show:\n%s", show)
	}
	_, list, _ := caseCLI(t, "list", "--db", dsn, "--status", "resolved")
	if !strings.Contains(list, caseID) {
		t.Errorf("case list:\n%s", list)
	}
}

// caseCLI runs `ansinh case` (its line in main.go's table may not be there
// yet) the way run does, and returns the exit code and outputs.
func caseCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut,
		Getenv: func(string) string { return "" },
		Now:    func() time.Time { return time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC) }}
	err := runCase(context.Background(), env, args)
	switch {
	case err == nil:
		return 0, out.String(), errOut.String()
	case err == errUsage:
		return 2, out.String(), errOut.String()
	}
	errOut.WriteString(describe(err))
	return 1, out.String(), errOut.String()
}
