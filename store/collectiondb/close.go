package collectiondb

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"ansinh"
	"ansinh/collection"
	"ansinh/rules"
	"ansinh/store"
)

// CloseStore implements collection.CloseStore over an open database.
type CloseStore struct {
	db *store.DB
	// spare keeps the buffer of a batch's rows of the month closed once
	// written, for a later batch: tens of thousands of values each.
	spare sync.Pool
}

// NewCloseStore returns the close's store over db.
func NewCloseStore(db *store.DB) *CloseStore { return &CloseStore{db: db} }

var _ collection.CloseStore = (*CloseStore)(nil)

// Now returns the database's clock.
func (s *CloseStore) Now() time.Time { return s.db.Now() }

// Exclusive runs fn holding the job lock named job (store.AcquireJobLock);
// a lock lost while fn ran is an error.
func (s *CloseStore) Exclusive(ctx context.Context, job, holder string, fn func() error) (err error) {
	l, err := s.db.AcquireJobLock(ctx, job, holder)
	if err != nil {
		return err
	}
	defer func() {
		lost := l.Lost()
		if rerr := l.Release(context.WithoutCancel(ctx)); err == nil {
			err = errors.Join(lost, rerr)
		}
	}()
	return fn()
}

// HoldCheckpoints defers SQLite's automatic checkpoints
// (store.DB.HoldCheckpoints).
func (s *CloseStore) HoldCheckpoints(ctx context.Context) (func() error, error) {
	return s.db.HoldCheckpoints(ctx)
}

// Books returns the first month of the books, the last closed month and
// the close run not finished.
func (s *CloseStore) Books(ctx context.Context) (collection.CloseBooks, error) {
	var b collection.CloseBooks
	err := s.db.R.QueryRowContext(ctx, `SELECT min(books_start), max(CASE WHEN status = 'closed' THEN period END) FROM collection_periods`).
		Scan(&b.Start, &b.LastClosed)
	if err != nil {
		return b, err
	}
	err = s.db.R.QueryRowContext(ctx, `SELECT id, period FROM close_runs WHERE status = 'running' AND kind = 'close' ORDER BY id LIMIT 1`).
		Scan(&b.RunID, &b.RunPeriod)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return b, fmt.Errorf("read the run log: %w", err)
	}
	return b, nil
}

// EmployerKeys returns the tax codes of every employer, in order.
func (s *CloseStore) EmployerKeys(ctx context.Context) ([]string, error) {
	var keys []string
	err := queryEach(ctx, s.db.R, `SELECT tax_code FROM employers ORDER BY tax_code`, nil, func(r *sql.Rows) error {
		var k string
		if err := r.Scan(&k); err != nil {
			return err
		}
		keys = append(keys, k)
		return nil
	})
	return keys, err
}

// StartRun records a new run of the close and its batches, and marks the
// month as closing, in one transaction.
func (s *CloseStore) StartRun(ctx context.Context, r collection.CloseRun, batches []collection.CloseBatch) (int64, error) {
	var id int64
	err := s.db.Write(ctx, func(w *store.Writer) error {
		if err := w.QueryRow(`INSERT INTO close_runs (period, kind, actor, started_at, status) VALUES ($1, 'close', $2, $3, 'running') RETURNING id`,
			[]any{r.Period, r.Actor, s.db.Timestamp(r.At)}, &id); err != nil {
			return err
		}
		rows := s.db.NewRows(5)
		for _, b := range batches {
			rows.Int(id).Int(b.No).Text(b.First).Text(b.Last).Text("pending")
			rows.End()
		}
		if err := w.Append("close_batches", []string{"run_id", "batch_no", "first_key", "last_key", "status"}, rows); err != nil {
			return err
		}
		_, err := w.Exec(`INSERT INTO collection_periods (period, status, books_start, run_id) VALUES ($1, 'closing', $2, $3)`, r.Period, r.Start, id)
		return err
	})
	return id, err
}

// Batches returns the batches of a run, by number.
func (s *CloseStore) Batches(ctx context.Context, runID int64) ([]collection.CloseBatch, error) {
	var out []collection.CloseBatch
	err := queryEach(ctx, s.db.R, `SELECT batch_no, first_key, last_key, status FROM close_batches WHERE run_id = $1 ORDER BY batch_no`,
		[]any{runID}, func(r *sql.Rows) error {
			var b collection.CloseBatch
			var status string
			if err := r.Scan(&b.No, &b.First, &b.Last, &status); err != nil {
				return err
			}
			b.Done = status != "pending"
			out = append(out, b)
			return nil
		})
	return out, err
}

// FirstMonths returns the first month of any employment spell, voluntary
// enrolment and payment (zero when there is none).
func (s *CloseStore) FirstMonths(ctx context.Context) ([]ansinh.Period, error) {
	var e, v, p sql.NullString
	err := s.db.R.QueryRowContext(ctx, `SELECT (SELECT min(start_month) FROM employment), (SELECT min(start_month) FROM voluntary),
		(SELECT min(paid_on) FROM payments)`).Scan(&e, &v, &p)
	if err != nil {
		return nil, err
	}
	var out []ansinh.Period
	for _, s := range []sql.NullString{e, v, p} {
		var m ansinh.Period
		if s.Valid && len(s.String) >= 7 {
			m, _ = ansinh.ParsePeriod(s.String[:7]) // an unreadable month is no first month
		}
		out = append(out, m)
	}
	return out, nil
}

// closeTables are the rows a close of month M writes, as the statement
// that deletes those of the closes from $1 on.
var closeTables = []string{
	`DELETE FROM assessments WHERE billed_in >= $1`,
	`DELETE FROM charges WHERE billed_in >= $1`,
	`DELETE FROM voluntary_charges WHERE billed_in >= $1`,
	`DELETE FROM debts WHERE close_period >= $1`,
	`DELETE FROM notices WHERE period >= $1`,
	`DELETE FROM payment_postings WHERE close_period >= $1`,
	`DELETE FROM allocations WHERE close_period >= $1`,
	`DELETE FROM agent_collections WHERE period >= $1`,
	`DELETE FROM close_warnings WHERE period >= $1`,
	`DELETE FROM collection_periods WHERE period >= $1`,
}

// Reopen records a reopening, deletes what the closes of its months wrote
// and audits it, in one transaction.
func (s *CloseStore) Reopen(ctx context.Context, r collection.CloseRun, audit ansinh.AuditEntry) error {
	return s.db.Write(ctx, func(w *store.Writer) error {
		var id int64
		if err := w.QueryRow(`INSERT INTO close_runs (period, kind, through, actor, started_at, status) VALUES ($1, 'reopen', $2, $3, $4, 'running') RETURNING id`,
			[]any{r.Period, r.Through, r.Actor, s.db.Timestamp(r.At)}, &id); err != nil {
			return err
		}
		if _, err := w.Exec(unposted, r.Period); err != nil {
			return err
		}
		for _, q := range closeTables {
			if _, err := w.Exec(q, r.Period); err != nil {
				return err
			}
		}
		return s.db.WriteAudit(ctx, w, audit)
	})
}

// RunningReopen returns the reopening not finished; id zero when none.
func (s *CloseStore) RunningReopen(ctx context.Context) (id int64, from, through ansinh.Period, err error) {
	err = s.db.R.QueryRowContext(ctx, `SELECT id, period, through FROM close_runs WHERE status = 'running' AND kind = 'reopen' ORDER BY id LIMIT 1`).
		Scan(&id, &from, &through)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, 0, nil
	}
	return id, from, through, err
}

// FinishRun marks a run done.
func (s *CloseStore) FinishRun(ctx context.Context, id int64, at time.Time) error {
	_, err := s.db.W.ExecContext(ctx, `UPDATE close_runs SET status = 'done', finished_at = $1 WHERE id = $2`, s.db.Timestamp(at), id)
	return err
}

// ClosedPeriods returns the closed months, oldest first.
func (s *CloseStore) ClosedPeriods(ctx context.Context) ([]ansinh.Period, error) {
	var out []ansinh.Period
	err := queryEach(ctx, s.db.R, `SELECT period FROM collection_periods WHERE status = 'closed' ORDER BY period`, nil, func(r *sql.Rows) error {
		var p ansinh.Period
		if err := r.Scan(&p); err != nil {
			return err
		}
		out = append(out, p)
		return nil
	})
	return out, err
}

// Employers returns the kind and commune of every employer.
func (s *CloseStore) Employers(ctx context.Context) ([]collection.CloseEmployer, error) {
	var out []collection.CloseEmployer
	err := queryEach(ctx, s.db.R, `SELECT tax_code, kind, commune_code FROM employers`, nil, func(r *sql.Rows) error {
		var e collection.CloseEmployer
		if err := r.Scan(&e.TaxCode, &e.Kind, &e.Commune); err != nil {
			return err
		}
		out = append(out, e)
		return nil
	})
	return out, err
}

// UnitRegions returns the dated unit rows with a region of the employers'
// communes, by commune and start.
func (s *CloseStore) UnitRegions(ctx context.Context) ([]rules.UnitRegion, error) {
	var out []rules.UnitRegion
	err := queryEach(ctx, s.db.R, `SELECT u.code, u.valid_from, u.valid_to, u.region FROM units u
		WHERE u.level = 'commune' AND u.region IS NOT NULL AND u.code IN (SELECT commune_code FROM employers)
		ORDER BY u.code, u.valid_from`, nil, func(r *sql.Rows) error {
		var u rules.UnitRegion
		var region string
		if err := r.Scan(&u.Commune, &u.From, &u.To, &region); err != nil { // a NULL valid_to scans as zero: open
			return err
		}
		var err error
		if u.Region, err = rules.ParseRegion(region); err != nil {
			return err
		}
		out = append(out, u)
		return nil
	})
	return out, err
}

// Spells calls fn for each spell of the batch that the close of q.Period
// bills, in the order of tax code, person and start month: the spells
// declared by q.Declared covering the month, and those declared during it
// with months before it (retroactive months, from q.Start on).
func (s *CloseStore) Spells(ctx context.Context, q collection.SpellQuery, fn func(collection.SpellRow) error) error {
	C, first := q.Period, q.Period.First()
	// SQLite reads the rows in the order of the key; PostgreSQL would sort
	// them by the database's collation, several times slower than sorting
	// the batch here (the key's texts are digits and months, in the same
	// order byte by byte).
	sortHere := s.db.Engine == store.Postgres
	order := `ORDER BY tax_code, person_id, start_month`
	if sortHere {
		order = ``
	}
	rows, err := s.db.R.QueryContext(ctx, `SELECT tax_code, person_id, start_month, end_month, wage, contract,
			start_month <= $3 AND (end_month IS NULL OR end_month >= $3),
			CASE WHEN declared_on >= $5 AND start_month < $3 THEN start_month END,
			CASE WHEN declared_on >= $5 AND start_month < $3 THEN end_month END
		FROM employment
		WHERE tax_code >= $1 AND tax_code <= $2 AND start_month <= $3 AND declared_on <= $4
		AND (end_month IS NULL OR end_month >= $3 OR (declared_on >= $5 AND end_month >= $6))
		`+order, q.First, q.Last, C, q.Declared, first, q.Start)
	if err != nil {
		return err
	}
	defer rows.Close()
	var (
		sr     collection.SpellRow
		tax    sql.RawBytes
		sorted []collection.SpellRow
	)
	for rows.Next() {
		if err := rows.Scan(&tax, &sr.Person, &sr.Start, &sr.End, &sr.Wage, &sr.Contract, &sr.Covers, &sr.RetroStart, &sr.RetroEnd); err != nil {
			return err
		}
		if string(tax) != sr.TaxCode {
			sr.TaxCode = string(tax) // one string per employer, shared by its rows
		}
		if sortHere {
			sorted = append(sorted, sr)
			continue
		}
		if err := fn(sr); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	slices.SortFunc(sorted, func(a, b collection.SpellRow) int {
		return cmp.Or(strings.Compare(a.TaxCode, b.TaxCode), strings.Compare(a.Person, b.Person), cmp.Compare(a.Start, b.Start))
	})
	for _, r := range sorted {
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// billedChunk is the number of months looked up by one query: 3 parameters
// each, under SQLite's limit of 32,766 parameters.
const billedChunk = 5000

// Billed returns which of the worker-months have an assessment: one query
// per few thousand months, each a lookup in the assessments' primary key
// (period, tax_code, person_id).
func (s *CloseStore) Billed(ctx context.Context, keys []collection.WorkerMonth) (map[collection.WorkerMonth]bool, error) {
	out := map[collection.WorkerMonth]bool{}
	for len(keys) > 0 {
		n := min(len(keys), billedChunk)
		if err := s.billedIn(ctx, keys[:n], out); err != nil {
			return nil, err
		}
		keys = keys[n:]
	}
	return out, nil
}

// billedIn marks in out the keys that have an assessment.
func (s *CloseStore) billedIn(ctx context.Context, keys []collection.WorkerMonth, out map[collection.WorkerMonth]bool) error {
	var q strings.Builder
	args := make([]any, 0, 3*len(keys))
	// A join with the list (not a row-value IN, which SQLite answers with a
	// scan of the table): a primary-key lookup per month on both engines.
	q.WriteString(`SELECT a.period, a.tax_code, a.person_id FROM (VALUES `)
	for i, k := range keys {
		if i > 0 {
			q.WriteString(", ")
		}
		fmt.Fprintf(&q, "($%d, $%d, $%d)", 3*i+1, 3*i+2, 3*i+3)
		args = append(args, k.Period.String(), k.TaxCode, k.Person)
	}
	q.WriteString(`) k JOIN assessments a ON a.period = k.column1 AND a.tax_code = k.column2 AND a.person_id = k.column3`)
	return queryEach(ctx, s.db.R, q.String(), args, func(r *sql.Rows) error {
		var k collection.WorkerMonth
		if err := r.Scan(&k.Period, &k.TaxCode, &k.Person); err != nil {
			return err
		}
		out[k] = true
		return nil
	})
}

// contractsChunk is the number of workers looked up by one query: 2
// parameters each, under SQLite's limit of 32,766 parameters.
const contractsChunk = 5000

// Contracts returns the employment records of the workers declared on or
// before declared: one query per few thousand workers, each a lookup in
// the index employment_match (tax_code, person_id, …).
func (s *CloseStore) Contracts(ctx context.Context, workers []collection.WorkerMonth, declared ansinh.Date) ([]collection.ContractRow, error) {
	var out []collection.ContractRow
	for len(workers) > 0 {
		n := min(len(workers), contractsChunk)
		var q strings.Builder
		args := make([]any, 0, 2*n+1)
		args = append(args, declared)
		q.WriteString(`SELECT e.tax_code, e.person_id, e.start_month, e.end_month, e.contract FROM (VALUES `)
		for i, w := range workers[:n] {
			if i > 0 {
				q.WriteString(", ")
			}
			fmt.Fprintf(&q, "($%d, $%d)", 2*i+2, 2*i+3)
			args = append(args, w.TaxCode, w.Person)
		}
		q.WriteString(`) k JOIN employment e ON e.tax_code = k.column1 AND e.person_id = k.column2 WHERE e.declared_on <= $1
			ORDER BY e.tax_code, e.person_id, e.start_month`)
		err := queryEach(ctx, s.db.R, q.String(), args, func(r *sql.Rows) error {
			var c collection.ContractRow
			if err := r.Scan(&c.TaxCode, &c.Person, &c.Start, &c.End, &c.Contract); err != nil {
				return err
			}
			out = append(out, c)
			return nil
		})
		if err != nil {
			return nil, err
		}
		workers = workers[n:]
	}
	return out, nil
}

// Beneficiaries returns the pensions and monthly SI benefits.
func (s *CloseStore) Beneficiaries(ctx context.Context) ([]collection.BeneficiaryRow, error) {
	var out []collection.BeneficiaryRow
	err := queryEach(ctx, s.db.R, `SELECT person_id, kind, start_month, end_month
		FROM beneficiaries WHERE kind IN ('pension', 'monthly_si_benefit')`, nil, func(r *sql.Rows) error {
		var b collection.BeneficiaryRow
		if err := r.Scan(&b.Person, &b.Kind, &b.Start, &b.End); err != nil {
			return err
		}
		out = append(out, b)
		return nil
	})
	return out, err
}

// queryEach runs a query on q and calls fn for each row.
func queryEach(ctx context.Context, q *sql.DB, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
