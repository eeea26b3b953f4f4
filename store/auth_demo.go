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
}

// FindDemoSubjects picks the records demonstration accounts are scoped to,
// the same ones on every run over the same data.
func (db *DB) FindDemoSubjects(ctx context.Context) (DemoSubjects, error) {
	var d DemoSubjects
	err := db.R.QueryRowContext(ctx, `SELECT e.tax_code, e.commune_code FROM employers e
		WHERE EXISTS (SELECT 1 FROM employment s WHERE s.tax_code = e.tax_code AND s.end_month IS NULL)
		ORDER BY e.tax_code LIMIT 1`).Scan(&d.TaxCode, &d.Commune)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("demo employer: %w", err)
	}
	err = db.R.QueryRowContext(ctx, `SELECT p.person_id, p.commune_code FROM persons p
		WHERE EXISTS (SELECT 1 FROM employment s WHERE s.person_id = p.person_id AND s.end_month IS NOT NULL)
		AND NOT EXISTS (SELECT 1 FROM employment s WHERE s.person_id = p.person_id AND s.end_month IS NULL)
		AND NOT EXISTS (SELECT 1 FROM voluntary v WHERE v.person_id = p.person_id AND v.end_month IS NULL)
		ORDER BY p.person_id LIMIT 1`).Scan(&d.PersonID, &d.PersonCommune)
	if errors.Is(err, sql.ErrNoRows) {
		err = db.R.QueryRowContext(ctx, `SELECT p.person_id, p.commune_code FROM persons p
			WHERE EXISTS (SELECT 1 FROM employment s WHERE s.person_id = p.person_id)
			ORDER BY p.person_id LIMIT 1`).Scan(&d.PersonID, &d.PersonCommune)
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("demo citizen: %w", err)
	}
	return d, nil
}
