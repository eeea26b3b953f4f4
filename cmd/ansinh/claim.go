package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"

	"ansinh"
	"ansinh/benefits"
	"ansinh/store/benefitsdb"
)

const claimSummary = `Hồ sơ hưởng chế độ (lương hưu, BHXH một lần, trợ cấp thất nghiệp, trợ cấp hưu trí xã hội):
  estimate --person ID --kind K [--month YYYY-MM]   ước tính trên quá trình đóng, không nộp (JSON)
  file --person ID --kind K [--month YYYY-MM]       nộp tại quầy
  check ID | approve ID | reject ID --reason TEXT   kiểm tra (người lập) / duyệt, từ chối (người duyệt, khác người lập)
  show ID | list [--status S] | decision ID --out FILE.pdf
Benefit claims: estimate on the record, file at the counter, check (maker), approve or reject
(checker, never the maker), show, list, print the decision. --actor names the officer.`

// claimFlags are the flags of every claim subcommand.
type claimFlags struct {
	dsn, actor, person, kind, month, reason, status, out, overlay *string
	poor                                                          *bool
}

// runClaim dispatches the claim subcommands.
func runClaim(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "claim", "estimate|file|check|approve|reject|show|list|decision …", claimSummary)
	f := claimFlags{dsn: dbFlag(fs, env),
		actor:   fs.String("actor", "", "cán bộ thực hiện (mặc định cli:$USER) / the officer acting"),
		person:  fs.String("person", "", "mã định danh 12 số / personal ID"),
		kind:    fs.String("kind", "", "pension, withdrawal, ui, social_pension"),
		month:   fs.String("month", "", "tháng của hồ sơ YYYY-MM / the claim's month"),
		reason:  fs.String("reason", "", "lý do từ chối / rejection reasons"),
		status:  fs.String("status", "", "lọc theo trạng thái / filter by status"),
		out:     fs.String("out", "", "tệp PDF quyết định / decision PDF file"),
		overlay: fs.String("overlay", "", "tệp cấu hình tỉnh / province overlay file"),
		poor:    fs.Bool("poor", false, "hộ nghèo, cận nghèo (trợ cấp hưu trí xã hội) / poor household")}
	if len(args) == 0 {
		fs.Usage()
		return errUsage
	}
	verb := args[0]
	db, err := parseAndOpen(ctx, env, fs, args[1:], claimArgs(verb), f.dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	params, err := calcParams(*f.overlay)
	if err != nil {
		return err
	}
	if *f.actor == "" {
		*f.actor = "cli:" + env.Getenv("USER")
	}
	svc := &benefits.Service{Store: benefitsdb.New(db), Params: params, Now: env.Now}
	by := benefits.Actor{Login: *f.actor, Scope: ansinh.Scope{All: true}}
	return claimVerb(ctx, env, svc, by, verb, fs, f)
}

// claimArgs is the number of arguments after a verb.
func claimArgs(verb string) int {
	switch verb {
	case "check", "approve", "reject", "show", "decision":
		return 1
	}
	return 0
}

// claimVerb runs one verb.
func claimVerb(ctx context.Context, env *Env, svc *benefits.Service, by benefits.Actor, verb string, fs *flag.FlagSet, f claimFlags) error {
	var id int64
	if claimArgs(verb) == 1 {
		n, err := strconv.ParseInt(fs.Arg(0), 10, 64)
		if err != nil {
			return ansinh.Invalid("id", "số hồ sơ phải là số", "the claim number must be a number")
		}
		id = n
	}
	var out any
	var err error
	switch verb {
	case "estimate", "file":
		req, rerr := claimRequest(f)
		if rerr != nil {
			return rerr
		}
		if verb == "estimate" {
			out, err = svc.Estimate(ctx, by.Scope, req)
		} else {
			out, err = svc.File(ctx, by, req)
		}
	case "check":
		out, err = svc.Check(ctx, by, id)
	case "approve":
		out, err = svc.Approve(ctx, by, id)
	case "reject":
		out, err = svc.Reject(ctx, by, id, *f.reason)
	case "show":
		out, err = svc.Store.Claim(ctx, by.Scope, id)
	case "list":
		out, err = svc.Store.Claims(ctx, by.Scope, benefits.Filter{Status: benefits.Status(*f.status)})
	case "decision":
		return claimDecision(ctx, svc, by, id, *f.out)
	default:
		fs.Usage()
		return errUsage
	}
	if err != nil {
		return err
	}
	return calcWriteJSON(env.Stdout, out, true)
}

// claimRequest reads the request flags.
func claimRequest(f claimFlags) (benefits.Request, error) {
	kind, err := benefits.ParseKind(*f.kind)
	if err != nil {
		return benefits.Request{}, err
	}
	req := benefits.Request{PersonID: *f.person, Kind: kind, PoorOrNearPoor: *f.poor}
	if *f.month != "" {
		if req.Month, err = ansinh.ParsePeriod(*f.month); err != nil {
			return req, ansinh.Invalid("month", "tháng phải có dạng YYYY-MM", "the month must be YYYY-MM")
		}
	}
	return req, nil
}

// claimDecision prints a decided claim's decision to path.
func claimDecision(ctx context.Context, svc *benefits.Service, by benefits.Actor, id int64, path string) error {
	if path == "" {
		return ansinh.Invalid("out", "cần --out TỆP.pdf", "--out FILE.pdf is required")
	}
	c, err := svc.Store.Claim(ctx, by.Scope, id)
	if err != nil {
		return err
	}
	o, err := createOut(path)
	if err != nil {
		return err
	}
	if err := benefits.RenderDecision(o, c); err != nil {
		return o.Finish(fmt.Errorf("decision %d: %w", id, err))
	}
	return o.Finish(nil)
}
