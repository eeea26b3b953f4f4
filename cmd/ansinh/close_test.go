package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// The CLI refuses to close, close through or reopen a month that has not
// ended in Vietnam (the clock of runCLI is 28/11/2026), with the reason.
func TestCloseRefusesMonthNotEnded(t *testing.T) {
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "a.db")
	if code, _, errOut := runCLI(t, "migrate", "--db", dsn); code != 0 {
		t.Fatalf("migrate: %s", errOut)
	}
	for _, args := range [][]string{
		{"--period", "2026-11"}, {"--period", "2027-01"}, {"--through", "2026-11"}, {"--period", "2026-11", "--reopen"},
	} {
		code, _, errOut := runCLI(t, append([]string{"close", "--db", dsn}, args...)...)
		if code == 0 || !strings.Contains(errOut, "chưa kết thúc") || !strings.Contains(errOut, "has not ended") {
			t.Errorf("close %v: exit %d, %q", args, code, errOut)
		}
	}
}
