package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"ansinh/importer"
	"ansinh/store"
	"ansinh/store/storetest"
)

// runCLI runs the binary's entry point with args and returns the exit code,
// standard output and standard error.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut,
		Getenv: func(string) string { return "" },
		Now:    func() time.Time { return time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC) }}
	code := run(context.Background(), env, args)
	return code, out.String(), errOut.String()
}

// tableCounts returns the row count of every importer kind's table.
func tableCounts(t *testing.T, dsn string) map[string]int64 {
	t.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	counts := map[string]int64{}
	for _, k := range importer.Kinds() {
		n, err := db.Count(context.Background(), k.Table)
		if err != nil {
			t.Fatal(err)
		}
		counts[k.Name] = n
	}
	return counts
}

const synthArgs = "--workers 1200 --seed 7 --through 2026-11"

func synthInto(t *testing.T, dir string) {
	t.Helper()
	args := append([]string{"synth", "--out", dir}, strings.Fields(synthArgs)...)
	if code, _, errOut := runCLI(t, args...); code != 0 {
		t.Fatalf("synth exited %d: %s", code, errOut)
	}
}

// TestSynthIsDeterministicAndImportEqualsDemo: the same seed gives the same
// bytes, and importing each file gives the same counts as demo, on every
// engine.
func TestSynthIsDeterministicAndImportEqualsDemo(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	synthInto(t, a)
	synthInto(t, b)
	files, _ := filepath.Glob(filepath.Join(a, "*.csv"))
	if len(files) < 14 {
		t.Fatalf("synth wrote %d files", len(files))
	}
	for _, f := range files {
		x, _ := os.ReadFile(f)
		y, err := os.ReadFile(filepath.Join(b, filepath.Base(f)))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs with the same seed", filepath.Base(f))
		}
	}
	for _, e := range storetest.Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			demoDB, importDB, kept := storetest.DSN(t, e), storetest.DSN(t, e), t.TempDir()
			code, out, errOut := runCLI(t, append([]string{"demo", "--no-serve", "--db", demoDB, "--keep", kept}, strings.Fields(synthArgs)...)...)
			if code != 0 {
				t.Fatalf("demo exited %d: %s", code, errOut)
			}
			if !strings.Contains(out, "employment") || !strings.Contains(out, "persons") {
				t.Errorf("demo did not print counts per kind:\n%s", out)
			}
			if code, _, errOut := runCLI(t, "migrate", "--db", importDB); code != 0 {
				t.Fatal(errOut)
			}
			for _, k := range importer.Kinds() {
				if code, out, errOut := runCLI(t, "import", "--db", importDB, k.Name, filepath.Join(a, k.Name+".csv")); code != 0 {
					t.Fatalf("import %s exited %d: %s%s", k.Name, code, out, errOut)
				}
			}
			want, got := tableCounts(t, demoDB), tableCounts(t, importDB)
			// The demo keeps the payments before its books out of the database.
			before, err := readPaymentsCSV(filepath.Join(kept, beforeBooksFile))
			if err != nil {
				t.Fatal(err)
			}
			got["payments"] -= int64(len(before) - 1)
			for k, n := range want {
				if n == 0 && k != "iz_enterprises" {
					t.Errorf("demo loaded no %s", k)
				}
				if got[k] != n {
					t.Errorf("%s: import gave %d rows, demo %d", k, got[k], n)
				}
			}
			// Importing the same file again changes nothing.
			for _, k := range []string{"employment", "person_deaths"} {
				code, out, _ = runCLI(t, "import", "--db", importDB, k, filepath.Join(a, k+".csv"))
				if code != 0 || !strings.Contains(out, "thêm/inserted 0, sửa/updated 0") {
					t.Errorf("re-import of %s changed something (exit %d):\n%s", k, code, out)
				}
			}
		})
	}
}

// badCell says how to spoil one kind's file: the column and the bad value,
// and a word the reason must contain.
var badCell = map[string]struct{ column, value, reason string }{
	"units":             {"level", "village", "phải là một trong"},
	"unit_successors":   {"new_code", "99999", "không có trong danh mục"},
	"persons":           {"person_id", "12345", "độ dài"},
	"household_status":  {"status", "rich", "phải là một trong"},
	"employers":         {"tax_code", "0100233480", "chữ số kiểm tra"},
	"employment":        {"tax_code", "0100233488", "chưa có"},
	"voluntary":         {"mode", "weekly", "phải là một trong"},
	"beneficiaries":     {"kind", "bonus", "phải là một trong"},
	"payments":          {"amount", "abc", "số tiền"},
	"labor_force":       {"unit_code", "99999", "không có trong danh mục"},
	"tax_wages":         {"month", "2026-13", "tháng phải từ 01 đến 12"},
	"business_registry": {"status", "closed", "phải là một trong"},
	"iz_enterprises":    {"employees", "-1", "không âm"},
}

// spoil copies src to dst with the last data row's column set to value and
// returns that row's line number.
func spoil(t *testing.T, src, dst, column, value string) int {
	t.Helper()
	f, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(recs) < 3 {
		t.Fatalf("%s: %d records, %v", src, len(recs), err)
	}
	col := -1
	for i, h := range recs[0] {
		if h == column {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("%s has no column %s", src, column)
	}
	recs[len(recs)-1][col] = value
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.WriteAll(recs)
	if err := os.WriteFile(dst, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return len(recs)
}

// TestImportRefusesABadRowOfEachKind: a file with one bad row is refused
// whole, naming line, column and reason; with --reject-file the good rows
// land and the bad one is written out with its reason.
func TestImportRefusesABadRowOfEachKind(t *testing.T) {
	src := t.TempDir()
	synthInto(t, src)
	dsn := storetest.DSN(t, store.SQLite)
	if code, _, errOut := runCLI(t, "migrate", "--db", dsn); code != 0 {
		t.Fatal(errOut)
	}
	work := t.TempDir()
	for _, k := range importer.Kinds() {
		bad, ok := badCell[k.Name]
		if !ok {
			t.Fatalf("no bad cell for kind %s", k.Name)
		}
		good := filepath.Join(src, k.Name+".csv")
		spoilt := filepath.Join(work, k.Name+".csv")
		line := spoil(t, good, spoilt, bad.column, bad.value)
		before := tableCounts(t, dsn)[k.Name]

		code, out, _ := runCLI(t, "import", "--db", dsn, k.Name, spoilt)
		if code == 0 {
			t.Fatalf("%s: a file with a bad row was accepted", k.Name)
		}
		want := regexp.MustCompile(regexp.QuoteMeta(k.Name+".csv:") + `(\d+): cột/column ` + regexp.QuoteMeta(bad.column) + `: (.*)`)
		m := want.FindStringSubmatch(out)
		if m == nil || m[1] != itoa(line) || !strings.Contains(m[2], bad.reason) {
			t.Errorf("%s: report does not name line %d, column %s and a reason with %q:\n%s", k.Name, line, bad.column, bad.reason, out)
		}
		if n := tableCounts(t, dsn)[k.Name]; n != before {
			t.Errorf("%s: refused import changed the table from %d to %d rows", k.Name, before, n)
		}

		reject := filepath.Join(work, k.Name+".rejects.csv")
		code, out, _ = runCLI(t, "import", "--db", dsn, "--reject-file", reject, k.Name, spoilt)
		if code != 0 {
			t.Fatalf("%s: import with --reject-file exited %d:\n%s", k.Name, code, out)
		}
		rej, err := os.ReadFile(reject)
		if err != nil || strings.Count(strings.TrimSpace(string(rej)), "\n") != 1 || !strings.Contains(string(rej), bad.reason) {
			t.Errorf("%s: reject file should hold the one bad row with its reason:\n%s", k.Name, rej)
		}
		if n := tableCounts(t, dsn)[k.Name]; n != before+int64(line-2) {
			t.Errorf("%s: %d rows after a reject-mode import of %d good rows into %d", k.Name, n, line-2, before)
		}
		// The whole good file then completes the kind for those that follow.
		if code, out, _ := runCLI(t, "import", "--db", dsn, k.Name, good); code != 0 {
			t.Fatalf("%s: good file refused:\n%s", k.Name, out)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
