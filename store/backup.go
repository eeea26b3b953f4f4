package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"ansinh"
)

// ErrBackupPostgres refuses a backup or restore of PostgreSQL, which has
// its own tools (README: pg_dump / pg_restore).
var ErrBackupPostgres = &ansinh.Error{Code: ansinh.EINVALID, Field: "db",
	Message:   "sao lưu PostgreSQL bằng pg_dump và khôi phục bằng pg_restore (xem README)",
	MessageEN: "back PostgreSQL up with pg_dump and restore it with pg_restore (see the README)"}

// Backup writes a consistent copy of a live SQLite database to path with
// VACUUM INTO: one read transaction, so writers go on meanwhile and the copy
// holds every transaction committed before it began and none after. The
// copy is written beside path under a temporary name and renamed into
// place, so a failed backup leaves no half file; an existing path is
// refused.
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.Engine != SQLite {
		return ErrBackupPostgres
	}
	if _, err := os.Stat(path); err == nil {
		return ansinh.Invalid("out", "tệp "+path+" đã có: chọn tên khác", path+" exists: choose another name")
	}
	tmp, err := tempName(path)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if _, err := db.R.ExecContext(ctx, `VACUUM INTO $1`, tmp); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := checkBackup(ctx, tmp); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// tempName returns an unused name in path's directory.
func tempName(path string) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return "", err
	}
	name := f.Name()
	f.Close()
	return name, os.Remove(name) // VACUUM INTO needs the file not to exist
}

// checkBackup opens a backup file read-only and checks that it is a sound
// AnSinh database: SQLite's quick check passes and the migrations table
// is there.
func checkBackup(ctx context.Context, path string) error {
	b, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer b.Close()
	var check string
	if err := b.QueryRowContext(ctx, `PRAGMA quick_check`).Scan(&check); err != nil || check != "ok" {
		return ansinh.Invalid("backup", "tệp sao lưu "+path+" hỏng hoặc không phải CSDL SQLite",
			"the backup "+path+" is damaged or not an SQLite database")
	}
	var n int
	if err := b.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n == 0 {
		return ansinh.Invalid("backup", "tệp "+path+" không phải CSDL AnSinh", path+" is not an AnSinh database")
	}
	return nil
}

// RestoreOptions say how Restore may replace an existing database.
type RestoreOptions struct {
	// Force replaces a database that looks in use (its -wal or -shm file
	// is there) or was changed after the backup was taken. The server
	// must be stopped: replacing the file under a running server loses
	// what it writes.
	Force bool
}

// Restore brings an SQLite backup back as the database file of dsn
// ("sqlite:PATH"). Without Force it refuses a target that looks in use or
// is newer than the backup. The backup is checked, copied beside the
// target under a temporary name, synced, and renamed into place, so an
// interrupted restore leaves the old database whole.
func Restore(ctx context.Context, from, dsn string, opt RestoreOptions) error {
	path, ok := strings.CutPrefix(dsn, "sqlite:")
	if !ok {
		return ErrBackupPostgres
	}
	if err := checkBackup(ctx, from); err != nil {
		return err
	}
	if err := mayReplace(from, path, opt); err != nil {
		return err
	}
	tmp, err := tempName(path)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if err := copyFile(from, tmp); err != nil {
		return err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(path + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return os.Rename(tmp, path)
}

// mayReplace refuses, without Force, a target that is in use or newer
// than the backup.
func mayReplace(from, path string, opt RestoreOptions) error {
	target, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) || opt.Force {
		return nil
	}
	if err != nil {
		return err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + suffix); err == nil {
			return &ansinh.Error{Code: ansinh.ECONFLICT, Field: "db",
				Message:   "CSDL " + path + " đang được dùng (có tệp " + suffix + "): dừng máy chủ rồi chạy lại với --force",
				MessageEN: "the database " + path + " is in use (its " + suffix + " file is there): stop the server, then run again with --force"}
		}
	}
	backup, err := os.Stat(from)
	if err != nil {
		return err
	}
	if target.ModTime().After(backup.ModTime()) {
		return &ansinh.Error{Code: ansinh.ECONFLICT, Field: "db",
			Message: "CSDL " + path + " được ghi sau bản sao lưu (" + target.ModTime().Format(time.DateTime) +
				"): khôi phục sẽ làm mất các thay đổi đó; chạy lại với --force nếu chắc chắn",
			MessageEN: "the database " + path + " was written after the backup (" + target.ModTime().Format(time.DateTime) +
				"): restoring loses those changes; run again with --force if you are sure"}
	}
	return nil
}

// copyFile copies src to a new file dst and syncs it.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
