package registry

import (
	"bytes"
	"context"
	"slices"
	"strings"

	"ansinh"
	"ansinh/rules"
)

// Service is the registry as the web console, the API and the command line
// use it.
type Service struct {
	store Store
	rules *rules.Params
}

// New returns the registry over the store, with the legal parameters that
// set the wage floor of a month (nil: the embedded ones).
func New(st Store, p *rules.Params) *Service {
	if p == nil {
		p = rules.Default()
	}
	return &Service{store: st, rules: p}
}

// FindUnit returns the version of the unit with the code valid on the day,
// or its latest version when none is valid on the day; ErrNotFound when the
// code is unknown.
func (s *Service) FindUnit(ctx context.Context, code string, day ansinh.Date) (Unit, error) {
	return s.store.FindUnit(ctx, Clean(code), day)
}

// CommunesUnder returns the codes of the communes in the unit with the code
// (the unit itself when it is a commune), in the administrative structure
// of the day, or of the last day the unit existed when it was abolished
// before it.
func (s *Service) CommunesUnder(ctx context.Context, code string, day ansinh.Date) ([]string, error) {
	return s.store.CommunesUnder(ctx, Clean(code), day)
}

// UnitNames returns the names of the units with the codes, as of the day
// (or their latest names).
func (s *Service) UnitNames(ctx context.Context, codes []string, day ansinh.Date) (map[string]string, error) {
	return s.store.UnitNames(ctx, codes, day)
}

// Communes returns the communes valid on the day, in Vietnamese order of
// their names.
func (s *Service) Communes(ctx context.Context, day ansinh.Date) ([]Unit, error) {
	out, err := s.store.Communes(ctx, day)
	slices.SortStableFunc(out, func(a, b Unit) int {
		if c := Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.Code, b.Code)
	})
	return out, err
}

// FindPerson returns the person with the ID if the scope sees them, or
// ErrNotFound.
func (s *Service) FindPerson(ctx context.Context, id string, scope ansinh.Scope) (Person, error) {
	return s.store.FindPerson(ctx, Clean(id), scope)
}

// PersonRecord returns the person with the ID and their participation if the
// scope sees them, or ErrNotFound.
func (s *Service) PersonRecord(ctx context.Context, id string, scope ansinh.Scope) (PersonRecord, error) {
	p, err := s.FindPerson(ctx, id, scope)
	if err != nil {
		return PersonRecord{}, err
	}
	r := PersonRecord{Person: p}
	if r.Household, err = s.store.Household(ctx, p.PersonID); err != nil {
		return r, err
	}
	if r.Spells, err = s.store.PersonSpells(ctx, p.PersonID); err != nil {
		return r, err
	}
	if r.Voluntary, err = s.store.PersonVoluntary(ctx, p.PersonID); err != nil {
		return r, err
	}
	r.Benefits, err = s.store.PersonBenefits(ctx, p.PersonID)
	return r, err
}

// PersonSpells returns a person's employment spells, latest first. The
// caller has checked that the person is in scope.
func (s *Service) PersonSpells(ctx context.Context, id string) ([]Spell, error) {
	return s.store.PersonSpells(ctx, Clean(id))
}

// PersonVoluntary returns a person's voluntary enrolments, latest first.
// The caller has checked that the person is in scope.
func (s *Service) PersonVoluntary(ctx context.Context, id string) ([]VoluntarySpell, error) {
	return s.store.PersonVoluntary(ctx, Clean(id))
}

// FindEmployer returns the employer with the tax code if the scope sees it,
// or ErrNotFound.
func (s *Service) FindEmployer(ctx context.Context, tax string, scope ansinh.Scope) (Employer, error) {
	return s.store.FindEmployer(ctx, Clean(tax), scope)
}

// EmployerWorkers returns a page of the spells of the employer open at the
// month (its current workers) in Vietnamese order of their names, the
// number of them, and whether more follow. The employer must be in scope,
// or ErrNotFound.
func (s *Service) EmployerWorkers(ctx context.Context, tax string, scope ansinh.Scope, q WorkerQuery) ([]Spell, int, bool, error) {
	e, err := s.FindEmployer(ctx, tax, scope)
	if err != nil {
		return nil, 0, false, err
	}
	all, err := s.store.OpenSpells(ctx, e.TaxCode, q.At)
	if err != nil {
		return nil, 0, false, err
	}
	SortSpells(all)
	page, more := pageOf(all, q.Offset, q.Limit, 50)
	return page, len(all), more, nil
}

// SortSpells sorts spells in Vietnamese order of the workers' names, then
// by personal ID and start month. Each name's collation key is computed
// once, so that an employer of tens of thousands of workers sorts fast.
func SortSpells(spells []Spell) {
	keys := collationKeys(len(spells), func(i int) string { return spells[i].FullName })
	idx := make([]int, len(spells))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		if c := bytes.Compare(keys[a], keys[b]); c != 0 {
			return c
		}
		if c := strings.Compare(spells[a].PersonID, spells[b].PersonID); c != 0 {
			return c
		}
		return int(spells[a].Start - spells[b].Start)
	})
	sorted := make([]Spell, len(spells))
	for i, j := range idx {
		sorted[i] = spells[j]
	}
	copy(spells, sorted)
}

// pageOf returns the page of list at offset (limit 0: def) and whether more
// follow.
func pageOf[T any](list []T, offset, limit, def int) ([]T, bool) {
	if limit <= 0 {
		limit = def
	}
	offset = min(max(offset, 0), len(list))
	end := min(offset+limit, len(list))
	return list[offset:end], end < len(list)
}

// EmployerSpells returns a page of all the spells of the employer, latest
// start first, and whether more follow. The employer must be in scope, or
// ErrNotFound.
func (s *Service) EmployerSpells(ctx context.Context, tax string, scope ansinh.Scope, q WorkerQuery) ([]Spell, bool, error) {
	e, err := s.FindEmployer(ctx, tax, scope)
	if err != nil {
		return nil, false, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	return s.store.EmployerSpells(ctx, e.TaxCode, max(q.Offset, 0), limit)
}

// EmployerWages returns the wages of the employer's spells open at the
// month, for the employer's own contribution estimate. The caller has
// checked the employer's scope.
func (s *Service) EmployerWages(ctx context.Context, tax string, at ansinh.Period) ([]ansinh.Money, error) {
	return s.store.EmployerWages(ctx, Clean(tax), at)
}

// DeclarationsOf returns a page of an employer's declarations, latest first,
// and whether more follow. The caller has checked the employer's scope.
func (s *Service) DeclarationsOf(ctx context.Context, tax string, offset, limit int) ([]Declaration, bool, error) {
	if limit <= 0 {
		limit = 20
	}
	return s.store.DeclarationsOf(ctx, Clean(tax), max(offset, 0), limit)
}

// FindDeclaration returns the declaration with the id and its lines if its
// employer is in scope, or ErrNotFound.
func (s *Service) FindDeclaration(ctx context.Context, id int64, scope ansinh.Scope) (Declaration, error) {
	return s.store.FindDeclaration(ctx, id, scope)
}
