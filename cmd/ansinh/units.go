package main

import (
	"context"
	"fmt"

	"ansinh/importer"
	"ansinh/store/importdb"
)

// runUnits loads the embedded national administrative units.
func runUnits(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "units", "load",
		"Nạp danh mục đơn vị hành chính toàn quốc (cả hai cấu trúc, trước và sau 01/07/2025) cùng các liên kết kế thừa, có sẵn trong chương trình;\n"+
			"nạp lại không thay đổi gì; tệp units riêng của tỉnh nhập sau sẽ ghi đè.\n"+
			"Load the embedded national administrative units (both structures, before and after 2025-07-01) and their successor links;\n"+
			"loading again changes nothing; a province's own units file imported afterwards overrides them.")
	dsn := dbFlag(fs, env)
	db, err := parseAndOpen(ctx, env, fs, args, 1, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if fs.Arg(0) != "load" {
		fs.Usage()
		return errUsage
	}
	reps, err := importer.LoadNationalUnits(ctx, importdb.New(db), "cli:"+env.Getenv("USER"))
	for _, rep := range reps {
		printReport(env.Stdout, rep, "vi")
	}
	if err == nil {
		fmt.Fprintln(env.Stdout, "đã nạp danh mục đơn vị hành chính / national units loaded")
	}
	return err
}
