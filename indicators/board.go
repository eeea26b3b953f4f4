package indicators

import (
	"sort"
)

// AllocKey identifies a unit's allocated target.
type AllocKey struct {
	Indicator Indicator
	Year      int
	Unit      UnitKey
}

// AllocTarget is a unit's allocated target, in participants over the
// denominator it was allocated on.
type AllocTarget struct {
	Target      int64
	Denominator int64
}

// TargetBook answers "what is this unit's target for this indicator and
// year": its allocated target when one has been assigned, otherwise the
// province's milestone.
type TargetBook struct {
	Targets *Targets
	Alloc   map[AllocKey]AllocTarget
}

// TargetOrigin says where a row's target comes from.
type TargetOrigin string

// The target origins.
const (
	TargetNone      TargetOrigin = ""
	TargetMilestone TargetOrigin = "milestone" // the province's target for the year (plan, edited, interpolated or held)
	TargetAllocated TargetOrigin = "allocated" // the unit's allocated target
)

// For returns the target of ind for unit in year.
func (b *TargetBook) For(ind Indicator, unit UnitKey, year int) (Rate, TargetOrigin) {
	if b == nil {
		return 0, TargetNone
	}
	if a, ok := b.Alloc[AllocKey{ind, year, unit}]; ok {
		if r, ok := RateOf(a.Target, a.Denominator); ok {
			return r, TargetAllocated
		}
	}
	if b.Targets == nil {
		return 0, TargetNone
	}
	if m, ok := b.Targets.Milestone(ind, year); ok {
		return m.Value, TargetMilestone
	}
	return 0, TargetNone
}

// Row is one indicator of one unit in one period, against its target: a
// line of the indicators export, of the reports and of the dashboard.
type Row struct {
	Definition Definition
	Unit       Unit
	Period     Period
	Value      Value
	Rate       Rate
	HasRate    bool
	Target     Rate
	Origin     TargetOrigin
	// Met is true when the rate reaches the target (is at most the target
	// for an indicator where lower is better).
	Met bool
	// Remapped is true for a unit of today's structure in a period before
	// it existed.
	Remapped bool
}

// HasTarget reports whether the row has a target.
func (r Row) HasTarget() bool { return r.Origin != TargetNone }

// Rows turns facts into rows, one per indicator in defs (all when nil),
// in the facts' order. units names the facts' units.
func Rows(facts []Facts, units map[UnitKey]Unit, defs []Definition, book *TargetBook) []Row {
	if defs == nil {
		defs = definitions
	}
	out := make([]Row, 0, len(facts)*len(defs))
	for i := range facts {
		f := &facts[i]
		u := units[f.Unit]
		if u.Code == "" {
			u = Unit{Code: f.Unit.Code, From: f.Unit.From}
		}
		for _, d := range defs {
			out = append(out, MakeRow(d, u, f, book))
		}
	}
	return out
}

// MakeRow returns the row of indicator d in facts f of unit u.
func MakeRow(d Definition, u Unit, f *Facts, book *TargetBook) Row {
	v := f.Value(d)
	r := Row{Definition: d, Unit: u, Period: f.Period, Value: v, Remapped: f.Remapped}
	r.Rate, r.HasRate = v.Rate()
	r.Target, r.Origin = book.For(d.ID, f.Unit, f.Period.Year)
	if r.HasRate && r.Origin != TargetNone {
		r.Met = r.Rate >= r.Target
		if d.Lower {
			r.Met = r.Rate <= r.Target
		}
	}
	return r
}

// Rank orders rows by rate, best first (rows without a rate last, then by
// unit code), and returns them.
func Rank(rows []Row) []Row {
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.HasRate != b.HasRate {
			return a.HasRate
		}
		if a.HasRate && a.Rate != b.Rate {
			if a.Definition.Lower {
				return a.Rate < b.Rate
			}
			return a.Rate > b.Rate
		}
		return a.Unit.Code < b.Unit.Code
	})
	return rows
}
