package collection

import (
	"context"
	"fmt"

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
// close and the records of one employer at a time; the assessment pass calls
// it from one goroutine.
type uiScoper struct {
	benefits map[string][]uiBenefit // by person; nil until read
	tax      string                 // employer whose records are held
	records  []uiRecord             // by person, start month
}

// uiExclusion returns the rule that excludes the worker-month (tax, person,
// m) from UI, or rules.UIBilled.
func (a *assessor) uiExclusion(ctx context.Context, tax, person string, m ansinh.Period) (rules.UIExclusion, error) {
	s := &a.ui
	if err := s.load(ctx, a, tax); err != nil {
		return 0, err
	}
	c := rules.UICoverage{Month: m}
	for _, r := range s.records {
		if r.person == person && r.start <= m && (r.end == 0 || r.end >= m) {
			c.Contract, c.Start, c.End = r.contract, r.start, r.end // the latest record covering m
		}
	}
	for _, b := range s.benefits[person] {
		if b.start <= m && (b.end == 0 || b.end >= m) {
			c.Pension = c.Pension || b.pension
			c.MonthlyBenefit = c.MonthlyBenefit || !b.pension
		}
	}
	return a.rules.UIScope(c), nil
}

// load reads the beneficiaries once and the records of employer tax.
func (s *uiScoper) load(ctx context.Context, a *assessor, tax string) error {
	if s.benefits == nil {
		if err := s.loadBenefits(ctx, a); err != nil {
			return err
		}
	}
	if s.tax == tax {
		return nil
	}
	recs, err := a.c.db.Contracts(ctx, tax, a.last)
	if err != nil {
		return fmt.Errorf("collection: read contracts: %w", err)
	}
	s.tax, s.records = tax, s.records[:0]
	for _, rec := range recs {
		r := uiRecord{person: rec.Person, start: rec.Start, end: rec.End}
		if r.contract, err = rules.ParseContract(rec.Contract); err != nil {
			return err
		}
		s.records = append(s.records, r)
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
