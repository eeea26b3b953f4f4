package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// DemoSubjects are records of the loaded data that demonstration accounts
// are scoped to; a field is empty when the data has no such record.
type DemoSubjects struct {
	// TaxCode is an employer with workers (an open spell).
	TaxCode string
	// Commune is the commune the employer is seated in.
	Commune string
	// PersonID is a person with a closed employment spell, no open spell
	// and no open voluntary enrolment: a citizen with a history who can
	// enrol in voluntary insurance.
	PersonID string
	// PersonCommune is where that person lives.
	PersonCommune string
	// PersonName is that person's full name.
	PersonName string
	// AgentCommune is the commune with the most voluntary enrolments made
	// through a collection agent (empty: none).
	AgentCommune string
}

// FindDemoSubjects picks the records demonstration accounts are scoped to,
// the same ones on every run over the same data.
func (db *DB) FindDemoSubjects(ctx context.Context) (DemoSubjects, error) {
	var d DemoSubjects
	// Preferably an employer with an inspection case, seated in a commune
	// with the most open findings and debts, so that the commune officer's,
	// the inspector's and the employer's pages show them.
	err := db.R.QueryRowContext(ctx, `WITH last AS (SELECT max(close_period) AS p FROM debts),
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
		return d, fmt.Errorf("demo employer: %w", err)
	}
	err = db.R.QueryRowContext(ctx, `SELECT p.commune_code FROM voluntary v JOIN persons p ON p.person_id = v.person_id
		WHERE v.agent_code IS NOT NULL AND v.agent_code <> ''
		GROUP BY p.commune_code ORDER BY count(*) DESC, p.commune_code LIMIT 1`).Scan(&d.AgentCommune)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("demo agent: %w", err)
	}
	err = db.R.QueryRowContext(ctx, `SELECT p.person_id, p.commune_code, p.full_name FROM persons p
		WHERE EXISTS (SELECT 1 FROM employment s WHERE s.person_id = p.person_id AND s.end_month IS NOT NULL)
		AND NOT EXISTS (SELECT 1 FROM employment s WHERE s.person_id = p.person_id AND s.end_month IS NULL)
		AND NOT EXISTS (SELECT 1 FROM voluntary v WHERE v.person_id = p.person_id AND v.end_month IS NULL)
		ORDER BY p.person_id LIMIT 1`).Scan(&d.PersonID, &d.PersonCommune, &d.PersonName)
	if errors.Is(err, sql.ErrNoRows) {
		err = db.R.QueryRowContext(ctx, `SELECT p.person_id, p.commune_code, p.full_name FROM persons p
			WHERE EXISTS (SELECT 1 FROM employment s WHERE s.person_id = p.person_id)
			ORDER BY p.person_id LIMIT 1`).Scan(&d.PersonID, &d.PersonCommune, &d.PersonName)
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("demo citizen: %w", err)
	}
	return d, nil
}
