package registry

import (
	"context"

	"ansinh"
)

// UnitLevel returns the level ("province", "commune", …) of the unit with
// the code, of its version valid on the day (FindUnit); ErrNotFound when
// the code is unknown.
func (s *Service) UnitLevel(ctx context.Context, code string, day ansinh.Date) (string, error) {
	u, err := s.FindUnit(ctx, code, day)
	return u.Level, err
}

// EmployerExists reports whether the employer with the tax code is
// registered.
func (s *Service) EmployerExists(ctx context.Context, taxCode string) (bool, error) {
	_, err := s.store.FindEmployer(ctx, Clean(taxCode), ansinh.Scope{All: true})
	return exists(err)
}

// PersonExists reports whether the person with the ID is in the registry.
func (s *Service) PersonExists(ctx context.Context, personID string) (bool, error) {
	_, err := s.store.FindPerson(ctx, Clean(personID), ansinh.Scope{All: true})
	return exists(err)
}

// exists turns the error of a lookup into whether the record exists.
func exists(err error) (bool, error) {
	if ansinh.ErrorCode(err) == ansinh.ENOTFOUND {
		return false, nil
	}
	return err == nil, err
}
