package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"ansinh/importer"
	"ansinh/store"
	"ansinh/store/importdb"
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
	opt := importer.Options{RejectFile: *reject, Lang: *lang, Progress: importProgress(env.Stderr)}
	rep, err := importFile(ctx, db, kind, fs.Arg(1), *actor, opt)
	printReport(env.Stdout, rep, *lang)
	if err == nil && rep.Committed {
		err = matchAfterImport(ctx, env, db, kind.Name)
	}
	return err
}

// importFile imports path as kind into db and records the run.
func importFile(ctx context.Context, db *store.DB, kind *importer.Kind, path, actor string, opt importer.Options) (importer.Report, error) {
	start := time.Now()
	rep, err := importer.Job{Kind: kind, Path: path, Actor: actor, Opt: opt}.Run(ctx, importdb.New(db))
	importDone(kind.Name, start, rep, err)
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

func kindNames() []string {
	var names []string
	for _, k := range importer.Kinds() {
		names = append(names, k.Name)
	}
	return names
}
