package main

import (
	"context"
	"fmt"
	"os"

	"ansinh/store"
)

// runBackup writes a consistent copy of a live SQLite database.
func runBackup(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "backup", "",
		"Sao lưu CSDL SQLite đang chạy thành một tệp nhất quán (VACUUM INTO); máy chủ vẫn ghi trong khi sao lưu.\n"+
			"Back up a live SQLite database to one consistent file (VACUUM INTO); the server goes on writing meanwhile.\n"+
			"PostgreSQL: pg_dump --format=custom (xem README / see the README).")
	dsn := dbFlag(fs, env)
	out := fs.String("out", "", "tệp sao lưu (chưa có) / the backup file to write (must not exist)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return missingFlag(fs, "out")
	}
	if fs.NArg() != 0 {
		return argCount(fs, 0)
	}
	db, err := openDB(ctx, env, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(ctx, *out); err != nil {
		return err
	}
	fi, err := os.Stat(*out)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Đã sao lưu / backed up %s → %s (%d bytes)\n", db, *out, fi.Size())
	return nil
}

// runRestore brings a backup back as the database file.
func runRestore(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "restore", "",
		"Khôi phục CSDL SQLite từ tệp sao lưu. Dừng máy chủ trước. Không ghi đè CSDL đang dùng hoặc mới hơn bản sao lưu\n"+
			"nếu không có --force. / Restore an SQLite database from a backup. Stop the server first. A database in use\n"+
			"(its -wal file is there) or written after the backup is not replaced without --force.")
	dsn := dbFlag(fs, env)
	from := fs.String("from", "", "tệp sao lưu / the backup file")
	force := fs.Bool("force", false, "ghi đè CSDL đang dùng hoặc mới hơn / replace a database in use or newer than the backup")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *from == "" {
		return missingFlag(fs, "from")
	}
	if fs.NArg() != 0 {
		return argCount(fs, 0)
	}
	if err := store.Restore(ctx, *from, *dsn, store.RestoreOptions{Force: *force}); err != nil {
		return err
	}
	db, err := openDB(ctx, env, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(env.Stdout, "Đã khôi phục / restored %s → %s\n", *from, db)
	return nil
}
