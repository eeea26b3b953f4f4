package indicators

import (
	"context"
	"errors"

	"ansinh"
)

// Unit is one version of an administrative unit, as the registry keeps it:
// codes were reused in the 2025 reorganisation, so a unit is identified by
// its code and the first day of its version (Key).
type Unit struct {
	Code   string
	Name   string
	Level  string // province, district or commune
	Parent string // parent's code, "" for a province
	From   ansinh.Date
	To     ansinh.Date // last day; zero: still in force
}

// UnitKey identifies a unit version.
type UnitKey struct {
	Code string
	From ansinh.Date
}

// Key returns the unit's key.
func (u Unit) Key() UnitKey { return UnitKey{u.Code, u.From} }

// String writes "CODE@YYYY-MM-DD".
func (k UnitKey) String() string { return k.Code + "@" + k.From.String() }

// Successor links a unit of one structure to a unit of the next, from the
// day of the reorganisation: a merged unit has several predecessors, a
// split one several successors.
type Successor struct {
	Old, New string
	From     ansinh.Date
}

// LaborForce is one row of the statistics office's yearly feed: the
// working-age labour force and the population past retirement age of a
// unit. The feed does not say which structure its codes belong to; see the
// package documentation for how a year's rows are read.
type LaborForce struct {
	Unit           string
	Year           int
	LaborForce     int64
	OverRetirement int64
}

// Person is a person of the registry: where they live now (a commune of the
// current structure) and what their retirement age depends on.
type Person struct {
	ID      string
	Birth   ansinh.Date
	Sex     string // male or female
	Commune string
}

// Spell is a mandatory social insurance spell (an employment row).
type Spell struct {
	Person     string
	Start, End ansinh.Period // End zero: open
	Contract   string        // indefinite, fixed or seasonal
}

// Enrolment is a voluntary social insurance enrolment.
type Enrolment struct {
	Person     string
	Start, End ansinh.Period // End zero: open
}

// Benefit is a beneficiary row: a pension, a monthly SI benefit or the
// social pension allowance.
type Benefit struct {
	Person     string
	Kind       string // pension, monthly_si_benefit or social_pension
	Start, End ansinh.Period
}

// Transaction is one transaction with a participant (registration,
// declaration, voluntary enrolment, payment) and, when the participant
// answered it, the satisfaction survey's score.
type Transaction struct {
	Subject  string // tax code or personal ID
	Commune  string // the subject's commune, current structure ("" unknown)
	Online   bool
	Month    ansinh.Period // month submitted
	Score    int           // 1..5; 0: no answer
	Answered ansinh.Period // month of the answer
}

// Collection is one employer's (or voluntary participant's) month of the
// monthly close: the amount assessed for the month, the amount paid against
// it, and the arrears outstanding at the month's end.
type Collection struct {
	Subject   string
	Commune   string // current structure
	Month     ansinh.Period
	Assessed  int64
	Collected int64
	Arrears   int64
}

// ErrNoData is returned by a Source stream whose data the system does not
// record (yet): the indicators built on it say "no data" instead of a
// number.
var ErrNoData = errors.New("indicators: no data recorded")

// Source gives a computation its inputs. Streams call fn once per row, in
// any order, and stop at fn's first error. Compute may call different
// streams at the same time, from different goroutines; one stream is never
// called concurrently with itself.
type Source interface {
	Units(ctx context.Context) ([]Unit, []Successor, error)
	LaborForce(ctx context.Context) ([]LaborForce, error)
	Persons(ctx context.Context, fn func(Person) error) error
	Employment(ctx context.Context, fn func(Spell) error) error
	Voluntary(ctx context.Context, fn func(Enrolment) error) error
	Beneficiaries(ctx context.Context, fn func(Benefit) error) error
	// Transactions returns ErrNoData when transactions are not recorded.
	Transactions(ctx context.Context, fn func(Transaction) error) error
	// Collections returns ErrNoData when the monthly close has not run.
	Collections(ctx context.Context, fn func(Collection) error) error
}

// PersonCounter is implemented by a Source that can tell how many persons
// it holds, so that Compute sizes its tables once.
type PersonCounter interface {
	PersonCount(ctx context.Context) (int, error)
}
