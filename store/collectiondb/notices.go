package collectiondb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"ansinh"
	"ansinh/collection"
)

const noticeSelect = `SELECT period, payer, payer_kind, opening_balance, assessed, retroactive, interest, paid,
	closing_balance, overdue, months_overdue, status, unrated_days FROM notices`

func scanNotice(row interface{ Scan(...any) error }) (collection.Notice, error) {
	var n collection.Notice
	var kind string
	var months, unrated int64
	err := row.Scan(&n.Period, &n.Payer, &kind, &n.OpeningBalance, &n.Assessed, &n.Retroactive, &n.Interest, &n.Paid,
		&n.ClosingBalance, &n.Overdue, &months, &n.Status, &unrated)
	n.Kind, n.MonthsOverdue, n.UnratedDays = collection.PayerKind(kind), int(months), int(unrated)
	return n, err
}

// FindNotice returns the notice of payer for a closed month, or
// collection.ErrNoNotice.
func (s *Store) FindNotice(ctx context.Context, payer string, period ansinh.Period) (collection.Notice, error) {
	n, err := scanNotice(s.db.R.QueryRowContext(ctx, noticeSelect+` WHERE period = $1 AND payer = $2`, period, payer))
	if errors.Is(err, sql.ErrNoRows) {
		return n, collection.ErrNoNotice
	}
	return n, err
}

// noticesOf reads the notices of payer $1, newest first, by the key
// (period, payer): the months with notices are found one by one from the
// newest (each a step along the key), and the payer's notice of each is
// looked up. No index by payer is needed: every payer has a notice each
// month, and such an index had one entry written into each of its pages by
// every close.
const noticesOf = `WITH RECURSIVE months (period) AS (
		SELECT max(period) FROM notices
		UNION ALL
		SELECT (SELECT max(x.period) FROM notices x WHERE x.period < m.period) FROM months m WHERE m.period IS NOT NULL)
	SELECT n.period, n.payer, n.payer_kind, n.opening_balance, n.assessed, n.retroactive, n.interest, n.paid,
		n.closing_balance, n.overdue, n.months_overdue, n.status, n.unrated_days
	FROM months m JOIN notices n ON n.period = m.period AND n.payer = $1
	ORDER BY n.period DESC`

// NoticesOf returns the notices of a payer, newest first.
func (s *Store) NoticesOf(ctx context.Context, payer string) ([]collection.Notice, error) {
	return collect(ctx, s, "collection: notices", func(r *sql.Rows) (collection.Notice, error) { return scanNotice(r) },
		noticesOf, payer)
}

// EmployerNotices returns the employers' notices of a closed month, by tax
// code in byte order.
func (s *Store) EmployerNotices(ctx context.Context, period ansinh.Period) ([]collection.Notice, error) {
	return collect(ctx, s, "collection: export notices", func(r *sql.Rows) (collection.Notice, error) { return scanNotice(r) },
		noticeSelect+` WHERE period = $1 AND payer_kind = 'employer' ORDER BY `+s.byteOrder("payer"), period)
}

// Debts returns what payer owes after the close of period, by month and
// billing month, without their age.
func (s *Store) Debts(ctx context.Context, payer string, period ansinh.Period) ([]collection.Debt, error) {
	return collect(ctx, s, "collection: debts", func(r *sql.Rows) (collection.Debt, error) {
		var d collection.Debt
		err := r.Scan(&d.Period, &d.BilledIn, &d.Due, &d.Principal, &d.Interest)
		return d, err
	}, `SELECT period, billed_in, due_on, principal, interest FROM debts
		WHERE close_period = $1 AND payer = $2 ORDER BY period, billed_in`, period, payer)
}

// NoticeHeading returns what a printed notice names besides its figures:
// the employer's name and its commune's latest name (its code when the
// unit is not known; both empty when the employer is not), and how many
// workers were assessed for the month.
func (s *Store) NoticeHeading(ctx context.Context, taxCode string, period ansinh.Period) (name, commune string, employees int64, err error) {
	err = s.db.R.QueryRowContext(ctx, `SELECT e.name,
		coalesce((SELECT u.name FROM units u WHERE u.code = e.commune_code ORDER BY u.valid_from DESC LIMIT 1), e.commune_code)
		FROM employers e WHERE e.tax_code = $1`, taxCode).Scan(&name, &commune)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", "", 0, err
	}
	err = s.db.R.QueryRowContext(ctx, `SELECT count(*) FROM assessments WHERE period = $1 AND tax_code = $2`, period, taxCode).Scan(&employees)
	return name, commune, employees, err
}

// Summaries returns, for a closed month, the sums of the notices by kind of
// account, by unit when byUnit is set (see collection.Summaries).
func (s *Store) Summaries(ctx context.Context, period ansinh.Period, byUnit bool) (map[string][]collection.Summary, error) {
	unit := `''`
	if byUnit {
		unit = `coalesce(e.commune_code, p.commune_code, '')`
	}
	rows, err := s.db.R.QueryContext(ctx, `SELECT `+unit+`, n.payer_kind, count(*), sum(n.opening_balance), sum(n.assessed),
			sum(n.retroactive), sum(n.interest), sum(n.paid), sum(n.closing_balance), sum(n.overdue),
			sum(CASE WHEN n.status = 'late' THEN 1 ELSE 0 END), sum(CASE WHEN n.status = 'evasion' THEN 1 ELSE 0 END)
		FROM notices n LEFT JOIN employers e ON e.tax_code = n.payer LEFT JOIN persons p ON p.person_id = n.payer
		WHERE n.period = $1 GROUP BY 1, 2 ORDER BY 1, 2`, period)
	if err != nil {
		return nil, fmt.Errorf("collection: summaries: %w", err)
	}
	defer rows.Close()
	out := map[string][]collection.Summary{}
	for rows.Next() {
		sum := collection.Summary{Period: period}
		var u, kind string
		var payers, late, evasion int64
		if err := rows.Scan(&u, &kind, &payers, &sum.Opening, &sum.Assessed, &sum.Retroactive, &sum.Interest, &sum.Collected,
			&sum.Closing, &sum.Overdue, &late, &evasion); err != nil {
			return nil, err
		}
		sum.Kind, sum.Payers, sum.Late, sum.Evasion = collection.PayerKind(kind), int(payers), int(late), int(evasion)
		sum.Due = sum.Assessed + sum.Retroactive + sum.Interest
		out[u] = append(out[u], sum)
	}
	return out, rows.Err()
}
