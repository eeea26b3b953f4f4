package api

import (
	"net/http"
	"strconv"

	"ansinh"
	"ansinh/auth"
	"ansinh/registry"
)

// Employer is an employer of the registry.
type Employer struct {
	TaxCode        string      `json:"tax_code"`
	Name           string      `json:"name"`
	Kind           string      `json:"kind"`
	CommuneCode    string      `json:"commune_code"`
	IndustrialZone string      `json:"industrial_zone,omitempty"`
	RegisteredOn   ansinh.Date `json:"registered_on"`
}

// Workers is a page of an employer's current workers.
type Workers struct {
	TaxCode string  `json:"tax_code"`
	Month   string  `json:"month"`
	Total   int     `json:"total"`
	Offset  int     `json:"offset"`
	Limit   int     `json:"limit"`
	More    bool    `json:"more"`
	Workers []Spell `json:"workers"`
}

// maxLimit bounds a page of workers.
const maxLimit = 500

// employer returns an employer within the caller's scope.
func (a *API) employer(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	scope, err := a.scope(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	e, err := a.reg.FindEmployer(ctx, r.PathValue("tax"), scope)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if err := auth.Audit(ctx, a.audit, "employer.read", "employer:"+e.TaxCode, "api"); err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, Employer{TaxCode: e.TaxCode, Name: e.Name, Kind: e.Kind, CommuneCode: e.CommuneCode,
		IndustrialZone: e.IndustrialZone, RegisteredOn: e.RegisteredOn})
}

// workers returns a page of an employer's workers in a month (?month=,
// default this month; ?offset=, ?limit= up to 500); the read is audited.
func (a *API) workers(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	at := ansinh.ThisMonth(a.now())
	if m := q.Get("month"); m != "" {
		p, err := ansinh.ParsePeriod(m)
		if err != nil {
			a.fail(w, r, ansinh.Invalid("month", "Tháng phải có dạng YYYY-MM.", "The month must be YYYY-MM."))
			return
		}
		at = p
	}
	offset, _ := strconv.Atoi(q.Get("offset"))
	limit, _ := strconv.Atoi(q.Get("limit"))
	offset = max(offset, 0)
	if limit <= 0 || limit > maxLimit {
		limit = 100
	}
	scope, err := a.scope(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	tax := r.PathValue("tax")
	spells, total, more, err := a.reg.EmployerWorkers(ctx, tax, scope, registry.WorkerQuery{At: at, Offset: offset, Limit: limit})
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if err := auth.Audit(ctx, a.audit, "employer.workers.read", "employer:"+tax, "api offset="+strconv.Itoa(offset)); err != nil {
		a.fail(w, r, err)
		return
	}
	out := Workers{TaxCode: tax, Month: at.String(), Total: total, Offset: offset, Limit: limit, More: more, Workers: []Spell{}}
	for _, s := range spells {
		out.Workers = append(out.Workers, toSpell(s))
	}
	writeJSON(w, http.StatusOK, out)
}
