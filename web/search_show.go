package web

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

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

// showSearch shows the search form and a page of results.
func (s *Server) showSearch(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := auth.From(ctx)
	q := r.URL.Query()
	pg := &searchPage{Page: s.page(w, r, "search.title"), Query: strings.TrimSpace(q.Get("q")), Kinds: searchKinds(p)}
	pg.Kind = q.Get("kind")
	if !slices.Contains(pg.Kinds, pg.Kind) {
		pg.Kind = pg.Kinds[0]
	}
	if pg.Query == "" {
		s.render(w, r, http.StatusOK, "search", pg)
		return
	}
	digits := digitsOnly(pg.Query)
	if (digits != "" && len(digits) < 3) || (digits == "" && utf8.RuneCountInString(pg.Query) < 2) {
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
	xlsx := wantsXLSX(r)
	limit := 20
	if xlsx {
		limit = searchExportLimit
	}
	base := url.Values{"q": {pg.Query}, "kind": {pg.Kind}}
	if pg.Kind == "persons" {
		pq := registry.PersonQuery{Digits: digits, Limit: limit}
		if digits == "" {
			pq.Name = pg.Query
		}
		paged := false
		if a := q.Get("after"); a != "" && !xlsx {
			if raw, err := base64.RawURLEncoding.DecodeString(a); err == nil {
				pq.AfterName, pq.AfterID, _ = strings.Cut(string(raw), "\x00")
				paged = true
			}
		}
		hits, more, err := s.reg.SearchPersons(ctx, pq, scope)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		codes := make([]string, len(hits))
		for i, h := range hits {
			codes[i] = h.CommuneCode
		}
		names, err := s.unitNames(ctx, codes)
		if err != nil {
			s.fail(w, r, err)
			return
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
			pg.FirstURL = "/search?" + base.Encode()
		}
	} else {
		offset, _ := strconv.Atoi(q.Get("offset"))
		offset = max(offset, 0)
		if xlsx {
			offset = 0
		}
		eq := registry.EmployerQuery{Digits: digits, Offset: offset, Limit: limit}
		if digits == "" {
			eq.NameParts = uniq(pg.Query, capitalFirst(pg.Query), titleCase(pg.Query))
		}
		hits, more, err := s.reg.SearchEmployers(ctx, eq, scope)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		pg.Employers = hits
		if more {
			v := url.Values{"q": {pg.Query}, "kind": {pg.Kind}, "offset": {strconv.Itoa(offset + 20)}}
			pg.NextURL = "/search?" + v.Encode()
		}
		if offset > 0 {
			pg.FirstURL = "/search?" + base.Encode()
		}
	}
	action := "registry.search"
	if xlsx {
		action = "registry.export"
	}
	if err := auth.Audit(ctx, s.db, action, "search:"+pg.Kind, pg.Query); err != nil {
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
