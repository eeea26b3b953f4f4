package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"ansinh"
	"ansinh/auth"
	"ansinh/benefits"
)

// registerBenefits adds the claims and payroll routes.
func (a *API) registerBenefits(r *auth.Router) {
	r.HandleFunc("POST /api/v1/claims/estimate", a.estimateClaim)
	r.HandleFunc("POST /api/v1/claims", a.fileClaim)
	r.HandleFunc("GET /api/v1/claims", a.listClaims)
	r.HandleFunc("GET /api/v1/claims/{id}", a.getClaim)
	r.HandleFunc("POST /api/v1/claims/{id}/check", a.checkClaim)
	r.HandleFunc("POST /api/v1/claims/{id}/approve", a.approveClaim)
	r.HandleFunc("POST /api/v1/claims/{id}/reject", a.rejectClaim)
	r.HandleFunc("GET /api/v1/claims/{id}/decision", a.claimDecision)
	r.HandleFunc("GET /api/v1/payroll/{period}", a.payroll)
	r.HandleFunc("POST /api/v1/payroll/{period}", a.runPayroll)
}

// ClaimRequest is the body of an estimate or a filing. An officer filing
// at the counter gives the claimant's full name and birth date from their
// papers: both must match the registry's.
type ClaimRequest struct {
	PersonID       string  `json:"person_id"`
	Kind           string  `json:"kind"`
	Month          *string `json:"month"`
	PoorOrNearPoor bool    `json:"poor_or_near_poor"`
	FullName       string  `json:"full_name"`
	BirthDate      string  `json:"birth_date"`
}

// ClaimOut is a claim as the API shows it.
type ClaimOut struct {
	ID         int64               `json:"id"`
	PersonID   string              `json:"person_id"`
	FullName   string              `json:"full_name"`
	Kind       string              `json:"kind"`
	Status     string              `json:"status"`
	Channel    string              `json:"channel"`
	Monthly    int64               `json:"monthly"`
	LumpSum    int64               `json:"lump_sum"`
	StartMonth *string             `json:"start_month"`
	EndMonth   *string             `json:"end_month"`
	FiledBy    string              `json:"filed_by"`
	FiledAt    string              `json:"filed_at"`
	CheckedBy  string              `json:"checked_by,omitempty"`
	DecidedBy  string              `json:"decided_by,omitempty"`
	DecidedAt  string              `json:"decided_at,omitempty"`
	Reason     string              `json:"reason,omitempty"`
	Assessment benefits.Assessment `json:"assessment"`
}

// toClaim converts a claim.
func toClaim(c benefits.Claim) ClaimOut {
	out := ClaimOut{ID: c.ID, PersonID: c.PersonID, FullName: c.PersonName, Kind: string(c.Kind), Status: string(c.Status),
		Channel: string(c.Channel), Monthly: c.Monthly, LumpSum: c.LumpSum, StartMonth: month(c.Start), EndMonth: month(c.End),
		FiledBy: c.FiledBy, FiledAt: c.FiledAt.UTC().Format("2006-01-02T15:04:05Z"), CheckedBy: c.CheckedBy, DecidedBy: c.DecidedBy,
		Reason: c.Reason, Assessment: c.Assessment}
	if !c.DecidedAt.IsZero() {
		out.DecidedAt = c.DecidedAt.UTC().Format("2006-01-02T15:04:05Z")
	}
	return out
}

// errNoBenefits answers when the server runs without the benefits service.
var errNoBenefits = &ansinh.Error{Code: ansinh.ENOTFOUND, Message: "Không tìm thấy.", MessageEN: "Not found."}

// actor returns the caller as a benefits actor.
func (a *API) actor(ctx context.Context) (benefits.Actor, error) {
	if a.benefits == nil {
		return benefits.Actor{}, errNoBenefits
	}
	sc, err := a.scope(ctx)
	if err != nil {
		return benefits.Actor{}, err
	}
	p := auth.From(ctx)
	return benefits.Actor{Login: p.Actor(), Citizen: p.Is(auth.Citizen), Scope: sc}, nil
}

// readClaimRequest decodes and checks a claim request strictly; the
// identity is the counter's (ignored for a citizen, whose scope is their
// own record).
func readClaimRequest(r *http.Request) (benefits.Request, benefits.Identity, error) {
	var in ClaimRequest
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<16))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return benefits.Request{}, benefits.Identity{}, errBadJSON
	}
	kind, err := benefits.ParseKind(in.Kind)
	if err != nil {
		return benefits.Request{}, benefits.Identity{}, err
	}
	req := benefits.Request{PersonID: strings.TrimSpace(norm.NFC.String(in.PersonID)), Kind: kind, PoorOrNearPoor: in.PoorOrNearPoor}
	id := benefits.Identity{FullName: in.FullName}
	if in.Month != nil && *in.Month != "" {
		if req.Month, err = ansinh.ParsePeriod(*in.Month); err != nil {
			return req, id, ansinh.Invalid("month", "Tháng phải có dạng YYYY-MM.", "The month must be YYYY-MM.")
		}
	}
	if in.BirthDate != "" {
		if id.BirthDate, err = ansinh.ParseDate(in.BirthDate); err != nil {
			return req, id, ansinh.Invalid("birth_date", "Ngày sinh phải có dạng YYYY-MM-DD.", "The birth date must be YYYY-MM-DD.")
		}
	}
	return req, id, nil
}

// estimateClaim decides a request on the record without filing it.
func (a *API) estimateClaim(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	by, err := a.actor(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	req, id, err := readClaimRequest(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	var est benefits.Assessment
	if by.Citizen {
		est, err = a.benefits.Estimate(ctx, by.Scope, req)
	} else {
		est, err = a.benefits.EstimateAtCounter(ctx, by, req, id)
	}
	if err == nil {
		err = auth.Audit(ctx, a.audit, "claim.estimate", "person:"+req.PersonID, "api "+string(req.Kind))
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, est)
}

// fileClaim files a claim: online for a citizen, at the counter for an
// officer (who gives the claimant's full name and birth date, checked
// against the registry).
func (a *API) fileClaim(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	by, err := a.actor(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	req, id, err := readClaimRequest(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	var c benefits.Claim
	if by.Citizen {
		c, err = a.benefits.File(ctx, by, req)
	} else {
		c, err = a.benefits.FileAtCounter(ctx, by, req, id)
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, toClaim(c))
}

// listClaims lists the claims in the caller's scope (?status=).
func (a *API) listClaims(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	by, err := a.actor(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	cs, err := a.benefits.Store.Claims(ctx, by.Scope, benefits.Filter{Status: benefits.Status(r.URL.Query().Get("status"))})
	if err == nil {
		err = auth.Audit(ctx, a.audit, "claim.list", "claims", "api")
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := make([]ClaimOut, len(cs))
	for i, c := range cs {
		out[i] = toClaim(c)
	}
	writeJSON(w, http.StatusOK, out)
}

// claimID reads the {id} of the path.
func claimID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, ansinh.Invalid("id", "Số hồ sơ không hợp lệ.", "Invalid claim number.")
	}
	return id, nil
}

// getClaim returns a claim in the caller's scope; the read is audited.
func (a *API) getClaim(w http.ResponseWriter, r *http.Request) {
	a.claimStep(w, r, http.StatusOK, func(ctx context.Context, by benefits.Actor, id int64) (benefits.Claim, error) {
		c, err := a.benefits.Store.Claim(ctx, by.Scope, id)
		if err == nil {
			err = auth.Audit(ctx, a.audit, "claim.read", fmt.Sprintf("claim:%d", id), "api")
		}
		return c, err
	})
}

// checkClaim is the maker's check.
func (a *API) checkClaim(w http.ResponseWriter, r *http.Request) {
	a.claimStep(w, r, http.StatusOK, func(ctx context.Context, by benefits.Actor, id int64) (benefits.Claim, error) {
		return a.benefits.Check(ctx, by, id)
	})
}

// approveClaim is the checker's approval (never the maker).
func (a *API) approveClaim(w http.ResponseWriter, r *http.Request) {
	a.claimStep(w, r, http.StatusOK, func(ctx context.Context, by benefits.Actor, id int64) (benefits.Claim, error) {
		return a.benefits.Approve(ctx, by, id)
	})
}

// RejectRequest is the body of a rejection.
type RejectRequest struct {
	Reason string `json:"reason"`
}

// rejectClaim is the checker's rejection with reasons.
func (a *API) rejectClaim(w http.ResponseWriter, r *http.Request) {
	var in RejectRequest
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<16))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		a.fail(w, r, errBadJSON)
		return
	}
	a.claimStep(w, r, http.StatusOK, func(ctx context.Context, by benefits.Actor, id int64) (benefits.Claim, error) {
		return a.benefits.Reject(ctx, by, id, in.Reason)
	})
}

// claimStep runs one step on the claim of the path and writes it.
func (a *API) claimStep(w http.ResponseWriter, r *http.Request, status int, step func(context.Context, benefits.Actor, int64) (benefits.Claim, error)) {
	ctx := r.Context()
	by, err := a.actor(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	id, err := claimID(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	c, err := step(ctx, by, id)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, status, toClaim(c))
}

// claimDecision returns a decided claim's decision document (PDF).
func (a *API) claimDecision(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	by, err := a.actor(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	id, err := claimID(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	c, err := a.benefits.Store.Claim(ctx, by.Scope, id)
	var b bytes.Buffer
	if err == nil {
		err = benefits.RenderDecision(&b, c)
	}
	if err == nil {
		err = auth.Audit(ctx, a.audit, "claim.decision", fmt.Sprintf("claim:%d", id), "api")
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="quyet-dinh-%d.pdf"`, id))
	w.Write(b.Bytes())
}
