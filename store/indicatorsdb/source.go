package indicatorsdb

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"ansinh"
	"ansinh/indicators"
	"ansinh/store"
)

// indQuery streams the rows of q to scan.
func (s *Store) indQuery(ctx context.Context, what, q string, args []any, scan func(*sql.Rows) error) error {
	rows, err := s.db.R.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("read %s: %w", what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("read %s: %w", what, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read %s: %w", what, err)
	}
	return nil
}

// Units returns every unit version and successor link.
func (s *Store) Units(ctx context.Context) ([]indicators.Unit, []indicators.Successor, error) {
	var units []indicators.Unit
	err := s.indQuery(ctx, "units", `SELECT code, name, level, COALESCE(parent_code, ''), valid_from, valid_to FROM units`, nil,
		func(r *sql.Rows) error {
			var u indicators.Unit
			if err := r.Scan(&u.Code, &u.Name, &u.Level, &u.Parent, &u.From, &u.To); err != nil {
				return err
			}
			units = append(units, u)
			return nil
		})
	if err != nil {
		return nil, nil, err
	}
	var succ []indicators.Successor
	err = s.indQuery(ctx, "unit_successors", `SELECT old_code, new_code, from_date FROM unit_successors`, nil,
		func(r *sql.Rows) error {
			var x indicators.Successor
			if err := r.Scan(&x.Old, &x.New, &x.From); err != nil {
				return err
			}
			succ = append(succ, x)
			return nil
		})
	return units, succ, err
}

// LaborForce returns the statistics office's feed.
func (s *Store) LaborForce(ctx context.Context) ([]indicators.LaborForce, error) {
	var out []indicators.LaborForce
	err := s.indQuery(ctx, "labor_force", `SELECT unit_code, year, labor_force, over_retirement_age FROM labor_force`, nil,
		func(r *sql.Rows) error {
			var x indicators.LaborForce
			if err := r.Scan(&x.Unit, &x.Year, &x.LaborForce, &x.OverRetirement); err != nil {
				return err
			}
			out = append(out, x)
			return nil
		})
	return out, err
}

// PersonCount returns the number of persons.
func (s *Store) PersonCount(ctx context.Context) (int, error) {
	var n int
	err := s.db.R.QueryRowContext(ctx, `SELECT count(*) FROM persons`).Scan(&n)
	return n, err
}

// Persons streams the persons.
func (s *Store) Persons(ctx context.Context, fn func(indicators.Person) error) error {
	var p indicators.Person
	if s.db.Engine == store.SQLite {
		communes := map[string]string{}
		return s.indPacked(ctx, "persons", `SELECT person_id || '|' || birth_date || '|' || sex || '|' || commune_code FROM persons`, nil, 4,
			func(f [][]byte) error {
				var err error
				p.ID = string(f[0])
				if p.Birth, err = indDate(f[1]); err != nil {
					return err
				}
				p.Sex = indSex(f[2])
				c, ok := communes[string(f[3])]
				if !ok {
					c = string(f[3])
					communes[c] = c
				}
				p.Commune = c
				return fn(p)
			})
	}
	return s.indQuery(ctx, "persons", `SELECT person_id, birth_date, sex, commune_code FROM persons`, nil,
		func(r *sql.Rows) error {
			if err := r.Scan(&p.ID, &p.Birth, &p.Sex, &p.Commune); err != nil {
				return err
			}
			return fn(p)
		})
}

// indPacked streams a SQLite query whose one column packs n fields joined
// by '|' (on SQLite, reading one column is several times faster than
// reading several: every column read goes through the driver's locks).
// fields holds the row's fields, valid during fn only.
func (s *Store) indPacked(ctx context.Context, what, q string, args []any, n int, fn func(fields [][]byte) error) error {
	fields := make([][]byte, n)
	var raw sql.RawBytes
	return s.indQuery(ctx, what, q, args, func(r *sql.Rows) error {
		if err := r.Scan(&raw); err != nil {
			return err
		}
		rest := []byte(raw)
		for i := 0; i < n-1; i++ {
			k := indexByte(rest, '|')
			if k < 0 {
				return fmt.Errorf("malformed row %q", raw)
			}
			fields[i], rest = rest[:k], rest[k+1:]
		}
		fields[n-1] = rest
		return fn(fields)
	})
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

// indMonth reads "YYYY-MM" ("" is the zero month).
func indMonth(b []byte) (ansinh.Period, error) {
	if len(b) == 0 {
		return 0, nil
	}
	if len(b) != 7 || b[4] != '-' {
		return 0, fmt.Errorf("month %q is not YYYY-MM", b)
	}
	y := int(b[0]-'0')*1000 + int(b[1]-'0')*100 + int(b[2]-'0')*10 + int(b[3]-'0')
	m := int(b[5]-'0')*10 + int(b[6]-'0')
	if m < 1 || m > 12 {
		return 0, fmt.Errorf("month %q is not YYYY-MM", b)
	}
	return ansinh.NewPeriod(y, m), nil
}

// indDate reads "YYYY-MM-DD".
func indDate(b []byte) (ansinh.Date, error) {
	return ansinh.ParseDate(string(b))
}

// indSex returns the constant for a sex, so that no string is allocated.
func indSex(b []byte) string {
	switch string(b) {
	case "male":
		return "male"
	case "female":
		return "female"
	}
	return string(b)
}

// indWord returns the constant for a contract or benefit kind.
func indWord(b []byte) string {
	switch string(b) {
	case "indefinite":
		return "indefinite"
	case "fixed":
		return "fixed"
	case "seasonal":
		return "seasonal"
	case "pension":
		return "pension"
	case "monthly_si_benefit":
		return "monthly_si_benefit"
	case "social_pension":
		return "social_pension"
	}
	return string(b)
}

// since returns the condition and arguments that skip rows ended before
// s.From.
func (s *Store) since() (string, []any) {
	if s.From.IsZero() {
		return "", nil
	}
	return ` WHERE end_month IS NULL OR end_month >= $1`, []any{s.From.String()}
}

// Employment streams the mandatory spells.
func (s *Store) Employment(ctx context.Context, fn func(indicators.Spell) error) error {
	cond, args := s.since()
	var x indicators.Spell
	if s.db.Engine == store.SQLite {
		return s.indPacked(ctx, "employment", `SELECT person_id || '|' || start_month || '|' || COALESCE(end_month, '') || '|' || contract FROM employment`+cond, args, 4,
			func(f [][]byte) error {
				var err error
				x.Person = string(f[0])
				if x.Start, err = indMonth(f[1]); err != nil {
					return err
				}
				if x.End, err = indMonth(f[2]); err != nil {
					return err
				}
				x.Contract = indWord(f[3])
				return fn(x)
			})
	}
	return s.indQuery(ctx, "employment", `SELECT person_id, start_month, end_month, contract FROM employment`+cond, args,
		func(r *sql.Rows) error {
			if err := r.Scan(&x.Person, &x.Start, &x.End, &x.Contract); err != nil {
				return err
			}
			return fn(x)
		})
}

// Voluntary streams the voluntary enrolments.
func (s *Store) Voluntary(ctx context.Context, fn func(indicators.Enrolment) error) error {
	cond, args := s.since()
	var x indicators.Enrolment
	if s.db.Engine == store.SQLite {
		return s.indPacked(ctx, "voluntary", `SELECT person_id || '|' || start_month || '|' || COALESCE(end_month, '') FROM voluntary`+cond, args, 3,
			func(f [][]byte) error {
				var err error
				x.Person = string(f[0])
				if x.Start, err = indMonth(f[1]); err != nil {
					return err
				}
				if x.End, err = indMonth(f[2]); err != nil {
					return err
				}
				return fn(x)
			})
	}
	return s.indQuery(ctx, "voluntary", `SELECT person_id, start_month, end_month FROM voluntary`+cond, args,
		func(r *sql.Rows) error {
			if err := r.Scan(&x.Person, &x.Start, &x.End); err != nil {
				return err
			}
			return fn(x)
		})
}

// beneficiariesAndPaid is the imported beneficiaries (history) and the
// benefits the payroll pays (view benefits_paid, migration 0080).
const beneficiariesAndPaid = `(SELECT person_id, kind, start_month, end_month FROM beneficiaries
	UNION ALL SELECT person_id, kind, start_month, end_month FROM benefits_paid) b`

// Beneficiaries streams the pensions and allowances.
func (s *Store) Beneficiaries(ctx context.Context, fn func(indicators.Benefit) error) error {
	cond, args := s.since()
	var x indicators.Benefit
	if s.db.Engine == store.SQLite {
		return s.indPacked(ctx, "beneficiaries", `SELECT person_id || '|' || kind || '|' || start_month || '|' || COALESCE(end_month, '') FROM `+beneficiariesAndPaid+cond, args, 4,
			func(f [][]byte) error {
				var err error
				x.Person = string(f[0])
				x.Kind = indWord(f[1])
				if x.Start, err = indMonth(f[2]); err != nil {
					return err
				}
				if x.End, err = indMonth(f[3]); err != nil {
					return err
				}
				return fn(x)
			})
	}
	return s.indQuery(ctx, "beneficiaries", `SELECT person_id, kind, start_month, end_month FROM `+beneficiariesAndPaid+cond, args,
		func(r *sql.Rows) error {
			if err := r.Scan(&x.Person, &x.Kind, &x.Start, &x.End); err != nil {
				return err
			}
			return fn(x)
		})
}

// Transactions streams the transactions the portals recorded (procedures)
// with their survey answers; each is placed in its subject's commune (the
// person's, or the employer's). ErrNoData when the tables do not exist.
func (s *Store) Transactions(ctx context.Context, fn func(indicators.Transaction) error) error {
	ok, err := tableExists(ctx, s.db, "procedures")
	if err != nil {
		return err
	}
	if !ok {
		return indicators.ErrNoData
	}
	var (
		t                   indicators.Transaction
		channel             string
		submitted, answered time.Time
		score               sql.NullInt64
	)
	return s.indQuery(ctx, "procedures", `SELECT p.subject, COALESCE(pe.commune_code, em.commune_code, ''), p.channel, p.submitted_at, s.score, s.answered_at
		FROM procedures p
		LEFT JOIN persons pe ON pe.person_id = p.subject
		LEFT JOIN employers em ON em.tax_code = p.subject
		LEFT JOIN surveys s ON s.procedure_id = p.id`, nil,
		func(r *sql.Rows) error {
			if err := r.Scan(&t.Subject, &t.Commune, &channel, store.ScanTime(&submitted), &score, store.ScanTime(&answered)); err != nil {
				return err
			}
			t.Online = channel == "online"
			t.Month = ansinh.ThisMonth(submitted)
			t.Score, t.Answered = 0, 0
			if score.Valid && !answered.IsZero() {
				t.Score = int(score.Int64)
				t.Answered = ansinh.ThisMonth(answered)
			}
			return fn(t)
		})
}

// Collections streams the notices of the closed months (the monthly close,
// package collection): for each employer or voluntary participant and
// month, the amount billed (assessed and retroactive), the amount paid and
// the amount overdue at the close. Budget support accounts are left out:
// they belong to no commune. ErrNoData until a month has been closed.
func (s *Store) Collections(ctx context.Context, fn func(indicators.Collection) error) error {
	for _, t := range []string{"notices", "collection_periods"} {
		ok, err := tableExists(ctx, s.db, t)
		if err != nil {
			return err
		}
		if !ok {
			return indicators.ErrNoData
		}
	}
	var closed int
	if err := s.db.R.QueryRowContext(ctx, `SELECT count(*) FROM collection_periods WHERE status = 'closed'`).Scan(&closed); err != nil {
		return fmt.Errorf("read collection_periods: %w", err)
	}
	if closed == 0 {
		return indicators.ErrNoData
	}
	var x indicators.Collection
	return s.indQuery(ctx, "notices", `SELECT n.payer, COALESCE(pe.commune_code, em.commune_code, ''), n.period,
			n.assessed + n.retroactive, n.paid, n.overdue
		FROM notices n
		JOIN collection_periods cp ON cp.period = n.period AND cp.status = 'closed'
		LEFT JOIN employers em ON n.payer_kind = 'employer' AND em.tax_code = n.payer
		LEFT JOIN persons pe ON n.payer_kind = 'person' AND pe.person_id = n.payer
		WHERE n.payer_kind IN ('employer', 'person')`, nil,
		func(r *sql.Rows) error {
			if err := r.Scan(&x.Subject, &x.Commune, &x.Month, &x.Assessed, &x.Collected, &x.Arrears); err != nil {
				return err
			}
			return fn(x)
		})
}
