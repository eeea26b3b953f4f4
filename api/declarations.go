package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"ansinh"
	"ansinh/auth"
	"ansinh/registry"
)

// DeclarationRequest is a declaration of workforce changes (the shape of
// form D02-TS). An employer declares for itself; a province officer
// entering a paper declaration at the counter names the employer.
type DeclarationRequest struct {
	TaxCode string            `json:"tax_code,omitempty"`
	Lines   []DeclarationLine `json:"lines"`
}

// DeclarationLine is one worker's change.
type DeclarationLine struct {
	LineNo     int          `json:"line_no,omitempty"`
	Change     string       `json:"change"`
	PersonID   string       `json:"person_id"`
	FullName   string       `json:"full_name,omitempty"`
	BirthDate  string       `json:"birth_date,omitempty"`
	Sex        string       `json:"sex,omitempty"`
	Wage       ansinh.Money `json:"wage,omitempty"`
	StartMonth string       `json:"start_month,omitempty"`
	EndMonth   string       `json:"end_month,omitempty"`
	Contract   string       `json:"contract,omitempty"`
	Status     string       `json:"status,omitempty"`
	Reason     string       `json:"reason,omitempty"`
	ReasonEN   string       `json:"reason_en,omitempty"`
}

// Declaration is a receipted and processed declaration.
type Declaration struct {
	ID          int64             `json:"id"`
	ReceiptNo   string            `json:"receipt_no"`
	TaxCode     string            `json:"tax_code"`
	Channel     string            `json:"channel"`
	Status      string            `json:"status"`
	SubmittedAt time.Time         `json:"submitted_at"`
	ProcessedAt *time.Time        `json:"processed_at"`
	Accepted    int               `json:"accepted"`
	Rejected    int               `json:"rejected"`
	Lines       []DeclarationLine `json:"lines"`
}

// maxAPILines bounds the lines of one declaration.
const maxAPILines = 5000

// submitDeclaration receipts and processes a declaration; 201 with the
// receipt and each line's outcome.
func (a *API) submitDeclaration(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := auth.From(ctx)
	var req DeclarationRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 8<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		a.fail(w, r, errBadJSON)
		return
	}
	channel := registry.ChannelOnline
	tax := p.ScopeValue()
	if p.Is(auth.ProvinceOfficer) {
		channel, tax = registry.ChannelCounter, req.TaxCode
	} else if req.TaxCode != "" && req.TaxCode != tax {
		a.fail(w, r, ansinh.ErrNotFound)
		return
	}
	scope, err := a.scope(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if _, err := a.reg.FindEmployer(ctx, tax, scope); err != nil {
		a.fail(w, r, err)
		return
	}
	if len(req.Lines) == 0 || len(req.Lines) > maxAPILines {
		a.fail(w, r, ansinh.Invalid("lines", fmt.Sprintf("Tờ khai phải có từ 1 đến %d dòng.", maxAPILines),
			fmt.Sprintf("A declaration has 1 to %d lines.", maxAPILines)))
		return
	}
	lines := make([]registry.DeclarationLine, len(req.Lines))
	for i, in := range req.Lines {
		l, err := fromLine(in)
		if err == nil {
			err = l.Check()
		}
		if err != nil {
			a.fail(w, r, atLine(i, err))
			return
		}
		lines[i] = l
	}
	d, err := a.reg.SubmitDeclaration(ctx, registry.Submission{TaxCode: tax, Channel: channel, UserID: p.UserID, Actor: p.Actor(), Lines: lines})
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/declarations/"+strconv.FormatInt(d.ID, 10))
	writeJSON(w, http.StatusCreated, toDeclaration(d))
}

// declaration returns a declaration of an employer within the caller's
// scope.
func (a *API) declaration(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		a.fail(w, r, ansinh.ErrNotFound)
		return
	}
	scope, err := a.scope(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	d, err := a.reg.FindDeclaration(ctx, id, scope)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if err := auth.Audit(ctx, a.audit, "declaration.read", "employer:"+d.TaxCode, d.ReceiptNo); err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toDeclaration(d))
}

// fromLine reads a line of the request.
func fromLine(in DeclarationLine) (registry.DeclarationLine, error) {
	l := registry.DeclarationLine{Change: in.Change, PersonID: in.PersonID, FullName: in.FullName, Sex: in.Sex, Wage: in.Wage, Contract: in.Contract}
	var err error
	if in.BirthDate != "" {
		if l.BirthDate, err = ansinh.ParseDate(in.BirthDate); err != nil {
			return l, ansinh.Invalid("birth_date", "Ngày sinh phải có dạng YYYY-MM-DD.", "The birth date must be YYYY-MM-DD.")
		}
	}
	if in.StartMonth != "" {
		if l.Start, err = ansinh.ParsePeriod(in.StartMonth); err != nil {
			return l, ansinh.Invalid("start_month", "Tháng phải có dạng YYYY-MM.", "The month must be YYYY-MM.")
		}
	}
	if in.EndMonth != "" {
		if l.End, err = ansinh.ParsePeriod(in.EndMonth); err != nil {
			return l, ansinh.Invalid("end_month", "Tháng phải có dạng YYYY-MM.", "The month must be YYYY-MM.")
		}
	}
	return l, nil
}

// atLine names the line of a line's error in its field: "lines[2].wage".
func atLine(i int, err error) error {
	if e, ok := err.(*ansinh.Error); ok {
		c := *e
		c.Field = "lines[" + strconv.Itoa(i) + "]." + e.Field
		c.Message = fmt.Sprintf("Dòng %d: %s", i+1, e.Message)
		c.MessageEN = fmt.Sprintf("Line %d: %s", i+1, e.MessageEN)
		return &c
	}
	return err
}

func toDeclaration(d registry.Declaration) Declaration {
	out := Declaration{ID: d.ID, ReceiptNo: d.ReceiptNo, TaxCode: d.TaxCode, Channel: d.Channel, Status: d.Status,
		SubmittedAt: d.SubmittedAt.UTC(), Accepted: d.Accepted, Rejected: d.Rejected, Lines: []DeclarationLine{}}
	if !d.ProcessedAt.IsZero() {
		t := d.ProcessedAt.UTC()
		out.ProcessedAt = &t
	}
	for _, l := range d.Lines {
		out.Lines = append(out.Lines, DeclarationLine{LineNo: l.LineNo, Change: l.Change, PersonID: l.PersonID, FullName: l.FullName,
			BirthDate: l.BirthDate.String(), Sex: l.Sex, Wage: l.Wage, StartMonth: l.Start.String(), EndMonth: l.End.String(),
			Contract: l.Contract, Status: l.Status, Reason: l.Reason, ReasonEN: l.ReasonEN})
	}
	return out
}
