package web

import (
	"errors"
	"net/http"

	"ansinh"
	"ansinh/auth"
	"ansinh/registry"
)

// submitAgentEnrolment enrols a resident of the agent's communes in
// voluntary social insurance (channel agent), or quotes it.
func (s *Server) submitAgentEnrolment(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := auth.From(ctx)
	pg, err := s.agentPage(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg.Form = readVoluntaryForm(r)
	scope, err := s.scoper.Scope(ctx, p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	person, err := s.reg.FindPerson(ctx, pg.Form.PersonID, scope)
	switch {
	case errors.Is(err, registry.ErrNotFound):
		pg.Errors["person_id"] = translate(pg.Lang, "agent.err.person")
	case err != nil:
		s.fail(w, r, err)
		return
	}
	if len(pg.Errors) == 0 {
		pg.Choice, err = s.checkVoluntary(ctx, pg.Form, person.PersonID, pg.Lang, pg.Errors)
		if err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if len(pg.Errors) > 0 || r.PostFormValue("action") != "enrol" {
		status := http.StatusOK
		if len(pg.Errors) > 0 {
			status = http.StatusBadRequest
		}
		s.render(w, r, status, "agent", pg)
		return
	}
	spell := pg.Choice.Spell
	spell.AgentCode = p.Login
	_, err = s.reg.EnrolVoluntary(ctx, registry.Enrolment{VoluntarySpell: spell, Channel: registry.ChannelAgent, UserID: p.UserID, Actor: p.Actor()})
	if ansinh.ErrorCode(err) == ansinh.ECONFLICT {
		pg.Error = ansinh.ErrorMessage(err, pg.Lang)
		s.render(w, r, http.StatusConflict, "agent", pg)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	redirect(w, r, "/agent?done=1")
}
