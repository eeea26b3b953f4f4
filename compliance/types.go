package compliance

import (
	"context"
	"time"

	"ansinh"
	"ansinh/rules"
)

// The partners' feeds a finding may cite.
const (
	FeedTaxWages         = "tax_wages"
	FeedBusinessRegistry = "business_registry"
	FeedIZEnterprises    = "iz_enterprises"
)

// Feeds returns the partners' feed kinds, in the order of formats.md.
func Feeds() []string { return []string{FeedTaxWages, FeedBusinessRegistry, FeedIZEnterprises} }

// TaxRow is one row of the Tax Department's feed: the wage income a person
// received from an employer in a month. Version is the feed version (import
// run) that brought the row's current value.
type TaxRow struct {
	TaxCode  string        // the employer that paid
	PersonID string        // the person paid
	Month    ansinh.Period // the month of the income
	Wage     int64         // wage income, đồng
	Version  int64         // feed version (import run)
}

// Spell is an employment spell of the registry: a worker's mandatory
// social insurance at an employer from Start through End (zero: open) with
// the contract wage declared. Version is the import run that last changed
// it (0 when it came from an online declaration).
type Spell struct {
	TaxCode    string        // the employer
	PersonID   string        // the worker
	Start      ansinh.Period // first month insured
	End        ansinh.Period // last month insured; zero while open
	Wage       int64         // contract wage declared, đồng
	Contract   string        // indefinite, fixed, seasonal
	DeclaredOn ansinh.Date   // the day it was declared (later than Start: retroactive months)
	Version    int64         // import run that last changed it
}

// Covers reports whether the spell is open in month m.
func (s *Spell) Covers(m ansinh.Period) bool {
	return s.Start <= m && (s.End.IsZero() || s.End >= m)
}

// Employer is an employer registered for social insurance, with the
// minimum-wage region of its commune.
type Employer struct {
	TaxCode      string
	Name         string
	Kind         string // state, soe, fdi, private, cooperative, household_business
	CommuneCode  string
	Zone         string
	RegisteredOn ansinh.Date
	Region       rules.Region
	Version      int64
}

// BusinessRow is one row of the business registry's feed.
type BusinessRow struct {
	TaxCode      string
	Name         string
	CommuneCode  string
	RegisteredOn ansinh.Date
	Status       string // active, suspended, dissolved
	Employees    int
	Version      int64
}

// ZoneRow is one row of the Industrial Zones Board's feed.
type ZoneRow struct {
	TaxCode   string
	Zone      string
	Employees int
	Version   int64
}

// Person is a person of the registry, as far as a finding needs it.
type Person struct {
	PersonID string
	Name     string
	Version  int64
}

// FeedVersion is one upload of a partner's feed: the import run, with the
// file, its SHA-256, who loaded it and when.
type FeedVersion struct {
	Version int64     `json:"version"` // the import run's id
	Kind    string    `json:"kind"`    // tax_wages, business_registry, iz_enterprises
	File    string    `json:"file"`    // the file loaded
	SHA256  string    `json:"sha256"`  // of the file's bytes
	Actor   string    `json:"actor"`   // who loaded it
	At      time.Time `json:"at"`      // when the load started
	Status  string    `json:"status"`  // running, committed, refused, failed
}

// Registry is the part of the registry and of the partners' registers that
// the matcher holds in memory: employers, business registry, industrial
// zones, and the minimum-wage region of each commune.
type Registry struct {
	Employers []Employer
	Business  []BusinessRow
	Zones     []ZoneRow
	Regions   map[string]rules.Region // by commune code
}

// Source is what the matcher reads. The store implements it; tests use
// memory.
type Source interface {
	// Registry returns employers, the business registry, the industrial
	// zones' register and the regions of communes.
	Registry(ctx context.Context) (Registry, error)
	// TaxWages calls fn with batches of the tax rows of months from..to,
	// ordered by tax code, person ID and month (byte order). fn owns each
	// batch.
	TaxWages(ctx context.Context, from, to ansinh.Period, fn func([]TaxRow) error) error
	// Spells calls fn with batches of the spells open in some month of
	// from..to, ordered by tax code, person ID and start month (byte
	// order). Only the key, End, Wage and DeclaredOn need be set: the matcher reads the
	// full records of the spells it cites with PersonSpells. fn owns each
	// batch.
	Spells(ctx context.Context, from, to ansinh.Period, fn func([]Spell) error) error
	// Persons returns the persons of the registry among ids.
	Persons(ctx context.Context, ids []string) (map[string]Person, error)
	// PersonSpells returns the spells, at any employer, of the persons
	// with the ids that are open in some month of from..to.
	PersonSpells(ctx context.Context, ids []string, from, to ansinh.Period) ([]Spell, error)
	// FeedVersions returns the import runs with the ids.
	FeedVersions(ctx context.Context, ids []int64) (map[int64]FeedVersion, error)
}

// MonthDebt is what an employer owes for one month's contributions, as
// billed by one close: the month's own, or a later one (BilledIn) for
// months declared late.
type MonthDebt struct {
	Month    ansinh.Period `json:"month"`     // the month the contributions are for
	BilledIn ansinh.Period `json:"billed_in"` // the month that billed them (Month, or later)
	Assessed int64         `json:"assessed"`  // billed, đồng
	Unpaid   int64         `json:"unpaid"`    // still unpaid, đồng
}

// Reckoned returns the month whose deadline the debt is reckoned from: the
// month itself, or the month it was billed in when that is later (an
// employer cannot pay months declared late before they are billed).
func (d MonthDebt) Reckoned() ansinh.Period { return max(d.Month, d.BilledIn) }

// PaymentRef names a payment of the registry.
type PaymentRef struct {
	Ref     string      `json:"ref"`
	Amount  int64       `json:"amount"`
	PaidOn  ansinh.Date `json:"paid_on"`
	Version int64       `json:"version,omitempty"`
}

// EmployerArrears is an employer's unpaid contributions on a day, month by
// month (payments settle the oldest months first).
type EmployerArrears struct {
	TaxCode string
	// Source says where the figures come from: "collection" (the monthly
	// close) or "estimate" (assessed here from the spells and payments).
	Source string
	// AsOf is the day the figures are as of: the last day of the latest
	// month closed (collection), or the day asked for (estimate).
	AsOf ansinh.Date
	// Months are the months with an unpaid remainder, oldest first.
	Months []MonthDebt
	// Assessed and Paid are the totals to the day, for the evidence.
	Assessed, Paid int64
	// LastPayments are the employer's latest payments, newest first.
	LastPayments []PaymentRef
}

// ArrearsSource gives the unpaid contributions of every employer on a day.
type ArrearsSource interface {
	Arrears(ctx context.Context, asOf ansinh.Date) ([]EmployerArrears, error)
}

// Finding is one suspected violation, with its evidence, score and the
// contributions at stake.
type Finding struct {
	ID           string // FindingID(Kind, TaxCode, PersonID)
	Kind         Kind
	TaxCode      string        // the employer's
	PersonID     string        // per-worker kinds only
	EmployerName string        // from the registry, or the business registry; "" if unknown
	CommuneCode  string        // of the employer (or of its business registry row); "" if unknown
	Period       ansinh.Period // the match that last produced it
	// Months is the number of months concerned (uncovered, underdeclared,
	// in evasion or below the minimum).
	Months int
	// Score is the confidence that the finding is a real violation, 0–1
	// (see the package documentation for each kind's formula).
	Score float64
	// Stake is the contributions at stake, estimated with the rules.
	Stake Stake
	// Feeds are the partners' feeds the evidence cites.
	Feeds []string
	// Evidence is the evidence as JSON text (see Evidence).
	Evidence string

	// Set by the store when the finding is read back.

	// MonthStakes are the months concerned with the contributions at stake
	// of each, oldest first: those of this match, or, read back, of every
	// match that produced the finding.
	MonthStakes []MonthStake

	// State is "open" until the finding's case is resolved or a match
	// over all its months no longer shows it; then "cleared", with the
	// reason (ClosedResolved, ClosedDisproved).
	State string
	// ClosedReason says why a cleared finding was closed.
	ClosedReason string
	// ClosedPeriod is the month it was closed in.
	ClosedPeriod ansinh.Period
	// FirstPeriod is the period of the first match that produced it.
	FirstPeriod ansinh.Period
	// CaseID is the inspection case the finding belongs to, if any.
	CaseID string
}

// Stake is the contributions at stake of a finding: employer and employee
// shares of one month, the months concerned and the total over them, each
// month with its own rules.
type Stake struct {
	Employer int64 `json:"employer_per_month"` // employer's share of one month, đồng
	Employee int64 `json:"employee_per_month"` // employee's share of one month, đồng
	Months   int   `json:"months"`             // months at stake
	Total    int64 `json:"total"`              // both shares over all the months, đồng
}

// MonthStake is the contributions at stake of one month of a finding.
type MonthStake struct {
	Month    ansinh.Period `json:"month"`
	Employer int64         `json:"employer"` // employer's share, đồng
	Employee int64         `json:"employee"` // employee's share, đồng
}

// Why a finding was closed.
const (
	ClosedResolved  = "resolved"  // its inspection case was resolved
	ClosedDisproved = "disproved" // a later match over all its months no longer shows it
)

// PerMonth returns the employer and employee shares of one month.
func (s Stake) PerMonth() int64 { return s.Employer + s.Employee }
