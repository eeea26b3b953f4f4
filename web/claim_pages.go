package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"ansinh"
	"ansinh/auth"
	"ansinh/benefits"
)

// benefitRoutes registers the claims and payroll pages; their rules are in
// auth.DefaultPolicy.
func (s *Server) benefitRoutes() {
	r := s.router
	r.HandleFunc("GET /me/claims", s.showMyClaims)
	r.HandleFunc("POST /me/claims", s.submitMyClaim)
	r.HandleFunc("GET /me/claims/{id}", s.showClaim)
	r.HandleFunc("GET /me/claims/{id}/decision", s.showClaimDecision)
	r.HandleFunc("GET /claims", s.showClaims)
	r.HandleFunc("POST /claims", s.submitCounterClaim)
	r.HandleFunc("GET /claims/{id}", s.showClaim)
	r.HandleFunc("GET /claims/{id}/decision", s.showClaimDecision)
	r.HandleFunc("POST /claims/{id}/check", s.checkClaim)
	r.HandleFunc("POST /claims/{id}/approve", s.approveClaim)
	r.HandleFunc("POST /claims/{id}/reject", s.rejectClaim)
	r.HandleFunc("GET /payroll", s.showPayroll)
	r.HandleFunc("POST /payroll", s.runPayroll)
}

// errNoBenefits answers the benefits pages of a server without them.
var errNoBenefits = &ansinh.Error{Code: ansinh.ENOTFOUND, Message: "Không tìm thấy.", MessageEN: "Not found."}

// benefitsActor returns the caller as a benefits actor.
func (s *Server) benefitsActor(ctx context.Context) (benefits.Actor, error) {
	if s.cfg.Benefits == nil {
		return benefits.Actor{}, errNoBenefits
	}
	p := auth.From(ctx)
	sc, err := s.scoper.Scope(ctx, p)
	if err != nil {
		return benefits.Actor{}, err
	}
	return benefits.Actor{Login: p.Actor(), Citizen: p.Is(auth.Citizen), Scope: sc}, nil
}

// myClaimsPage is the citizen's claims and the form to estimate and file
// one.
type myClaimsPage struct {
	Page
	Claims   []benefits.Claim
	Kinds    []benefits.Kind
	Form     claimForm
	Estimate *benefits.Assessment
	Errors   map[string]string
}

// claimForm is the claim form as typed.
type claimForm struct {
	Kind, Month string
	Poor        bool
}

// showMyClaims shows the citizen's claims and the claim form.
func (s *Server) showMyClaims(w http.ResponseWriter, r *http.Request) {
	pg, err := s.myClaimsPage(w, r, claimForm{Kind: string(benefits.KindPension)})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "my_claims", pg)
}

// myClaimsPage gathers the citizen's page.
func (s *Server) myClaimsPage(w http.ResponseWriter, r *http.Request, f claimForm) (*myClaimsPage, error) {
	by, err := s.benefitsActor(r.Context())
	if err != nil {
		return nil, err
	}
	pg := &myClaimsPage{Page: s.page(w, r, "claims.mine_title"), Kinds: benefits.Kinds, Form: f, Errors: map[string]string{}}
	pg.Claims, err = s.cfg.Benefits.Store.Claims(r.Context(), by.Scope, benefits.Filter{PersonID: by.Scope.PersonID})
	return pg, err
}

// submitMyClaim estimates (action=estimate) or files (action=file) the
// citizen's claim.
func (s *Server) submitMyClaim(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	f := claimForm{Kind: r.PostFormValue("kind"), Month: strings.TrimSpace(r.PostFormValue("month")), Poor: r.PostFormValue("poor") == "on"}
	pg, err := s.myClaimsPage(w, r, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	by, _ := s.benefitsActor(ctx)
	req, err := claimRequest(by.Scope.PersonID, f)
	if err == nil && r.PostFormValue("action") == "file" {
		var c benefits.Claim
		if c, err = s.cfg.Benefits.File(ctx, by, req); err == nil {
			redirect(w, r, fmt.Sprintf("/me/claims/%d?filed=1", c.ID))
			return
		}
	}
	if err == nil {
		var est benefits.Assessment
		if est, err = s.cfg.Benefits.Estimate(ctx, by.Scope, req); err == nil {
			pg.Estimate = &est
		}
	}
	if ansinh.ErrorCode(err) == ansinh.EINVALID {
		pg.Errors[fieldOf(err)] = ansinh.ErrorMessage(err, pg.Lang)
		pg.Error = translate(pg.Lang, "form.has_errors")
		s.render(w, r, http.StatusUnprocessableEntity, "my_claims", pg)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "my_claims", pg)
}

// fieldOf returns the field an error concerns ("form" when none).
func fieldOf(err error) string {
	if e, ok := err.(*ansinh.Error); ok && e.Field != "" {
		return e.Field
	}
	return "form"
}

// claimRequest reads the form into a request for the person.
func claimRequest(person string, f claimForm) (benefits.Request, error) {
	kind, err := benefits.ParseKind(f.Kind)
	if err != nil {
		return benefits.Request{}, err
	}
	req := benefits.Request{PersonID: person, Kind: kind, PoorOrNearPoor: f.Poor}
	if f.Month != "" {
		if req.Month, err = ansinh.ParsePeriod(f.Month); err != nil {
			return req, ansinh.Invalid("month", "Tháng phải có dạng YYYY-MM.", "The month must be YYYY-MM.")
		}
	}
	return req, nil
}

// claimsPage is the officers' queue and, for the officers who may file,
// the counter form.
type claimsPage struct {
	Page
	Claims   []benefits.Claim
	Status   string
	Statuses []benefits.Status
	Counter  bool // the officer may file at the counter
	Kinds    []benefits.Kind
	Form     counterForm
	Estimate *benefits.Assessment
	Errors   map[string]string
}

// counterForm is the counter form as typed: the claimant's identity from
// their papers and the claim.
type counterForm struct {
	claimForm
	PersonID, FullName, BirthDate string
}

// claimStatuses are the statuses of the queue's filter.
var claimStatuses = []benefits.Status{benefits.StatusSubmitted, benefits.StatusChecked, benefits.StatusApproved,
	benefits.StatusRejected, benefits.StatusInPayment, benefits.StatusStopped}

// showClaims shows the claims in the officer's scope (?status=) and the
// counter form.
func (s *Server) showClaims(w http.ResponseWriter, r *http.Request) {
	pg, err := s.claimsPage(w, r, r.URL.Query().Get("status"), counterForm{claimForm: claimForm{Kind: string(benefits.KindPension)}})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "claims", pg)
}

// claimsPage gathers the queue; the listing is audited.
func (s *Server) claimsPage(w http.ResponseWriter, r *http.Request, status string, f counterForm) (*claimsPage, error) {
	ctx := r.Context()
	by, err := s.benefitsActor(ctx)
	if err != nil {
		return nil, err
	}
	pg := &claimsPage{Page: s.page(w, r, "claims.title"), Status: status, Statuses: claimStatuses,
		Counter: s.policy["POST /claims"].Allows(auth.From(ctx).Role), Kinds: benefits.Kinds, Form: f, Errors: map[string]string{}}
	pg.Claims, err = s.cfg.Benefits.Store.Claims(ctx, by.Scope, benefits.Filter{Status: benefits.Status(pg.Status)})
	if err == nil {
		err = auth.Audit(ctx, s.accounts, "claim.list", "claims", pg.Status)
	}
	return pg, err
}

// submitCounterClaim estimates (action=estimate) or files (action=file) a
// claim for a claimant at the counter, once their identity matches the
// registry's.
func (s *Server) submitCounterClaim(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	f := counterForm{claimForm: claimForm{Kind: v("kind"), Month: v("month"), Poor: v("poor") == "on"},
		PersonID: v("person_id"), FullName: v("full_name"), BirthDate: v("birth_date")}
	pg, err := s.claimsPage(w, r, "", f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	by, _ := s.benefitsActor(ctx)
	req, id, err := counterRequest(f)
	if err == nil && r.PostFormValue("action") == "file" {
		var c benefits.Claim
		if c, err = s.cfg.Benefits.FileAtCounter(ctx, by, req, id); err == nil {
			redirect(w, r, fmt.Sprintf("/claims/%d?filed=1", c.ID))
			return
		}
	}
	if err == nil {
		var est benefits.Assessment
		if est, err = s.cfg.Benefits.EstimateAtCounter(ctx, by, req, id); err == nil {
			pg.Estimate = &est
			err = auth.Audit(ctx, s.accounts, "claim.estimate", "person:"+req.PersonID, "web counter "+string(req.Kind))
		}
	}
	switch ansinh.ErrorCode(err) {
	case "":
		s.render(w, r, http.StatusOK, "claims", pg)
	case ansinh.EINVALID:
		pg.Errors[fieldOf(err)] = ansinh.ErrorMessage(err, pg.Lang)
		pg.Error = translate(pg.Lang, "form.has_errors")
		s.render(w, r, http.StatusUnprocessableEntity, "claims", pg)
	case ansinh.ENOTFOUND:
		pg.Errors["person_id"] = translate(pg.Lang, "claims.counter_not_found")
		pg.Error = translate(pg.Lang, "form.has_errors")
		s.render(w, r, http.StatusUnprocessableEntity, "claims", pg)
	default:
		s.fail(w, r, err)
	}
}

// counterRequest reads the counter form into a request and the identity to
// check.
func counterRequest(f counterForm) (benefits.Request, benefits.Identity, error) {
	id := benefits.Identity{FullName: f.FullName}
	req, err := claimRequest(f.PersonID, f.claimForm)
	if err != nil {
		return req, id, err
	}
	if f.BirthDate != "" {
		if id.BirthDate, err = parseDate(f.BirthDate); err != nil {
			return req, id, ansinh.Invalid("birth_date", "Ngày sinh phải có dạng dd/mm/yyyy.", "The birth date must be dd/mm/yyyy.")
		}
	}
	return req, id, nil
}

// claimPage is one claim: its figures and explanation, the record it was
// decided on, and the workflow's actions.
type claimPage struct {
	Page
	Claim     benefits.Claim
	Record    benefits.Record
	Officer   bool
	MayCheck  bool
	MayDecide bool
	Base      string // "/claims" or "/me/claims"
}

// showClaim shows a claim; the read is audited.
func (s *Server) showClaim(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	by, c, err := s.loadClaim(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg := &claimPage{Page: s.page(w, r, "claims.claim_title"), Claim: c, Officer: !by.Citizen, Base: "/claims"}
	if by.Citizen {
		pg.Base = "/me/claims"
	}
	if pg.Officer {
		if _, pg.Record, err = s.cfg.Benefits.Record(ctx, by.Scope, c.PersonID); err != nil {
			s.fail(w, r, err)
			return
		}
		role := auth.From(ctx).Role
		pg.MayCheck = c.Status == benefits.StatusSubmitted && s.policy["POST /claims/{id}/check"].Allows(role)
		maker := c.CheckedBy == by.Login || (c.Channel == benefits.ChannelCounter && c.FiledBy == by.Login)
		pg.MayDecide = c.Status == benefits.StatusChecked && !maker && s.policy["POST /claims/{id}/approve"].Allows(role)
	}
	if r.URL.Query().Get("filed") != "" {
		pg.Flash = translate(pg.Lang, "claims.filed")
		if pg.Officer {
			pg.Flash = translate(pg.Lang, "claims.filed_counter")
		}
	}
	if err := auth.Audit(ctx, s.accounts, "claim.read", fmt.Sprintf("claim:%d", c.ID), "web"); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "claim", pg)
}

// loadClaim loads the claim of the path within the caller's scope.
func (s *Server) loadClaim(r *http.Request) (benefits.Actor, benefits.Claim, error) {
	by, err := s.benefitsActor(r.Context())
	if err != nil {
		return by, benefits.Claim{}, err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return by, benefits.Claim{}, errNoBenefits
	}
	c, err := s.cfg.Benefits.Store.Claim(r.Context(), by.Scope, id)
	return by, c, err
}

// showClaimDecision sends the decision document.
func (s *Server) showClaimDecision(w http.ResponseWriter, r *http.Request) {
	_, c, err := s.loadClaim(r)
	var b bytes.Buffer
	if err == nil {
		err = benefits.RenderDecision(&b, c)
	}
	if err == nil {
		err = auth.Audit(r.Context(), s.accounts, "claim.decision", fmt.Sprintf("claim:%d", c.ID), "web")
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sendFile(w, fmt.Sprintf("quyet-dinh-%d.pdf", c.ID), "application/pdf", b.Bytes())
}

// claimStep runs a workflow step from the claim page and returns to it.
func (s *Server) claimStep(w http.ResponseWriter, r *http.Request, step func(ctx context.Context, by benefits.Actor, id int64) error) {
	by, c, err := s.loadClaim(r)
	if err == nil {
		err = step(r.Context(), by, c.ID)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	redirect(w, r, fmt.Sprintf("/claims/%d", c.ID))
}

// checkClaim is the maker's check.
func (s *Server) checkClaim(w http.ResponseWriter, r *http.Request) {
	s.claimStep(w, r, func(ctx context.Context, by benefits.Actor, id int64) error {
		_, err := s.cfg.Benefits.Check(ctx, by, id)
		return err
	})
}

// approveClaim is the checker's approval.
func (s *Server) approveClaim(w http.ResponseWriter, r *http.Request) {
	s.claimStep(w, r, func(ctx context.Context, by benefits.Actor, id int64) error {
		_, err := s.cfg.Benefits.Approve(ctx, by, id)
		return err
	})
}

// rejectClaim is the checker's rejection with reasons.
func (s *Server) rejectClaim(w http.ResponseWriter, r *http.Request) {
	reason := r.PostFormValue("reason")
	s.claimStep(w, r, func(ctx context.Context, by benefits.Actor, id int64) error {
		_, err := s.cfg.Benefits.Reject(ctx, by, id, reason)
		return err
	})
}
