package compliancedb

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"time"

	"ansinh"
	"ansinh/compliance"
	"ansinh/rules"
	"ansinh/store"
)

// compBatch is the number of rows a stream hands over at a time.
const compBatch = 2048

// compInBatch bounds the values of one IN list.
const compInBatch = 500

// compOrder returns the columns for an ORDER BY in byte order, which the
// matcher's merge relies on: SQLite's default; named on PostgreSQL, whose
// default collation may follow a locale.
func (db *DB) compOrder(cols ...string) string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c
		if db.Engine == store.Postgres {
			out[i] = c + ` COLLATE "C"`
		}
	}
	return strings.Join(out, ", ")
}

// byteCollations are the PostgreSQL collations whose order is the byte
// order of UTF-8 text.
var byteCollations = map[string]bool{"C": true, "POSIX": true, "C.UTF-8": true, "C.utf8": true, "ucs_basic": true}

// byteOrdered caches, per reader pool, whether its default collation is
// byte order.
var byteOrdered sync.Map

// streamOrder is compOrder for the large ordered streams: where the
// database's default collation already is byte order, the columns are left
// as they are so that PostgreSQL walks the primary key's index instead of
// sorting millions of rows. (The merge checks the order and fails on rows
// out of order, so a wrong guess is never silent.)
func (db *DB) streamOrder(ctx context.Context, cols ...string) string {
	if db.Engine != store.Postgres {
		return strings.Join(cols, ", ")
	}
	native, ok := byteOrdered.Load(db.R)
	if !ok {
		var coll string
		err := db.R.QueryRowContext(ctx, `SELECT datcollate FROM pg_database WHERE datname = current_database()`).Scan(&coll)
		native = err == nil && byteCollations[coll]
		if err == nil {
			byteOrdered.Store(db.R, native)
		}
	}
	if native.(bool) {
		return strings.Join(cols, ", ")
	}
	return db.compOrder(cols...)
}

// Registry reads the employers, the business registry, the industrial
// zones' register and the region of every commune.
func (db *DB) Registry(ctx context.Context) (compliance.Registry, error) {
	var reg compliance.Registry
	var err error
	if reg.Regions, err = db.regions(ctx); err != nil {
		return reg, err
	}
	rows, err := db.R.QueryContext(ctx, `SELECT tax_code, name, kind, commune_code, coalesce(industrial_zone, ''),
		registered_on, coalesce(run_id, 0) FROM employers ORDER BY `+db.compOrder("tax_code"))
	if err != nil {
		return reg, fmt.Errorf("employers: %w", err)
	}
	for rows.Next() {
		var e compliance.Employer
		if err := rows.Scan(&e.TaxCode, &e.Name, &e.Kind, &e.CommuneCode, &e.Zone, &e.RegisteredOn, &e.Version); err != nil {
			rows.Close()
			return reg, err
		}
		e.Region = reg.Regions[e.CommuneCode]
		reg.Employers = append(reg.Employers, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return reg, err
	}
	rows, err = db.R.QueryContext(ctx, `SELECT tax_code, name, commune_code, registered_on, status, employees_reported,
		coalesce(run_id, 0) FROM business_registry ORDER BY `+db.compOrder("tax_code"))
	if err != nil {
		return reg, fmt.Errorf("business registry: %w", err)
	}
	for rows.Next() {
		var b compliance.BusinessRow
		if err := rows.Scan(&b.TaxCode, &b.Name, &b.CommuneCode, &b.RegisteredOn, &b.Status, &b.Employees, &b.Version); err != nil {
			rows.Close()
			return reg, err
		}
		reg.Business = append(reg.Business, b)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return reg, err
	}
	rows, err = db.R.QueryContext(ctx, `SELECT tax_code, zone, employees, coalesce(run_id, 0) FROM iz_enterprises ORDER BY `+
		db.compOrder("tax_code"))
	if err != nil {
		return reg, fmt.Errorf("industrial zones: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var z compliance.ZoneRow
		if err := rows.Scan(&z.TaxCode, &z.Zone, &z.Employees, &z.Version); err != nil {
			return reg, err
		}
		reg.Zones = append(reg.Zones, z)
	}
	return reg, rows.Err()
}

// regions returns the minimum-wage region of every commune (its latest
// version that has one).
func (db *DB) regions(ctx context.Context) (map[string]rules.Region, error) {
	rows, err := db.R.QueryContext(ctx, `SELECT code, region FROM units
		WHERE level = 'commune' AND region IS NOT NULL ORDER BY code, valid_from`)
	if err != nil {
		return nil, fmt.Errorf("regions: %w", err)
	}
	defer rows.Close()
	out := map[string]rules.Region{}
	for rows.Next() {
		var code, region string
		if err := rows.Scan(&code, &region); err != nil {
			return nil, err
		}
		if r, err := rules.ParseRegion(region); err == nil {
			out[code] = r
		}
	}
	return out, rows.Err()
}

// interner reuses the string of the previous row when a column repeats, so
// that streaming a million rows allocates per employer and person, not per
// row.
type interner struct{ last string }

func (in *interner) get(b []byte) string {
	if string(b) != in.last { // no allocation: the compiler compares in place
		in.last = string(b)
	}
	return in.last
}

// parseMonth reads "YYYY-MM" without allocating.
func parseMonth(b []byte) (ansinh.Period, error) {
	if len(b) != 7 || b[4] != '-' {
		return 0, fmt.Errorf("month %q is not YYYY-MM", b)
	}
	y, m := 0, 0
	for _, c := range b[:4] {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("month %q is not YYYY-MM", b)
		}
		y = y*10 + int(c-'0')
	}
	for _, c := range b[5:] {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("month %q is not YYYY-MM", b)
		}
		m = m*10 + int(c-'0')
	}
	if m < 1 || m > 12 {
		return 0, fmt.Errorf("month %q is not YYYY-MM", b)
	}
	return ansinh.NewPeriod(y, m), nil
}

// TaxWages streams the tax rows of months from..to in byte order of tax
// code, person ID and month.
func (db *DB) TaxWages(ctx context.Context, from, to ansinh.Period, fn func([]compliance.TaxRow) error) error {
	rows, err := db.R.QueryContext(ctx, `SELECT tax_code, person_id, month, wage_income, coalesce(run_id, 0)
		FROM tax_wages WHERE month >= $1 AND month <= $2
		ORDER BY `+db.streamOrder(ctx, "tax_code", "person_id", "month"), from.String(), to.String())
	if err != nil {
		return fmt.Errorf("tax records: %w", err)
	}
	defer rows.Close()
	var tax, pid, month sql.RawBytes
	var taxes, pids interner
	batch := make([]compliance.TaxRow, 0, compBatch)
	for rows.Next() {
		var r compliance.TaxRow
		if err := rows.Scan(&tax, &pid, &month, &r.Wage, &r.Version); err != nil {
			return err
		}
		r.TaxCode, r.PersonID = taxes.get(tax), pids.get(pid)
		if r.Month, err = parseMonth(month); err != nil {
			return err
		}
		batch = append(batch, r)
		if len(batch) == compBatch {
			if err := fn(batch); err != nil {
				return err
			}
			batch = make([]compliance.TaxRow, 0, compBatch)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(batch) > 0 {
		return fn(batch)
	}
	return nil
}

// spellColumns are the columns spellScanner reads; streamSpellColumns
// those it reads with short set (what the match needs).
const (
	spellColumns       = `tax_code, person_id, start_month, coalesce(end_month, ''), wage, contract, declared_on, coalesce(run_id, 0)`
	streamSpellColumns = `tax_code, person_id, start_month, coalesce(end_month, ''), wage, declared_on`
)

// spellScanner scans spell rows with reused buffers.
type spellScanner struct {
	short                bool // streamSpellColumns only
	tax, pid, start, end sql.RawBytes
	contract             sql.RawBytes
	taxes, pids          interner
	contracts            interner
}

func (sc *spellScanner) scan(rows *sql.Rows) (compliance.Spell, error) {
	var s compliance.Spell
	var err error
	if sc.short {
		err = rows.Scan(&sc.tax, &sc.pid, &sc.start, &sc.end, &s.Wage, &s.DeclaredOn)
	} else {
		err = rows.Scan(&sc.tax, &sc.pid, &sc.start, &sc.end, &s.Wage, &sc.contract, &s.DeclaredOn, &s.Version)
	}
	if err != nil {
		return s, err
	}
	s.TaxCode, s.PersonID = sc.taxes.get(sc.tax), sc.pids.get(sc.pid)
	if !sc.short {
		s.Contract = sc.contracts.get(sc.contract)
	}
	if s.Start, err = parseMonth(sc.start); err != nil {
		return s, err
	}
	if len(bytes.TrimSpace(sc.end)) > 0 {
		if s.End, err = parseMonth(sc.end); err != nil {
			return s, err
		}
	}
	return s, nil
}

// Spells streams the spells open in some month of from..to in byte order of
// tax code, person ID and start month, with their key, end, wage and
// declaration day.
func (db *DB) Spells(ctx context.Context, from, to ansinh.Period, fn func([]compliance.Spell) error) error {
	rows, err := db.R.QueryContext(ctx, `SELECT `+streamSpellColumns+` FROM employment
		WHERE start_month <= $2 AND (end_month IS NULL OR end_month >= $1)
		ORDER BY `+db.streamOrder(ctx, "tax_code", "person_id", "start_month"), from.String(), to.String())
	if err != nil {
		return fmt.Errorf("spells: %w", err)
	}
	defer rows.Close()
	sc := spellScanner{short: true}
	batch := make([]compliance.Spell, 0, compBatch)
	for rows.Next() {
		sp, err := sc.scan(rows)
		if err != nil {
			return err
		}
		batch = append(batch, sp)
		if len(batch) == compBatch {
			if err := fn(batch); err != nil {
				return err
			}
			batch = make([]compliance.Spell, 0, compBatch)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(batch) > 0 {
		return fn(batch)
	}
	return nil
}

// Persons returns the persons of the registry among ids.
func (db *DB) Persons(ctx context.Context, ids []string) (map[string]compliance.Person, error) {
	out := map[string]compliance.Person{}
	for start := 0; start < len(ids); start += compInBatch {
		part := ids[start:min(len(ids), start+compInBatch)]
		var a store.Args
		rows, err := db.R.QueryContext(ctx, `SELECT person_id, full_name, coalesce(run_id, 0) FROM persons WHERE `+
			a.In("person_id", part), a.List...)
		if err != nil {
			return nil, fmt.Errorf("persons: %w", err)
		}
		for rows.Next() {
			var p compliance.Person
			if err := rows.Scan(&p.PersonID, &p.Name, &p.Version); err != nil {
				rows.Close()
				return nil, err
			}
			out[p.PersonID] = p
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// PersonSpells returns the spells of the persons open in some month of
// from..to, at any employer.
func (db *DB) PersonSpells(ctx context.Context, ids []string, from, to ansinh.Period) ([]compliance.Spell, error) {
	var out []compliance.Spell
	for start := 0; start < len(ids); start += compInBatch {
		part := ids[start:min(len(ids), start+compInBatch)]
		var a store.Args
		q := `SELECT ` + spellColumns + ` FROM employment WHERE ` + a.In("person_id", part) +
			` AND start_month <= ` + a.Add(to.String()) + ` AND (end_month IS NULL OR end_month >= ` + a.Add(from.String()) + `)
			ORDER BY ` + db.compOrder("person_id", "tax_code", "start_month")
		rows, err := db.R.QueryContext(ctx, q, a.List...)
		if err != nil {
			return nil, fmt.Errorf("spells of persons: %w", err)
		}
		var sc spellScanner
		for rows.Next() {
			sp, err := sc.scan(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, sp)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// FeedVersions returns the import runs with the ids.
func (db *DB) FeedVersions(ctx context.Context, ids []int64) (map[int64]compliance.FeedVersion, error) {
	out := map[int64]compliance.FeedVersion{}
	for start := 0; start < len(ids); start += compInBatch {
		part := ids[start:min(len(ids), start+compInBatch)]
		var a store.Args
		ph := make([]string, len(part))
		for i, id := range part {
			ph[i] = a.Add(id)
		}
		rows, err := db.R.QueryContext(ctx, `SELECT id, kind, file, sha256, actor, started_at, status FROM import_runs
			WHERE id IN (`+strings.Join(ph, ", ")+`)`, a.List...)
		if err != nil {
			return nil, fmt.Errorf("feed versions: %w", err)
		}
		for rows.Next() {
			var v compliance.FeedVersion
			if err := rows.Scan(&v.Version, &v.Kind, &v.File, &v.SHA256, &v.Actor, store.ScanTime(&v.At), &v.Status); err != nil {
				rows.Close()
				return nil, err
			}
			out[v.Version] = v
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ---- helpers of the compliance files

// compStampLayout keeps instants on SQLite with a fixed number of
// fractional digits, so that text order is time order.
const compStampLayout = "2006-01-02T15:04:05.000000Z"

// compStamp returns the value that stores t in a timestamp column.
func (db *DB) compStamp(t time.Time) any {
	if db.Engine == store.Postgres {
		return t
	}
	return t.UTC().Format(compStampLayout)
}
