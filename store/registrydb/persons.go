package registrydb

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"ansinh"
	"ansinh/registry"
	"ansinh/store"
)

const personColumns = `p.person_id, p.full_name, p.birth_date, p.sex, p.ethnic_minority, p.commune_code, p.legacy_si_code`

func scanPerson(row rowScanner, p *registry.Person) error {
	return row.Scan(&p.PersonID, &p.FullName, &p.BirthDate, &p.Sex, store.ScanBool(&p.EthnicMinority), &p.CommuneCode, store.ScanNullString(&p.LegacySICode))
}

// FindPerson returns the person with the ID if the scope sees them, or
// ErrNotFound.
func (s *Store) FindPerson(ctx context.Context, id string, scope ansinh.Scope) (registry.Person, error) {
	var a store.Args
	var p registry.Person
	q := `SELECT ` + personColumns + ` FROM persons p WHERE p.person_id = ` + a.Add(id) + ` AND ` + store.PersonCond(scope, &a, "p")
	err := scanPerson(s.db.R.QueryRowContext(ctx, q, a.List...), &p)
	return p, notFound(err, "find person")
}

// Household returns a person's household status by year, latest first.
func (s *Store) Household(ctx context.Context, id string) ([]registry.HouseholdYear, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT year, status FROM household_status WHERE person_id = $1 ORDER BY year DESC`, id)
	if err != nil {
		return nil, wrap(err, "household status")
	}
	return collect(rows, func(r rowScanner, h *registry.HouseholdYear) error { return r.Scan(&h.Year, &h.Status) })
}

// HouseholdStatus returns a person's household status in the latest year
// up to year ("" when none is known).
func (s *Store) HouseholdStatus(ctx context.Context, id string, year int) (string, error) {
	var status string
	err := s.db.R.QueryRowContext(ctx, `SELECT status FROM household_status WHERE person_id = $1 AND year <= $2
		ORDER BY year DESC LIMIT 1`, id, year).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return status, wrap(err, "household status")
}

const spellColumns = `s.tax_code, coalesce(e.name, ''), s.person_id, coalesce(p.full_name, ''), s.start_month, s.end_month,
	s.wage, s.contract, s.declared_on`

func scanSpell(row rowScanner, s *registry.Spell) error {
	return row.Scan(&s.TaxCode, &s.EmployerName, &s.PersonID, &s.FullName, &s.Start, &s.End, &s.Wage, &s.Contract, &s.DeclaredOn)
}

// PersonSpells returns a person's employment spells, latest first.
func (s *Store) PersonSpells(ctx context.Context, id string) ([]registry.Spell, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT `+spellColumns+`
		FROM employment s LEFT JOIN employers e ON e.tax_code = s.tax_code LEFT JOIN persons p ON p.person_id = s.person_id
		WHERE s.person_id = $1 ORDER BY s.start_month DESC, s.tax_code`, id)
	if err != nil {
		return nil, wrap(err, "person spells")
	}
	return collect(rows, scanSpell)
}

func scanVoluntary(row rowScanner, v *registry.VoluntarySpell) error {
	return row.Scan(&v.PersonID, &v.Start, &v.End, &v.Income, &v.Mode, &v.Category, store.ScanNullString(&v.AgentCode))
}

// PersonVoluntary returns a person's voluntary enrolments, latest first.
func (s *Store) PersonVoluntary(ctx context.Context, id string) ([]registry.VoluntarySpell, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT person_id, start_month, end_month, income, mode, category, agent_code
		FROM voluntary WHERE person_id = $1 ORDER BY start_month DESC`, id)
	if err != nil {
		return nil, wrap(err, "voluntary enrolments")
	}
	return collect(rows, scanVoluntary)
}

// PersonBenefits returns a person's monthly benefits, latest first.
func (s *Store) PersonBenefits(ctx context.Context, id string) ([]registry.Benefit, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT kind, start_month, end_month, monthly_amount
		FROM beneficiaries WHERE person_id = $1 ORDER BY start_month DESC`, id)
	if err != nil {
		return nil, wrap(err, "benefits")
	}
	return collect(rows, func(r rowScanner, b *registry.Benefit) error {
		return r.Scan(&b.Kind, &b.Start, &b.End, &b.MonthlyAmount)
	})
}

// AgentEnrolments returns the latest enrolments made by the agent.
func (s *Store) AgentEnrolments(ctx context.Context, agent string, limit int) ([]registry.AgentEnrolment, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT v.person_id, v.start_month, v.end_month, v.income, v.mode, v.category, v.agent_code, p.full_name
		FROM voluntary v JOIN persons p ON p.person_id = v.person_id
		WHERE v.agent_code = $1 ORDER BY v.start_month DESC, v.person_id LIMIT $2`, agent, limit)
	if err != nil {
		return nil, wrap(err, "agent enrolments")
	}
	return collect(rows, func(r rowScanner, e *registry.AgentEnrolment) error {
		v := &e.VoluntarySpell
		return r.Scan(&v.PersonID, &v.Start, &v.End, &v.Income, &v.Mode, &v.Category, store.ScanNullString(&v.AgentCode), &e.FullName)
	})
}

// prefixEnd returns the smallest string above every string that starts
// with p.
func prefixEnd(p string) string { return p + "\U0010FFFF" }

// digitsEnd returns the digit string right after every string that starts
// with the digits d, or "" when there is none ("999…"): an upper bound that
// holds in any collation, since it compares digits only.
func digitsEnd(d string) string {
	b := []byte(d)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < '9' {
			b[i]++
			return string(b[:i+1])
		}
	}
	return ""
}

// digitsRange returns the condition that col starts with the digits.
func digitsRange(a *store.Args, col, digits string) string {
	r := col + " >= " + a.Add(digits)
	if end := digitsEnd(digits); end != "" {
		r += " AND " + col + " < " + a.Add(end)
	}
	return "(" + r + ")"
}

// SearchPersons returns a page of the persons the query finds within the
// scope, in (search key, ID) order, and whether more follow. A name search
// is a range scan of the persons_search index (0010_registry_search.sql),
// fast at any size.
func (s *Store) SearchPersons(ctx context.Context, q registry.KeyQuery, scope ansinh.Scope) ([]registry.PersonHit, bool, error) {
	var a store.Args
	var where []string
	switch {
	case q.Digits != "":
		c := digitsRange(&a, "p.person_id", q.Digits)
		if len(q.Digits) == 10 {
			c = "(" + c + " OR p.legacy_si_code = " + a.Add(q.Digits) + ")"
		}
		where = append(where, c)
	default:
		where = append(where, "p.search_key >= "+a.Add(q.KeyPrefix)+" AND p.search_key < "+a.Add(prefixEnd(q.KeyPrefix)))
	}
	if q.AfterKey != "" || q.AfterID != "" {
		where = append(where, "(p.search_key, p.person_id) > ("+a.Add(q.AfterKey)+", "+a.Add(q.AfterID)+")")
	}
	where = append(where, store.PersonCond(scope, &a, "p"))
	rows, err := s.db.R.QueryContext(ctx, `SELECT p.person_id, p.full_name, p.birth_date, p.sex, p.commune_code FROM persons p WHERE `+
		strings.Join(where, " AND ")+` ORDER BY p.search_key, p.person_id LIMIT `+a.Add(q.Limit+1), a.List...)
	if err != nil {
		return nil, false, wrap(err, "search persons")
	}
	out, err := collect(rows, func(r rowScanner, h *registry.PersonHit) error {
		return r.Scan(&h.PersonID, &h.FullName, &h.BirthDate, &h.Sex, &h.CommuneCode)
	})
	more := len(out) > q.Limit
	if more {
		out = out[:q.Limit]
	}
	return out, more, err
}
