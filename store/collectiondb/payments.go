package collectiondb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"ansinh"
	"ansinh/collection"
	"ansinh/store"
)

// PaymentsOf returns the latest payments of a payer, newest first.
func (s *Store) PaymentsOf(ctx context.Context, payer string, limit int) ([]collection.Payment, error) {
	if limit <= 0 {
		limit = 20
	}
	return collect(ctx, s, "payments", func(r *sql.Rows) (collection.Payment, error) {
		var p collection.Payment
		err := r.Scan(&p.Ref, &p.Payer, &p.Amount, &p.PaidOn, &p.Channel, store.ScanNullString(&p.AgentCode))
		return p, err
	}, `SELECT ref, payer, amount, paid_on, channel, agent_code FROM payments
		WHERE payer = $1 ORDER BY paid_on DESC, ref DESC LIMIT $2`, payer, limit)
}

// RecordPayment records a checked payment and audits it with actor, in one
// transaction; a payment with the same payer and reference already
// recorded with the same amount and day is reported a duplicate and
// changes nothing, one with other figures is collection.ErrPaymentConflict.
func (s *Store) RecordPayment(ctx context.Context, p collection.Payment, actor string) (bool, error) {
	var agent any
	if p.AgentCode != "" {
		agent = p.AgentCode
	}
	duplicate := false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var amount int64
		var paid ansinh.Date
		err := tx.QueryRowContext(ctx, `SELECT amount, paid_on FROM payments WHERE payer = $1 AND ref = $2`, p.Payer, p.Ref).Scan(&amount, &paid)
		switch {
		case err == nil && amount == p.Amount && paid == p.PaidOn:
			duplicate = true
			return nil
		case err == nil:
			return collection.ErrPaymentConflict
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO payments (ref, payer, amount, paid_on, channel, agent_code) VALUES ($1, $2, $3, $4, $5, $6)`,
			p.Ref, p.Payer, p.Amount, p.PaidOn, p.Channel, agent); err != nil {
			return err
		}
		return s.db.WriteAudit(ctx, tx, store.AuditEntry{Actor: actor, Action: "payment.record", Object: "payment:" + p.Payer + "/" + p.Ref,
			Detail: fmt.Sprintf("amount=%d paid_on=%s channel=%s agent=%s", p.Amount, p.PaidOn, p.Channel, p.AgentCode)})
	})
	return duplicate, err
}

// KnownPayer reports whether payer is an employer or a person of the
// registry.
func (s *Store) KnownPayer(ctx context.Context, payer string) (bool, error) {
	var n int64
	err := s.db.R.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM employers WHERE tax_code = $1) + (SELECT count(*) FROM persons WHERE person_id = $1)`,
		payer).Scan(&n)
	return n > 0, err
}

// UnpostedPayments returns the amounts of the payments to account (paid by
// it, or attributed to it) paid after the day after (zero: every day) that
// no close has allocated yet.
func (s *Store) UnpostedPayments(ctx context.Context, account string, after ansinh.Date) ([]int64, error) {
	q := `SELECT p.amount FROM payments p
		LEFT JOIN payment_attributions a ON a.payer = p.payer AND a.ref = p.ref
		WHERE coalesce(a.account, p.payer) = $1 AND p.posted_in IS NULL`
	args := []any{account}
	if !after.IsZero() {
		q += ` AND p.paid_on > $2`
		args = append(args, after)
	}
	return collect(ctx, s, "collection: balance", func(r *sql.Rows) (int64, error) {
		var v int64
		return v, r.Scan(&v)
	}, q, args...)
}

// Suspense returns the payments not allocated whose account (the payer, or
// the account it is attributed to) is neither in the registry nor one of
// the budgets, by day, payer and reference.
func (s *Store) Suspense(ctx context.Context) ([]collection.SuspensePayment, error) {
	return collect(ctx, s, "collection: suspense", func(r *sql.Rows) (collection.SuspensePayment, error) {
		var p collection.SuspensePayment
		err := r.Scan(&p.Ref, &p.Payer, &p.Amount, &p.PaidOn, &p.Channel, &p.AgentCode)
		return p, err
	}, `SELECT p.ref, p.payer, p.amount, p.paid_on, p.channel, coalesce(p.agent_code, '')
		FROM payments p LEFT JOIN payment_attributions a ON a.payer = p.payer AND a.ref = p.ref
		WHERE p.posted_in IS NULL
		AND NOT EXISTS (SELECT 1 FROM employers e WHERE e.tax_code = coalesce(a.account, p.payer))
		AND NOT EXISTS (SELECT 1 FROM persons x WHERE x.person_id = coalesce(a.account, p.payer))
		AND coalesce(a.account, p.payer) NOT IN ($1, $2)
		ORDER BY p.paid_on, `+s.byteOrder("p.payer")+`, `+s.byteOrder("p.ref"), collection.BudgetState, collection.BudgetProvince)
}

// AttributePayment attributes the payment (payer, ref) to account, in one
// transaction audited with actor: collection.ErrNoPayment when there is no
// such payment, collection.ErrPaymentAllocated when a close allocated it.
func (s *Store) AttributePayment(ctx context.Context, payer, ref, account, actor string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var posted sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT posted_in FROM payments WHERE payer = $1 AND ref = $2`, payer, ref).Scan(&posted)
		if errors.Is(err, sql.ErrNoRows) {
			return collection.ErrNoPayment
		}
		if err != nil {
			return err
		}
		if posted.Valid {
			return collection.ErrPaymentAllocated
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM payment_attributions WHERE payer = $1 AND ref = $2`, payer, ref); err != nil {
			return err
		}
		now := s.db.Now()
		if _, err := tx.ExecContext(ctx, `INSERT INTO payment_attributions (payer, ref, account, actor, at) VALUES ($1, $2, $3, $4, $5)`,
			payer, ref, account, actor, s.db.Timestamp(now)); err != nil {
			return err
		}
		return s.db.WriteAudit(ctx, tx, store.AuditEntry{At: now, Actor: actor, Action: "payment.attribute", Object: "payment:" + payer + "/" + ref,
			Detail: "account=" + account})
	})
}

// allocationsOf reads the allocations of the payment ($1, $2) by the key
// of allocations (close_period, account, seq): a payment is allocated only
// by the close that posted it (its mark posted_in), to the account it was
// posted to (its payer, or the account it is attributed to, which cannot
// change once it is posted). No index by payment is needed: every payer
// pays most months, and such an index had one entry written into each of
// its pages by every close.
const allocationsOf = `SELECT a.close_period, a.account, a.period, a.part, a.amount, a.value_date
	FROM payments p LEFT JOIN payment_attributions t ON t.payer = p.payer AND t.ref = p.ref
	JOIN allocations a ON a.close_period = p.posted_in AND a.account = coalesce(t.account, p.payer)
	WHERE p.payer = $1 AND p.ref = $2 AND a.payer = p.payer AND a.ref = p.ref
	ORDER BY a.close_period, a.account, a.seq`

// AllocationsOf returns how a payment was allocated, by close, account and
// order of allocation.
func (s *Store) AllocationsOf(ctx context.Context, payer, ref string) ([]collection.PaymentAllocation, error) {
	return collect(ctx, s, "collection: allocations", func(r *sql.Rows) (collection.PaymentAllocation, error) {
		var a collection.PaymentAllocation
		err := r.Scan(&a.ClosePeriod, &a.Account, &a.Period, &a.Part, &a.Amount, &a.ValueDate)
		return a, err
	}, allocationsOf, payer, ref)
}
