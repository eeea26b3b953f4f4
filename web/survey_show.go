package web

import (
	"net/http"
	"strconv"

	"ansinh"
	"ansinh/auth"
	"ansinh/registry"
)

// surveyPage is the satisfaction survey of one completed procedure.
type surveyPage struct {
	Page
	Procedure registry.Procedure
	Scores    []int
	Score     int
	Comment   string
	Thanks    bool
}

// showSurvey shows the survey of one of the caller's procedures.
func (s *Server) showSurvey(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, ansinh.ErrNotFound)
		return
	}
	proc, err := s.reg.FindProcedure(ctx, id, auth.From(ctx).UserID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg := &surveyPage{Page: s.page(w, r, "survey.title"), Procedure: proc, Scores: []int{5, 4, 3, 2, 1},
		Score: proc.Score, Comment: proc.Comment, Thanks: r.URL.Query().Get("thanks") != ""}
	s.render(w, r, http.StatusOK, "survey", pg)
}
