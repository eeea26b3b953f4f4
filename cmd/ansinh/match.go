package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"ansinh"
	"ansinh/compliance"
	"ansinh/rules"
	"ansinh/store"
	"ansinh/store/authdb"
	"ansinh/store/collectiondb"
	"ansinh/store/compliancedb"
	"ansinh/web"
)

// runMatch cross-matches the partners' feeds against the registry, stores
// the findings and groups them into inspection cases; with --truth it also
// scores the open findings against a ground truth file.
func runMatch(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "match", "[--from YYYY-MM --to YYYY-MM | --period YYYY-MM] [--truth violations.csv]",
		"Đối chiếu dữ liệu của Cục Thuế, đăng ký kinh doanh, Ban Quản lý KCN với sổ đăng ký BHXH và nợ đóng: mọi tháng\n"+
			"chưa đối chiếu (theo phiên bản dữ liệu) và cửa sổ mới nhất, hoặc các tháng --from..--to; phát hiện được giữ đến khi\n"+
			"hồ sơ kết thúc (chạy lại, dữ liệu không đổi thì không thay đổi gì) và gom vào hồ sơ thanh tra theo đơn vị.\n"+
			"Cross-match the feeds with the registry and the arrears: every month not yet matched (per feed version) and the\n"+
			"latest window, or the months --from..--to; findings last until their case is resolved (re-running changes nothing).")
	dsn := dbFlag(fs, env)
	period := fs.String("period", "", "chỉ cửa sổ kết thúc ở tháng này YYYY-MM / only the window ending with this month")
	from := fs.String("from", "", "tháng đầu YYYY-MM (cùng --to) / first month to match (with --to)")
	to := fs.String("to", "", "tháng cuối YYYY-MM / last month to match")
	truth := fs.String("truth", "", "tệp violations.csv để tính precision/recall (so với quy tắc đơn giản) / ground truth to score against")
	actor := fs.String("actor", "", "người thực hiện, ghi vào nhật ký / who runs the match, for the record (default $USER)")
	arrears := fs.String("arrears", "auto", "nguồn nợ đóng: auto, collection, estimate, none / arrears source")
	dry := fs.Bool("dry-run", false, "không ghi vào CSDL / do not store the findings")
	overlay := fs.String("params", "", "tệp tham số của tỉnh (mặc định: tham số kèm theo) / province parameter overlay")
	cf := addMatchFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return argCount(fs, 0)
	}
	if *actor == "" {
		*actor = "cli:" + env.Getenv("USER")
	}
	params, err := calcParams(*overlay)
	if err != nil {
		return err
	}
	req, err := matchRequest(*period, *from, *to, cf)
	if err != nil {
		return err
	}
	req.Actor, req.DryRun = *actor, *dry
	req.Progress = counter(env.Stderr, "đối chiếu / match", "cửa sổ/windows")
	db, err := openDB(ctx, env, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := complianceService(db, params)
	svc.Now = env.Now
	svc.Arrears = func(ctx context.Context, p ansinh.Period) (compliance.ArrearsSource, string, error) {
		return arrearsSource(ctx, db, params, *arrears, p)
	}
	start := time.Now()
	runs, err := svc.Match(ctx, req)
	matchDone(start, runs, err)
	for _, run := range runs {
		printRun(env, run, *dry)
	}
	if err != nil || *truth == "" || len(runs) == 0 {
		return err
	}
	return printTruth(ctx, env, svc, runs, *dry, *truth)
}

// matchRequest reads the months asked for: --from/--to, --period, or
// none (every month not yet matched).
func matchRequest(period, from, to string, cf matchFlags) (compliance.MatchRequest, error) {
	var req compliance.MatchRequest
	month := func(field, s string) (ansinh.Period, error) {
		if s == "" {
			return 0, nil
		}
		p, err := ansinh.ParsePeriod(s)
		if err != nil {
			return 0, ansinh.Invalid(field, "tháng phải có dạng YYYY-MM", "the month must be YYYY-MM")
		}
		return p, nil
	}
	p, err := month("period", period)
	if err != nil {
		return req, err
	}
	req.Base = cf.config(p)
	if req.From, err = month("from", from); err != nil {
		return req, err
	}
	req.To, err = month("to", to)
	return req, err
}

// printRun prints what one window of a match read, found and changed.
func printRun(env *Env, run compliance.MatchRun, dry bool) {
	res, cfg := run.Result, run.Result.Config
	arrears := run.Arrears
	if arrears == "" {
		arrears = "không / none"
	}
	fmt.Fprintf(env.Stdout, "Cửa sổ / window %s..%s; nợ đóng / arrears: %s\n", cfg.From(), cfg.Period, arrears)
	fmt.Fprintf(env.Stdout, "Đã đọc / read: %d dòng thuế / tax rows, %d quá trình / spells, %d cặp đơn vị–người / pairs\n",
		res.Stats.TaxRows, res.Stats.Spells, res.Stats.Pairs)
	for _, k := range compliance.Kinds() {
		fmt.Fprintf(env.Stdout, "  %-22s %6d  %s / %s\n", k, res.Stats.ByKind[k], k.LabelVI(), k.LabelEN())
	}
	if dry {
		return
	}
	s := run.Saved
	fmt.Fprintf(env.Stdout, "Đã ghi / stored: mới/new %d, sửa/updated %d, giữ nguyên/unchanged %d, giữ tháng cũ/kept %d, đóng/closed %d; hồ sơ mới/cases opened %d, gắn/attached %d\n",
		s.Inserted, s.Updated, s.Unchanged, s.Kept, s.Cleared, s.Cases, s.Attached)
}

// matchFlags are the matcher's parameters (compliance.Config).
type matchFlags struct {
	window, grace, uncovered, underMonths, bizGrace, evidence *int
	underRatio, evasionMonths, minScore                       *float64
}

func addMatchFlags(fs *flag.FlagSet) matchFlags {
	d := compliance.DefaultConfig(0)
	return matchFlags{
		window:        fs.Int("window", d.WindowMonths, "số tháng dữ liệu thuế đối chiếu / months of tax records compared"),
		grace:         fs.Int("late-grace", d.LateTaxGrace, "số tháng chấp nhận thu nhập sau khi nghỉ việc / months of final pay tolerated after a spell ends"),
		uncovered:     fs.Int("min-uncovered", d.MinUncoveredMonths, "số tháng có thu nhập không có BHXH tối thiểu / uncovered months that make an unregistered worker"),
		underRatio:    fs.Float64("under-ratio", d.UnderRatio, "ngưỡng thu nhập chịu thuế / lương đóng BHXH (không phải giá trị pháp lý) / taxable over declared wage threshold (not a legal value)"),
		underMonths:   fs.Int("under-months", d.UnderMinMonths, "số tháng vượt ngưỡng tối thiểu / months above the threshold"),
		bizGrace:      fs.Int("new-business-grace", d.NewBusinessGrace, "số tháng ân hạn cho doanh nghiệp mới / months a new business has to register"),
		evasionMonths: fs.Float64("evasion-months", d.EvasionMinMonths, "nợ trốn đóng tối thiểu, tính bằng tháng phải đóng / minimum evasion debt in months of assessments"),
		minScore:      fs.Float64("min-score", d.MinScore, "điểm tối thiểu để giữ phát hiện / lowest score kept"),
		evidence:      fs.Int("max-evidence-rows", d.MaxEvidenceRows, "số dòng dữ liệu nêu trong bằng chứng / feed rows listed in evidence"),
	}
}

func (f matchFlags) config(p ansinh.Period) compliance.Config {
	c := compliance.DefaultConfig(p)
	c.WindowMonths, c.LateTaxGrace, c.MinUncoveredMonths = *f.window, *f.grace, *f.uncovered
	c.UnderRatio, c.UnderMinMonths, c.NewBusinessGrace = *f.underRatio, *f.underMonths, *f.bizGrace
	c.EvasionMinMonths, c.MinScore, c.MaxEvidenceRows = *f.evasionMonths, *f.minScore, *f.evidence
	return c
}

// arrearsSource returns the arrears the evasion findings are made from:
// the monthly close's debts when a month is closed by the period (auto,
// collection), an estimate from the spells and payments otherwise (auto,
// estimate), or none.
func arrearsSource(ctx context.Context, db *store.DB, params *rules.Params, kind string, p ansinh.Period) (compliance.ArrearsSource, string, error) {
	switch kind {
	case "none":
		return nil, "không / none", nil
	case "estimate":
		return compliancedb.New(db).EstimatedArrears(params), "ước tính từ quá trình đóng và khoản nộp / estimated from spells and payments", nil
	case "collection", "auto":
		coll := collectiondb.New(db)
		c, err := coll.LatestClose(ctx, p)
		if err != nil {
			return nil, "", err
		}
		if !c.IsZero() {
			return compliance.CollectionArrears(coll), "khóa sổ tháng / monthly close " + c.String(), nil
		}
		if kind == "collection" {
			return nil, "", ansinh.Invalid("arrears", "chưa khóa sổ tháng nào đến kỳ "+p.String(), "no month is closed by "+p.String())
		}
		return compliancedb.New(db).EstimatedArrears(params), "ước tính (chưa khóa sổ) / estimated (no month closed)", nil
	}
	return nil, "", ansinh.Invalid("arrears", "nguồn nợ đóng phải là auto, collection, estimate hoặc none", "arrears must be auto, collection, estimate or none")
}

// printTruth scores the open findings (those of the runs, in a dry run)
// and the naive rule's over the same months against the ground truth, and
// prints both.
func printTruth(ctx context.Context, env *Env, svc *compliance.Service, runs []compliance.MatchRun, dry bool, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	truth, err := compliance.ReadTruth(f)
	if err != nil {
		return err
	}
	mine, err := svc.Judged(ctx, runs, dry)
	if err != nil {
		return err
	}
	naive, err := svc.Naive(ctx, runs)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "\nSo với dữ liệu gốc / against the ground truth %s (bên phải: quy tắc đơn giản / right: the naive rule):\n", path)
	if err := compliance.WriteScores(env.Stdout, compliance.Evaluate(mine, truth), compliance.Evaluate(naive, truth)); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, "\nTheo mức độ khó / by difficulty band (recall):")
	return compliance.WriteBands(env.Stdout, compliance.EvaluateBands(mine, truth), compliance.EvaluateBands(naive, truth))
}

// complianceService wires the compliance service over db: its store, the
// arrears of the monthly close (or the estimate before any month is
// closed) and the inspectors of the accounts.
func complianceService(db *store.DB, params *rules.Params) *compliance.Service {
	return &compliance.Service{
		Store:  compliancedb.New(db),
		Params: params,
		Arrears: func(ctx context.Context, p ansinh.Period) (compliance.ArrearsSource, string, error) {
			return arrearsSource(ctx, db, params, "auto", p)
		},
		Inspectors: compliance.InspectorsFunc(func(ctx context.Context, login string) (bool, error) {
			u, err := authdb.New(db).FindUserByLogin(ctx, login)
			if ansinh.ErrorCode(err) == ansinh.ENOTFOUND {
				return false, nil
			}
			return err == nil && u.Role == "inspector" && u.Status == "active", err
		}),
	}
}

// matchHook runs the match after a committed upload (web.FeedHook).
func matchHook(svc *compliance.Service) web.FeedHook {
	return func(ctx context.Context, kind string, version int64) error {
		start := time.Now()
		runs, err := svc.AfterFeedUpload(ctx, kind, version)
		if len(runs) > 0 || err != nil {
			matchDone(start, runs, err)
		}
		return err
	}
}

// matchAfterImport runs the match after a committed import of a partner's
// feed from the command line, and prints what each window found.
func matchAfterImport(ctx context.Context, env *Env, db *store.DB, kind string) error {
	svc := complianceService(db, rules.Default())
	svc.Now = env.Now
	start := time.Now()
	runs, err := svc.AfterFeedUpload(ctx, kind, 0)
	if len(runs) > 0 || err != nil {
		matchDone(start, runs, err)
	}
	if len(runs) > 0 {
		fmt.Fprintln(env.Stdout, "\nĐối chiếu sau khi nhập / match after the import:")
	}
	for _, run := range runs {
		printRun(env, run, false)
	}
	return err
}
