package registry

import (
	"context"
	"slices"
	"strings"

	"ansinh"
)

// SearchPersons returns a page of the persons the query finds within the
// scope, and whether more follow. A name is searched by its search key
// (SearchKey): without diacritics, in either Unicode form or tone-mark
// placement, by prefix; the page comes in the order of the keys.
func (s *Service) SearchPersons(ctx context.Context, q PersonQuery, scope ansinh.Scope) ([]PersonHit, bool, error) {
	kq := KeyQuery{Digits: Clean(q.Digits), KeyPrefix: SearchKey(q.Name), AfterID: q.AfterID, Limit: q.Limit}
	if q.AfterName != "" || q.AfterID != "" {
		kq.AfterKey = SearchKey(q.AfterName)
	}
	if kq.Limit <= 0 {
		kq.Limit = 20
	}
	if kq.Digits == "" && kq.KeyPrefix == "" {
		return nil, false, nil
	}
	return s.store.SearchPersons(ctx, kq, scope)
}

// employerSearchCap bounds the employers a name search sorts: more matches
// than this are cut (the search should be narrowed).
const employerSearchCap = 5000

// SearchEmployers returns a page of the employers the query finds within
// the scope, in Vietnamese order of their names, and whether more follow.
func (s *Service) SearchEmployers(ctx context.Context, q EmployerQuery, scope ansinh.Scope) ([]EmployerHit, bool, error) {
	q.Digits = Clean(q.Digits)
	for i, p := range q.NameParts {
		q.NameParts[i] = Clean(p)
	}
	if q.Digits == "" && len(q.NameParts) == 0 {
		return nil, false, nil
	}
	all, err := s.store.SearchEmployers(ctx, q, scope, employerSearchCap)
	if err != nil {
		return nil, false, err
	}
	slices.SortStableFunc(all, func(a, b EmployerHit) int {
		if c := Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.TaxCode, b.TaxCode)
	})
	page, more := pageOf(all, q.Offset, q.Limit, 20)
	return page, more, nil
}
