package web

import (
	"net/http"
	"strconv"

	"ansinh"
	"ansinh/auth"
)

// changeUserStatus enables or disables an account (not one's own).
func (s *Server) changeUserStatus(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, auth.ErrNotFound)
		return
	}
	status := r.PostFormValue("status")
	if status != auth.UserActive && status != auth.UserDisabled {
		s.fail(w, r, ansinh.Invalid("status", "Trạng thái không hợp lệ.", "Unknown status."))
		return
	}
	p := auth.From(ctx)
	if id == p.UserID {
		s.fail(w, r, ansinh.Invalid("status", "Không thể tự khoá tài khoản của mình.", "You cannot disable your own account."))
		return
	}
	if err := s.accounts.SetUserStatus(ctx, id, status, p.Actor()); err != nil {
		s.fail(w, r, err)
		return
	}
	redirect(w, r, "/users?done=1")
}
