package web

import (
	"net/http"

	"ansinh/auth"
)

// uploadPartnerFeed imports a partner's feed of a kind its scope lists.
func (s *Server) uploadPartnerFeed(w http.ResponseWriter, r *http.Request) {
	p := auth.From(r.Context())
	s.upload(w, r, p.Scope, p.Actor())
}
