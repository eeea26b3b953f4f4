package web

import (
	"net/http"
	"strconv"

	"ansinh"
	"ansinh/auth"
	"ansinh/registry"
)

// submitVoluntary quotes the enrolment (action "quote") or enrols the
// citizen (action "enrol").
func (s *Server) submitVoluntary(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := auth.From(ctx)
	pg, err := s.voluntaryPage(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg.Form = readVoluntaryForm(r)
	pg.Choice, err = s.checkVoluntary(ctx, pg.Form, p.ScopeValue(), pg.Lang, pg.Errors)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(pg.Errors) > 0 || r.PostFormValue("action") != "enrol" {
		status := http.StatusOK
		if len(pg.Errors) > 0 {
			status = http.StatusBadRequest
		}
		s.render(w, r, status, "voluntary", pg)
		return
	}
	proc, err := s.reg.EnrolVoluntary(ctx, registry.Enrolment{VoluntarySpell: pg.Choice.Spell, Channel: registry.ChannelOnline,
		UserID: p.UserID, Actor: p.Actor()})
	if ansinh.ErrorCode(err) == ansinh.ECONFLICT {
		pg.Error = ansinh.ErrorMessage(err, pg.Lang)
		s.render(w, r, http.StatusConflict, "voluntary", pg)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	redirect(w, r, "/me/voluntary?done="+strconv.FormatInt(proc, 10))
}
