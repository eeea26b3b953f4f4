package web

import (
	"context"

	"ansinh/registry"
)

// Section is a part of the employer page that another part of the system
// fills: a table of already formatted cells, shown after the page's own
// sections.
type Section struct {
	Key     string     // names the section
	Title   string     // catalogue key
	Columns []string   // catalogue keys
	Rows    [][]string // formatted cells
	// Ready is false while the part of the system that fills the section
	// has nothing to say yet; the page then says "no data yet".
	Ready bool
}

// SectionSource fills one section of the employer page for an employer the
// caller may see.
type SectionSource interface {
	// Key names the section.
	Key() string
	// Section returns the section for the employer.
	Section(ctx context.Context, e registry.Employer) (Section, error)
}

// DefaultEmployerSections are the sections every employer page draws
// itself: the notices, balance and payments of the monthly close (package
// collection), the arrears by age, and the compliance findings with the
// inspection case and what it recovered (package compliance). Sources
// given in Config.EmployerSections come after them.
var DefaultEmployerSections = []string{"notices", "arrears", "findings"}
