package web

import (
	"net/http"
	"strconv"

	"ansinh/auth"
	"ansinh/registry"
)

// usersPage lists the accounts and the employers' registrations waiting
// for a decision.
type usersPage struct {
	Page
	Users         []auth.User
	Registrations []registry.Registration
	NextURL       string
	PrevURL       string
	Roles         []auth.Role
	Role          string
	ExportURL     string
}

// showUsers shows the accounts, by login, a page at a time.
func (s *Server) showUsers(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	offset, _ := strconv.Atoi(q.Get("offset"))
	offset = max(offset, 0)
	pg := &usersPage{Page: s.page(w, r, "users.title"), Roles: auth.Roles, Role: q.Get("role")}
	if _, ok := auth.ParseRole(pg.Role); !ok {
		pg.Role = ""
	}
	pg.ExportURL = exportURL(r.URL)
	uf := auth.UserFilter{Role: pg.Role, Offset: offset, Limit: pageSize}
	if wantsXLSX(r) {
		uf.Offset, uf.Limit = 0, exportLimit
	}
	users, more, err := s.accounts.ListUsers(ctx, uf)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if wantsXLSX(r) {
		sh := sheet{Name: "users.accounts", Columns: []string{"login.login", "users.name", "users.role", "users.scope", "declaration.status", "users.created"}}
		for _, u := range users {
			sh.add(u.Login, u.DisplayName, label(pg.Lang, "role", u.Role), u.Scope, label(pg.Lang, "status", u.Status), u.CreatedAt)
		}
		s.writeXLSX(w, r, "tai-khoan", sh)
		return
	}
	pg.Users = users
	pg.NextURL, pg.PrevURL = pagerURLs(r.URL, offset, pageSize, more)
	if pg.Registrations, err = s.reg.ListRegistrations(ctx, "pending", 50); err != nil {
		s.fail(w, r, err)
		return
	}
	if f := q.Get("done"); f != "" {
		pg.Flash = translate(pg.Lang, "users.done")
	}
	s.render(w, r, http.StatusOK, "users", pg)
}
