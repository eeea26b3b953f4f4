package indicators

import (
	"fmt"

	"ansinh"
	"ansinh/rules"
)

// maxUIRegimes bounds the runs of months with distinct unemployment-
// insurance scope rules a computation may span (a spell's item kind holds
// one bit per run).
const maxUIRegimes = 4

// uiRegime is a run of months [from, to] (indices of the computation) under
// the same unemployment-insurance scope rules.
type uiRegime struct {
	from, to int
	rules    rules.UIRules
}

// uiScope applies rules.UIRules.UIScope — the rule the monthly close bills
// UI by (rules.ContributionRules.UIScope) — to the indicator of UI coverage: which regimes bill a
// spell's contract, and in which months a pensioner or a monthly-benefit
// recipient is left out.
type uiScope struct {
	regimes []uiRegime
	pension []uint64 // months in which a person drawing a pension is not billed UI
	monthly []uint64 // months in which a person receiving a monthly SI benefit is not billed UI
}

// newUIScope resolves the scope rules of every month of a computation.
func newUIScope(p *rules.Params, from ansinh.Period, months int) (*uiScope, error) {
	words := (months + 63) / 64
	s := &uiScope{pension: make([]uint64, words), monthly: make([]uint64, words)}
	for m := 0; m < months; m++ {
		month := from.Add(m)
		r, err := p.UIRules(month)
		if err != nil {
			return nil, fmt.Errorf("indicators: UI scope of %s: %w", month, err)
		}
		if n := len(s.regimes); n > 0 && sameUIRules(s.regimes[n-1].rules, r) {
			s.regimes[n-1].to = m
		} else {
			s.regimes = append(s.regimes, uiRegime{from: m, to: m, rules: r})
		}
		if r.UIScope(rules.UICoverage{Month: month, Pension: true}) != rules.UIBilled {
			setRange(s.pension, m, m)
		}
		if r.UIScope(rules.UICoverage{Month: month, MonthlyBenefit: true}) != rules.UIBilled {
			setRange(s.monthly, m, m)
		}
	}
	if len(s.regimes) > maxUIRegimes {
		return nil, fmt.Errorf("indicators: %d changes of the UI scope rules in the months computed, at most %d", len(s.regimes)-1, maxUIRegimes-1)
	}
	return s, nil
}

// sameUIRules reports whether two months' rules decide the UI scope alike.
func sameUIRules(a, b rules.UIRules) bool {
	return a.EmploymentLaw == b.EmploymentLaw && a.UIMinContractMonths == b.UIMinContractMonths
}

// kind returns the item kind of a mandatory spell: itMandatory plus one bit
// per regime whose rules bill its contract UI.
func (s *uiScope) kind(sp Spell) uint8 {
	cv := rules.UICoverage{Start: sp.Start, End: sp.End}
	var err error
	if cv.Contract, err = rules.ParseContract(sp.Contract); err != nil {
		cv.Contract = rules.ContractIndefinite // the registry admits no other kind
	}
	var mask uint8
	for i, r := range s.regimes {
		cv.Month = max(sp.Start, r.rules.Month)
		if r.rules.UIScope(cv) == rules.UIBilled {
			mask |= 1 << i
		}
	}
	return itMandatory + mask
}

// setUI sets the months of ui a mandatory item [a, b] of kind k is billed.
func (s *uiScope) setUI(ui []uint64, a, b int, k uint8) {
	mask := k - itMandatory
	for i, r := range s.regimes {
		if mask&(1<<i) == 0 {
			continue
		}
		if lo, hi := max(a, r.from), min(b, r.to); lo <= hi {
			setRange(ui, lo, hi)
		}
	}
}
