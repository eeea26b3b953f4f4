package web

import (
	"net/http"
	"strconv"
	"strings"

	"ansinh"
	"ansinh/auth"
	"ansinh/compliance"
)

// assignCase assigns a case to an inspector, or unassigns it (an empty
// login); the store audits the change.
func (s *Server) assignCase(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	d, err := s.visibleCase(ctx, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.comp.AssignCase(ctx, d.ID, strings.TrimSpace(r.PostFormValue("inspector")), auth.From(ctx).Actor()); err != nil {
		s.caseFormError(w, r, err)
		return
	}
	redirect(w, r, "/cases/"+d.ID+"?done=assign")
}

// moveCase moves a case to another status (forward only; resolving needs
// the result), with an optional note; the store audits it.
func (s *Server) moveCase(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := auth.From(ctx)
	d, err := s.visibleCase(ctx, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !mayWorkCase(p, d.Case) {
		s.fail(w, r, compliance.ErrCaseNotFound)
		return
	}
	to := compliance.Status(r.PostFormValue("status"))
	if err := s.comp.TransitionCase(ctx, d.ID, to, p.Actor(), r.PostFormValue("note")); err != nil {
		s.caseFormError(w, r, err)
		return
	}
	redirect(w, r, "/cases/"+d.ID+"?done=status")
}

// recordCaseResult records (or corrects) the result of a case not yet
// resolved: workers registered, amount recovered, fine, or closed without
// action; resolving it follows with moveCase. The store audits it.
func (s *Server) recordCaseResult(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := auth.From(ctx)
	d, err := s.visibleCase(ctx, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !mayWorkCase(p, d.Case) {
		s.fail(w, r, compliance.ErrCaseNotFound)
		return
	}
	form := resultForm{Workers: r.PostFormValue("workers_registered"), Recovered: r.PostFormValue("amount_recovered"),
		Fine: r.PostFormValue("fine"), Note: strings.TrimSpace(r.PostFormValue("note")), NoAction: r.PostFormValue("closed_without_action") != ""}
	var res compliance.CaseResult
	var bad *ansinh.Error
	if strings.TrimSpace(form.Workers) != "" {
		n, err := strconv.Atoi(strings.TrimSpace(form.Workers))
		if err != nil || n < 0 {
			bad = ansinh.Invalid("workers_registered", "Số lao động phải là số nguyên không âm.", "The number of workers must be a whole number, 0 or more.")
		}
		res.WorkersRegistered = n
	}
	var ok bool
	if res.AmountRecovered, ok = parseMoneyField(form.Recovered); !ok && bad == nil {
		bad = ansinh.Invalid("amount_recovered", "Số tiền thu hồi phải là số đồng.", "The amount recovered must be a number of đồng.")
	}
	if res.Fine, ok = parseMoneyField(form.Fine); !ok && bad == nil {
		bad = ansinh.Invalid("fine", "Số tiền phạt phải là số đồng.", "The fine must be a number of đồng.")
	}
	res.ClosedWithoutAction, res.Note = form.NoAction, form.Note
	if bad == nil {
		if err := s.comp.RecordCaseResult(ctx, d.ID, res, p.Actor()); err != nil {
			s.caseFormErrorWith(w, r, err, form)
			return
		}
		redirect(w, r, "/cases/"+d.ID+"?done=result")
		return
	}
	s.caseFormErrorWith(w, r, bad, form)
}

// caseFormError shows the case page again with the error of an action
// (a refused transition, an unknown inspector), or the error page for
// anything else.
func (s *Server) caseFormError(w http.ResponseWriter, r *http.Request, err error) {
	s.caseFormErrorWith(w, r, err, resultForm{})
}

func (s *Server) caseFormErrorWith(w http.ResponseWriter, r *http.Request, err error, form resultForm) {
	code := ansinh.ErrorCode(err)
	if code != ansinh.EINVALID && code != ansinh.ECONFLICT {
		s.fail(w, r, err)
		return
	}
	pg, perr := s.casePage(w, r)
	if perr != nil {
		s.fail(w, r, perr)
		return
	}
	if form != (resultForm{}) {
		pg.Result = form
	}
	pg.Error = ansinh.ErrorMessage(err, pg.Lang)
	pg.SwitchURL = "/cases/" + pg.Case.ID + "?lang=" + pg.OtherLang
	var e *ansinh.Error
	if ae, ok := err.(*ansinh.Error); ok {
		e = ae
	}
	if e != nil && e.Field != "" {
		pg.Errors[e.Field] = pg.Error
	}
	s.render(w, r, auth.HTTPStatus(err), "case", pg)
}
