package main

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"ansinh/store"
	"ansinh/store/storetest"
)

// TestBackupAndRestoreCommands: `ansinh backup` of a database that a
// server goes on writing to, then `ansinh restore` into a new file, gives
// the same counts of every imported kind; restoring over the live database
// is refused without --force.
func TestBackupAndRestoreCommands(t *testing.T) {
	src := t.TempDir()
	if code, _, errOut := runCLI(t, "synth", "--out", src, "--workers", "60", "--seed", "5", "--through", "2026-11"); code != 0 {
		t.Fatalf("synth: %s", errOut)
	}
	dsn := storetest.DSN(t, store.SQLite)
	if code, _, errOut := runCLI(t, "migrate", "--db", dsn); code != 0 {
		t.Fatal(errOut)
	}
	for _, kind := range []string{"units", "persons", "employers", "employment"} {
		if code, out, errOut := runCLI(t, "import", kind, filepath.Join(src, kind+".csv"), "--db", dsn); code != 0 {
			t.Fatalf("import %s: %s%s", kind, out, errOut)
		}
	}
	live, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	stop, wg := make(chan struct{}), sync.WaitGroup{}
	wg.Add(1)
	go keepWriting(t, live, stop, &wg)

	out := filepath.Join(t.TempDir(), "ansinh-backup.db")
	code, stdout, errOut := runCLI(t, "backup", "--db", dsn, "--out", out)
	close(stop)
	wg.Wait()
	if code != 0 || !strings.Contains(stdout, "backed up") {
		t.Fatalf("backup: exit %d\n%s%s", code, stdout, errOut)
	}
	if code, _, errOut := runCLI(t, "restore", "--from", out, "--db", dsn); code != 1 || !strings.Contains(errOut, "--force") {
		t.Errorf("restore over the live database: exit %d\n%s", code, errOut)
	}
	restored := "sqlite:" + filepath.Join(t.TempDir(), "restored.db")
	if code, stdout, errOut := runCLI(t, "restore", "--from", out, "--db", restored); code != 0 {
		t.Fatalf("restore: exit %d\n%s%s", code, stdout, errOut)
	}
	want, got := tableCounts(t, dsn), tableCounts(t, restored)
	for kind, n := range want {
		if got[kind] != n {
			t.Errorf("%s: %d rows restored, %d in the live database", kind, got[kind], n)
		}
	}
	if want["employment"] == 0 {
		t.Error("nothing was imported")
	}
}

// keepWriting writes audit records until stop is closed, as a server
// would while the backup runs.
func keepWriting(t *testing.T, db *store.DB, stop chan struct{}, wg *sync.WaitGroup) {
	defer wg.Done()
	for {
		select {
		case <-stop:
			return
		default:
		}
		if err := db.WriteAudit(context.Background(), db.W, store.AuditEntry{Actor: "test", Action: "person.read", Object: "person:1"}); err != nil {
			t.Error(err)
			return
		}
	}
}
