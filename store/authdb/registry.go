package authdb

import (
	"context"

	"ansinh"
	"ansinh/auth"
	"ansinh/store"
)

// Registry answers auth's questions of the registry (auth.Registry) with
// the store core's registry reads, until the registry domain has its
// service; then cmd wires that service instead.
type Registry struct {
	db *store.DB
}

// NewRegistry returns auth's view of the registry over db.
func NewRegistry(db *store.DB) *Registry { return &Registry{db: db} }

var _ auth.Registry = (*Registry)(nil)

// UnitLevel returns the level of the unit with the code on the day.
func (r *Registry) UnitLevel(ctx context.Context, code string, day ansinh.Date) (string, error) {
	u, err := r.db.FindUnit(ctx, code, day)
	if err != nil {
		return "", notFound(err)
	}
	return u.Level, nil
}

// EmployerExists reports whether the employer is registered.
func (r *Registry) EmployerExists(ctx context.Context, taxCode string) (bool, error) {
	_, err := r.db.FindEmployer(ctx, taxCode, ansinh.Scope{All: true})
	return exists(err)
}

// PersonExists reports whether the person is in the registry.
func (r *Registry) PersonExists(ctx context.Context, personID string) (bool, error) {
	_, err := r.db.FindPerson(ctx, personID, ansinh.Scope{All: true})
	return exists(err)
}

func exists(err error) (bool, error) {
	if ansinh.ErrorCode(err) == ansinh.ENOTFOUND {
		return false, nil
	}
	return err == nil, err
}

// DemoSubjects picks the records the demonstration accounts are scoped
// to.
func (r *Registry) DemoSubjects(ctx context.Context) (auth.DemoSubjects, error) {
	d, err := r.db.FindDemoSubjects(ctx)
	return auth.DemoSubjects{TaxCode: d.TaxCode, Commune: d.Commune, PersonID: d.PersonID, PersonCommune: d.PersonCommune}, err
}
