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
  file --person ID --name "HỌ TÊN" --birth YYYY-MM-DD --kind K [--month YYYY-MM]
                                                    nộp tại quầy (họ tên, ngày sinh đối chiếu sổ đăng ký)
  check ID | approve ID | reject ID --reason TEXT   kiểm tra (người lập) / duyệt, từ chối (người duyệt, khác người lập)
  show ID | list [--status S] | decision ID --out FILE.pdf
Benefit claims: estimate on the record, file at the counter (the claimant's name and birth date
checked against the registry), check (maker), approve or reject (checker, never the maker nor
the officer who filed), show, list, print the decision. --actor names the officer.`

// claimFlags are the flags of every claim subcommand.
type claimFlags struct {
	dsn, actor, person, name, birth, kind, month, reason, status, out, overlay *string
	poor                                                                       *bool
}

// runClaim dispatches the claim subcommands.
func runClaim(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "claim", "estimate|file|check|approve|reject|show|list|decision …", claimSummary)
	f := claimFlags{dsn: dbFlag(fs, env),
		actor:   fs.String("actor", "", "cán bộ thực hiện (mặc định cli:$USER) / the officer acting"),
		person:  fs.String("person", "", "mã định danh 12 số / personal ID"),
		name:    fs.String("name", "", "họ tên theo giấy tờ (nộp tại quầy) / the claimant's full name (filing)"),
		birth:   fs.String("birth", "", "ngày sinh YYYY-MM-DD (nộp tại quầy) / the claimant's birth date (filing)"),
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
		req, id, rerr := claimRequest(f)
		if rerr != nil {
			return rerr
		}
		switch {
		case verb == "file":
			out, err = svc.FileAtCounter(ctx, by, req, id)
		case *f.name != "" || *f.birth != "":
			out, err = svc.EstimateAtCounter(ctx, by, req, id)
		default:
			out, err = svc.Estimate(ctx, by.Scope, req)
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

// claimRequest reads the request flags and the claimant's identity.
func claimRequest(f claimFlags) (benefits.Request, benefits.Identity, error) {
	id := benefits.Identity{FullName: *f.name}
	kind, err := benefits.ParseKind(*f.kind)
	if err != nil {
		return benefits.Request{}, id, err
	}
	req := benefits.Request{PersonID: *f.person, Kind: kind, PoorOrNearPoor: *f.poor}
	if *f.month != "" {
		if req.Month, err = ansinh.ParsePeriod(*f.month); err != nil {
			return req, id, ansinh.Invalid("month", "tháng phải có dạng YYYY-MM", "the month must be YYYY-MM")
		}
	}
	if *f.birth != "" {
		if id.BirthDate, err = ansinh.ParseDate(*f.birth); err != nil {
			return req, id, ansinh.Invalid("birth", "ngày sinh phải có dạng YYYY-MM-DD", "the birth date must be YYYY-MM-DD")
		}
	}
	return req, id, nil
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
