package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"ansinh/auth"
)

// auditPage is the audit log, newest first, filtered by actor, action or
// object.
type auditPage struct {
	Page
	Actor, Action, Object string
	Entries               []auth.AuditEntry
	NextURL               string
	FirstURL              string
	ExportURL             string
}

// showAudit shows a page of the audit log.
func (s *Server) showAudit(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	pg := &auditPage{Page: s.page(w, r, "audit.title"), Actor: strings.TrimSpace(q.Get("actor")),
		Action: strings.TrimSpace(q.Get("action")), Object: strings.TrimSpace(q.Get("object"))}
	before, _ := strconv.ParseInt(q.Get("before"), 10, 64)
	pg.ExportURL = exportURL(r.URL)
	f := auth.AuditFilter{Actor: pg.Actor, Action: pg.Action, Object: pg.Object, Before: before, Limit: 50}
	if wantsXLSX(r) {
		f.Before, f.Limit = 0, exportLimit
	}
	entries, more, err := s.accounts.ListAudit(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if wantsXLSX(r) {
		sh := sheet{Name: "audit.title", Columns: []string{"audit.at", "audit.actor", "audit.action", "audit.object", "audit.detail"}}
		for _, e := range entries {
			sh.add(e.At, e.Actor, e.Action, e.Object, e.Detail)
		}
		s.writeXLSX(w, r, "nhat-ky", sh)
		return
	}
	pg.Entries = entries
	v := url.Values{}
	for k, val := range map[string]string{"actor": pg.Actor, "action": pg.Action, "object": pg.Object} {
		if val != "" {
			v.Set(k, val)
		}
	}
	if before > 0 {
		pg.FirstURL = "/audit?" + v.Encode()
	}
	if more {
		v.Set("before", strconv.FormatInt(entries[len(entries)-1].ID, 10))
		pg.NextURL = "/audit?" + v.Encode()
	}
	s.render(w, r, http.StatusOK, "audit", pg)
}
