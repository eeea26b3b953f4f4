package main

import (
	"context"
	"flag"
	"io"

	"ansinh"
	"ansinh/collection"
	"ansinh/store/collectiondb"
)

// collectionExporters registers the collection exports: assessments,
// notices, notice (one employer's PDF), arrears, agents and suspense.
func collectionExporters(m map[string]func(context.Context, *Env, []string) error) {
	m["assessments"] = exportByPeriod("assessments",
		"Xuất phải thu theo đơn vị, người lao động và tháng (cột theo docs/formats.md, thêm billed_in, retroactive).\n"+
			"Export the assessments of a month (the formats.md columns, then billed_in and retroactive).",
		collection.WriteAssessments)
	m["notices"] = exportByPeriod("notices",
		"Xuất thông báo của các đơn vị cho một tháng đã khóa sổ (cột theo docs/formats.md).\n"+
			"Export the employers' notices of a closed month (the formats.md columns).",
		collection.WriteNotices)
	m["arrears"] = exportByPeriod("arrears",
		"Xuất danh sách nợ của tỉnh theo xã, loại đơn vị và thời gian nợ.\n"+
			"Export the province's arrears by commune, employer kind and age bucket.",
		collection.WriteArrears)
	m["agents"] = exportByPeriod("agents",
		"Xuất số thu và hoa hồng của đại lý thu trong một tháng đã khóa sổ.\n"+
			"Export the collection agents' collections and commissions of a closed month.",
		collection.WriteAgents)
	m["suspense"] = runExportSuspense
	m["notice"] = runExportNotice
}

// exportFlags are the flags every collection export takes.
type exportFlags struct {
	dsn, period, format, out *string
}

func addExportFlags(fs *flag.FlagSet, env *Env, formats string) exportFlags {
	return exportFlags{
		dsn:    dbFlag(fs, env),
		period: fs.String("period", "", "tháng YYYY-MM / the month"),
		format: fs.String("format", "csv", formats),
		out:    fs.String("out", "", "tệp ghi ra (mặc định: đầu ra chuẩn) / output file (default: standard output)"),
	}
}

// output opens the export's destination (openOut: a file is renamed into
// place only when the export succeeded).
func (f exportFlags) output(env *Env) (io.Writer, func(error) error, error) {
	return openOut(env, *f.out)
}

func (f exportFlags) month() (ansinh.Period, error) {
	p, err := ansinh.ParsePeriod(*f.period)
	if err != nil {
		return 0, ansinh.Invalid("period", "cần --period YYYY-MM", "--period YYYY-MM is required")
	}
	return p, nil
}

// exportByPeriod returns the subcommand of an export of one month as CSV
// or XLSX.
func exportByPeriod(name, summary string, write func(context.Context, collection.Store, ansinh.Period, collection.Format, io.Writer) error) func(context.Context, *Env, []string) error {
	return func(ctx context.Context, env *Env, args []string) error {
		fs := newFlagSet(env, "export "+name, "--period YYYY-MM [--format csv|xlsx] [--out FILE]", summary)
		f := addExportFlags(fs, env, "csv hoặc xlsx / csv or xlsx")
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		period, err := f.month()
		if err != nil {
			return err
		}
		format, err := collection.ParseFormat(*f.format)
		if err != nil {
			return err
		}
		db, err := openDB(ctx, env, *f.dsn)
		if err != nil {
			return err
		}
		defer db.Close()
		w, done, err := f.output(env)
		if err != nil {
			return err
		}
		err = write(ctx, collectiondb.New(db), period, format, w)
		return done(err)
	}
}

// runExportSuspense writes the payments in suspense.
func runExportSuspense(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "export suspense", "[--format csv|xlsx] [--out FILE]",
		"Xuất các khoản nộp treo (người nộp không có trong sổ đăng ký) chờ cán bộ xử lý.\n"+
			"Export the payments in suspense (unknown payer), waiting for an officer.")
	f := addExportFlags(fs, env, "csv hoặc xlsx / csv or xlsx")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	format, err := collection.ParseFormat(*f.format)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, env, *f.dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	w, done, err := f.output(env)
	if err != nil {
		return err
	}
	err = collection.WriteSuspense(ctx, collectiondb.New(db), format, w)
	return done(err)
}

// runExportNotice writes one employer's notice of a closed month as PDF.
func runExportNotice(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "export notice", "--employer TAX_CODE --period YYYY-MM [--format pdf] [--out FILE]",
		"In thông báo kết quả đóng BHXH (mẫu C12) của một đơn vị cho một tháng đã khóa sổ.\n"+
			"Print an employer's notice (form C12) of a closed month as PDF.")
	f := addExportFlags(fs, env, "pdf")
	employer := fs.String("employer", "", "mã số thuế của đơn vị / the employer's tax code")
	overlay := fs.String("overlay", "", "tệp cấu hình tỉnh / province overlay file")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *f.format == "csv" {
		*f.format = "pdf" // the flag's shared default
	}
	if *f.format != "pdf" {
		return ansinh.Invalid("format", "thông báo chỉ in ra pdf", "the notice prints as pdf only")
	}
	if *employer == "" {
		return ansinh.Invalid("employer", "cần --employer MÃ_SỐ_THUẾ", "--employer TAX_CODE is required")
	}
	period, err := f.month()
	if err != nil {
		return err
	}
	params, err := calcParams(*overlay)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, env, *f.dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	w, done, err := f.output(env)
	if err != nil {
		return err
	}
	err = collection.WriteNoticePDF(ctx, collectiondb.New(db), params, *employer, period, w)
	return done(err)
}
