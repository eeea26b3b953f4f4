package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"strings"

	"ansinh/importer"
	"ansinh/store"
)

// runImport imports one exchange file of a kind into the database.
func runImport(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "import", "KIND FILE",
		"Nhập một tệp CSV hoặc XLSX (docs/formats.md). Mặc định: tất cả hoặc không; mọi dòng lỗi đều được báo.\n"+
			"Import one CSV or XLSX exchange file. All or nothing by default; every bad row is reported.\n"+
			"KIND: "+strings.Join(kindNames(), ", "))
	dsn := dbFlag(fs, env)
	reject := fs.String("reject-file", "", "ghi các dòng lỗi vào tệp này và nhập các dòng tốt / commit good rows, write bad rows here")
	actor := fs.String("actor", "", "người thực hiện, ghi vào nhật ký / who runs the import, for the record (default $USER)")
	lang := fs.String("lang", "vi", "ngôn ngữ báo lỗi: vi hoặc en / language of the row reports")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return argCount(fs, 2)
	}
	kind, ok := importer.KindByName(fs.Arg(0))
	if !ok {
		fmt.Fprintf(env.Stderr, "loại tệp không tồn tại %q / unknown kind; có / known: %s\n", fs.Arg(0), strings.Join(kindNames(), ", "))
		return errUsage
	}
	if *actor == "" {
		*actor = "cli:" + env.Getenv("USER")
	}
	db, err := openDB(ctx, env, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := importFile(ctx, db, kind, fs.Arg(1), *actor, importer.Options{RejectFile: *reject, Lang: *lang})
	printReport(env.Stdout, rep, *lang)
	if err == nil && rep.Committed {
		err = matchAfterImport(ctx, env, db, kind.Name)
	}
	return err
}

// importFile imports path as kind into db and records the run.
func importFile(ctx context.Context, db *store.DB, kind *importer.Kind, path, actor string, opt importer.Options) (importer.Report, error) {
	sum, err := fileSHA256(path)
	if err != nil {
		return importer.Report{Kind: kind.Name, File: path}, err
	}
	run, err := db.BeginRun(ctx, kind.Name, path, sum, actor)
	if err != nil {
		return importer.Report{Kind: kind.Name, File: path}, err
	}
	rep, err := importer.Import(ctx, kind, path, storeLoader{db: db, run: run}, db, opt)
	status := "committed"
	switch {
	case err != nil && rep.Committed:
		status = "failed"
	case err != nil:
		status = "refused"
	}
	counts := store.RunCounts{Read: rep.Rows, Rejected: rep.Bad, Inserted: rep.Inserted, Update: rep.Updated}
	if ferr := db.FinishRun(ctx, run, status, counts); ferr != nil && err == nil {
		err = ferr
	}
	return rep, err
}

// printReport writes an import report: every bad row, then the totals.
func printReport(w io.Writer, rep importer.Report, lang string) {
	for _, e := range rep.Errors {
		reason := e.Reason
		if lang == "en" {
			reason = e.ReasonEN
		}
		fmt.Fprintf(w, "%s:%d: cột/column %s: %s\n", e.File, e.Line, e.Column, reason)
	}
	state := "đã ghi / committed"
	if !rep.Committed {
		state = "KHÔNG ghi / nothing committed"
	}
	fmt.Fprintf(w, "%s %s: %d dòng/rows, %d tốt/good, %d lỗi/bad; thêm/inserted %d, sửa/updated %d — %s\n",
		rep.Kind, rep.File, rep.Rows, rep.Good, rep.Bad, rep.Inserted, rep.Updated, state)
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func kindNames() []string {
	var names []string
	for _, k := range importer.Kinds() {
		names = append(names, k.Name)
	}
	return names
}

// storeLoader loads an importer's rows into the store, stamped with a run.
type storeLoader struct {
	db  *store.DB
	run int64
}

// BeginLoad starts a bulk load into the kind's table.
func (l storeLoader) BeginLoad(ctx context.Context, k *importer.Kind) (importer.Load, error) {
	t := store.Table{Name: k.Table, Key: k.Key}
	for _, c := range k.Columns {
		t.Columns = append(t.Columns, c.DB)
	}
	b, err := l.db.BeginBulk(ctx, t, l.run)
	if err != nil {
		return nil, err
	}
	return storeLoad{b}, nil
}

type storeLoad struct{ b store.Bulk }

func (s storeLoad) Add(row []any) error { return s.b.Add(row) }
func (s storeLoad) Rollback() error     { return s.b.Rollback() }
func (s storeLoad) Commit() (importer.LoadResult, error) {
	r, err := s.b.Commit()
	return importer.LoadResult{Inserted: r.Inserted, Updated: r.Updated}, err
}
