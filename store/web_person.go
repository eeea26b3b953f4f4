package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"ansinh"
)

// Person is a person of the registry.
type Person struct {
	PersonID       string
	FullName       string
	BirthDate      ansinh.Date
	Sex            string
	EthnicMinority bool
	CommuneCode    string
	LegacySICode   string
}

// HouseholdYear is a person's household poverty status in a year.
type HouseholdYear struct {
	Year   int
	Status string // poor, near_poor, none
}

// Spell is an employment spell: a person working for an employer from a
// month to a month (open when End is zero) at a contract wage.
type Spell struct {
	TaxCode      string
	EmployerName string
	PersonID     string
	FullName     string
	Start        ansinh.Period
	End          ansinh.Period
	Wage         ansinh.Money
	Contract     string
	DeclaredOn   ansinh.Date
}

// Open reports whether the spell is still open at the month.
func (s Spell) Open(at ansinh.Period) bool { return s.End.IsZero() || s.End >= at }

// VoluntarySpell is an enrolment in voluntary social insurance.
type VoluntarySpell struct {
	PersonID  string
	Start     ansinh.Period
	End       ansinh.Period
	Income    ansinh.Money
	Mode      string // monthly, quarterly, semiannual, annual
	Category  string // poor, near_poor, ethnic_minority, other
	AgentCode string
}

// Benefit is a monthly benefit a person receives.
type Benefit struct {
	Kind          string // pension, monthly_si_benefit, social_pension
	Start         ansinh.Period
	End           ansinh.Period
	MonthlyAmount ansinh.Money
}

// PersonRecord is a person with the whole of their participation.
type PersonRecord struct {
	Person
	Household []HouseholdYear
	Spells    []Spell
	Voluntary []VoluntarySpell
	Benefits  []Benefit
}

// FindPerson returns the person with the ID if the scope sees them, or
// ErrNotFound.
func (db *DB) FindPerson(ctx context.Context, id string, scope ansinh.Scope) (Person, error) {
	var a Args
	var p Person
	var legacy string
	q := `SELECT p.person_id, p.full_name, p.birth_date, p.sex, p.ethnic_minority, p.commune_code, p.legacy_si_code
		FROM persons p WHERE p.person_id = ` + a.Add(id) + ` AND ` + PersonCond(scope, &a, "p")
	err := db.R.QueryRowContext(ctx, q, a.List...).Scan(&p.PersonID, &p.FullName, &p.BirthDate, &p.Sex,
		webBool{&p.EthnicMinority}, &p.CommuneCode, webNullString{&legacy})
	if errors.Is(err, sql.ErrNoRows) {
		return p, ErrNotFound
	}
	if err != nil {
		return p, fmt.Errorf("find person: %w", err)
	}
	p.LegacySICode = legacy
	return p, nil
}

// PersonRecord returns the person with the ID and their participation if the
// scope sees them, or ErrNotFound.
func (db *DB) PersonRecord(ctx context.Context, id string, scope ansinh.Scope) (PersonRecord, error) {
	p, err := db.FindPerson(ctx, id, scope)
	if err != nil {
		return PersonRecord{}, err
	}
	r := PersonRecord{Person: p}
	if r.Household, err = db.household(ctx, id); err != nil {
		return r, err
	}
	if r.Spells, err = db.PersonSpells(ctx, id); err != nil {
		return r, err
	}
	if r.Voluntary, err = db.PersonVoluntary(ctx, id); err != nil {
		return r, err
	}
	if r.Benefits, err = db.personBenefits(ctx, id); err != nil {
		return r, err
	}
	return r, nil
}

func (db *DB) household(ctx context.Context, id string) ([]HouseholdYear, error) {
	rows, err := db.R.QueryContext(ctx, `SELECT year, status FROM household_status WHERE person_id = $1 ORDER BY year DESC`, id)
	if err != nil {
		return nil, fmt.Errorf("household status: %w", err)
	}
	defer rows.Close()
	var out []HouseholdYear
	for rows.Next() {
		var h HouseholdYear
		if err := rows.Scan(&h.Year, &h.Status); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// PersonSpells returns a person's employment spells, latest first. The
// caller has checked that the person is in scope.
func (db *DB) PersonSpells(ctx context.Context, id string) ([]Spell, error) {
	rows, err := db.R.QueryContext(ctx, `SELECT s.tax_code, coalesce(e.name, ''), s.person_id, '', s.start_month, s.end_month,
			s.wage, s.contract, s.declared_on
		FROM employment s LEFT JOIN employers e ON e.tax_code = s.tax_code
		WHERE s.person_id = $1 ORDER BY s.start_month DESC, s.tax_code`, id)
	if err != nil {
		return nil, fmt.Errorf("person spells: %w", err)
	}
	return scanSpells(rows)
}

func scanSpells(rows *sql.Rows) ([]Spell, error) {
	defer rows.Close()
	var out []Spell
	for rows.Next() {
		var s Spell
		if err := rows.Scan(&s.TaxCode, &s.EmployerName, &s.PersonID, &s.FullName, &s.Start, &s.End,
			&s.Wage, &s.Contract, &s.DeclaredOn); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// PersonVoluntary returns a person's voluntary enrolments, latest first. The
// caller has checked that the person is in scope.
func (db *DB) PersonVoluntary(ctx context.Context, id string) ([]VoluntarySpell, error) {
	rows, err := db.R.QueryContext(ctx, `SELECT person_id, start_month, end_month, income, mode, category, agent_code
		FROM voluntary WHERE person_id = $1 ORDER BY start_month DESC`, id)
	if err != nil {
		return nil, fmt.Errorf("voluntary enrolments: %w", err)
	}
	defer rows.Close()
	var out []VoluntarySpell
	for rows.Next() {
		var v VoluntarySpell
		if err := rows.Scan(&v.PersonID, &v.Start, &v.End, &v.Income, &v.Mode, &v.Category, webNullString{&v.AgentCode}); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func (db *DB) personBenefits(ctx context.Context, id string) ([]Benefit, error) {
	rows, err := db.R.QueryContext(ctx, `SELECT kind, start_month, end_month, monthly_amount
		FROM beneficiaries WHERE person_id = $1 ORDER BY start_month DESC`, id)
	if err != nil {
		return nil, fmt.Errorf("benefits: %w", err)
	}
	defer rows.Close()
	var out []Benefit
	for rows.Next() {
		var b Benefit
		if err := rows.Scan(&b.Kind, &b.Start, &b.End, &b.MonthlyAmount); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// Open reports whether the enrolment is still open at the month.
func (v VoluntarySpell) Open(at ansinh.Period) bool { return v.End.IsZero() || v.End >= at }
