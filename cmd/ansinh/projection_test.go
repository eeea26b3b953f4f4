package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"ansinh"
	"ansinh/projection"
	"ansinh/store"
)

// TestProjectionRun runs `ansinh projection run` with the built-in plan and
// a scenario file on a generated province: the summary table, a workbook
// that opens with both scenarios, the same bytes on a second run, and a
// bad scenario file refused with its name and key.
func TestProjectionRun(t *testing.T) {
	e := newIndEnv(t, store.SQLite, 600)
	dir := t.TempDir()
	file := filepath.Join(dir, "slow.json")
	os.WriteFile(file, []byte(`{"name":"chậm","coverage":"trend","wage_growth_pct":3,"cpi_pct":2,"indexation":"cpi"}`), 0o644)
	out1, out2 := filepath.Join(dir, "a.xlsx"), filepath.Join(dir, "b.xlsx")
	text := e.run(runProjection, "run", "--scenario", "plan", "--scenario", file, "--from", "2026-11", "--out", out1)
	for _, want := range []string{"Người đóng BHXH / Contributors", "plan", "chậm", "2026", "2030", "2075", "Cân đối"} {
		if !strings.Contains(text, want) {
			t.Errorf("table lacks %q:\n%s", want, text)
		}
	}
	e.run(runProjection, "run", "--scenario", "plan", "--scenario", file, "--from", "2026-11", "--out", out2)
	a, _ := os.ReadFile(out1)
	b, _ := os.ReadFile(out2)
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Fatal("two runs wrote different workbooks")
	}
	f, err := excelize.OpenFile(out1)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 4 || sheets[0] != projection.SheetSummary {
		t.Errorf("sheets %v", sheets)
	}
	rows, _ := f.GetRows(sheets[1])
	if len(rows) != 2+50 || rows[len(rows)-1][0] != "2075" {
		t.Errorf("plan sheet: %d rows, last %v", len(rows), rows[len(rows)-1])
	}
	os.WriteFile(file, []byte(`{"name":"x","coverage":"trend","cpi":2}`), 0o644)
	err = runProjection(context.Background(), e.env, []string{"run", "--scenario", file})
	if msg := ansinh.ErrorMessage(err, "en"); !strings.Contains(msg, "slow.json") || !strings.Contains(msg, "cpi") {
		t.Errorf("bad file: %v", err)
	}
}
