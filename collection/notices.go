package collection

import (
	"context"
	"errors"

	"ansinh"
	"ansinh/rules"
)

// Notice is a payer's statement for a closed month (form C12 for an
// employer). ClosingBalance = OpeningBalance + Assessed + Retroactive +
// Interest − Paid; a negative balance is a credit.
type Notice struct {
	Period         ansinh.Period
	Payer          string // tax code, personal ID or budget account
	Kind           PayerKind
	OpeningBalance int64
	Assessed       int64 // contributions of the month
	Retroactive    int64 // contributions of earlier months declared late
	Interest       int64 // late interest accrued in the month
	Paid           int64 // payments received
	ClosingBalance int64
	Overdue        int64 // principal and interest past their deadline at the month's end
	MonthsOverdue  int   // whole months since the oldest unpaid deadline
	Status         string
	UnratedDays    int // days late whose interest is not computed (rate not loaded)
}

// ErrNoNotice is returned when a payer has no notice for the month.
var ErrNoNotice = &ansinh.Error{Code: ansinh.ENOTFOUND,
	Message: "Không có thông báo cho tháng này.", MessageEN: "No notice for this month."}

// FindNotice returns the notice of payer for a closed month, or ErrNoNotice.
func FindNotice(ctx context.Context, s Store, payer string, period ansinh.Period) (Notice, error) {
	return s.FindNotice(ctx, payer, period)
}

// NoticesOf returns the notices of a payer (an employer's tax code, a
// participant's personal ID), newest first.
func NoticesOf(ctx context.Context, s Store, payer string) ([]Notice, error) {
	return s.NoticesOf(ctx, payer)
}

// Debt is one month a payer still owes after a close, with its age.
type Debt struct {
	Period        ansinh.Period
	BilledIn      ansinh.Period
	Due           ansinh.Date
	Principal     int64
	Interest      int64 // accrued through the close's last day
	MonthsOverdue int
	Bucket        string // "" when not yet due
}

// Debts returns what payer owes after the close of period, oldest first,
// each aged on the close's last day.
func Debts(ctx context.Context, s Store, payer string, period ansinh.Period) ([]Debt, error) {
	debts, err := s.Debts(ctx, payer, period)
	if err != nil {
		return nil, err
	}
	last := period.Last()
	for i := range debts {
		if d := &debts[i]; d.Due < last {
			d.MonthsOverdue = MonthsOverdue(d.Due, last)
			d.Bucket = Bucket(d.MonthsOverdue)
		}
	}
	return debts, nil
}

// Balance is a payer's position now: its last notice, and the payments
// recorded since that the next close will allocate.
type Balance struct {
	Payer         string
	AsOf          ansinh.Period // the last closed month (zero: none)
	Closing       int64         // the closing balance of that month's notice
	PaidSince     int64         // payments recorded since, not yet allocated
	Current       int64         // Closing − PaidSince (negative: credit)
	Status        string
	MonthsOverdue int
	Debts         []Debt
}

// PayerBalance returns the balance of payer (an employer's tax code, a
// participant's personal ID).
func PayerBalance(ctx context.Context, s Store, payer string) (Balance, error) {
	b := Balance{Payer: payer, Status: "current"}
	var err error
	if b.AsOf, err = s.LastClosedMonth(ctx); err != nil {
		return b, err
	}
	if !b.AsOf.IsZero() {
		n, err := s.FindNotice(ctx, payer, b.AsOf)
		switch {
		case err == nil:
			b.Closing, b.Status, b.MonthsOverdue = n.ClosingBalance, n.Status, n.MonthsOverdue
		case !errors.Is(err, ErrNoNotice):
			return b, err
		}
		if b.Debts, err = Debts(ctx, s, payer, b.AsOf); err != nil {
			return b, err
		}
	}
	cutoff, err := booksCutoff(ctx, s, b.AsOf)
	if err != nil {
		return b, err
	}
	// The amounts are summed here with checked addition: a SQL sum
	// overflows with an engine's error.
	paid, err := s.UnpostedPayments(ctx, payer, cutoff)
	if err != nil {
		return b, err
	}
	for _, v := range paid {
		if b.PaidSince, err = AddMoney(b.PaidSince, v); err != nil {
			return b, err
		}
	}
	b.Current, err = SubMoney(b.Closing, b.PaidSince)
	return b, err
}

// booksCutoff returns the last day whose payments the books do not cover
// (BooksCutoff), zero when no month is closed (asOf zero).
func booksCutoff(ctx context.Context, s Store, asOf ansinh.Period) (ansinh.Date, error) {
	if asOf.IsZero() {
		return 0, nil
	}
	start, err := s.BooksStart(ctx)
	if err != nil || start.IsZero() {
		return 0, err
	}
	return BooksCutoff(rules.Default(), start), nil
}

// BooksCutoff is the last day whose payments belong to the time before the
// books that start with month start: the payment deadline of the month
// before (p.Deadline), or the day before start when p has none. The books
// hold no debt from before their first month, so the close allocates only
// the payments made after it, and a balance counts only those.
func BooksCutoff(p *rules.Params, start ansinh.Period) ansinh.Date {
	if d, err := p.Deadline(start.Add(-1)); err == nil {
		return d
	}
	return start.First().AddDays(-1)
}

// Arrears returns the province's arrears after the close of period: the
// overdue debts of employers by commune, employer kind and age bucket (each
// debt in the bucket of its own age), ordered by unit, kind and bucket
// (GroupArrears).
func Arrears(ctx context.Context, s Store, period ansinh.Period) ([]ArrearsRow, error) {
	debts, err := s.OverdueDebts(ctx, period, ArrearsFilter{Scope: ansinh.Scope{All: true}})
	if err != nil {
		return nil, err
	}
	return GroupArrears(period, debts), nil
}

// Summary is what the indicators need of a closed month: the collection
// rate is Collected / Due, the arrears ratio Overdue / Assessed over the
// period the indicator chooses.
type Summary struct {
	Period      ansinh.Period
	Kind        PayerKind
	Payers      int   // accounts with a notice
	Opening     int64 // opening balances
	Assessed    int64 // contributions of the month
	Retroactive int64 // contributions of earlier months declared late
	Interest    int64 // late interest accrued
	Due         int64 // Assessed + Retroactive + Interest
	Collected   int64 // payments allocated in the month
	Closing     int64 // closing balances (credits netted)
	Overdue     int64 // principal and interest past their deadline at the month's end
	Late        int   // accounts late
	Evasion     int   // accounts in evasion
}

// Summaries returns, for a closed month, one summary per kind of account
// (employers, voluntary participants, the budgets), by unit when byUnit is
// set (employers by the commune of the employer, participants by theirs; the
// budgets under unit ""). The map key is the unit code ("" for the
// province).
func Summaries(ctx context.Context, s Store, period ansinh.Period, byUnit bool) (map[string][]Summary, error) {
	return s.Summaries(ctx, period, byUnit)
}
