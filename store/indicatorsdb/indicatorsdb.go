// Package indicatorsdb keeps the indicators on the store core: it gives
// package indicators its Source and Writer (the registry's streams, the
// refresh runs and facts), the units, targets and allocations, the
// dashboard's counts by commune, and package report its Sources (the
// stored indicators, the arrears and compliance summaries), with SQL
// written once for SQLite and PostgreSQL. The arrears summary and the
// collections stream are the indicators' reads of the monthly close's
// results (collection's notices and debts).
package indicatorsdb

import (
	"context"
	"database/sql"
	"fmt"

	"ansinh"
	"ansinh/indicators"
	"ansinh/indicators/report"
	"ansinh/store"
)

// Store is the indicators' storage: the computation's Source, the refresh
// runs, the facts, the units, the targets and allocations, the dashboard's
// counts by commune, and the indicators' reads of the monthly close's
// results (ArrearsSummary and Collections read collection's notices and
// debts).
type Store struct {
	db *store.DB
	// From bounds the rows read: spells, enrolments and benefits that ended
	// before it are skipped (zero: all).
	From ansinh.Period
}

// New returns the indicators' store on db.
func New(db *store.DB) *Store { return &Store{db: db} }

// NewFrom returns the indicators' store on db whose streams skip the rows
// that ended before month from (a refresh from that month).
func NewFrom(db *store.DB, from ansinh.Period) *Store { return &Store{db: db, From: from} }

// tableExists reports whether a table exists.
func tableExists(ctx context.Context, db *store.DB, name string) (bool, error) {
	q := `SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view') AND name = $1`
	if db.Engine == store.Postgres {
		q = `SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1`
	}
	var n int
	if err := db.R.QueryRowContext(ctx, q, name).Scan(&n); err != nil {
		return false, err
	}
	return n > 0, nil
}

// The store satisfies the interfaces its domain declares.
var (
	_ indicators.Source       = (*Store)(nil)
	_ report.Indicators       = (*Store)(nil)
	_ report.ComplianceSource = (*Store)(nil)
	_ report.ArrearsSource    = arrearsSource{}
	_ indicators.Writer       = (*Store)(nil)
)

// ReportSources wires a report's sources on db: the stored indicators, the
// arrears of the monthly close, the compliance summary and the database
// clock; the caller adds the plan's tasks (store/plandb).
func ReportSources(db *store.DB) report.Sources {
	s := New(db)
	return report.Sources{Indicators: s, Arrears: arrearsSource{db}, Compliance: s, Now: db.Now}
}

// arrearsSource gives the report the arrears summary of the monthly close
// (Store.ArrearsSummary, which reads the close's notices).
type arrearsSource struct{ db *store.DB }

// Arrears returns the arrears at the last closed month of year.
func (a arrearsSource) Arrears(ctx context.Context, year int) (report.Arrears, error) {
	ar, err := New(a.db).ArrearsSummary(ctx, year)
	if err != nil || !ar.Available {
		return report.Arrears{}, err
	}
	out := report.Arrears{Available: true, Month: ar.Month, TotalPayers: ar.TotalPayers, TotalOverdue: ar.TotalOverdue,
		LatePayers: ar.Payers["late"], LateOverdue: ar.Overdue["late"], EvasionPayers: ar.Payers["evasion"], EvasionOverdue: ar.Overdue["evasion"]}
	byMonths := make([]report.MonthsOverdue, len(ar.ByMonths))
	for i, m := range ar.ByMonths {
		byMonths[i] = report.MonthsOverdue{Months: m.Months, Payers: m.Payers, Amount: m.Amount}
	}
	out.Buckets = report.AgeBuckets(byMonths)
	for _, x := range ar.LargestDebtors {
		out.Debtors = append(out.Debtors, report.Debtor{TaxCode: x.Payer, Name: x.Name, Commune: x.Commune, Status: x.Status, Overdue: x.Overdue, Months: x.Months})
	}
	return out, nil
}

// Compliance returns the cross-match's findings by kind, the inspection
// cases by status and the results of the resolved cases.
func (s *Store) Compliance(ctx context.Context) (report.Compliance, error) {
	var out report.Compliance
	err := s.indQuery(ctx, "findings", `SELECT kind, count(*), COALESCE(sum(CASE WHEN state = 'open' THEN 1 ELSE 0 END), 0),
			COALESCE(sum(CASE WHEN state = 'open' THEN stake_total ELSE 0 END), 0)
		FROM findings GROUP BY kind ORDER BY kind`, nil,
		func(r *sql.Rows) error {
			var f report.FindingLine
			if err := r.Scan(&f.Kind, &f.Total, &f.Open, &f.StakeOpen); err != nil {
				return err
			}
			out.Findings = append(out.Findings, f)
			return nil
		})
	if err != nil {
		return out, err
	}
	err = s.indQuery(ctx, "inspection_cases", `SELECT status, count(*) FROM inspection_cases GROUP BY status ORDER BY status`, nil,
		func(r *sql.Rows) error {
			var c report.CaseLine
			if err := r.Scan(&c.Status, &c.Cases); err != nil {
				return err
			}
			out.Cases = append(out.Cases, c)
			return nil
		})
	if err != nil {
		return out, err
	}
	if err := s.db.R.QueryRowContext(ctx, `SELECT COALESCE(sum(workers_registered), 0), COALESCE(sum(amount_recovered), 0), COALESCE(sum(fine), 0)
		FROM inspection_cases WHERE status = 'resolved'`).Scan(&out.WorkersRegistered, &out.AmountRecovered, &out.Fine); err != nil {
		return out, fmt.Errorf("read inspection results: %w", err)
	}
	out.Available = len(out.Findings) > 0 || len(out.Cases) > 0
	return out, nil
}
