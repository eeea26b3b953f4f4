package collection

import (
	"context"
	"fmt"
	"slices"

	"ansinh"
	"ansinh/rules"
)

// uiRecord is one employment record of the employer being assessed, as the
// unemployment-insurance scope needs it.
type uiRecord struct {
	person     string
	start, end ansinh.Period // end zero: open
	contract   rules.Contract
}

// uiBenefit is a span of months in which a person draws a pension or a
// monthly SI benefit.
type uiBenefit struct {
	start, end ansinh.Period // end zero: open
	pension    bool          // a pension; otherwise a monthly SI benefit
}

// uiScoper decides, month by month, whether the close bills a worker UI
// (rules.ContributionRules.UIScope). It reads the beneficiaries once per
// close; the records covering the month closed come with the spells
// (personMonths.records), and the records of the workers billed for earlier
// months are read once per batch. The assessment pass calls it from one
// goroutine.
type uiScoper struct {
	benefits map[string][]uiBenefit // by person; nil until read
	records  []uiRecord             // the batch's records covering the month closed
	retro    map[workerKey][]uiRecord
}

// workerKey is one employer and person.
type workerKey struct{ tax, person string }

// uiExclusion returns the rule that excludes month m of pm from UI, or
// rules.UIBilled. The batch's records are loaded (uiScoper.load).
func (a *assessor) uiExclusion(pm *personMonths, m ansinh.Period) rules.UIExclusion {
	s := &a.ui
	recs := s.records[pm.recFrom:pm.recTo]
	if m != a.period {
		recs = s.retro[workerKey{pm.tax, pm.person}]
	}
	c := rules.UICoverage{Month: m}
	for _, r := range recs {
		if r.start <= m && (r.end == 0 || r.end >= m) {
			c.Contract, c.Start, c.End = r.contract, r.start, r.end // the latest record covering m
		}
	}
	for _, b := range s.benefits[pm.person] {
		if b.start <= m && (b.end == 0 || b.end >= m) {
			c.Pension = c.Pension || b.pension
			c.MonthlyBenefit = c.MonthlyBenefit || !b.pension
		}
	}
	return a.rules.UIScope(c)
}

// record keeps a spell covering the month closed as a record of pm.
func (s *uiScoper) record(pm *personMonths, sp SpellRow) error {
	c, err := rules.ParseContract(sp.Contract)
	if err != nil {
		return err
	}
	if pm.recTo == 0 {
		pm.recFrom = len(s.records)
	}
	s.records = append(s.records, uiRecord{person: sp.Person, start: sp.Start, end: sp.End, contract: c})
	pm.recTo = len(s.records)
	return nil
}

// load reads the beneficiaries once, and the records of the batch's
// workers billed for months before the month closed.
func (s *uiScoper) load(ctx context.Context, a *assessor, people []personMonths) error {
	if s.benefits == nil {
		if err := s.loadBenefits(ctx, a); err != nil {
			return err
		}
	}
	var workers []WorkerMonth
	for _, pm := range people {
		if slices.ContainsFunc(pm.months, func(p ansinh.Period) bool { return p < a.period }) {
			workers = append(workers, WorkerMonth{TaxCode: pm.tax, Person: pm.person})
		}
	}
	s.retro = map[workerKey][]uiRecord{}
	if len(workers) == 0 {
		return nil
	}
	recs, err := a.c.db.Contracts(ctx, workers, a.last)
	if err != nil {
		return fmt.Errorf("collection: read contracts: %w", err)
	}
	for _, rec := range recs {
		r := uiRecord{person: rec.Person, start: rec.Start, end: rec.End}
		if r.contract, err = rules.ParseContract(rec.Contract); err != nil {
			return err
		}
		k := workerKey{rec.TaxCode, rec.Person}
		s.retro[k] = append(s.retro[k], r)
	}
	return nil
}

// loadBenefits reads the pensions and monthly SI benefits of every person.
func (s *uiScoper) loadBenefits(ctx context.Context, a *assessor) error {
	rows, err := a.c.db.Beneficiaries(ctx)
	if err != nil {
		return fmt.Errorf("collection: read beneficiaries: %w", err)
	}
	s.benefits = map[string][]uiBenefit{}
	for _, b := range rows {
		s.benefits[b.Person] = append(s.benefits[b.Person], uiBenefit{start: b.Start, end: b.End, pension: b.Kind == "pension"})
	}
	return nil
}
