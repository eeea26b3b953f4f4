package web

import (
	"net/http"

	"ansinh"
	"ansinh/auth"
	"ansinh/registry"
)

// personPage is a person's record: identity, household status by year and
// participation history (employment spells, voluntary enrolments,
// benefits).
type personPage struct {
	Page
	Person      registry.PersonRecord
	CommuneName string
	Month       ansinh.Period
	ExportURL   string
}

// showPerson shows a person within the caller's scope; the read is audited.
func (s *Server) showPerson(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	scope, err := s.scoper.Scope(ctx, auth.From(ctx))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rec, err := s.reg.PersonRecord(ctx, id, scope)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	action := "person.read"
	if wantsXLSX(r) {
		action = "person.export"
	}
	if err := auth.Audit(ctx, s.accounts, action, "person:"+rec.PersonID, ""); err != nil {
		s.fail(w, r, err)
		return
	}
	names, err := s.unitNames(ctx, []string{rec.CommuneCode})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg := &personPage{Page: s.page(w, r, "person.title"), Person: rec, CommuneName: names[rec.CommuneCode], Month: s.thisMonth(),
		ExportURL: exportURL(r.URL)}
	if wantsXLSX(r) {
		s.writeXLSX(w, r, "nguoi-tham-gia-"+rec.PersonID, personSheets(rec, pg.Lang)...)
		return
	}
	s.render(w, r, http.StatusOK, "person", pg)
}

// personSheets are a person's lists: employment spells, voluntary
// enrolments, benefits and household status by year.
func personSheets(rec registry.PersonRecord, lang string) []sheet {
	spells := sheet{Name: "person.spells", Columns: []string{"person.id", "employer.tax_code", "spell.employer", "spell.from", "spell.to",
		"spell.wage", "spell.contract", "spell.declared_on"}}
	for _, sp := range rec.Spells {
		spells.add(rec.PersonID, sp.TaxCode, sp.EmployerName, sp.Start, sp.End, sp.Wage, label(lang, "contract", sp.Contract), sp.DeclaredOn)
	}
	vol := sheet{Name: "person.voluntary", Columns: []string{"person.id", "spell.from", "spell.to", "voluntary.income", "voluntary.mode", "voluntary.category"}}
	for _, v := range rec.Voluntary {
		vol.add(rec.PersonID, v.Start, v.End, v.Income, label(lang, "mode", v.Mode), label(lang, "category", v.Category))
	}
	ben := sheet{Name: "person.benefits", Columns: []string{"person.id", "benefit.kind", "spell.from", "spell.to", "benefit.amount"}}
	for _, b := range rec.Benefits {
		ben.add(rec.PersonID, label(lang, "benefit", b.Kind), b.Start, b.End, b.MonthlyAmount)
	}
	hh := sheet{Name: "person.household", Columns: []string{"person.id", "person.year", "person.status"}}
	for _, h := range rec.Household {
		hh.add(rec.PersonID, h.Year, label(lang, "household", h.Status))
	}
	return []sheet{spells, vol, ben, hh}
}
