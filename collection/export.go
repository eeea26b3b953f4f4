package collection

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"ansinh"

	"github.com/xuri/excelize/v2"
)

// Format is the format of an export: "csv" (UTF-8, comma, header row) or
// "xlsx" (one sheet, header row).
type Format string

// The export formats.
const (
	CSV  Format = "csv"
	XLSX Format = "xlsx"
)

// ParseFormat reads "csv" or "xlsx".
func ParseFormat(s string) (Format, error) {
	switch Format(s) {
	case CSV, XLSX:
		return Format(s), nil
	}
	return "", ansinh.Invalid("format", "định dạng phải là csv hoặc xlsx", "the format must be csv or xlsx")
}

// table writes the rows of an export in a format.
type table interface {
	row(vals ...any) error
	close() error
}

func newTable(w io.Writer, f Format, sheet string, head []string) (table, error) {
	if f == XLSX {
		return newXLSXTable(w, sheet, head)
	}
	t := &csvTable{w: csv.NewWriter(w)}
	return t, t.w.Write(head)
}

type csvTable struct {
	w   *csv.Writer
	rec []string
}

func (t *csvTable) row(vals ...any) error {
	t.rec = t.rec[:0]
	for _, v := range vals {
		switch x := v.(type) {
		case string:
			t.rec = append(t.rec, x)
		case int64:
			t.rec = append(t.rec, strconv.FormatInt(x, 10))
		case int:
			t.rec = append(t.rec, strconv.Itoa(x))
		case bool:
			t.rec = append(t.rec, strconv.FormatBool(x))
		default:
			t.rec = append(t.rec, fmt.Sprint(x))
		}
	}
	return t.w.Write(t.rec)
}

func (t *csvTable) close() error {
	t.w.Flush()
	return t.w.Error()
}

type xlsxTable struct {
	out io.Writer
	f   *excelize.File
	sw  *excelize.StreamWriter
	n   int
}

func newXLSXTable(w io.Writer, sheet string, head []string) (*xlsxTable, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	t := &xlsxTable{out: w, f: f, sw: sw}
	hv := make([]any, len(head))
	for i, h := range head {
		hv[i] = h
	}
	return t, t.row(hv...)
}

func (t *xlsxTable) row(vals ...any) error {
	t.n++
	cell, err := excelize.CoordinatesToCellName(1, t.n)
	if err != nil {
		return err
	}
	return t.sw.SetRow(cell, vals)
}

func (t *xlsxTable) close() error {
	if err := t.sw.Flush(); err != nil {
		return err
	}
	_, err := t.f.WriteTo(t.out)
	if cerr := t.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// AssessmentColumns are the columns of the assessments export: those of
// formats.md, then billed_in (the close that billed the month) and
// retroactive (billed by a later close, for a month declared late).
var AssessmentColumns = []string{"period", "tax_code", "person_id", "si_base", "ui_base", "hi_base",
	"employer_retirement", "employer_sickness", "employer_accident", "employer_ui", "employer_hi",
	"employee_retirement", "employee_ui", "employee_hi", "total", "billed_in", "retroactive"}

// WriteAssessments writes the assessments of month period (whichever close
// billed them), one row per employer and person, by tax code then personal
// ID.
func WriteAssessments(ctx context.Context, s Store, period ansinh.Period, f Format, w io.Writer) error {
	t, err := newTable(w, f, "assessments", AssessmentColumns)
	if err != nil {
		return err
	}
	ps := period.String()
	err = s.Assessments(ctx, period, func(r AssessmentLine) error {
		v := &r.Amounts
		return t.row(ps, r.TaxCode, r.PersonID, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11],
			r.BilledIn, r.BilledIn != ps)
	})
	if err != nil {
		return err
	}
	return t.close()
}

// AssessmentLine is one row of the assessments export: an employer's and a
// worker's contributions of a month.
type AssessmentLine struct {
	TaxCode, PersonID string
	// Amounts are, in order: si_base, ui_base, hi_base,
	// employer_retirement, employer_sickness, employer_accident,
	// employer_ui, employer_hi, employee_retirement, employee_ui,
	// employee_hi and total (AssessmentColumns).
	Amounts [12]int64
	// BilledIn is the month of the close that billed the row (YYYY-MM).
	BilledIn string
}

// NoticeColumns are the columns of the notices export (formats.md).
var NoticeColumns = []string{"period", "tax_code", "opening_balance", "assessed", "retroactive", "interest", "paid",
	"closing_balance", "months_overdue", "status"}

// WriteNotices writes the employers' notices of a closed month, by tax code.
func WriteNotices(ctx context.Context, s Store, period ansinh.Period, f Format, w io.Writer) error {
	t, err := newTable(w, f, "notices", NoticeColumns)
	if err != nil {
		return err
	}
	list, err := s.EmployerNotices(ctx, period)
	if err != nil {
		return err
	}
	for _, n := range list {
		if err := t.row(n.Period.String(), n.Payer, n.OpeningBalance, n.Assessed, n.Retroactive, n.Interest, n.Paid,
			n.ClosingBalance, n.MonthsOverdue, n.Status); err != nil {
			return err
		}
	}
	return t.close()
}

// ArrearsColumns are the columns of the arrears export.
var ArrearsColumns = []string{"period", "unit_code", "unit_name", "employer_kind", "age_bucket", "age_bucket_vi",
	"employers", "evasion", "principal", "interest", "total"}

// WriteArrears writes the province's arrears after the close of period by
// commune, employer kind and age bucket (Arrears).
func WriteArrears(ctx context.Context, s Store, period ansinh.Period, f Format, w io.Writer) error {
	list, err := Arrears(ctx, s, period)
	if err != nil {
		return err
	}
	t, err := newTable(w, f, "arrears", ArrearsColumns)
	if err != nil {
		return err
	}
	for _, r := range list {
		if err := t.row(r.Period.String(), r.UnitCode, r.UnitName, r.EmployerKind, r.Bucket, BucketLabels[r.Bucket][0],
			r.Employers, r.Evasion, r.Principal, r.Interest, r.Principal+r.Interest); err != nil {
			return err
		}
	}
	return t.close()
}

// AgentColumns are the columns of the agents export.
var AgentColumns = []string{"period", "agent_code", "payments", "amount", "commission_rate", "commission"}

// WriteAgents writes the collection agents' collections and commissions of
// a closed month; the rate and commission are empty where the contract has
// no rate.
func WriteAgents(ctx context.Context, s Store, period ansinh.Period, f Format, w io.Writer) error {
	list, err := AgentCollections(ctx, s, period)
	if err != nil {
		return err
	}
	t, err := newTable(w, f, "agents", AgentColumns)
	if err != nil {
		return err
	}
	for _, a := range list {
		rate, comm := "", ""
		if a.Rate != nil {
			rate = a.Rate.Percent() + "%"
		}
		if a.Commission != nil {
			comm = strconv.FormatInt(*a.Commission, 10)
		}
		if err := t.row(period.String(), a.AgentCode, a.Payments, a.Amount, rate, comm); err != nil {
			return err
		}
	}
	return t.close()
}

// SuspenseColumns are the columns of the suspense export.
var SuspenseColumns = []string{"ref", "payer", "amount", "paid_on", "channel", "agent_code"}

// WriteSuspense writes the payments in suspense.
func WriteSuspense(ctx context.Context, s Store, f Format, w io.Writer) error {
	list, err := Suspense(ctx, s)
	if err != nil {
		return err
	}
	t, err := newTable(w, f, "suspense", SuspenseColumns)
	if err != nil {
		return err
	}
	for _, s := range list {
		if err := t.row(s.Ref, s.Payer, s.Amount, s.PaidOn.String(), s.Channel, s.AgentCode); err != nil {
			return err
		}
	}
	return t.close()
}
