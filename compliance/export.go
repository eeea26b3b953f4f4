package compliance

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"ansinh"

	"github.com/xuri/excelize/v2"
)

// FindingColumns are the columns of the findings export: those of
// formats.md (id, kind, tax_code, person_id, score, evidence), then the
// employer's name and commune, the periods, the months concerned, the
// contributions at stake (per month: employer, employee, both; and the
// total), the feeds cited, the state and the case.
var FindingColumns = []string{"id", "kind", "tax_code", "person_id", "score", "evidence",
	"employer_name", "commune_code", "period", "first_period", "months",
	"stake_employer_per_month", "stake_employee_per_month", "stake_per_month", "stake_total",
	"feeds", "state", "case_id"}

// ParseExportFormat reads "csv" or "xlsx".
func ParseExportFormat(s string) (string, error) {
	switch s {
	case "csv", "xlsx":
		return s, nil
	}
	return "", ansinh.Invalid("format", "định dạng phải là csv hoặc xlsx", "the format must be csv or xlsx")
}

// FindingWriter writes findings as CSV (UTF-8, comma, header row) or XLSX
// (one sheet "findings", header row), in FindingColumns.
type FindingWriter struct {
	out io.Writer
	csv *csv.Writer
	f   *excelize.File
	sw  *excelize.StreamWriter
	n   int
}

// NewFindingWriter starts an export in format ("csv" or "xlsx") to w and
// writes the header.
func NewFindingWriter(w io.Writer, format string) (*FindingWriter, error) {
	if _, err := ParseExportFormat(format); err != nil {
		return nil, err
	}
	fw := &FindingWriter{out: w}
	head := make([]any, len(FindingColumns))
	for i, c := range FindingColumns {
		head[i] = c
	}
	if format == "csv" {
		fw.csv = csv.NewWriter(w)
		return fw, fw.row(head)
	}
	fw.f = excelize.NewFile()
	if err := fw.f.SetSheetName("Sheet1", "findings"); err != nil {
		return nil, err
	}
	sw, err := fw.f.NewStreamWriter("findings")
	if err != nil {
		return nil, err
	}
	fw.sw = sw
	return fw, fw.row(head)
}

// Write writes one finding (with its evidence, if it was read).
func (fw *FindingWriter) Write(f Finding) error {
	return fw.row([]any{f.ID, string(f.Kind), f.TaxCode, f.PersonID, f.Score, f.Evidence,
		f.EmployerName, f.CommuneCode, f.Period.String(), f.FirstPeriod.String(), f.Months,
		f.Stake.Employer, f.Stake.Employee, f.Stake.PerMonth(), f.Stake.Total,
		strings.Join(f.Feeds, ","), f.State, f.CaseID})
}

func (fw *FindingWriter) row(vals []any) error {
	if fw.csv != nil {
		rec := make([]string, len(vals))
		for i, v := range vals {
			switch x := v.(type) {
			case string:
				rec[i] = x
			case int:
				rec[i] = strconv.Itoa(x)
			case int64:
				rec[i] = strconv.FormatInt(x, 10)
			case float64:
				rec[i] = ScoreText(x)
			}
		}
		return fw.csv.Write(rec)
	}
	fw.n++
	cell, err := excelize.CoordinatesToCellName(1, fw.n)
	if err != nil {
		return err
	}
	return fw.sw.SetRow(cell, vals)
}

// Close finishes the export.
func (fw *FindingWriter) Close() error {
	if fw.csv != nil {
		fw.csv.Flush()
		return fw.csv.Error()
	}
	if err := fw.sw.Flush(); err != nil {
		return err
	}
	_, err := fw.f.WriteTo(fw.out)
	if cerr := fw.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// ScoreText writes a score with three decimals, e.g. "0.850".
func ScoreText(s float64) string { return strconv.FormatFloat(s, 'f', 3, 64) }
