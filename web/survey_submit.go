package web

import (
	"net/http"
	"strconv"
	"strings"

	"ansinh"
	"ansinh/auth"
)

// maxComment bounds a survey's comment, in bytes.
const maxComment = 2000

// submitSurvey records the caller's answer to a procedure's survey.
func (s *Server) submitSurvey(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := auth.From(ctx)
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, ansinh.ErrNotFound)
		return
	}
	score, _ := strconv.Atoi(r.PostFormValue("score"))
	comment := strings.TrimSpace(r.PostFormValue("comment"))
	if len(comment) > maxComment {
		comment = comment[:maxComment]
	}
	err = s.reg.AnswerSurvey(ctx, id, p.UserID, score, comment, s.now(), p.Actor())
	if code := ansinh.ErrorCode(err); code == ansinh.EINVALID || code == ansinh.ECONFLICT {
		proc, ferr := s.reg.FindProcedure(ctx, id, p.UserID)
		if ferr != nil {
			s.fail(w, r, ferr)
			return
		}
		pg := &surveyPage{Page: s.page(w, r, "survey.title"), Procedure: proc, Scores: []int{5, 4, 3, 2, 1}, Score: score, Comment: comment}
		pg.Error = ansinh.ErrorMessage(err, pg.Lang)
		s.render(w, r, auth.HTTPStatus(err), "survey", pg)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	redirect(w, r, "/procedures/"+strconv.FormatInt(id, 10)+"/survey?thanks=1")
}
