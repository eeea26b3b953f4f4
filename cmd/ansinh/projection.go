package main

import (
	"context"
	"fmt"
	"strings"

	"ansinh"
	"ansinh/projection"
	"ansinh/rules"
	"ansinh/store/projectiondb"
)

// scenarioList collects repeated --scenario flags.
type scenarioList []string

func (l *scenarioList) String() string     { return strings.Join(*l, ",") }
func (l *scenarioList) Set(v string) error { *l = append(*l, v); return nil }

// runProjection projects the pension fund under scenarios:
// `ansinh projection run --scenario F [--scenario F2 …] [--from YYYY-MM] [--out X.xlsx]`.
func runProjection(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 || args[0] != "run" {
		fmt.Fprintln(env.Stderr, "Cách dùng / usage: ansinh projection run --scenario TỆP [--scenario TỆP2 …] [--from YYYY-MM] [--out X.xlsx] [--pdf X.pdf]")
		return errUsage
	}
	fs := newFlagSet(env, "projection run", "",
		"Dự báo quỹ hưu trí, tử tuất của tỉnh theo năm đến 2075 theo các kịch bản, từ sổ đăng ký ở một tháng: người đóng, người hưởng,\n"+
			"thu, chi, cân đối, tỷ lệ chi phí PAYG, tỷ lệ thay thế, ngân sách hỗ trợ người tham gia tự nguyện. In bảng tóm tắt, ghi XLSX.\n"+
			"Project the province's pension fund year by year to 2075 under scenarios (JSON files, projection/scenarios/README.md;\n"+
			"`plan` and `trend` are built in), from the registry at a month: prints the scenarios side by side and writes XLSX.")
	dsn := dbFlag(fs, env)
	var files scenarioList
	fs.Var(&files, "scenario", "tệp kịch bản JSON, lặp lại được; plan, trend có sẵn / scenario file, repeatable; plan and trend are built in")
	from := fs.String("from", "", "tháng bắt đầu YYYY-MM (mặc định tháng hiện tại) / start month (default: this month)")
	out := fs.String("out", "", "tệp XLSX ra / XLSX file to write")
	pdfOut := fs.String("pdf", "", "tệp PDF ra / PDF file to write")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if len(files) == 0 {
		return ansinh.Invalid("scenario", "cần ít nhất một --scenario", "at least one --scenario is needed")
	}
	month := currentMonth(env)
	if *from != "" {
		p, err := monthFlag("from", *from)
		if err != nil {
			return err
		}
		month = p
	}
	var scs []projection.Scenario
	for _, f := range files {
		sc, err := projection.LoadScenario(f)
		if err != nil {
			return err
		}
		scs = append(scs, sc)
	}
	db, err := openDB(ctx, env, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	sv := &projection.Service{Store: projectiondb.New(db), Rules: rules.Default()}
	results, err := sv.Compare(ctx, month, scs)
	if err != nil {
		return err
	}
	if err := projection.WriteTable(env.Stdout, results); err != nil {
		return err
	}
	return writeProjection(env, results, *out, *pdfOut)
}

// writeProjection writes the workbook and the PDF where asked.
func writeProjection(env *Env, results []*projection.Result, xlsx, pdf string) error {
	for _, w := range []struct {
		path string
		make func([]*projection.Result) ([]byte, error)
	}{{xlsx, projection.XLSX}, {pdf, projection.PDF}} {
		if w.path == "" {
			continue
		}
		data, err := w.make(results)
		if err != nil {
			return err
		}
		if err := writeFileOut(w.path, data); err != nil {
			return err
		}
		fmt.Fprintf(env.Stderr, "Đã ghi / written: %s (%d byte)\n", w.path, len(data))
	}
	return nil
}
