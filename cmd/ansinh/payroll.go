package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"ansinh"
	"ansinh/benefits"
	"ansinh/metrics"
	"ansinh/store/benefitsdb"
)

const payrollSummary = `Chi trả tháng: mọi chế độ đang hưởng (lương hưu, trợ cấp thất nghiệp, trợ cấp hưu trí xã hội,
BHXH một lần đã duyệt) với số tiền tháng đã điều chỉnh, truy lĩnh các tháng chưa trả, dừng hưởng (chết,
có việc làm lại khi hưởng TCTN, hết thời hạn), thu hồi số đã trả thừa; ghi tệp chuyển khoản (CSV
hoặc XLSX). Chạy lại cùng tháng không thay đổi gì; bị ngắt giữa chừng thì lần chạy sau hoàn tất.
Monthly payroll: every benefit in payment with its indexed amount, arrears owed, stops (death,
re-employment for UI, end of entitlement), overpayments to recover; writes the bank transfer
file. Idempotent per period; an interrupted run is completed by the next.`

// runPayroll runs the payroll of --period and writes the bank file.
func runPayroll(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "payroll", "--period YYYY-MM [--out FILE --format csv|xlsx]", payrollSummary)
	dsn := dbFlag(fs, env)
	period := fs.String("period", "", "tháng chi trả YYYY-MM / the payroll month")
	out := fs.String("out", "", "tệp chuyển khoản ngân hàng (mặc định: không ghi) / bank transfer file")
	format := fs.String("format", "csv", "định dạng tệp chuyển khoản: csv hoặc xlsx / bank file format")
	overlay := fs.String("overlay", "", "tệp cấu hình tỉnh (CSV, rules/data/README.md) / province overlay file")
	actor := fs.String("actor", "", "người thực hiện, ghi vào nhật ký (mặc định cli:$USER) / who runs it")
	batch := fs.Int("batch", benefits.PayrollBatchSize, "số hồ sơ mỗi lô / claims per batch")
	db, err := parseAndOpen(ctx, env, fs, args, 0, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	p, err := ansinh.ParsePeriod(*period)
	if err != nil {
		return ansinh.Invalid("period", "cần --period YYYY-MM", "--period YYYY-MM is required")
	}
	if *format != "csv" && *format != "xlsx" {
		return ansinh.Invalid("format", "định dạng phải là csv hoặc xlsx", "the format must be csv or xlsx")
	}
	params, err := calcParams(*overlay)
	if err != nil {
		return err
	}
	if *actor == "" {
		*actor = "cli:" + env.Getenv("USER")
	}
	svc := &benefits.Service{Store: benefitsdb.New(db), Params: params, Now: env.Now, PayrollBatch: *batch, Jobs: db,
		PayrollProgress: counter(env.Stderr, "chi trả / payroll", "lô/batches")}
	start := time.Now()
	res, err := svc.Payroll(ctx, p, *actor)
	metrics.JobDone("payroll", time.Since(start), err)
	if err != nil {
		return err
	}
	printPayroll(env.Stdout, res)
	if *out == "" {
		return nil
	}
	return writeBankFile(*out, *format, res.Lines)
}

// printPayroll writes the payroll's totals.
func printPayroll(w io.Writer, res benefits.PayrollResult) {
	t := benefits.Sum(res.Lines)
	state := "đã chạy / done"
	if res.Already {
		state = "đã chạy trước đó, không ghi lại / already done, nothing written"
	}
	fmt.Fprintf(w, "chi trả %s: %s\n", res.Period, state)
	fmt.Fprintf(w, "  đang hưởng / paid: %d\n  dừng hưởng / stopped: %d\n  tổng chuyển khoản / transferred: %s\n  phải thu hồi / to recover: %s\n",
		t.Paid, t.Stopped, ansinh.FormatMoney(t.Amount), ansinh.FormatMoney(t.Recovery))
}

// writeBankFile writes the bank transfer file atomically (a temporary file
// renamed into place), so that a crash never leaves half a file.
func writeBankFile(path, format string, lines []benefits.Line) error {
	o, err := createOut(path)
	if err != nil {
		return err
	}
	if format == "xlsx" {
		err = benefits.WriteBankXLSX(o, lines)
	} else {
		err = benefits.WriteBankCSV(o, lines)
	}
	return o.Finish(err)
}
