package authdb

import (
	"context"
	"database/sql"
	"errors"

	"ansinh"
	"ansinh/auth"
	"ansinh/store"
)

// Registry answers auth's questions of the registry (auth.Registry): does
// a unit, an employer or a person exist. They are existence checks on the
// registry's keys, read here so that auth asks them in its own terms.
type Registry struct {
	db *store.DB
}

// NewRegistry returns auth's view of the registry over db.
func NewRegistry(db *store.DB) *Registry { return &Registry{db: db} }

var _ auth.Registry = (*Registry)(nil)

// UnitLevel returns the level of the unit with the code, preferring the
// version in force on the day (as the registry's FindUnit does).
func (r *Registry) UnitLevel(ctx context.Context, code string, day ansinh.Date) (string, error) {
	var level string
	err := r.db.R.QueryRowContext(ctx, `SELECT level FROM units WHERE code = $1
		ORDER BY CASE WHEN valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2) THEN 0 ELSE 1 END, valid_from DESC
		LIMIT 1`, code, day).Scan(&level)
	if errors.Is(err, sql.ErrNoRows) {
		return "", auth.ErrNotFound
	}
	return level, err
}

// EmployerExists reports whether the employer is registered.
func (r *Registry) EmployerExists(ctx context.Context, taxCode string) (bool, error) {
	return r.exists(ctx, `SELECT 1 FROM employers WHERE tax_code = $1`, taxCode)
}

// PersonExists reports whether the person is in the registry.
func (r *Registry) PersonExists(ctx context.Context, personID string) (bool, error) {
	return r.exists(ctx, `SELECT 1 FROM persons WHERE person_id = $1`, personID)
}

func (r *Registry) exists(ctx context.Context, q, key string) (bool, error) {
	var one int
	err := r.db.R.QueryRowContext(ctx, q, key).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// DemoSubjects picks the records the demonstration accounts are scoped
// to.
func (r *Registry) DemoSubjects(ctx context.Context) (auth.DemoSubjects, error) {
	d, err := r.db.FindDemoSubjects(ctx)
	return auth.DemoSubjects{TaxCode: d.TaxCode, Commune: d.Commune, PersonID: d.PersonID, PersonCommune: d.PersonCommune,
		AgentCommune: d.AgentCommune, PersonName: d.PersonName}, err
}
