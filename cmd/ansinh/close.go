package main

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"ansinh"
	"ansinh/collection"
	"ansinh/metrics"
	"ansinh/rules"
	"ansinh/store"
	"ansinh/store/collectiondb"
)

const closeSummary = `Khóa sổ tháng: tính phải thu BHXH, BHYT, BHTN cho từng đơn vị, người lao động và quỹ theo
các quá trình làm việc và quy định; truy thu các tháng kê khai chậm kèm lãi; BHXH tự nguyện với
hỗ trợ của Nhà nước và của tỉnh; phân bổ tiền nộp (nợ cũ nhất trước, lãi rồi đến gốc); thông báo
C12 cho từng đơn vị. Khóa lại tháng đã khóa không thay đổi gì; --reopen tính lại (có ghi nhật ký).
Close a month: assessments by employer, person and fund; retroactive months declared late with
interest; voluntary contributions with the state's and the province's support; payments
allocated (oldest debt first, interest then principal); a C12 notice per employer. Closing a
closed month changes nothing; --reopen recomputes it (audited).

Biến môi trường / environment: ANSINH_CLOSE_BATCH_PAUSE=200ms sleeps after each batch (tests).`

// closeGCPercent is the garbage collector's target while a close runs.
const closeGCPercent = 400

// runClose closes one month (--period), every open month up to one
// (--through), or reopens and closes again (--reopen).
func runClose(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "close", "--period YYYY-MM | --through YYYY-MM", closeSummary)
	dsn := dbFlag(fs, env)
	period := fs.String("period", "", "tháng khóa sổ YYYY-MM / the month to close")
	through := fs.String("through", "", "khóa mọi tháng còn mở đến tháng này / close every open month up to this one")
	from := fs.String("from", "", "tháng đầu sổ khi chưa khóa tháng nào (mặc định: tháng đầu có dữ liệu) / first month of the books")
	reopen := fs.Bool("reopen", false, "mở lại tháng --period (và các tháng sau) rồi khóa lại / reopen --period and later months, then close again")
	overlay := fs.String("overlay", "", "tệp cấu hình tỉnh (CSV, rules/data/README.md), ví dụ để nạp lãi suất chậm đóng theo Luật 2014 / province overlay file")
	batch := fs.Int("batch", 500, "số đơn vị mỗi lô / employers per batch")
	actor := fs.String("actor", "", "người thực hiện, ghi vào nhật ký / who runs the close (default cli:$USER)")
	contracts := fs.String("agent-contracts", "", "nạp hợp đồng đại lý thu từ tệp CSV agent_code,valid_from,valid_to,commission_rate,source / load agents' contracts")
	attribute := fs.String("attribute", "", "gán khoản nộp treo PAYER/REF=TÀI_KHOẢN cho tài khoản / attribute a suspense payment PAYER/REF=ACCOUNT")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *actor == "" {
		*actor = "cli:" + env.Getenv("USER")
	}
	if *period == "" && *through == "" && *contracts == "" && *attribute == "" {
		return usageError(fs, "cần --period, --through, --contracts hoặc --attribute", "one of --period, --through, --contracts or --attribute is required")
	}
	params, err := calcParams(*overlay)
	if err != nil {
		return err
	}
	opt := collection.Options{Params: params, Actor: *actor, BatchEmployers: *batch,
		Log: closeProgress(env.Stderr)}
	if s := env.Getenv("ANSINH_CLOSE_BATCH_PAUSE"); s != "" {
		if opt.BatchPause, err = time.ParseDuration(s); err != nil {
			return ansinh.Invalid("ANSINH_CLOSE_BATCH_PAUSE", "thời lượng không hợp lệ (ví dụ 200ms)", "not a duration (e.g. 200ms)")
		}
	}
	if *from != "" {
		if opt.From, err = ansinh.ParsePeriod(*from); err != nil {
			return ansinh.Invalid("from", "tháng phải có dạng YYYY-MM", "the month must be YYYY-MM")
		}
	}
	db, err := openDB(ctx, env, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	// A close is a one-shot process that allocates many short-lived rows:
	// collecting less often costs memory it has (well under 1 GiB for a
	// million workers) and saves CPU.
	defer debug.SetGCPercent(debug.SetGCPercent(closeGCPercent))
	if *contracts != "" {
		if err := loadAgentContracts(ctx, db, *contracts, *actor); err != nil {
			return err
		}
	}
	if *attribute != "" {
		if err := attributePayment(ctx, db, *attribute, *actor); err != nil {
			return err
		}
	}
	start := time.Now()
	results, err := closeMonths(ctx, db, *period, *through, *reopen, opt)
	printCloseResults(env.Stdout, results)
	if len(results) > 0 || err != nil {
		metrics.JobDone("close", time.Since(start), err)
	}
	return err
}

// closeMonths closes period (again, with reopen) or every open month
// through through; neither given, it does nothing.
func closeMonths(ctx context.Context, db *store.DB, period, through string, reopen bool, opt collection.Options) ([]collection.Result, error) {
	var results []collection.Result
	switch {
	case period != "" && through != "":
		return nil, ansinh.Invalid("period", "dùng --period hoặc --through, không dùng cả hai", "use --period or --through, not both")
	case period != "":
		p, err := ansinh.ParsePeriod(period)
		if err != nil {
			return nil, ansinh.Invalid("period", "tháng phải có dạng YYYY-MM", "the month must be YYYY-MM")
		}
		if reopen {
			results, err = collection.Reopen(ctx, collectiondb.NewCloseStore(db), p, opt)
		} else {
			var r collection.Result
			r, err = collection.Close(ctx, collectiondb.NewCloseStore(db), p, opt)
			results = append(results, r)
		}
		return results, err
	case through != "":
		if reopen {
			return nil, ansinh.Invalid("reopen", "--reopen đi với --period", "--reopen goes with --period")
		}
		p, err := ansinh.ParsePeriod(through)
		if err != nil {
			return nil, ansinh.Invalid("through", "tháng phải có dạng YYYY-MM", "the month must be YYYY-MM")
		}
		return collection.CloseThrough(ctx, collectiondb.NewCloseStore(db), p, opt)
	}
	return results, nil
}

// printCloseResults writes one line per month closed.
func printCloseResults(w io.Writer, results []collection.Result) {
	for _, r := range results {
		if r.AlreadyClosed {
			fmt.Fprintf(w, "%s: đã khóa sổ, không thay đổi / already closed, nothing changed\n", r.Period)
			continue
		}
		resumed := ""
		if r.Resumed {
			resumed = " (tiếp tục lần chạy dở / resumed)"
		}
		fmt.Fprintf(w, "%s%s: %d dòng phải thu / assessment rows; %d thông báo / notices; phải thu / assessed %s; truy thu / retroactive %s; lãi / interest %s; đã nộp / paid %s (%d khoản / payments); treo / suspense %d; cảnh báo / warnings %d\n",
			r.Period, resumed, r.Assessments, r.Notices, ansinh.FormatMoney(r.Assessed), ansinh.FormatMoney(r.Retroactive),
			ansinh.FormatMoney(r.Interest), ansinh.FormatMoney(r.Paid), r.Payments, r.Suspense, r.Warnings)
		if r.UnratedDays > 0 {
			fmt.Fprintf(w, "  %d ngày chậm đóng trước 01/07/2025 chưa tính lãi: tỉnh chưa nạp lãi suất Luật 2014 (late.l2014.yearly_rate; --overlay) / %d days late without interest: the L2014 rate is not loaded\n",
				r.UnratedDays, r.UnratedDays)
		}
	}
}

// loadAgentContracts reads agents' contracts from a CSV file with the
// columns agent_code, valid_from, valid_to, commission_rate ("0.5%", or
// empty when not yet known) and source.
func loadAgentContracts(ctx context.Context, db *store.DB, path, actor string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	head, err := r.Read()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	want := []string{"agent_code", "valid_from", "valid_to", "commission_rate", "source"}
	if strings.Join(head, ",") != strings.Join(want, ",") {
		return ansinh.Invalid("agent-contracts", "tệp hợp đồng đại lý phải có các cột "+strings.Join(want, ","),
			"the contracts file must have the columns "+strings.Join(want, ","))
	}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
		c := collection.AgentContract{AgentCode: rec[0], Source: rec[4]}
		bad := func(col string) error {
			return ansinh.Invalid(col, fmt.Sprintf("%s dòng %d: giá trị không hợp lệ", path, line), fmt.Sprintf("%s line %d: invalid value", path, line))
		}
		if c.From, err = ansinh.ParseDate(rec[1]); err != nil {
			return bad("valid_from")
		}
		if rec[2] != "" {
			if c.To, err = ansinh.ParseDate(rec[2]); err != nil {
				return bad("valid_to")
			}
		}
		if rec[3] != "" {
			m, err := rules.ParseMicro(rec[3])
			if err != nil {
				return bad("commission_rate")
			}
			c.Rate = &m
		}
		if err := collection.SetAgentContract(ctx, collectiondb.New(db), c, actor); err != nil {
			return err
		}
	}
}

// attributePayment reads PAYER/REF=ACCOUNT and attributes that payment.
func attributePayment(ctx context.Context, db *store.DB, spec, actor string) error {
	pr, account, ok := strings.Cut(spec, "=")
	payer, ref, ok2 := strings.Cut(pr, "/")
	if !ok || !ok2 {
		return ansinh.Invalid("attribute", "dạng đúng: PAYER/REF=TÀI_KHOẢN", "the form is PAYER/REF=ACCOUNT")
	}
	return collection.AttributePayment(ctx, collectiondb.New(db), payer, ref, account, actor)
}
