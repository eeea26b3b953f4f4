package web

import (
	"context"
	"slices"

	"ansinh/store"
)

// Section is a part of the employer page that another part of the system
// fills (notices, arrears, findings): a table of already formatted cells.
type Section struct {
	Key     string     // "notices", "arrears", "findings", …
	Title   string     // catalogue key
	Columns []string   // catalogue keys
	Rows    [][]string // formatted cells
	// Ready is false while the part of the system that fills the section
	// does not exist yet; the page then says "no data yet".
	Ready bool
}

// SectionSource fills one section of the employer page for an employer the
// caller may see.
type SectionSource interface {
	// Key names the section ("notices", "arrears", "findings").
	Key() string
	// Section returns the section for the employer.
	Section(ctx context.Context, e store.Employer) (Section, error)
}

// DefaultEmployerSections are the sections every employer page has, filled
// by the collection and compliance parts of the system when they are wired
// in.
var DefaultEmployerSections = []string{"notices", "arrears", "findings"}

// pendingSection is a section whose source is not wired yet.
type pendingSection string

// Key names the section.
func (k pendingSection) Key() string { return string(k) }

// Section returns the section without data ("no data yet").
func (k pendingSection) Section(context.Context, store.Employer) (Section, error) {
	return Section{Key: string(k), Title: "section." + string(k)}, nil
}

// withDefaultSections returns the given sources plus a pending one for each
// default section not among them.
func withDefaultSections(given []SectionSource) []SectionSource {
	out := slices.Clone(given)
	for _, k := range DefaultEmployerSections {
		if !slices.ContainsFunc(given, func(s SectionSource) bool { return s.Key() == k }) {
			out = append(out, pendingSection(k))
		}
	}
	return out
}
