package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"ansinh"
	"ansinh/compliance"
	"ansinh/rules"
	"ansinh/store/registrydb"
)

// runCase works the inspection cases made by `ansinh match` (options come
// before the arguments):
//
//	ansinh case list [--status S,…] [--inspector LOGIN] [--unit CODE] [--tax-code T]
//	ansinh case show ID
//	ansinh case assign ID LOGIN
//	ansinh case move [--note TEXT] ID STATUS
//	ansinh case result [--workers N] [--recovered AMOUNT] [--fine AMOUNT] [--no-action] [--note TEXT] ID
//	ansinh case recovery TAX_CODE
func runCase(ctx context.Context, env *Env, args []string) error {
	actions := map[string]func(context.Context, *Env, []string) error{
		"list": caseList, "show": caseShow, "assign": caseAssign, "move": caseMove, "result": caseResult, "recovery": caseRecovery,
	}
	if len(args) == 0 || actions[args[0]] == nil {
		fmt.Fprintln(env.Stderr, "Cách dùng / usage: ansinh case list|show|assign|move|result|recovery … (ansinh case ACTION --help)")
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return errHelp
		}
		return errUsage
	}
	return actions[args[0]](ctx, env, args[1:])
}

// caseActor returns who acts: --actor, or the operator's user name.
func caseActor(env *Env, actor string) string {
	if actor != "" {
		return actor
	}
	return "cli:" + env.Getenv("USER")
}

func caseList(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "case list", "", "Liệt kê hồ sơ thanh tra / list inspection cases")
	dsn := dbFlag(fs, env)
	status := fs.String("status", "", "trạng thái, cách nhau bởi dấu phẩy: open, contacted, inspected, resolved / statuses")
	inspector := fs.String("inspector", "", "tên đăng nhập của thanh tra viên / inspector's login")
	unit := fs.String("unit", "", "mã đơn vị hành chính (xã, tỉnh) / administrative unit code")
	tax := fs.String("tax-code", "", "mã số thuế của đơn vị / employer's tax code")
	limit := fs.Int("limit", 50, "số hồ sơ tối đa / at most this many")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	f := compliance.CaseFilter{Scope: ansinh.Scope{All: true}, Inspector: *inspector, TaxCode: *tax, Limit: *limit}
	for _, s := range strings.Split(*status, ",") {
		if s = strings.TrimSpace(s); s != "" {
			if !compliance.Status(s).Valid() {
				return ansinh.Invalid("status", "trạng thái không hợp lệ: "+s, "unknown status: "+s)
			}
			f.Statuses = append(f.Statuses, compliance.Status(s))
		}
	}
	db, err := openDB(ctx, env, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if *unit != "" {
		if f.Communes, err = registrydb.New(db).CommunesUnder(ctx, *unit, ansinh.Today(env.Now())); err != nil {
			return err
		}
	}
	cases, more, err := complianceService(db, rules.Default()).ListCases(ctx, f)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "hồ sơ / case\tmã số thuế / tax code\tđơn vị / employer\ttrạng thái / status\tthanh tra / inspector\tphát hiện / findings\tsố tiền / at stake")
	for _, c := range cases {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%d\t%s\n", c.ID, c.TaxCode, c.EmployerName, c.Status, c.Inspector, c.Findings, ansinh.FormatMoney(c.Stake))
	}
	if more {
		fmt.Fprintln(w, "…")
	}
	return w.Flush()
}

func caseShow(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "case show", "ID", "Xem hồ sơ, các phát hiện và lịch sử / show a case, its findings and history")
	dsn := dbFlag(fs, env)
	db, err := parseAndOpen(ctx, env, fs, args, 1, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	d, err := complianceService(db, rules.Default()).GetCase(ctx, fs.Arg(0), ansinh.Scope{All: true})
	if err != nil {
		return err
	}
	out := env.Stdout
	fmt.Fprintf(out, "%s — %s %s (xã / commune %s)\n", d.ID, d.TaxCode, d.EmployerName, d.CommuneCode)
	fmt.Fprintf(out, "Trạng thái / status: %s / %s; thanh tra / inspector: %q; mở / opened %s\n", d.Status.LabelVI(), d.Status.LabelEN(), d.Inspector, d.OpenedPeriod)
	if r := d.Result; r != nil {
		fmt.Fprintf(out, "Kết quả / result: %d lao động đăng ký / workers registered, thu hồi / recovered %s, phạt / fine %s, không xử lý / no action %v %s\n",
			r.WorkersRegistered, ansinh.FormatMoney(r.AmountRecovered), ansinh.FormatMoney(r.Fine), r.ClosedWithoutAction, r.Note)
	}
	for _, f := range d.FindingList {
		ev, _ := compliance.ParseEvidence(f.Evidence)
		fmt.Fprintf(out, "\n%s [%s] %s, điểm / score %s, %s/tháng / a month, tổng / total %s\n  %s\n  %s\n",
			f.ID, f.State, f.Kind, compliance.ScoreText(f.Score), ansinh.FormatMoney(f.Stake.PerMonth()), ansinh.FormatMoney(f.Stake.Total),
			ev.SummaryVI, ev.SummaryEN)
	}
	fmt.Fprintln(out, "\nLịch sử / history:")
	for _, e := range d.History {
		fmt.Fprintf(out, "  %s  %-16s %-14s %s\n", e.At.Format("2006-01-02 15:04"), e.Actor, e.Action, e.Detail)
	}
	return nil
}

func caseAssign(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "case assign", "ID LOGIN", "Giao hồ sơ cho thanh tra viên (LOGIN rỗng: bỏ giao) / assign a case (empty LOGIN: unassign)")
	dsn := dbFlag(fs, env)
	actor := fs.String("actor", "", "người thực hiện / who acts (default $USER)")
	db, err := parseAndOpen(ctx, env, fs, args, 2, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := complianceService(db, rules.Default()).AssignCase(ctx, fs.Arg(0), fs.Arg(1), caseActor(env, *actor)); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s → %q\n", fs.Arg(0), fs.Arg(1))
	return nil
}

func caseMove(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "case move", "ID STATUS", "Chuyển trạng thái hồ sơ: open → contacted → inspected → resolved / move a case on")
	dsn := dbFlag(fs, env)
	actor := fs.String("actor", "", "người thực hiện / who acts (default $USER)")
	note := fs.String("note", "", "ghi chú / note")
	db, err := parseAndOpen(ctx, env, fs, args, 2, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := complianceService(db, rules.Default()).TransitionCase(ctx, fs.Arg(0), compliance.Status(fs.Arg(1)), caseActor(env, *actor), *note); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s: %s\n", fs.Arg(0), fs.Arg(1))
	return nil
}

func caseResult(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "case result", "ID", "Ghi kết quả xử lý hồ sơ / record a case's result")
	dsn := dbFlag(fs, env)
	actor := fs.String("actor", "", "người thực hiện / who acts (default $USER)")
	workers := fs.Int("workers", 0, "số lao động được đăng ký / workers registered")
	recovered := fs.Int64("recovered", 0, "số tiền thu hồi (đồng) / amount recovered")
	fine := fs.Int64("fine", 0, "số tiền phạt (đồng) / fine")
	noAction := fs.Bool("no-action", false, "kết thúc không xử lý / closed without action")
	note := fs.String("note", "", "ghi chú / note")
	db, err := parseAndOpen(ctx, env, fs, args, 1, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	r := compliance.CaseResult{WorkersRegistered: *workers, AmountRecovered: *recovered, Fine: *fine, ClosedWithoutAction: *noAction, Note: *note}
	if err := complianceService(db, rules.Default()).RecordCaseResult(ctx, fs.Arg(0), r, caseActor(env, *actor)); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s: đã ghi kết quả / result recorded\n", fs.Arg(0))
	return nil
}

func caseRecovery(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "case recovery", "TAX_CODE", "Kết quả thanh tra của một đơn vị / an employer's inspection results")
	dsn := dbFlag(fs, env)
	db, err := parseAndOpen(ctx, env, fs, args, 1, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	r, err := complianceService(db, rules.Default()).EmployerRecovery(ctx, fs.Arg(0))
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s: %d hồ sơ / cases (%d đang xử lý / open, %d kết thúc / resolved); %d lao động đăng ký / workers registered; thu hồi / recovered %s; phạt / fines %s\n",
		r.TaxCode, r.Cases, r.Open, r.Resolved, r.WorkersRegistered, ansinh.FormatMoney(r.AmountRecovered), ansinh.FormatMoney(r.Fines))
	return nil
}
