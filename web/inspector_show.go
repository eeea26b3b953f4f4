package web

import "net/http"

// showInspector is the inspector's first page: the inspection cases
// assigned to it, the least advanced first.
func (s *Server) showInspector(w http.ResponseWriter, r *http.Request) {
	s.renderCases(w, r, "inspector.title", "/inspector")
}
