package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ansinh/store/storetest"
)

// TestPersonsImportOnAFreshDatabaseWithoutAUnitsFile: migrate and the
// embedded national units are enough to import persons of real communes; a
// province's own units file imported afterwards still overrides a row.
func TestPersonsImportOnAFreshDatabaseWithoutAUnitsFile(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runCLI(t, "synth", "--out", dir, "--workers", "1000", "--seed", "3", "--through", "2026-11"); code != 0 {
		t.Fatalf("synth: %s", errOut)
	}
	for _, e := range storetest.Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			dsn := storetest.DSN(t, e)
			if code, _, errOut := runCLI(t, "migrate", "--db", dsn); code != 0 {
				t.Fatal(errOut)
			}
			persons := filepath.Join(dir, "persons.csv")
			if code, out, _ := runCLI(t, "import", "--db", dsn, "persons", persons); code == 0 {
				t.Fatalf("persons imported before any unit:\n%s", out)
			}
			if code, out, errOut := runCLI(t, "units", "--db", dsn, "load"); code != 0 || !strings.Contains(out, "thêm/inserted 14149") {
				t.Fatalf("units load exited %d:\n%s%s", code, out, errOut)
			}
			if code, out, errOut := runCLI(t, "import", "--db", dsn, "persons", persons); code != 0 || !strings.Contains(out, "đã ghi / committed") {
				t.Fatalf("persons after units load exited %d:\n%s%s", code, out, errOut)
			}
			// The province's file renames one of its communes.
			units, err := os.ReadFile(filepath.Join(dir, "units.csv"))
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(string(units)), "\n")
			last := strings.Split(lines[len(lines)-1], ",")
			last[1] = "Xã Đổi Tên"
			own := filepath.Join(t.TempDir(), "units.csv")
			os.WriteFile(own, []byte(lines[0]+"\n"+strings.Join(last, ",")+"\n"), 0o644)
			if code, out, errOut := runCLI(t, "import", "--db", dsn, "units", own); code != 0 || !strings.Contains(out, "sửa/updated 1") {
				t.Fatalf("the province's units file did not override (exit %d):\n%s%s", code, out, errOut)
			}
		})
	}
}
