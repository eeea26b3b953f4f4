package web

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"ansinh"
	"ansinh/auth"
	"ansinh/compliance"
	"ansinh/registry"
)

// findingsSheet is a list of findings as a sheet.
func findingsSheet(fs []compliance.Finding, lang string) sheet {
	sh := sheet{Name: "findings.title", Columns: []string{"finding.id", "finding.kind", "employer.tax_code", "employer.name",
		"unit.code", "person.id", "finding.months", "finding.score", "finding.stake_month", "finding.stake", "finding.state",
		"finding.case", "finding.period", "finding.feeds"}}
	for _, f := range fs {
		sh.add(f.ID, kindLabel(lang, f.Kind), f.TaxCode, f.EmployerName, f.CommuneCode, f.PersonID, f.Months,
			compliance.ScoreText(f.Score), f.Stake.PerMonth(), f.Stake.Total, label(lang, "fstate", f.State), f.CaseID, f.Period,
			strings.Join(f.Feeds, ", "))
	}
	return sh
}

// casesSheet is a list of inspection cases as a sheet.
func casesSheet(cs []compliance.Case, lang string) sheet {
	sh := sheet{Name: "cases.title", Columns: []string{"case.id", "employer.tax_code", "employer.name", "unit.code", "case.status",
		"case.inspector", "case.findings", "finding.stake", "finding.score", "case.opened", "case.workers_registered",
		"case.amount_recovered", "case.fine", "case.closed_without_action"}}
	for _, c := range cs {
		row := []any{c.ID, c.TaxCode, c.EmployerName, c.CommuneCode, caseStatusLabel(lang, c.Status), c.Inspector, c.Findings, c.Stake,
			compliance.ScoreText(c.MaxScore), c.OpenedPeriod}
		if r := c.Result; r != nil {
			row = append(row, r.WorkersRegistered, r.AmountRecovered, r.Fine, r.ClosedWithoutAction)
		} else {
			row = append(row, nil, nil, nil, nil)
		}
		sh.add(row...)
	}
	return sh
}

// kindLabel names a finding kind in a language.
func kindLabel(lang string, k compliance.Kind) string {
	if lang == "en" {
		return k.LabelEN()
	}
	return k.LabelVI()
}

// caseStatusLabel names a case status in a language.
func caseStatusLabel(lang string, st compliance.Status) string {
	if lang == "en" {
		return st.LabelEN()
	}
	return st.LabelVI()
}

// complianceScope narrows the filters of the findings and cases lists to
// what the caller may see: everything for the province, the communes of a
// unit officer, the cases assigned to an inspector, the findings a data
// partner's feeds support.
type complianceScope struct {
	Scope     ansinh.Scope
	Inspector string   // an inspector's login: only its cases
	Feeds     []string // a data partner's feeds: only the findings citing them
}

// complianceScope returns the caller's compliance scope.
func (s *Server) complianceScope(ctx context.Context) (complianceScope, error) {
	p := auth.From(ctx)
	sc, err := s.scoper.Scope(ctx, p)
	if err != nil {
		return complianceScope{}, err
	}
	switch {
	case p.Is(auth.Inspector):
		// Only its cases, whatever the employers of its account.
		return complianceScope{Scope: ansinh.Scope{All: true}, Inspector: p.Login}, nil
	case p.Is(auth.Partner):
		feeds := p.Scope
		if len(feeds) == 0 {
			feeds = []string{"-"} // no feed: nothing
		}
		return complianceScope{Scope: ansinh.Scope{All: true}, Feeds: feeds}, nil
	}
	return complianceScope{Scope: sc}, nil
}

// visibleCase returns a case the caller may see: within its scope, and
// for an inspector assigned to it; otherwise compliance.ErrCaseNotFound.
func (s *Server) visibleCase(ctx context.Context, id string) (compliance.CaseDetail, error) {
	cs, err := s.complianceScope(ctx)
	if err != nil {
		return compliance.CaseDetail{}, err
	}
	d, err := s.comp.GetCase(ctx, id, cs.Scope)
	if err != nil {
		return d, err
	}
	if cs.Inspector != "" && d.Inspector != cs.Inspector {
		return compliance.CaseDetail{}, compliance.ErrCaseNotFound
	}
	return d, nil
}

// mayWorkCase reports whether the caller may change a case: a province
// officer, or the inspector it is assigned to.
func mayWorkCase(p *auth.Principal, c compliance.Case) bool {
	return p.Is(auth.ProvinceOfficer) || (p.Is(auth.Inspector) && c.Inspector == p.Login)
}

// communeChoices returns the communes a filter may offer within a scope,
// by name.
func (s *Server) communeChoices(ctx context.Context, scope ansinh.Scope) ([]registry.Unit, error) {
	all, err := s.reg.Communes(ctx, s.today())
	if err != nil || scope.All {
		return all, err
	}
	var out []registry.Unit
	for _, u := range all {
		if slices.Contains(scope.EmployerCommunes, u.Code) {
			out = append(out, u)
		}
	}
	return out, nil
}

// parseMoneyField reads an amount of a form that may be zero ("" is 0).
func parseMoneyField(v string) (ansinh.Money, bool) {
	v = strings.NewReplacer(".", "", ",", "", " ", "", "đ", "").Replace(strings.TrimSpace(v))
	if v == "" {
		return 0, true
	}
	n, err := strconv.ParseInt(v, 10, 64)
	return n, err == nil && n >= 0
}
