package indicatorsdb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"ansinh"
	"ansinh/indicators"
	"ansinh/store"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// indFactColumns are the columns of indicator_facts, the facts in
// indicators.Fact order between the key and remapped.
var indFactColumns = func() []string {
	cols := []string{"period", "unit_code", "unit_from"}
	for _, f := range indicators.AllFacts() {
		cols = append(cols, f.String())
	}
	return append(cols, "remapped")
}()

// indNullable reports whether a fact's column accepts NULL ("no data").
func indNullable(f indicators.Fact) bool {
	switch f {
	case indicators.FactInSI, indicators.FactVoluntary, indicators.FactInUI, indicators.FactRetirees:
		return false
	}
	return true
}

// BeginRefresh records the start of an indicator refresh.
func (s *Store) BeginRefresh(ctx context.Context, actor string, opt indicators.Options) (int64, error) {
	var id int64
	err := s.db.W.QueryRowContext(ctx, `INSERT INTO indicator_runs (actor, started_at, from_month, through_month, split_rule, status)
		VALUES ($1, $2, $3, $4, $5, 'running') RETURNING id`,
		actor, s.db.Stamp(s.db.Now()), opt.From.String(), opt.Through.String(), opt.Split.String()).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("begin indicator refresh: %w", err)
	}
	return id, nil
}

// FinishRefresh replaces every indicator fact by res's rows in one
// transaction and marks the run done; with a cause, it marks the run
// failed and writes nothing.
func (s *Store) FinishRefresh(ctx context.Context, run int64, res *indicators.Result, cause error) error {
	if cause != nil || res == nil {
		note := ""
		if cause != nil {
			note = ansinh.ErrorMessage(cause, "en")
		}
		_, err := s.db.W.ExecContext(ctx, `UPDATE indicator_runs SET status = 'failed', finished_at = $1, note = $2 WHERE id = $3`,
			s.db.Stamp(s.db.Now()), note, run)
		return err
	}
	var err error
	if s.db.Engine == store.Postgres {
		err = s.replacePostgres(ctx, res.Rows)
	} else {
		err = s.replaceSQLite(ctx, res.Rows)
	}
	if err != nil {
		s.db.W.ExecContext(ctx, `UPDATE indicator_runs SET status = 'failed', finished_at = $1, note = $2 WHERE id = $3`,
			s.db.Stamp(s.db.Now()), "write failed", run)
		return fmt.Errorf("store indicator facts: %w", err)
	}
	note := ""
	if len(res.Missing) > 0 {
		note = "no data: " + strings.Join(res.Missing, ", ")
	}
	_, err = s.db.W.ExecContext(ctx, `UPDATE indicator_runs SET status = 'done', finished_at = $1, rows_written = $2, persons = $3, note = $4 WHERE id = $5`,
		s.db.Stamp(s.db.Now()), len(res.Rows), res.Stats.Persons, note, run)
	return err
}

// indRow returns the values of a facts row in indFactColumns order.
func (s *Store) indRow(f *indicators.Facts, out []any) []any {
	out = out[:0]
	var from any = f.Unit.From.String()
	if s.db.Engine == store.Postgres {
		from = f.Unit.From.Time()
	}
	out = append(out, f.Period.String(), f.Unit.Code, from)
	for _, x := range indicators.AllFacts() {
		if indNullable(x) && !f.Has(x) {
			out = append(out, nil)
		} else {
			out = append(out, f.V[x])
		}
	}
	return append(out, s.db.Bool(f.Remapped))
}

func (s *Store) replaceSQLite(ctx context.Context, rows []indicators.Facts) error {
	tx, err := s.db.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM indicator_facts`); err != nil {
		return err
	}
	ph := make([]string, len(indFactColumns))
	for i := range ph {
		ph[i] = fmt.Sprintf("$%d", i+1)
	}
	// One row a statement: with this driver, binding many rows in one
	// statement is slower than reusing a prepared single-row insert.
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO indicator_facts (`+strings.Join(indFactColumns, ", ")+`) VALUES (`+strings.Join(ph, ", ")+`)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	args := make([]any, 0, len(indFactColumns))
	for i := range rows {
		if i&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		args = s.indRow(&rows[i], args)
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func (s *Store) replacePostgres(ctx context.Context, rows []indicators.Facts) error {
	conn, err := s.db.W.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		pc := dc.(*stdlib.Conn).Conn()
		tx, err := pc.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(ctx)
		// One refresh writes at a time; readers are not blocked.
		if _, err := tx.Exec(ctx, `LOCK TABLE indicator_facts IN SHARE ROW EXCLUSIVE MODE`); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM indicator_facts`); err != nil {
			return err
		}
		buf := make([]any, 0, len(indFactColumns))
		_, err = tx.CopyFrom(ctx, pgx.Identifier{"indicator_facts"}, indFactColumns,
			pgx.CopyFromSlice(len(rows), func(i int) ([]any, error) {
				buf = s.indRow(&rows[i], buf)
				return buf, nil
			}))
		if err != nil {
			return err
		}
		return tx.Commit(ctx)
	})
}

// LastRun returns the latest refresh that finished (store.ErrNotFound and
// indicators.ErrNoRun if none).
func (s *Store) LastRun(ctx context.Context) (indicators.Run, error) {
	var r indicators.Run
	err := s.db.R.QueryRowContext(ctx, `SELECT id, actor, started_at, finished_at, from_month, through_month, split_rule, rows_written, persons, note, status
		FROM indicator_runs WHERE status = 'done' ORDER BY id DESC LIMIT 1`).Scan(&r.ID, &r.Actor, store.ScanTime(&r.Started), store.ScanTime(&r.Finished),
		&r.From, &r.Through, &r.Split, &r.Rows, &r.Persons, &r.Note, &r.Status)
	if err == sql.ErrNoRows {
		return r, fmt.Errorf("%w: %w", store.ErrNotFound, indicators.ErrNoRun)
	}
	return r, err
}

// Facts returns the stored facts the filter selects, ordered by period,
// unit code and version.
func (s *Store) Facts(ctx context.Context, f indicators.FactFilter) ([]indicators.Facts, error) {
	var a store.Args
	q := `SELECT ` + strings.Join(indFactColumns, ", ") + ` FROM indicator_facts WHERE 1 = 1`
	if len(f.Periods) > 0 {
		q += " AND " + a.In("period", f.Periods)
	}
	if f.From != "" {
		q += " AND period >= " + a.Add(f.From)
	}
	if f.To != "" {
		q += " AND period <= " + a.Add(f.To)
	}
	switch f.Kind {
	case "year":
		q += " AND length(period) = 4"
	case "month":
		q += " AND length(period) = 7"
	}
	if len(f.Units) > 0 {
		q += " AND " + a.In("unit_code", f.Units)
	}
	if f.Remapped != nil {
		q += " AND remapped = " + a.Add(s.db.Bool(*f.Remapped))
	}
	q += ` ORDER BY period, unit_code, unit_from`
	var out []indicators.Facts
	vals := make([]sql.NullInt64, indicators.NFacts)
	dest := make([]any, 0, len(indFactColumns))
	var period string
	var from ansinh.Date
	var remapped bool
	var x indicators.Facts
	dest = append(dest, &period, &x.Unit.Code, &from)
	for i := range vals {
		dest = append(dest, &vals[i])
	}
	dest = append(dest, store.ScanBool(&remapped))
	err := s.indQuery(ctx, "indicator_facts", q, a.List, func(r *sql.Rows) error {
		if err := r.Scan(dest...); err != nil {
			return err
		}
		p, err := indicators.ParsePeriod(period)
		if err != nil {
			return err
		}
		row := indicators.Facts{Unit: indicators.UnitKey{Code: x.Unit.Code, From: from}, Period: p, Remapped: remapped}
		for i, v := range vals {
			if v.Valid {
				row.V[i] = v.Int64
				row.Known |= 1 << i
			}
		}
		out = append(out, row)
		return nil
	})
	return out, err
}

// IndicatorUnits returns every unit version of the registry by key.
func (s *Store) IndicatorUnits(ctx context.Context) (map[indicators.UnitKey]indicators.Unit, error) {
	units, _, err := s.Units(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[indicators.UnitKey]indicators.Unit, len(units))
	for _, u := range units {
		out[u.Key()] = u
	}
	return out, nil
}
