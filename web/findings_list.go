package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"ansinh/auth"
	"ansinh/compliance"
	"ansinh/registry"
)

// findingsPage lists the compliance findings the caller may see, highest
// score first, filtered by kind, commune and state.
type findingsPage struct {
	Page
	Kind, Commune, State string
	Kinds                []compliance.Kind
	Communes             []registry.Unit
	Counts               map[compliance.Kind]int
	Findings             []compliance.Finding
	NextURL, PrevURL     string
	ExportURL            string
	// Links is true when the caller may open the employers and cases the
	// findings name (not a data partner).
	Links bool
}

// findingStates are the states the list may show.
var findingStates = []string{"open", "cleared", "all"}

// showFindings shows a page of findings (or all of them as XLSX). The read
// is audited: per-worker findings name persons.
func (s *Server) showFindings(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	cs, err := s.complianceScope(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	pg := &findingsPage{Page: s.page(w, r, "findings.title"), Kind: q.Get("kind"), Commune: q.Get("commune"), State: q.Get("state"),
		Kinds: compliance.Kinds(), ExportURL: exportURL(r.URL), Links: cs.Feeds == nil}
	f := compliance.FindingFilter{Scope: cs.Scope, Inspector: cs.Inspector, Feeds: cs.Feeds, Limit: pageSize}
	if k := compliance.Kind(pg.Kind); k.Valid() {
		f.Kinds = []compliance.Kind{k}
	} else {
		pg.Kind = ""
	}
	if !containsString(findingStates, pg.State) {
		pg.State = "open"
	}
	f.State = pg.State
	if pg.Communes, err = s.communeChoices(ctx, cs.Scope); err != nil {
		s.fail(w, r, err)
		return
	}
	if pg.Commune != "" {
		if !containsUnit(pg.Communes, pg.Commune) {
			pg.Commune = ""
		} else {
			f.Communes = []string{pg.Commune}
		}
	}
	offset, _ := strconv.Atoi(q.Get("offset"))
	f.Offset = max(offset, 0)
	xlsx := wantsXLSX(r)
	if xlsx {
		f.Offset, f.Limit = 0, exportLimit
	}
	var more bool
	if pg.Findings, more, err = s.comp.ListFindings(ctx, f); err != nil {
		s.fail(w, r, err)
		return
	}
	action := "findings.read"
	if xlsx {
		action = "findings.export"
	}
	if err := auth.Audit(ctx, s.accounts, action, "findings", filterDetail(url.Values{"kind": {pg.Kind}, "commune": {pg.Commune},
		"state": {pg.State}, "offset": {strconv.Itoa(f.Offset)}})); err != nil {
		s.fail(w, r, err)
		return
	}
	if xlsx {
		s.writeXLSX(w, r, "phat-hien", findingsSheet(pg.Findings, pg.Lang))
		return
	}
	if cs.Inspector == "" && cs.Feeds == nil {
		if pg.Counts, err = s.comp.FindingCounts(ctx, cs.Scope); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	pg.NextURL, pg.PrevURL = pagerURLs(r.URL, f.Offset, pageSize, more)
	s.render(w, r, http.StatusOK, "findings", pg)
}

// filterDetail writes a list's filters for the audit log ("k=v k=v"),
// leaving out empty ones.
func filterDetail(v url.Values) string {
	var parts []string
	for _, k := range []string{"kind", "commune", "state", "status", "inspector", "bucket", "offset"} {
		if x := v.Get(k); x != "" && x != "0" {
			parts = append(parts, k+"="+x)
		}
	}
	return strings.Join(parts, " ")
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func containsUnit(units []registry.Unit, code string) bool {
	for _, u := range units {
		if u.Code == code {
			return true
		}
	}
	return false
}
