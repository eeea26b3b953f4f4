package collection

import (
	"context"
	"time"

	"ansinh"
	"ansinh/rules"
)

// Store is what the collection's pages, portals, exports and the
// compliance matcher need of storage, in the collection's terms (the
// monthly close keeps its own): payment orders and payments, the notices
// and debts a close left, the arrears, the agents' contracts and
// collections, and the rows of the exports. store/collectiondb implements
// it for SQLite and PostgreSQL.
type Store interface {
	// Now is the database's clock.
	Now() time.Time

	// CreatePaymentOrder records a pending order (status "pending",
	// CreatedAt now) and its payment procedure (channel online) in one
	// transaction, audited with actor, and returns the order as recorded.
	CreatePaymentOrder(ctx context.Context, o PaymentOrder, actor string) (PaymentOrder, error)
	// FindPaymentOrder returns the order with the id, or ErrNoOrder.
	FindPaymentOrder(ctx context.Context, id string) (PaymentOrder, error)
	// PaymentOrdersOf returns the latest orders of a payer, newest first
	// (limit ≤ 0: 20).
	PaymentOrdersOf(ctx context.Context, payer string, limit int) ([]PaymentOrder, error)
	// ConfirmPayment records the gateway's confirmation of an order in one
	// transaction: the order becomes paid, one payment (channel online,
	// ref = the order id, paid on paidOn) lands in the payments, the
	// procedure is completed, audited with actor. It returns ErrNoOrder for
	// an unknown order, ErrAmountMismatch when amount is not the order's,
	// and reports whether this call recorded the payment (false for an
	// order already paid, which is left as it is).
	ConfirmPayment(ctx context.Context, id, gatewayRef string, amount ansinh.Money, paidOn ansinh.Date, actor string) (PaymentOrder, bool, error)
	// PaymentsOf returns the latest payments of a payer, newest first
	// (limit ≤ 0: 20).
	PaymentsOf(ctx context.Context, payer string, limit int) ([]Payment, error)

	// LastClosedMonth returns the last month closed, zero when none.
	LastClosedMonth(ctx context.Context) (ansinh.Period, error)
	// BooksStart returns the first month of the books (the month the first
	// close started them), zero when none.
	BooksStart(ctx context.Context) (ansinh.Period, error)
	// LatestClose returns the latest month closed no later than through,
	// zero when none.
	LatestClose(ctx context.Context, through ansinh.Period) (ansinh.Period, error)
	// OverdueDebts returns the employers' debts after the close of a month
	// that were past their deadline on its last day, within the filter, by
	// employer, month and billing month.
	OverdueDebts(ctx context.Context, close ansinh.Period, f ArrearsFilter) ([]OverdueDebt, error)
	// OpenArrears returns the employers' open debts after the close of a
	// month (principal above zero), by employer in byte order, each with
	// what its months were assessed by then, the payments posted by then
	// and the latest five of them.
	OpenArrears(ctx context.Context, close ansinh.Period) ([]EmployerArrears, error)

	// RecordPayment records a checked payment, audited with actor, in one
	// transaction. A payment with the same payer and reference recorded
	// before with the same amount and day changes nothing and is reported
	// a duplicate; one with other figures is ErrPaymentConflict.
	RecordPayment(ctx context.Context, p Payment, actor string) (duplicate bool, err error)
	// KnownPayer reports whether payer is an employer or a person of the
	// registry.
	KnownPayer(ctx context.Context, payer string) (bool, error)
	// UnpostedPayments returns the amounts of the payments to account
	// (paid by it, or attributed to it) paid after the day after (zero:
	// every day) that no close has allocated yet.
	UnpostedPayments(ctx context.Context, account string, after ansinh.Date) ([]int64, error)
	// Suspense returns the payments not allocated whose account (the
	// payer, or the account it is attributed to) is neither in the
	// registry nor a budget, by day, payer and reference in byte order.
	Suspense(ctx context.Context) ([]SuspensePayment, error)
	// AttributePayment attributes the payment (payer, ref) to account, in
	// one transaction audited with actor: ErrNoPayment when there is no
	// such payment, ErrPaymentAllocated when a close has allocated it.
	AttributePayment(ctx context.Context, payer, ref, account, actor string) error
	// AllocationsOf returns how a payment was allocated, by close, account
	// and order of allocation.
	AllocationsOf(ctx context.Context, payer, ref string) ([]PaymentAllocation, error)

	// FindNotice returns the notice of payer for a closed month, or
	// ErrNoNotice.
	FindNotice(ctx context.Context, payer string, period ansinh.Period) (Notice, error)
	// NoticesOf returns the notices of a payer, newest first.
	NoticesOf(ctx context.Context, payer string) ([]Notice, error)
	// EmployerNotices returns the employers' notices of a closed month, by
	// tax code in byte order.
	EmployerNotices(ctx context.Context, period ansinh.Period) ([]Notice, error)
	// Debts returns what payer owes after the close of period, by month
	// and billing month; their age is the caller's to reckon.
	Debts(ctx context.Context, payer string, period ansinh.Period) ([]Debt, error)
	// NoticeHeading returns the employer's name and its commune's latest
	// name (the commune's code when the unit is unknown; both empty for an
	// unknown employer) and the workers assessed for the month.
	NoticeHeading(ctx context.Context, taxCode string, period ansinh.Period) (name, commune string, employees int64, err error)
	// Summaries returns the sums of a closed month's notices by kind of
	// account, by unit when byUnit is set (see Summaries).
	Summaries(ctx context.Context, period ansinh.Period, byUnit bool) (map[string][]Summary, error)
	// Assessments calls fn with each assessment row of month period,
	// whichever close billed it, by tax code then personal ID in byte
	// order; an error from fn stops the reading and is returned.
	Assessments(ctx context.Context, period ansinh.Period, fn func(AssessmentLine) error) error

	// SetAgentContract records (or replaces) a checked contract version
	// from its start day, audited with actor.
	SetAgentContract(ctx context.Context, c AgentContract, actor string) error
	// AgentRates returns the commission rate of every agent whose contract
	// in force on day d has one.
	AgentRates(ctx context.Context, d ansinh.Date) (map[string]rules.Micro, error)
	// AgentCollections returns the agents' collections of a closed month,
	// by agent code in byte order.
	AgentCollections(ctx context.Context, period ansinh.Period) ([]AgentCollection, error)
}
