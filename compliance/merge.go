package compliance

import (
	"math"
	"slices"

	"ansinh"
)

// Findings last until resolved (issue 16.1). A match judges the months of
// its window only: a later match adds months to a finding instead of
// replacing it, and a finding is closed only when its case is resolved or
// when matches over all of its months no longer show it. MergeFindings
// decides how a match's findings change those stored; the store applies
// the plan in one transaction.

// StoredFinding is what the merge needs of a finding already stored.
type StoredFinding struct {
	ID           string
	Kind         Kind
	State        string       // open, cleared
	ClosedReason string       // ClosedResolved, ClosedDisproved, or "" while open
	Months       []MonthStake // oldest first
}

// MergePlan is how a match changes the stored findings.
type MergePlan struct {
	// Upserts are the findings to write, each with all its months
	// (MonthStakes) and the figures over them; the store counts those
	// that differ from what it holds.
	Upserts []Finding
	// Reopen are the IDs among Upserts that were closed and open again
	// with new months: they leave their old case.
	Reopen []string
	// Shrink are stored open findings the match did not produce but that
	// keep months outside its window: they stay open with these months.
	Shrink []StoredFinding
	// Disproved are stored open findings whose every month the match
	// judged without producing them: closed as ClosedDisproved.
	Disproved []string
	// Kept counts resolved findings produced again with no new month.
	Kept int
}

// Window returns the months the match judged findings of kind k in: its
// tax window, or every month for evasion (arrears are judged whole, as of
// a day).
func (r *Result) Window(k Kind) (from, to ansinh.Period) {
	if k == EvasionArrears {
		return 0, math.MaxInt32
	}
	return r.Config.From(), r.Config.Period
}

// addOnly reports whether a match only adds months to findings of kind k:
// an employer's registration is judged from the registers only by the
// match that reads them (Config.SkipRegisters), so one that skips them
// cannot tell that an unregistered employer is wrong.
func (r *Result) addOnly(k Kind) bool {
	return k == UnregisteredEmployer && r.Config.SkipRegisters
}

// MergeFindings plans the changes the match res makes to the stored
// findings of the kinds it looked for (stored, by ID).
func MergeFindings(res *Result, stored map[string]StoredFinding) MergePlan {
	var plan MergePlan
	produced := make(map[string]bool, len(res.Findings))
	for _, f := range res.Findings {
		produced[f.ID] = true
		s, ok := stored[f.ID]
		if !ok {
			plan.Upserts = append(plan.Upserts, withMonths(f, f.MonthStakes))
			continue
		}
		merged, reopen, keep := res.mergeOne(f, s)
		if keep {
			plan.Kept++
			continue
		}
		plan.Upserts = append(plan.Upserts, withMonths(f, merged))
		if reopen {
			plan.Reopen = append(plan.Reopen, f.ID)
		}
	}
	for _, id := range sortedIDs(stored) {
		s := stored[id]
		if produced[id] || s.State != "open" || !slices.Contains(res.Kinds, s.Kind) || res.addOnly(s.Kind) {
			continue
		}
		from, to := res.Window(s.Kind)
		rest := outside(s.Months, from, to)
		switch {
		case len(rest) == 0:
			plan.Disproved = append(plan.Disproved, id)
		case len(rest) < len(s.Months):
			s.Months = rest
			plan.Shrink = append(plan.Shrink, s)
		}
	}
	return plan
}

// mergeOne merges a produced finding with its stored self: the stored
// months outside the window and the months produced (a resolved finding
// keeps all its months and reopens only for new ones: keep when there
// are none).
func (r *Result) mergeOne(f Finding, s StoredFinding) (merged []MonthStake, reopen, keep bool) {
	if s.State != "open" && s.ClosedReason == ClosedResolved {
		if !hasNewMonth(f.MonthStakes, s.Months) {
			return nil, false, true
		}
		return unionMonths(s.Months, f.MonthStakes), true, false
	}
	from, to := r.Window(f.Kind)
	if r.addOnly(f.Kind) {
		from, to = 1, 0 // judged nothing: keep every stored month
	}
	return unionMonths(outside(s.Months, from, to), f.MonthStakes), s.State != "open", false
}

// withMonths returns f with the months and the figures over them; a
// finding without months (none known) keeps its own figures.
func withMonths(f Finding, months []MonthStake) Finding {
	if len(months) == 0 {
		return f
	}
	f.MonthStakes = months
	f.Months = len(months)
	f.Stake.Months = len(months)
	f.Stake.Total = 0
	for _, m := range months {
		f.Stake.Total += m.Employer + m.Employee
	}
	return f
}

// Totals returns the months and total stake of months.
func Totals(months []MonthStake) (n int, total int64) {
	for _, m := range months {
		total += m.Employer + m.Employee
	}
	return len(months), total
}

// outside returns the months of ms not in from..to.
func outside(ms []MonthStake, from, to ansinh.Period) []MonthStake {
	var out []MonthStake
	for _, m := range ms {
		if m.Month < from || m.Month > to {
			out = append(out, m)
		}
	}
	return out
}

// unionMonths returns the months of a and b in order; b's figures win for
// a month in both.
func unionMonths(a, b []MonthStake) []MonthStake {
	byMonth := make(map[ansinh.Period]MonthStake, len(a)+len(b))
	for _, m := range a {
		byMonth[m.Month] = m
	}
	for _, m := range b {
		byMonth[m.Month] = m
	}
	out := make([]MonthStake, 0, len(byMonth))
	for _, m := range byMonth {
		out = append(out, m)
	}
	slices.SortFunc(out, func(x, y MonthStake) int { return int(x.Month) - int(y.Month) })
	return out
}

// hasNewMonth reports whether b has a month a has not.
func hasNewMonth(b, a []MonthStake) bool {
	for _, m := range b {
		if !slices.ContainsFunc(a, func(x MonthStake) bool { return x.Month == m.Month }) {
			return true
		}
	}
	return false
}

func sortedIDs(m map[string]StoredFinding) []string {
	out := make([]string, 0, len(m))
	for id := range m {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}
