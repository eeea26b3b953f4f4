package benefits

import (
	"fmt"
	"slices"

	"ansinh"
	"ansinh/rules"
)

// Scheme is how a month of service was insured.
type Scheme string

// The schemes of a month of service.
const (
	SchemeContract  Scheme = "contract"  // compulsory SI on an employer-set wage
	SchemeState     Scheme = "state"     // compulsory SI on the state pay scale
	SchemeVoluntary Scheme = "voluntary" // voluntary SI on a chosen income
)

// ParseScheme reads "contract", "state" or "voluntary".
func ParseScheme(s string) (Scheme, error) {
	switch Scheme(s) {
	case SchemeContract, SchemeState, SchemeVoluntary:
		return Scheme(s), nil
	}
	return "", ansinh.Invalid("scheme", "chế độ đóng phải là contract, state hoặc voluntary: "+fmt.Sprintf("%q", s),
		"scheme must be contract, state or voluntary: "+fmt.Sprintf("%q", s))
}

// Source says where a span of service comes from.
type Source string

// The sources of the record.
const (
	SourceRegistry Source = "registry"   // an employment spell or voluntary enrolment of the registry
	SourceHistory  Source = "si_history" // the paper record (sổ BHXH), imported
)

// Span is a run of months of service with one wage, as a source gives it.
type Span struct {
	From, To ansinh.Period // inclusive; To zero: open (still running)
	Scheme   Scheme
	Wage     int64  // monthly wage or chosen income, đồng
	Employer string // tax code (registry) or employer name (paper record); "" for voluntary
	Source   Source
	Ref      string // the paper record's reference, or the registry key
	UI       bool   // the months were insured against unemployment
}

// Career is what storage knows of a person's service: the spans and the
// months the collection assessed and those fully paid (registry spans only).
type Career struct {
	Spans    []Span
	Assessed map[ansinh.Period]bool
	Paid     map[ansinh.Period]bool
}

// Month is one month of the record.
type Month struct {
	Period   ansinh.Period `json:"month"`
	Scheme   Scheme        `json:"scheme"`
	Wage     int64         `json:"wage"`
	Employer string        `json:"employer"`
	Source   Source        `json:"source"`
	Ref      string        `json:"ref,omitempty"`
	Assessed bool          `json:"assessed"` // the monthly close billed it (registry months)
	Paid     bool          `json:"paid"`     // the contributions billed for it are paid
	UI       bool          `json:"ui"`
}

// Overlap is a month two spans both claim: reported, never merged. The
// record keeps the first span's month (registry before paper record).
type Overlap struct {
	Period ansinh.Period `json:"month"`
	Kept   Span          `json:"kept"`
	Other  Span          `json:"other"`
}

// Gap is a run of months without service between two months of service.
type Gap struct {
	From, To ansinh.Period
}

// Record is a person's contribution record through a month.
type Record struct {
	Through  ansinh.Period `json:"through"`
	Months   []Month       `json:"months"`
	Overlaps []Overlap     `json:"overlaps"`
	Gaps     []Gap         `json:"gaps"`
}

// BuildRecord expands the career's spans into months through the month
// through (open spans end there): one month per calendar month, the
// registry's spans first, then the paper record; a month claimed twice is
// kept once and reported as an overlap; the months missing between the
// first and the last are reported as gaps.
func BuildRecord(c Career, through ansinh.Period) Record {
	spans := slices.Clone(c.Spans)
	slices.SortStableFunc(spans, func(a, b Span) int {
		if a.Source != b.Source {
			if a.Source == SourceRegistry {
				return -1
			}
			return 1
		}
		return int(a.From - b.From)
	})
	byMonth := map[ansinh.Period]int{}
	rec := Record{Through: through, Months: []Month{}, Overlaps: []Overlap{}, Gaps: []Gap{}}
	for _, s := range spans {
		rec.addSpan(s, c, byMonth, spans)
	}
	slices.SortFunc(rec.Months, func(a, b Month) int { return int(a.Period - b.Period) })
	rec.Gaps = gaps(rec.Months)
	return rec
}

// addSpan adds a span's months to the record.
func (r *Record) addSpan(s Span, c Career, byMonth map[ansinh.Period]int, spans []Span) {
	to := s.To
	if to.IsZero() || to > r.Through {
		to = r.Through
	}
	for m := s.From; m <= to; m++ {
		if i, dup := byMonth[m]; dup {
			r.Overlaps = append(r.Overlaps, Overlap{Period: m, Kept: spanOf(spans, r.Months[i]), Other: s})
			continue
		}
		byMonth[m] = len(r.Months)
		mo := Month{Period: m, Scheme: s.Scheme, Wage: s.Wage, Employer: s.Employer, Source: s.Source, Ref: s.Ref, UI: s.UI}
		if s.Source == SourceRegistry {
			mo.Assessed, mo.Paid = c.Assessed[m], c.Paid[m]
		} else {
			mo.Assessed, mo.Paid = true, true // settled on paper
		}
		r.Months = append(r.Months, mo)
	}
}

// spanOf finds the span a month came from.
func spanOf(spans []Span, m Month) Span {
	for _, s := range spans {
		if s.Source == m.Source && s.Ref == m.Ref && s.From <= m.Period && (s.To.IsZero() || m.Period <= s.To) {
			return s
		}
	}
	return Span{}
}

// gaps returns the runs of months missing between sorted months.
func gaps(ms []Month) []Gap {
	out := []Gap{}
	for i := 1; i < len(ms); i++ {
		if ms[i].Period > ms[i-1].Period+1 {
			out = append(out, Gap{From: ms[i-1].Period + 1, To: ms[i].Period - 1})
		}
	}
	return out
}

// Before returns the months before month m (exclusive).
func (r Record) Before(m ansinh.Period) []Month {
	i, _ := slices.BinarySearchFunc(r.Months, m, func(x Month, t ansinh.Period) int { return int(x.Period - t) })
	return r.Months[:i]
}

// Has reports whether the record has a month of scheme s.
func (r Record) Has(s Scheme) bool {
	return slices.ContainsFunc(r.Months, func(m Month) bool { return m.Scheme == s })
}

// FromHistory counts the months that come from the paper record.
func (r Record) FromHistory() int {
	n := 0
	for _, m := range r.Months {
		if m.Source == SourceHistory {
			n++
		}
	}
	return n
}

// WagePeriods groups months into the runs of the rules engine's average:
// consecutive months of one kind and wage form one period.
func WagePeriods(ms []Month) []rules.WagePeriod {
	var out []rules.WagePeriod
	for _, m := range ms {
		kind := rules.WageContract
		switch m.Scheme {
		case SchemeVoluntary:
			kind = rules.WageVoluntary
		case SchemeState:
			kind = rules.WageState
		}
		if n := len(out); n > 0 && out[n-1].To+1 == m.Period && out[n-1].Kind == kind && out[n-1].Wage == m.Wage {
			out[n-1].To = m.Period
			continue
		}
		out = append(out, rules.WagePeriod{From: m.Period, To: m.Period, Kind: kind, Wage: m.Wage})
	}
	return out
}

// Runs groups the record's months into runs of consecutive months with the
// same scheme, wage, employer and source, for display.
func (r Record) Runs() []Span {
	var out []Span
	for _, m := range r.Months {
		if n := len(out); n > 0 {
			l := &out[n-1]
			if l.To+1 == m.Period && l.Scheme == m.Scheme && l.Wage == m.Wage && l.Employer == m.Employer && l.Source == m.Source {
				l.To = m.Period
				continue
			}
		}
		out = append(out, Span{From: m.Period, To: m.Period, Scheme: m.Scheme, Wage: m.Wage, Employer: m.Employer, Source: m.Source, Ref: m.Ref, UI: m.UI})
	}
	return out
}
