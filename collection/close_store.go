package collection

import (
	"context"
	"time"

	"ansinh"
	"ansinh/rules"
)

// CloseStore is what the monthly close needs of storage: the books and the
// run log, the registry's rows a month is billed from, the ledger left by
// the previous close, and the bulk writes of one batch or of the posting,
// each in one transaction. The rules (which months are billed, the amounts,
// the UI scope, the regions, the interest and the allocation) stay in this
// package; store/collectiondb implements it on both engines.
type CloseStore interface {
	// Now returns the database's clock.
	Now() time.Time
	// Exclusive runs fn holding the job lock named job; a second holder is
	// refused with a message naming holder. A lock lost meanwhile is an
	// error.
	Exclusive(ctx context.Context, job, holder string, fn func() error) error
	// HoldCheckpoints defers the engine's automatic checkpoints during a
	// batch job until the returned function is called.
	HoldCheckpoints(ctx context.Context) (release func() error, err error)

	// Books returns the state of the books and of an unfinished close run.
	Books(ctx context.Context) (CloseBooks, error)
	// EmployerKeys returns the tax codes of every employer, in order.
	EmployerKeys(ctx context.Context) ([]string, error)
	// StartRun records a new run of the close and its batches, and marks
	// the month as closing, in one transaction; it returns the run's id.
	StartRun(ctx context.Context, r CloseRun, batches []CloseBatch) (int64, error)
	// Batches returns the batches of a run, by number.
	Batches(ctx context.Context, runID int64) ([]CloseBatch, error)
	// FirstMonths returns the first month of any employment spell,
	// voluntary enrolment and payment (zero when there is none).
	FirstMonths(ctx context.Context) ([]ansinh.Period, error)
	// Reopen records a reopening from r.Period through r.Through, deletes
	// everything the closes of those months wrote and audits it, in one
	// transaction.
	Reopen(ctx context.Context, r CloseRun, audit ansinh.AuditEntry) error
	// RunningReopen returns the reopening not finished: its id, first and
	// last month; id zero when there is none.
	RunningReopen(ctx context.Context) (id int64, from, through ansinh.Period, err error)
	// FinishRun marks a run done at at.
	FinishRun(ctx context.Context, id int64, at time.Time) error
	// ClosedPeriods returns the closed months, oldest first.
	ClosedPeriods(ctx context.Context) ([]ansinh.Period, error)

	// Employers returns the kind and commune of every employer.
	Employers(ctx context.Context) ([]CloseEmployer, error)
	// UnitRegions returns the dated unit rows with a region of the
	// employers' communes, by commune and start.
	UnitRegions(ctx context.Context) ([]rules.UnitRegion, error)
	// Spells calls fn for each spell of the batch that q selects, in the
	// order of tax code, person and start month.
	Spells(ctx context.Context, q SpellQuery, fn func(SpellRow) error) error
	// Billed returns which of the worker-months have an assessment.
	Billed(ctx context.Context, keys []WorkerMonth) (map[WorkerMonth]bool, error)
	// Contracts returns the employment records of the workers (employer and
	// person; the month is ignored) declared on or before declared.
	Contracts(ctx context.Context, workers []WorkerMonth, declared ansinh.Date) ([]ContractRow, error)
	// Beneficiaries returns the pensions and monthly SI benefits.
	Beneficiaries(ctx context.Context) ([]BeneficiaryRow, error)
	// PrepareBatch turns the rows of a batch into what WriteBatches writes
	// (b.Prepared), so that the assessment pass does it beside the writer,
	// while the batch before is written.
	PrepareBatch(b *BatchRows)
	// WriteBatches commits the rows of batches with their done marks, in
	// one transaction (preparing them first if PrepareBatch did not);
	// taken[i] is true (and nothing of batch i written) when batch i was
	// done meanwhile.
	WriteBatches(ctx context.Context, runID int64, at time.Time, bs []*BatchRows) (taken []bool, err error)

	// OpenDebts returns the open items of every account left by the close
	// of prev, by payer, month and billing close.
	OpenDebts(ctx context.Context, prev ansinh.Period) ([]DebtRow, error)
	// Credits returns the accounts with a credit after the close of prev,
	// their closing balance negative.
	Credits(ctx context.Context, prev ansinh.Period) ([]NoticeRow, error)
	// EmployerCharges returns the employers' charges billed by the close of
	// C: payer, month and principal.
	EmployerCharges(ctx context.Context, C ansinh.Period) ([]ChargeRow, error)
	// SupportedMonths returns the months of state support each voluntary
	// participant received from closes before C.
	SupportedMonths(ctx context.Context, C ansinh.Period) (map[string]int64, error)
	// Enrolments returns the voluntary enrolments covering C, by person and
	// start month.
	Enrolments(ctx context.Context, C ansinh.Period) ([]EnrolmentRow, error)
	// UnpostedPayments returns the payments made after cutoff and by last
	// not yet posted by a close, with the account each goes to and its
	// kind ("" when unknown).
	UnpostedPayments(ctx context.Context, last, cutoff ansinh.Date) ([]PaymentRow, error)
	// AgentRates returns the commission rate of every agent contract in
	// force on day d that has one.
	AgentRates(ctx context.Context, d ansinh.Date) (map[string]rules.Micro, error)
	// Post commits the posting of a close, marks the month closed and the
	// run done, and audits it, in one transaction.
	Post(ctx context.Context, p *PostRows, audit ansinh.AuditEntry) error
	// WarningCount returns the number of warnings of the close of C.
	WarningCount(ctx context.Context, C ansinh.Period) (int, error)
}

// CloseBooks is the state of the books.
type CloseBooks struct {
	Start      ansinh.Period // first month of the books; zero: none closed
	LastClosed ansinh.Period
	RunID      int64         // a close run not finished
	RunPeriod  ansinh.Period // its month
}

// CloseRun is a run of the close or of a reopening.
type CloseRun struct {
	Period  ansinh.Period // the month closed, or the first month reopened
	Start   ansinh.Period // the first month of the books (a close)
	Through ansinh.Period // the last month reopened (a reopening)
	Actor   string
	At      time.Time
}

// CloseBatch is one range of employers of a run, by tax code.
type CloseBatch struct {
	No          int64
	First, Last string
	Done        bool
}

// CloseEmployer is what an employer's assessments depend on, as stored.
type CloseEmployer struct {
	TaxCode, Kind, Commune string
}

// SpellQuery selects the spells the close of Period bills in one batch.
type SpellQuery struct {
	First, Last string        // the batch's tax codes
	Period      ansinh.Period // the month closed
	Declared    ansinh.Date   // its last day: spells declared by then
	Start       ansinh.Period // the first month of the books
}

// SpellRow is one spell read by the close: its months (End zero: open),
// wage and contract; Covers when it covers the month closed; RetroStart,
// RetroEnd its months when it was declared during that month and started
// before it (retroactive months).
type SpellRow struct {
	TaxCode, Person      string
	Start, End           ansinh.Period
	Wage                 int64
	Contract             string
	Covers               bool
	RetroStart, RetroEnd ansinh.Period
}

// WorkerMonth is one month of one employer and person.
type WorkerMonth struct {
	TaxCode, Person string
	Period          ansinh.Period
}

// ContractRow is an employment record as the UI scope needs it.
type ContractRow struct {
	TaxCode    string
	Person     string
	Start, End ansinh.Period // End zero: open
	Contract   string
}

// BeneficiaryRow is a span of a pension or monthly SI benefit.
type BeneficiaryRow struct {
	Person, Kind string
	Start, End   ansinh.Period // End zero: open
}

// BatchRows is what one batch of the assessment pass writes.
type BatchRows struct {
	No          int64
	Assessments []AssessmentRow
	Charges     []ChargeRow
	Warnings    []WarningRow
	// Prepared is what CloseStore.PrepareBatch made of the rows, in the
	// store's own form; nil until then.
	Prepared any
}

// AssessmentRow is one assessed worker-month.
type AssessmentRow struct {
	Period, BilledIn ansinh.Period
	TaxCode, Person  string
	Amount           rules.Amounts
}

// ChargeRow is what a close billed one payer for one month.
type ChargeRow struct {
	BilledIn, Period ansinh.Period
	Payer            string
	Kind             PayerKind
	Principal, Items int64
}

// WarningRow is one warning of a close.
type WarningRow struct {
	Period               ansinh.Period
	Code, Object, Detail string
}

// EnrolmentRow is a voluntary enrolment.
type EnrolmentRow struct {
	Person                string
	Start, End            ansinh.Period // End zero: open
	Income                int64
	Mode, Category, Agent string // Agent "": none
}

// PaymentRow is a payment the close may allocate.
type PaymentRow struct {
	Payer, Ref     string
	Amount         int64
	PaidOn         ansinh.Date
	Channel, Agent string // Agent "": none
	Account, Kind  string // Kind "": the account is unknown
}

// VoluntaryChargeRow is a voluntary contribution billed by a close.
type VoluntaryChargeRow struct {
	BilledIn, Start                                        ansinh.Period
	Person, Category, Agent                                string // Agent "": none
	Months, Income, Contribution, State, Province, Payable int64
	SupportedMonths                                        int64
}

// DebtRow is an open item of an account after a close.
type DebtRow struct {
	ClosePeriod ansinh.Period
	Payer       string
	Kind        PayerKind
	Item        Item
}

// NoticeRow is the standing of an account after a close.
type NoticeRow struct {
	Period                                                  ansinh.Period
	Payer                                                   string
	Kind                                                    PayerKind
	Opening, Assessed, Retroactive, Interest, Paid, Closing int64
	Overdue, MonthsOverdue                                  int64
	Status                                                  string
	UnratedDays                                             int64
}

// PostingRow records that a close allocated a payment to an account.
type PostingRow struct {
	Payer, Ref, Account, Channel, Agent string // Agent "": none
	ClosePeriod                         ansinh.Period
	Amount                              int64
	Value                               ansinh.Date
}

// AllocationRow is one allocation of a close, numbered by account.
type AllocationRow struct {
	ClosePeriod ansinh.Period
	Account     string
	Seq         int64
	Allocation  Allocation
}

// AgentRow is what one agent collected in the payments a close allocated.
type AgentRow struct {
	Period           ansinh.Period
	AgentCode        string
	Payments, Amount int64
	Rate             *rules.Micro // nil: the contract has no rate
	Commission       int64
}

// PostRows is what the posting of a close writes, with the run it ends.
type PostRows struct {
	Period      ansinh.Period
	RunID       int64
	At          time.Time
	Voluntary   []VoluntaryChargeRow
	Charges     []ChargeRow
	Debts       []DebtRow
	Notices     []NoticeRow
	Postings    []PostingRow
	Allocations []AllocationRow
	Agents      []AgentRow
	Warnings    []WarningRow
}
