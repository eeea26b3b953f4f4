package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"ansinh"
	"ansinh/store"
	"ansinh/store/storetest"
)

// backupCounts counts the rows of the tables a backup must carry.
func backupCounts(t *testing.T, db *store.DB) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, table := range []string{"audit_log", "login_attempts", "schema_migrations", "users"} {
		n, err := db.Count(context.Background(), table)
		if err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

// TestBackupWhileWritingThenRestore: a backup taken while a writer commits
// audit records holds a consistent prefix of them (between the counts
// before and after); restored into a new file, the database has the
// backup's counts, and opens with a current schema.
func TestBackupWhileWritingThenRestore(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.DSN(t, store.SQLite)
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	var written atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := db.WriteAudit(ctx, db.W, store.AuditEntry{Actor: "test", Action: "write", Object: "n:" + strconv.Itoa(i)}); err != nil {
				t.Error(err)
				return
			}
			written.Add(1)
		}
	}()
	for written.Load() < 200 {
		time.Sleep(time.Millisecond)
	}
	before := written.Load()
	out := filepath.Join(t.TempDir(), "backup.db")
	if err := db.Backup(ctx, out); err != nil {
		t.Fatal(err)
	}
	after := written.Load()
	close(stop)
	wg.Wait()
	if written.Load() <= after {
		t.Log("the writer stopped right after the backup")
	}

	restored := "sqlite:" + filepath.Join(t.TempDir(), "restored.db")
	if err := store.Restore(ctx, out, restored, store.RestoreOptions{}); err != nil {
		t.Fatal(err)
	}
	rdb, err := store.Open(ctx, restored)
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	if err := rdb.CheckSchema(ctx); err != nil {
		t.Fatalf("restored schema: %v", err)
	}
	got := backupCounts(t, rdb)
	if n := got["audit_log"]; n < before || n > after+1 {
		t.Errorf("the backup holds %d audit records: want between %d (before) and %d (after)", n, before, after+1)
	}
	bdb, err := store.Open(ctx, "sqlite:"+out)
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	if want := backupCounts(t, bdb); !equalCounts(got, want) {
		t.Errorf("restored counts %v, backup's %v", got, want)
	}
}

func equalCounts(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestRestoreRefusals: an existing backup name, a target in use, a target
// written after the backup, a file that is not a database, and
// PostgreSQL are refused with a reason; --force replaces.
func TestRestoreRefusals(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	dsn := "sqlite:" + filepath.Join(dir, "live.db")
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "b.db")
	if err := db.Backup(ctx, out); err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(ctx, out); !isCode(err, ansinh.EINVALID) {
		t.Errorf("backup onto an existing file: %v", err)
	}
	if err := store.Restore(ctx, out, dsn, store.RestoreOptions{}); err == nil || !strings.Contains(err.Error(), "đang được dùng") {
		t.Errorf("restore over a database in use: %v", err)
	}
	db.Close()
	future := time.Now().Add(time.Hour)
	os.Chtimes(filepath.Join(dir, "live.db"), future, future)
	if err := store.Restore(ctx, out, dsn, store.RestoreOptions{}); err == nil || !strings.Contains(err.Error(), "ghi sau bản sao lưu") {
		t.Errorf("restore over a newer database: %v", err)
	}
	if err := store.Restore(ctx, out, dsn, store.RestoreOptions{Force: true}); err != nil {
		t.Errorf("restore --force: %v", err)
	}
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte("not a database"), 0o644)
	if err := store.Restore(ctx, junk, "sqlite:"+filepath.Join(dir, "new.db"), store.RestoreOptions{}); !isCode(err, ansinh.EINVALID) {
		t.Errorf("restore of a junk file: %v", err)
	}
	if err := store.Restore(ctx, out, "postgres://x@localhost/y", store.RestoreOptions{}); !errors.Is(err, store.ErrBackupPostgres) {
		t.Errorf("restore into PostgreSQL: %v", err)
	}
}

func isCode(err error, code string) bool {
	return err != nil && ansinh.ErrorCode(err) == code
}
