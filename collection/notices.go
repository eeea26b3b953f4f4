package collection

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"ansinh"
	"ansinh/store"
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

const noticeSelect = `SELECT period, payer, payer_kind, opening_balance, assessed, retroactive, interest, paid,
	closing_balance, overdue, months_overdue, status, unrated_days FROM notices`

func scanNotice(row interface{ Scan(...any) error }) (Notice, error) {
	var n Notice
	var kind string
	var months, unrated int64
	err := row.Scan(&n.Period, &n.Payer, &kind, &n.OpeningBalance, &n.Assessed, &n.Retroactive, &n.Interest, &n.Paid,
		&n.ClosingBalance, &n.Overdue, &months, &n.Status, &unrated)
	n.Kind, n.MonthsOverdue, n.UnratedDays = PayerKind(kind), int(months), int(unrated)
	return n, err
}

// ErrNoNotice is returned when a payer has no notice for the month.
var ErrNoNotice = &ansinh.Error{Code: ansinh.ENOTFOUND,
	Message: "Không có thông báo cho tháng này.", MessageEN: "No notice for this month."}

// FindNotice returns the notice of payer for a closed month, or ErrNoNotice.
func FindNotice(ctx context.Context, db *store.DB, payer string, period ansinh.Period) (Notice, error) {
	n, err := scanNotice(db.R.QueryRowContext(ctx, noticeSelect+` WHERE period = $1 AND payer = $2`, period, payer))
	if errors.Is(err, sql.ErrNoRows) {
		return n, ErrNoNotice
	}
	return n, err
}

// NoticesOf returns the notices of a payer (an employer's tax code, a
// participant's personal ID), newest first.
func NoticesOf(ctx context.Context, db *store.DB, payer string) ([]Notice, error) {
	rows, err := db.R.QueryContext(ctx, noticeSelect+` WHERE payer = $1 ORDER BY period DESC`, payer)
	if err != nil {
		return nil, fmt.Errorf("collection: notices: %w", err)
	}
	defer rows.Close()
	var out []Notice
	for rows.Next() {
		n, err := scanNotice(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
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

// Debts returns what payer owes after the close of period, oldest first.
func Debts(ctx context.Context, db *store.DB, payer string, period ansinh.Period) ([]Debt, error) {
	rows, err := db.R.QueryContext(ctx, `SELECT period, billed_in, due_on, principal, interest FROM debts
		WHERE close_period = $1 AND payer = $2 ORDER BY period, billed_in`, period, payer)
	if err != nil {
		return nil, fmt.Errorf("collection: debts: %w", err)
	}
	defer rows.Close()
	var out []Debt
	last := period.Last()
	for rows.Next() {
		var d Debt
		if err := rows.Scan(&d.Period, &d.BilledIn, &d.Due, &d.Principal, &d.Interest); err != nil {
			return nil, err
		}
		if d.Due < last {
			d.MonthsOverdue = MonthsOverdue(d.Due, last)
			d.Bucket = Bucket(d.MonthsOverdue)
		}
		out = append(out, d)
	}
	return out, rows.Err()
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
func PayerBalance(ctx context.Context, db *store.DB, payer string) (Balance, error) {
	b := Balance{Payer: payer, Status: "current"}
	var last sql.NullString
	if err := db.R.QueryRowContext(ctx, `SELECT max(period) FROM collection_periods WHERE status = 'closed'`).Scan(&last); err != nil {
		return b, err
	}
	if last.Valid {
		b.AsOf = ansinh.MustParsePeriod(last.String)
		n, err := FindNotice(ctx, db, payer, b.AsOf)
		switch {
		case err == nil:
			b.Closing, b.Status, b.MonthsOverdue = n.ClosingBalance, n.Status, n.MonthsOverdue
		case !errors.Is(err, ErrNoNotice):
			return b, err
		}
		if b.Debts, err = Debts(ctx, db, payer, b.AsOf); err != nil {
			return b, err
		}
	}
	paid, err := unpostedPayments(ctx, db, payer)
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

// unpostedPayments returns the amounts of payer's payments recorded since
// the last close, not yet allocated: summed by the caller with checked
// addition (a SQL sum overflows with an engine's error).
func unpostedPayments(ctx context.Context, db *store.DB, payer string) ([]int64, error) {
	rows, err := db.R.QueryContext(ctx, `SELECT p.amount FROM payments p
		LEFT JOIN payment_attributions a ON a.payer = p.payer AND a.ref = p.ref
		WHERE coalesce(a.account, p.payer) = $1
		AND NOT EXISTS (SELECT 1 FROM payment_postings s WHERE s.payer = p.payer AND s.ref = p.ref)`, payer)
	if err != nil {
		return nil, fmt.Errorf("collection: balance: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// ArrearsRow is one line of the province's arrears list: the employers of
// one commune and kind whose oldest unpaid debt is in one age bucket, and
// what they owe in that bucket.
type ArrearsRow struct {
	Period       ansinh.Period
	UnitCode     string
	UnitName     string
	EmployerKind string
	Bucket       string
	Employers    int
	Principal    int64
	Interest     int64
	Evasion      int // employers of the row in evasion
}

// Arrears returns the province's arrears after the close of period: the
// overdue debts of employers by commune, employer kind and age bucket (each
// debt in the bucket of its own age), ordered by unit, kind and bucket.
func Arrears(ctx context.Context, db *store.DB, period ansinh.Period) ([]ArrearsRow, error) {
	rows, err := db.R.QueryContext(ctx, `SELECT d.payer, d.due_on, d.principal, d.interest, e.kind, e.commune_code,
			coalesce((SELECT u.name FROM units u WHERE u.code = e.commune_code ORDER BY u.valid_from DESC LIMIT 1), ''),
			coalesce(n.status, '')
		FROM debts d JOIN employers e ON e.tax_code = d.payer
		LEFT JOIN notices n ON n.period = d.close_period AND n.payer = d.payer
		WHERE d.close_period = $1 AND d.payer_kind = 'employer' AND d.due_on < $2`, period, period.Last())
	if err != nil {
		return nil, fmt.Errorf("collection: arrears: %w", err)
	}
	defer rows.Close()
	type key struct{ unit, kind, bucket string }
	groups := map[key]*ArrearsRow{}
	seen := map[key]map[string]bool{}
	last := period.Last()
	for rows.Next() {
		var payer, kind, unit, name, status string
		var due ansinh.Date
		var principal, interest int64
		if err := rows.Scan(&payer, &due, &principal, &interest, &kind, &unit, &name, &status); err != nil {
			return nil, err
		}
		k := key{unit, kind, Bucket(MonthsOverdue(due, last))}
		g, ok := groups[k]
		if !ok {
			g = &ArrearsRow{Period: period, UnitCode: unit, UnitName: name, EmployerKind: kind, Bucket: k.bucket}
			groups[k], seen[k] = g, map[string]bool{}
		}
		g.Principal += principal
		g.Interest += interest
		if !seen[k][payer] {
			seen[k][payer] = true
			g.Employers++
			if status == "evasion" {
				g.Evasion++
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]ArrearsRow, 0, len(groups))
	for _, g := range groups {
		out = append(out, *g)
	}
	bucketIndex := func(b string) int { return slices.Index(Buckets, b) }
	slices.SortFunc(out, func(x, y ArrearsRow) int {
		if c := strings.Compare(x.UnitCode, y.UnitCode); c != 0 {
			return c
		}
		if c := strings.Compare(x.EmployerKind, y.EmployerKind); c != 0 {
			return c
		}
		return bucketIndex(x.Bucket) - bucketIndex(y.Bucket)
	})
	return out, nil
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
func Summaries(ctx context.Context, db *store.DB, period ansinh.Period, byUnit bool) (map[string][]Summary, error) {
	unit := `''`
	if byUnit {
		unit = `coalesce(e.commune_code, p.commune_code, '')`
	}
	rows, err := db.R.QueryContext(ctx, `SELECT `+unit+`, n.payer_kind, count(*), sum(n.opening_balance), sum(n.assessed),
			sum(n.retroactive), sum(n.interest), sum(n.paid), sum(n.closing_balance), sum(n.overdue),
			sum(CASE WHEN n.status = 'late' THEN 1 ELSE 0 END), sum(CASE WHEN n.status = 'evasion' THEN 1 ELSE 0 END)
		FROM notices n LEFT JOIN employers e ON e.tax_code = n.payer LEFT JOIN persons p ON p.person_id = n.payer
		WHERE n.period = $1 GROUP BY 1, 2 ORDER BY 1, 2`, period)
	if err != nil {
		return nil, fmt.Errorf("collection: summaries: %w", err)
	}
	defer rows.Close()
	out := map[string][]Summary{}
	for rows.Next() {
		s := Summary{Period: period}
		var u, kind string
		var payers, late, evasion int64
		if err := rows.Scan(&u, &kind, &payers, &s.Opening, &s.Assessed, &s.Retroactive, &s.Interest, &s.Collected,
			&s.Closing, &s.Overdue, &late, &evasion); err != nil {
			return nil, err
		}
		s.Kind, s.Payers, s.Late, s.Evasion = PayerKind(kind), int(payers), int(late), int(evasion)
		s.Due = s.Assessed + s.Retroactive + s.Interest
		out[u] = append(out[u], s)
	}
	return out, rows.Err()
}
