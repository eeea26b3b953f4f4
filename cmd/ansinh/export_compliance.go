package main

import (
	"ansinh"
	"context"
	"fmt"
	"io"
	"strings"

	"ansinh/compliance"
	"ansinh/rules"
)

// complianceExporters registers the compliance exports: findings.
func complianceExporters(m map[string]func(context.Context, *Env, []string) error) {
	m["findings"] = runExportFindings
}

// runExportFindings writes the findings of the latest match as CSV or XLSX.
func runExportFindings(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "export findings", "--format csv|xlsx [--out FILE]",
		"Xuất các phát hiện đối chiếu (cột theo docs/formats.md: id, kind, tax_code, person_id, score, evidence, rồi các cột bổ sung).\n"+
			"Export the cross-match findings (the formats.md columns, then extra columns).")
	dsn := dbFlag(fs, env)
	format := fs.String("format", "csv", "csv hoặc xlsx / csv or xlsx")
	out := fs.String("out", "", "tệp ghi ra (mặc định: đầu ra chuẩn) / output file (default: standard output)")
	state := fs.String("state", "open", "open, cleared hoặc all / which findings")
	kind := fs.String("kind", "", "chỉ loại này, cách nhau bởi dấu phẩy / only these kinds, comma-separated")
	minScore := fs.Float64("min-score", 0, "điểm tối thiểu / lowest score")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if _, err := compliance.ParseExportFormat(*format); err != nil {
		return err
	}
	filter := compliance.FindingFilter{Scope: ansinh.Scope{All: true}, State: *state, MinScore: *minScore, WithEvidence: true, Limit: -1}
	if *kind != "" {
		for _, k := range strings.Split(*kind, ",") {
			k := compliance.Kind(strings.TrimSpace(k))
			if !k.Valid() {
				fmt.Fprintf(env.Stderr, "loại phát hiện không tồn tại %q / unknown kind\n", k)
				return errUsage
			}
			filter.Kinds = append(filter.Kinds, k)
		}
	}
	db, err := openDB(ctx, env, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	findings, _, err := complianceService(db, rules.Default()).ListFindings(ctx, filter)
	if err != nil {
		return err
	}
	w, finish, err := openOut(env, *out)
	if err != nil {
		return err
	}
	if err := finish(writeFindings(w, *format, findings)); err != nil {
		return err
	}
	if *out != "" && *out != "-" {
		fmt.Fprintf(env.Stderr, "%d phát hiện / findings → %s\n", len(findings), *out)
	}
	return nil
}

// writeFindings writes the findings as CSV or XLSX.
func writeFindings(w io.Writer, format string, findings []compliance.Finding) error {
	fw, err := compliance.NewFindingWriter(w, format)
	if err != nil {
		return err
	}
	for _, f := range findings {
		if err := fw.Write(f); err != nil {
			return err
		}
	}
	return fw.Close()
}
