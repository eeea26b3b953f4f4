// Package benefitsdb implements benefits.Store on the store core, with its
// SQL written once for SQLite and PostgreSQL. Person, Career, deaths and
// re-employment read the registry's and the collection's tables (persons,
// units, household_status, employers, employment, voluntary, assessments,
// debts, beneficiaries) read-only; the claims, si_history and the payroll
// are benefits' own tables.
package benefitsdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"ansinh"
	"ansinh/benefits"
	"ansinh/rules"
	"ansinh/store"
)

// Store is benefits' storage.
type Store struct{ db *store.DB }

// New returns the store of db.
func New(db *store.DB) *Store { return &Store{db: db} }

var _ benefits.Store = (*Store)(nil)

// stampLayout keeps instants as fixed-width UTC text on SQLite, so that text
// order is time order.
const stampLayout = "2006-01-02T15:04:05.000000Z"

// stamp returns the value that stores t.
func (s *Store) stamp(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	if s.db.Engine == store.Postgres {
		return t.UTC()
	}
	return t.UTC().Format(stampLayout)
}

// instant scans a timestamp of either engine; NULL is the zero time.
type instant struct{ t *time.Time }

// Scan implements sql.Scanner.
func (x instant) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*x.t = time.Time{}
	case time.Time:
		*x.t = v.UTC()
	case string:
		return x.parse(v)
	case []byte:
		return x.parse(string(v))
	default:
		return fmt.Errorf("cannot scan %T into a time", src)
	}
	return nil
}

func (x instant) parse(v string) error {
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return fmt.Errorf("timestamp %q: %w", v, err)
	}
	*x.t = t.UTC()
	return nil
}

// month stores a period in a nullable month column.
func month(p ansinh.Period) any {
	if p.IsZero() {
		return nil
	}
	return p.String()
}

// monthOf reads a month column ("" or NULL: zero).
func monthOf(s sql.NullString) (ansinh.Period, error) {
	if !s.Valid || s.String == "" {
		return 0, nil
	}
	return ansinh.ParsePeriod(s.String)
}

// Person returns the claimant within the scope.
func (s *Store) Person(ctx context.Context, sc ansinh.Scope, id string, year int) (benefits.Person, error) {
	var a store.Args
	q := `SELECT p.person_id, p.full_name, p.birth_date, p.sex, p.commune_code,
		COALESCE((SELECT u.region FROM units u WHERE u.code = p.commune_code AND u.region IS NOT NULL ORDER BY u.valid_from DESC LIMIT 1), ''),
		COALESCE((SELECT h.status FROM household_status h WHERE h.person_id = p.person_id AND h.year = ` + a.Add(year) + `), 'none')
		FROM persons p WHERE p.person_id = ` + a.Add(id) + ` AND ` + store.PersonCond(sc, &a, "p")
	var p benefits.Person
	var sex, region, household string
	err := s.db.R.QueryRowContext(ctx, q, a.List...).Scan(&p.ID, &p.Name, &p.BirthDate, &sex, &p.Commune, &region, &household)
	if errors.Is(err, sql.ErrNoRows) {
		return p, store.ErrNotFound
	}
	if err != nil {
		return p, err
	}
	if p.Sex, err = rules.ParseSex(sex); err != nil {
		return p, err
	}
	if region != "" {
		if p.Region, err = rules.ParseRegion(region); err != nil {
			return p, err
		}
	}
	p.Poor = household == "poor" || household == "near_poor"
	return p, nil
}

// HasMonthlyBenefit reports whether the person receives a pension or a
// monthly SI benefit in month m: a pension claim in payment, or an imported
// beneficiary of those kinds.
func (s *Store) HasMonthlyBenefit(ctx context.Context, personID string, m ansinh.Period) (bool, error) {
	var n int
	err := s.db.R.QueryRowContext(ctx, monthlyBenefitSQL, personID, m.String()).Scan(&n)
	return n > 0, err
}

// monthlyBenefitSQL counts the pension claims approved or in payment of a
// person ($1) and the person's imported pensions and monthly SI benefits in
// a month ($2). Both are searches of the person's index
// (benefit_claims_person, the beneficiaries' key), whatever the number of
// claims.
const monthlyBenefitSQL = `SELECT
		(SELECT count(*) FROM benefit_claims WHERE person_id = $1 AND kind = 'pension' AND status IN ('approved', 'in_payment'))
		+ (SELECT count(*) FROM beneficiaries WHERE person_id = $1 AND kind IN ('pension', 'monthly_si_benefit')
			AND start_month <= $2 AND (end_month IS NULL OR end_month = '' OR end_month >= $2))`
