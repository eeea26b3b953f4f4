package registry

import (
	"bytes"
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
	sortEmployerHits(all)
	page, more := pageOf(all, q.Offset, q.Limit, 20)
	return page, more, nil
}

// sortEmployerHits sorts hits in Vietnamese order of their names, then by
// tax code, computing each name's collation key once (thousands of hits
// sort fast).
func sortEmployerHits(hits []EmployerHit) {
	keys := collationKeys(len(hits), func(i int) string { return hits[i].Name })
	idx := make([]int, len(hits))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		if c := bytes.Compare(keys[a], keys[b]); c != 0 {
			return c
		}
		return strings.Compare(hits[a].TaxCode, hits[b].TaxCode)
	})
	sorted := make([]EmployerHit, len(hits))
	for i, j := range idx {
		sorted[i] = hits[j]
	}
	copy(hits, sorted)
}
