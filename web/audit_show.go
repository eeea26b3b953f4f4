package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"ansinh/store"
)

// auditPage is the audit log, newest first, filtered by actor, action or
// object.
type auditPage struct {
	Page
	Actor, Action, Object string
	Entries               []store.AuditEntry
	NextURL               string
	FirstURL              string
}

// showAudit shows a page of the audit log.
func (s *Server) showAudit(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	pg := &auditPage{Page: s.page(w, r, "audit.title"), Actor: strings.TrimSpace(q.Get("actor")),
		Action: strings.TrimSpace(q.Get("action")), Object: strings.TrimSpace(q.Get("object"))}
	before, _ := strconv.ParseInt(q.Get("before"), 10, 64)
	entries, more, err := s.db.ListAudit(r.Context(), store.AuditFilter{Actor: pg.Actor, Action: pg.Action, Object: pg.Object,
		Before: before, Limit: 50})
	if err != nil {
		s.fail(w, r, err)
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
