package web

import (
	"context"
	"encoding/base64"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"ansinh"
	"ansinh/auth"
	"ansinh/registry"
)

// searchPage is the registry search: persons by ID or name, employers by
// tax code or name, within the caller's scope.
type searchPage struct {
	Page
	Query     string
	Kind      string // persons, employers
	Kinds     []string
	Persons   []personHit
	Employers []registry.EmployerHit
	Searched  bool
	TooShort  bool
	NextURL   string
	FirstURL  string
	ExportURL string
}

// personHit is a person found, with the commune's name.
type personHit struct {
	registry.PersonHit
	CommuneName string
}

// searchKinds returns what a role may search.
func searchKinds(p *auth.Principal) []string {
	switch {
	case p.Is(auth.Agent):
		return []string{"persons"}
	case p.Is(auth.Inspector):
		return []string{"employers"}
	}
	return []string{"persons", "employers"}
}

// searchRequest is what a search asks for, read from its URL.
type searchRequest struct {
	query  url.Values // the request's query string
	digits string     // the search text's digits, when it is a number
	limit  int        // the results a page (or an export) holds
	xlsx   bool       // the results are exported as a spreadsheet
	base   url.Values // the first page's query string
}

// showSearch shows the search form and a page of results.
func (s *Server) showSearch(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	pg := &searchPage{Page: s.page(w, r, "search.title"), Query: strings.TrimSpace(q.Get("q")), Kinds: searchKinds(auth.From(ctx))}
	pg.Kind = q.Get("kind")
	if !slices.Contains(pg.Kinds, pg.Kind) {
		pg.Kind = pg.Kinds[0]
	}
	if pg.Query == "" {
		s.render(w, r, http.StatusOK, "search", pg)
		return
	}
	digits := digitsOnly(pg.Query)
	if searchTooShort(pg.Query, digits) {
		pg.TooShort = true
		s.render(w, r, http.StatusOK, "search", pg)
		return
	}
	scope, err := s.scope(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg.Searched = true
	pg.ExportURL = exportURL(r.URL)
	req := searchRequest{query: q, digits: digits, limit: 20, xlsx: wantsXLSX(r),
		base: url.Values{"q": {pg.Query}, "kind": {pg.Kind}}}
	if req.xlsx {
		req.limit = searchExportLimit
	}
	if pg.Kind == "persons" {
		err = s.searchPersons(ctx, pg, req, scope)
	} else {
		err = s.searchEmployers(ctx, pg, req, scope)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.showSearchResults(w, r, pg, req.xlsx)
}

// searchTooShort reports a search text too short to search for: a number
// of fewer than 3 digits, or a name of fewer than 2 letters.
func searchTooShort(query, digits string) bool {
	return (digits != "" && len(digits) < 3) || (digits == "" && utf8.RuneCountInString(query) < 2)
}

// searchPersons fills pg with a page of the persons found, with their
// communes' names and the links to the next and first pages.
func (s *Server) searchPersons(ctx context.Context, pg *searchPage, req searchRequest, scope ansinh.Scope) error {
	pq := registry.PersonQuery{Digits: req.digits, Limit: req.limit}
	if req.digits == "" {
		pq.Name = pg.Query
	}
	paged := false
	if a := req.query.Get("after"); a != "" && !req.xlsx {
		if raw, err := base64.RawURLEncoding.DecodeString(a); err == nil {
			pq.AfterName, pq.AfterID, _ = strings.Cut(string(raw), "\x00")
			paged = true
		}
	}
	hits, more, err := s.reg.SearchPersons(ctx, pq, scope)
	if err != nil {
		return err
	}
	codes := make([]string, len(hits))
	for i, h := range hits {
		codes[i] = h.CommuneCode
	}
	names, err := s.unitNames(ctx, codes)
	if err != nil {
		return err
	}
	for _, h := range hits {
		pg.Persons = append(pg.Persons, personHit{PersonHit: h, CommuneName: names[h.CommuneCode]})
	}
	if more {
		last := hits[len(hits)-1]
		v := url.Values{"q": {pg.Query}, "kind": {pg.Kind},
			"after": {base64.RawURLEncoding.EncodeToString([]byte(last.FullName + "\x00" + last.PersonID))}}
		pg.NextURL = "/search?" + v.Encode()
	}
	if paged {
		pg.FirstURL = "/search?" + req.base.Encode()
	}
	return nil
}

// searchEmployers fills pg with a page of the employers found and the links
// to the next and first pages.
func (s *Server) searchEmployers(ctx context.Context, pg *searchPage, req searchRequest, scope ansinh.Scope) error {
	offset, _ := strconv.Atoi(req.query.Get("offset"))
	offset = max(offset, 0)
	if req.xlsx {
		offset = 0
	}
	eq := registry.EmployerQuery{Digits: req.digits, Offset: offset, Limit: req.limit}
	if req.digits == "" {
		eq.NameParts = uniq(pg.Query, capitalFirst(pg.Query), titleCase(pg.Query))
	}
	hits, more, err := s.reg.SearchEmployers(ctx, eq, scope)
	if err != nil {
		return err
	}
	pg.Employers = hits
	if more {
		v := url.Values{"q": {pg.Query}, "kind": {pg.Kind}, "offset": {strconv.Itoa(offset + 20)}}
		pg.NextURL = "/search?" + v.Encode()
	}
	if offset > 0 {
		pg.FirstURL = "/search?" + req.base.Encode()
	}
	return nil
}

// showSearchResults audits the search (or the export) and shows its
// results, or writes them as a spreadsheet.
func (s *Server) showSearchResults(w http.ResponseWriter, r *http.Request, pg *searchPage, xlsx bool) {
	action := "registry.search"
	if xlsx {
		action = "registry.export"
	}
	if err := auth.Audit(r.Context(), s.accounts, action, "search:"+pg.Kind, pg.Query); err != nil {
		s.fail(w, r, err)
		return
	}
	if xlsx {
		s.writeXLSX(w, r, "tra-cuu", searchSheet(pg))
		return
	}
	s.render(w, r, http.StatusOK, "search", pg)
}

// uniq returns the distinct strings, in order.
func uniq(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// searchExportLimit bounds the results a search exports.
const searchExportLimit = 10_000

// searchSheet is a search's results as a sheet.
func searchSheet(pg *searchPage) sheet {
	if pg.Kind == "persons" {
		sh := sheet{Name: "search.persons", Columns: []string{"person.id", "person.name", "person.birth_date", "person.sex", "person.commune"}}
		for _, p := range pg.Persons {
			sh.add(p.PersonID, p.FullName, p.BirthDate, label(pg.Lang, "sex", p.Sex), p.CommuneName)
		}
		return sh
	}
	sh := sheet{Name: "search.employers", Columns: []string{"employer.tax_code", "employer.name", "employer.kind", "unit.code"}}
	for _, e := range pg.Employers {
		sh.add(e.TaxCode, e.Name, label(pg.Lang, "ekind", e.Kind), e.CommuneCode)
	}
	return sh
}
