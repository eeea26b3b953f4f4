package main

import (
	"context"
	"fmt"

	"ansinh"
	"ansinh/indicators"
	"ansinh/indicators/report"
	"ansinh/plan"
	"ansinh/store/indicatorsdb"
)

// runReport writes the report to the Standing Committee for a year, as
// XLSX or PDF: `ansinh report --year Y --format xlsx|pdf [--out F]`.
func runReport(ctx context.Context, env *Env, args []string) error {
	now := currentMonth(env)
	fs := newFlagSet(env, "report", "",
		"Lập báo cáo gửi Ban Thường vụ Tỉnh ủy (Kế hoạch mục III.5) cho một năm: các chỉ tiêu của tỉnh so với mục tiêu và dự báo,\n"+
			"xếp hạng xã, phường, tình hình thu nợ, kết quả đối chiếu và thanh tra, tình hình thực hiện nhiệm vụ, kèm biểu đồ.\n"+
			"Write the report to the Standing Committee for a year: the province against its targets with the forecast, the communes\n"+
			"ranked, arrears, compliance and the plan's tasks, with charts. Run `ansinh indicators refresh` first, or add --refresh.")
	dsn := dbFlag(fs, env)
	year := fs.Int("year", now.Year(), "năm báo cáo / the report's year")
	format := fs.String("format", "xlsx", "xlsx hoặc pdf / xlsx or pdf")
	out := fs.String("out", "", "tệp ra (mặc định bao-cao-NĂM.xlsx|pdf) / output file")
	target := fs.Int("target-year", 2030, "năm mục tiêu của dự báo / the forecast's target year")
	window := fs.Int("window", indicators.DefaultWindow, "số tháng gần nhất để tính xu hướng / months fitted for the trend")
	refresh := fs.Bool("refresh", false, "tính lại các chỉ tiêu đến tháng hiện tại trước khi lập báo cáo / refresh the indicators first")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *format != "xlsx" && *format != "pdf" {
		return ansinh.Invalid("format", "--format: xlsx hoặc pdf", "--format: xlsx or pdf")
	}
	if *out == "" {
		*out = fmt.Sprintf("bao-cao-%d.%s", *year, *format)
	}
	db, err := openDB(ctx, env, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if *refresh {
		src := indicatorsdb.NewFrom(db, indicators.DefaultFrom)
		if _, err := indicators.Refresh(ctx, src, src, actorOf(env, ""), indicators.Options{Through: now}); err != nil {
			return err
		}
	}
	d, err := report.BuildWith(ctx, reportSources(db), report.Options{Year: *year, TargetYear: *target, Window: *window,
		Issued: ansinh.Today(env.Now()), Actor: plan.SeedActor})
	if err != nil {
		return err
	}
	var data []byte
	if *format == "pdf" {
		data, err = report.PDF(d)
	} else {
		data, err = report.XLSX(d)
	}
	if err != nil {
		return err
	}
	if *out == "-" {
		_, err = env.Stdout.Write(data)
		return err
	}
	if err := writeFileOut(*out, data); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "Đã ghi / written: %s (%d byte)\n", *out, len(data))
	return nil
}
