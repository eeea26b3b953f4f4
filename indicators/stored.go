package indicators

import (
	"errors"
	"time"

	"ansinh"
)

// Run is the record of a refresh: who ran it, over which months, what it
// wrote.
type Run struct {
	ID            int64
	Actor         string
	Started       time.Time
	Finished      time.Time
	From, Through ansinh.Period
	Split         string
	Rows, Persons int64
	Note          string
	Status        string
}

// ErrNoRun is returned (wrapped) when no refresh has finished.
var ErrNoRun = errors.New("indicators: no refresh has finished")

// FactFilter selects stored facts; empty fields select all.
type FactFilter struct {
	// Periods selects periods exactly ("2024", "2024-12").
	Periods []string
	// From and To bound the periods (inclusive, as text: "2024" <
	// "2024-01" < "2024-12" < "2025").
	From, To string
	// Kind is "year" or "month" ("" both).
	Kind string
	// Units selects unit codes.
	Units []string
	// Remapped: nil both; otherwise only rows re-mapped (true) or under the
	// units of their time (false).
	Remapped *bool
}
