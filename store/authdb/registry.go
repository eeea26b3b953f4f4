package authdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"ansinh"
	"ansinh/auth"
	"ansinh/store"
)

// Records answers whether the records an account's scope names exist. The
// registry's service (registry.Service) answers it; cmd wires it.
type Records interface {
	UnitLevel(ctx context.Context, code string, day ansinh.Date) (string, error)
	EmployerExists(ctx context.Context, taxCode string) (bool, error)
	PersonExists(ctx context.Context, personID string) (bool, error)
}

// Registry is auth's view of the registry (auth.Registry): the existence
// checks of its Records, and the records the demonstration accounts are
// scoped to, which it picks across the registry, collection and
// compliance tables.
type Registry struct {
	Records
	db *store.DB
}

// NewRegistry returns auth's view of the registry: recs answers the
// existence checks, db the demonstration subjects.
func NewRegistry(db *store.DB, recs Records) *Registry { return &Registry{Records: recs, db: db} }

var _ auth.Registry = (*Registry)(nil)

// DemoSubjects picks the records the demonstration accounts are scoped
// to, the same ones on every run over the same data; a field is empty when
// the data has no such record.
func (r *Registry) DemoSubjects(ctx context.Context) (auth.DemoSubjects, error) {
	var d auth.DemoSubjects
	if err := r.demoEmployer(ctx, &d); err != nil {
		return d, err
	}
	err := r.db.R.QueryRowContext(ctx, `SELECT p.commune_code FROM voluntary v JOIN persons p ON p.person_id = v.person_id
		WHERE v.agent_code IS NOT NULL AND v.agent_code <> ''
		GROUP BY p.commune_code ORDER BY count(*) DESC, p.commune_code LIMIT 1`).Scan(&d.AgentCommune)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("demo agent: %w", err)
	}
	return d, r.demoCitizen(ctx, &d)
}

// demoEmployer picks an employer with workers, preferably one with an
// inspection case, seated in a commune with the most open findings and
// debts, so that the commune officer's, the inspector's and the
// employer's pages show them.
func (r *Registry) demoEmployer(ctx context.Context, d *auth.DemoSubjects) error {
	err := r.db.R.QueryRowContext(ctx, `WITH last AS (SELECT max(close_period) AS p FROM debts),
		score AS (SELECT t.c, count(*) AS n FROM (
			SELECT f.commune_code AS c FROM findings f WHERE f.state = 'open'
			UNION ALL
			SELECT x.commune_code AS c FROM debts b JOIN last ON b.close_period = last.p JOIN employers x ON x.tax_code = b.payer
		) t GROUP BY t.c)
		SELECT e.tax_code, e.commune_code FROM employers e LEFT JOIN score ON score.c = e.commune_code
		WHERE EXISTS (SELECT 1 FROM employment s WHERE s.tax_code = e.tax_code AND s.end_month IS NULL)
		ORDER BY CASE WHEN EXISTS (SELECT 1 FROM inspection_cases k WHERE k.tax_code = e.tax_code AND k.status <> 'resolved') THEN 0 ELSE 1 END,
			coalesce(score.n, 0) DESC, e.tax_code LIMIT 1`).Scan(&d.TaxCode, &d.Commune)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("demo employer: %w", err)
	}
	return nil
}

// demoCitizen picks a person with a closed employment spell, no open spell
// and no open voluntary enrolment (a citizen with a history who can enrol
// in voluntary insurance), else any person with a spell.
func (r *Registry) demoCitizen(ctx context.Context, d *auth.DemoSubjects) error {
	err := r.db.R.QueryRowContext(ctx, `SELECT p.person_id, p.commune_code, p.full_name FROM persons p
		WHERE EXISTS (SELECT 1 FROM employment s WHERE s.person_id = p.person_id AND s.end_month IS NOT NULL)
		AND NOT EXISTS (SELECT 1 FROM employment s WHERE s.person_id = p.person_id AND s.end_month IS NULL)
		AND NOT EXISTS (SELECT 1 FROM voluntary v WHERE v.person_id = p.person_id AND v.end_month IS NULL)
		ORDER BY p.person_id LIMIT 1`).Scan(&d.PersonID, &d.PersonCommune, &d.PersonName)
	if errors.Is(err, sql.ErrNoRows) {
		err = r.db.R.QueryRowContext(ctx, `SELECT p.person_id, p.commune_code, p.full_name FROM persons p
			WHERE EXISTS (SELECT 1 FROM employment s WHERE s.person_id = p.person_id)
			ORDER BY p.person_id LIMIT 1`).Scan(&d.PersonID, &d.PersonCommune, &d.PersonName)
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("demo citizen: %w", err)
	}
	return nil
}
