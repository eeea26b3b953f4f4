package collectiondb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"ansinh"
	"ansinh/collection"
	"ansinh/store"
)

// CreatePaymentOrder records a pending order and its payment procedure
// (channel online) in one transaction, audited with actor.
func (s *Store) CreatePaymentOrder(ctx context.Context, o collection.PaymentOrder, actor string) (collection.PaymentOrder, error) {
	o.CreatedAt, o.Status = s.db.Now(), "pending"
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if o.ProcedureID, err = s.insertPaymentProcedure(ctx, tx, o.Payer, o.ID, o.UserID, o.CreatedAt); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO payment_orders (id, payer, amount, purpose, user_id, procedure_id, status, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7)`, o.ID, o.Payer, o.Amount, o.Purpose, o.UserID, o.ProcedureID,
			s.db.Stamp(o.CreatedAt)); err != nil {
			return fmt.Errorf("create payment order: %w", err)
		}
		return s.db.WriteAudit(ctx, tx, store.AuditEntry{At: o.CreatedAt, Actor: actor, Action: "payment.order", Object: "order:" + o.ID,
			Detail: fmt.Sprintf("payer=%s amount=%d", o.Payer, o.Amount)})
	})
	return o, err
}

// insertPaymentProcedure records the online procedure of a payment order
// (kind "payment", the order as its reference) inside the transaction that
// creates the order, and returns its id. The registry's procedures and
// their kinds are registry.Procedure.
func (s *Store) insertPaymentProcedure(ctx context.Context, tx *sql.Tx, payer, order string, userID int64, submitted time.Time) (int64, error) {
	var user any
	if userID != 0 {
		user = userID
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO procedures (kind, subject, ref, channel, user_id, status, submitted_at)
		VALUES ('payment', $1, $2, 'online', $3, 'received', $4) RETURNING id`,
		payer, order, user, s.db.Stamp(submitted)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("record procedure: %w", err)
	}
	return id, nil
}

// finishProcedure sets a procedure's outcome and processing time.
func (s *Store) finishProcedure(ctx context.Context, tx *sql.Tx, id int64, status, ref string, at time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE procedures SET status = $1, ref = CASE WHEN $2 = '' THEN ref ELSE $2 END, processed_at = $3 WHERE id = $4`,
		status, ref, s.db.Stamp(at), id)
	if err != nil {
		return fmt.Errorf("finish procedure: %w", err)
	}
	return nil
}

const orderColumns = `id, payer, amount, purpose, user_id, procedure_id, status, created_at, paid_at, coalesce(gateway_ref, '')`

func scanOrder(row interface{ Scan(...any) error }) (collection.PaymentOrder, error) {
	var o collection.PaymentOrder
	err := row.Scan(&o.ID, &o.Payer, &o.Amount, &o.Purpose, &o.UserID, &o.ProcedureID, &o.Status,
		store.ScanTime(&o.CreatedAt), store.ScanTime(&o.PaidAt), &o.GatewayRef)
	return o, err
}

// FindPaymentOrder returns the order with the id, or collection.ErrNoOrder.
func (s *Store) FindPaymentOrder(ctx context.Context, id string) (collection.PaymentOrder, error) {
	o, err := scanOrder(s.db.R.QueryRowContext(ctx, `SELECT `+orderColumns+` FROM payment_orders WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return o, collection.ErrNoOrder
	}
	if err != nil {
		return o, fmt.Errorf("find payment order: %w", err)
	}
	return o, nil
}

// PaymentOrdersOf returns the latest orders of a payer.
func (s *Store) PaymentOrdersOf(ctx context.Context, payer string, limit int) ([]collection.PaymentOrder, error) {
	if limit <= 0 {
		limit = 20
	}
	return collect(ctx, s, "payment orders", func(r *sql.Rows) (collection.PaymentOrder, error) { return scanOrder(r) },
		`SELECT `+orderColumns+` FROM payment_orders WHERE payer = $1 ORDER BY created_at DESC, id DESC LIMIT $2`, payer, limit)
}

// ConfirmPayment records the gateway's confirmation of an order (see
// collection.Store).
func (s *Store) ConfirmPayment(ctx context.Context, id, gatewayRef string, amount ansinh.Money, paidOn ansinh.Date, actor string) (collection.PaymentOrder, bool, error) {
	var o collection.PaymentOrder
	var recorded bool
	now := s.db.Now()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		o, err = scanOrder(tx.QueryRowContext(ctx, `SELECT `+orderColumns+` FROM payment_orders WHERE id = $1`, id))
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return collection.ErrNoOrder
		case err != nil:
			return fmt.Errorf("confirm payment: %w", err)
		case o.Amount != amount:
			return collection.ErrAmountMismatch
		case o.Status == "paid":
			return nil
		}
		recorded, err = s.confirmOrder(ctx, tx, o, gatewayRef, paidOn, now, actor)
		return err
	})
	if err != nil || !recorded {
		return o, false, err
	}
	o.Status, o.PaidAt, o.GatewayRef = "paid", now, gatewayRef
	return o, true, nil
}

// confirmOrder marks a pending order paid, records its payment, completes
// its procedure and audits it; it reports false when the order was no
// longer pending.
func (s *Store) confirmOrder(ctx context.Context, tx *sql.Tx, o collection.PaymentOrder, gatewayRef string, paidOn ansinh.Date, now time.Time, actor string) (bool, error) {
	res, err := tx.ExecContext(ctx, `UPDATE payment_orders SET status = 'paid', paid_at = $1, gateway_ref = $2 WHERE id = $3 AND status = 'pending'`,
		s.db.Stamp(now), gatewayRef, o.ID)
	if err != nil {
		return false, fmt.Errorf("confirm payment: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO payments (ref, payer, amount, paid_on, channel) VALUES ($1, $2, $3, $4, 'online')
		ON CONFLICT (payer, ref) DO NOTHING`, o.ID, o.Payer, o.Amount, paidOn); err != nil {
		return false, fmt.Errorf("confirm payment: %w", err)
	}
	if err := s.finishProcedure(ctx, tx, o.ProcedureID, "completed", "", now); err != nil {
		return false, err
	}
	return true, s.db.WriteAudit(ctx, tx, store.AuditEntry{At: now, Actor: actor, Action: "payment.confirm", Object: "order:" + o.ID,
		Detail: fmt.Sprintf("payer=%s amount=%d gateway_ref=%s", o.Payer, o.Amount, gatewayRef)})
}
