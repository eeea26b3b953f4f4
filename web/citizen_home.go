package web

import (
	"context"
	"net/http"

	"ansinh"
	"ansinh/auth"
	"ansinh/collection"
	"ansinh/registry"
)

// citizenPage is the citizen's own record, like the VssID app: identity,
// participation history, contributions by month, an estimated pension,
// payments and procedures awaiting a survey.
type citizenPage struct {
	Page
	Person        registry.PersonRecord
	CommuneName   string
	Month         ansinh.Period
	Contributions []monthContribution
	Pension       *PensionEstimate
	HasCalc       bool
	Payments      []collection.Payment
	ToRate        []registry.Procedure
	ServiceMonths int
	ExportURL     string
}

// monthContribution is what was due for the person in one month.
type monthContribution struct {
	Month    ansinh.Period
	Source   string // employer name, or "voluntary"
	Base     ansinh.Money
	Employee ansinh.Money // the person's share (the whole, after support, when voluntary)
	Employer ansinh.Money
}

// contributionMonths is how many months the record lists.
const contributionMonths = 12

// showCitizenHome shows the citizen's own record; the read is audited.
func (s *Server) showCitizenHome(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := auth.From(ctx)
	rec, err := s.reg.PersonRecord(ctx, p.ScopeValue(), ansinh.Scope{PersonID: p.ScopeValue()})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := auth.Audit(ctx, s.accounts, "person.read", "person:"+rec.PersonID, "self"); err != nil {
		s.fail(w, r, err)
		return
	}
	pg := &citizenPage{Page: s.page(w, r, "citizen_home.title"), Person: rec, Month: s.thisMonth(), HasCalc: s.cfg.Calc != nil,
		ExportURL: exportURL(r.URL)}
	names, err := s.unitNames(ctx, []string{rec.CommuneCode})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg.CommuneName = names[rec.CommuneCode]
	pg.ServiceMonths = serviceMonths(rec.Spells, pg.Month)
	if pg.Contributions, err = s.contributions(ctx, rec, pg.Month); err != nil {
		s.fail(w, r, err)
		return
	}
	if s.cfg.Calc != nil {
		est, err := s.cfg.Calc.Pension(pensionInput(rec, pg.Month))
		if err == nil {
			pg.Pension = &est
		} else if ansinh.ErrorCode(err) == ansinh.EINTERNAL {
			s.log.Warn("pension estimate", "err", err)
		}
	}
	if pg.Payments, err = s.coll.PaymentsOf(ctx, rec.PersonID, 10); err != nil {
		s.fail(w, r, err)
		return
	}
	procs, err := s.reg.ProceduresOf(ctx, p.UserID, 20)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, pr := range procs {
		if pr.Status == "completed" && pr.Score == 0 {
			pg.ToRate = append(pg.ToRate, pr)
		}
	}
	if wantsXLSX(r) {
		contrib := sheet{Name: "citizen.contributions", Columns: []string{"notice.period", "citizen.source", "citizen.base", "citizen.own_share", "citizen.other_share"}}
		for _, c := range pg.Contributions {
			src := c.Source
			if src == "voluntary" {
				src = translate(pg.Lang, "citizen.voluntary_source")
			}
			contrib.add(c.Month, src, c.Base, c.Employee, c.Employer)
		}
		sheets := append(personSheets(rec, pg.Lang), contrib, paymentsSheet(pg.Payments, pg.Lang))
		s.writeXLSX(w, r, "qua-trinh-tham-gia", sheets...)
		return
	}
	s.render(w, r, http.StatusOK, "citizen_home", pg)
}

// serviceMonths counts the months of compulsory participation up to the
// month (overlapping spells count once).
func serviceMonths(spells []registry.Spell, upTo ansinh.Period) int {
	seen := map[ansinh.Period]bool{}
	for _, sp := range spells {
		end := sp.End
		if end.IsZero() || end > upTo {
			end = upTo
		}
		for m := sp.Start; m <= end; m++ {
			seen[m] = true
		}
	}
	return len(seen)
}

// pensionInput turns a record into the periods a pension is estimated from.
func pensionInput(rec registry.PersonRecord, asOf ansinh.Period) PensionInput {
	in := PensionInput{BirthDate: rec.BirthDate, Sex: rec.Sex, AsOf: asOf}
	for _, sp := range rec.Spells {
		if sp.Start > asOf {
			continue
		}
		in.Periods = append(in.Periods, ServicePeriod{From: sp.Start, To: sp.End, Kind: "contract", Wage: sp.Wage})
	}
	for _, v := range rec.Voluntary {
		if v.Start > asOf {
			continue
		}
		in.Periods = append(in.Periods, ServicePeriod{From: v.Start, To: v.End, Kind: "voluntary", Wage: v.Income})
	}
	return in
}

// contributions computes the contributions of the last months from the
// spells' wages and the voluntary incomes, with the rules; none without a
// calculator.
func (s *Server) contributions(ctx context.Context, rec registry.PersonRecord, upTo ansinh.Period) ([]monthContribution, error) {
	if s.cfg.Calc == nil {
		return nil, nil
	}
	type employerInfo struct{ name, kind, region string }
	employers := map[string]employerInfo{}
	info := func(tax string) (employerInfo, error) {
		if e, ok := employers[tax]; ok {
			return e, nil
		}
		e, err := s.reg.FindEmployer(ctx, tax, ansinh.Scope{All: true})
		if err != nil {
			return employerInfo{}, err
		}
		u, err := s.reg.FindUnit(ctx, e.CommuneCode, s.today())
		if err != nil && ansinh.ErrorCode(err) != ansinh.ENOTFOUND {
			return employerInfo{}, err
		}
		employers[tax] = employerInfo{e.Name, e.Kind, u.Region}
		return employers[tax], nil
	}
	var out []monthContribution
	for m := upTo; m > upTo.Add(-contributionMonths); m-- {
		for _, sp := range rec.Spells {
			if sp.Start > m || !sp.Open(m) {
				continue
			}
			e, err := info(sp.TaxCode)
			if err != nil {
				return nil, err
			}
			c, err := s.cfg.Calc.Contribution(m, sp.Wage, e.region, e.kind)
			if err != nil {
				s.log.Warn("contribution", "person", rec.PersonID, "month", m.String(), "err", err)
				continue
			}
			out = append(out, monthContribution{Month: m, Source: e.name, Base: sp.Wage, Employee: c.Employee, Employer: c.Employer})
		}
		for _, v := range rec.Voluntary {
			if v.Start > m || !v.Open(m) {
				continue
			}
			q, err := s.cfg.Calc.Voluntary(m, v.Income, []string{v.Category}, 1)
			if err != nil {
				s.log.Warn("voluntary contribution", "person", rec.PersonID, "month", m.String(), "err", err)
				continue
			}
			out = append(out, monthContribution{Month: m, Source: "voluntary", Base: v.Income, Employee: q.PayablePerMonth,
				Employer: q.StateSupportPerMonth + q.ProvinceSupportPerMonth})
		}
	}
	return out, nil
}
