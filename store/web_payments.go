package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"ansinh"
)

// PaymentOrder is an online payment on its way through the payment gateway.
type PaymentOrder struct {
	ID          string // the order number the gateway is given
	Payer       string // tax code or personal ID
	Amount      ansinh.Money
	Purpose     string
	UserID      int64
	ProcedureID int64
	Status      string // pending, paid
	CreatedAt   time.Time
	PaidAt      time.Time
	GatewayRef  string
}

// CreatePaymentOrder records a pending order and its payment procedure
// (channel online), audited with actor.
func (db *DB) CreatePaymentOrder(ctx context.Context, o PaymentOrder, actor string) (PaymentOrder, error) {
	if o.Amount <= 0 {
		return o, ansinh.Invalid("amount", "Số tiền phải lớn hơn 0.", "The amount must be above zero.")
	}
	tx, err := db.W.BeginTx(ctx, nil)
	if err != nil {
		return o, err
	}
	defer tx.Rollback()
	o.CreatedAt, o.Status = db.Now(), "pending"
	o.ProcedureID, err = db.insertPaymentProcedureTx(ctx, tx, o.Payer, o.ID, o.UserID, o.CreatedAt)
	if err != nil {
		return o, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO payment_orders (id, payer, amount, purpose, user_id, procedure_id, status, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7)`, o.ID, o.Payer, o.Amount, o.Purpose, o.UserID, o.ProcedureID,
		db.webStamp(o.CreatedAt)); err != nil {
		return o, fmt.Errorf("create payment order: %w", err)
	}
	if err := db.auditTx(ctx, tx, AuditEntry{At: o.CreatedAt, Actor: actor, Action: "payment.order", Object: "order:" + o.ID,
		Detail: fmt.Sprintf("payer=%s amount=%d", o.Payer, o.Amount)}); err != nil {
		return o, err
	}
	return o, tx.Commit()
}

const orderColumns = `id, payer, amount, purpose, user_id, procedure_id, status, created_at, paid_at, coalesce(gateway_ref, '')`

func scanOrder(row interface{ Scan(...any) error }, o *PaymentOrder) error {
	return row.Scan(&o.ID, &o.Payer, &o.Amount, &o.Purpose, &o.UserID, &o.ProcedureID, &o.Status,
		webTime{&o.CreatedAt}, webTime{&o.PaidAt}, &o.GatewayRef)
}

// FindPaymentOrder returns the order with the id, or ErrNotFound.
func (db *DB) FindPaymentOrder(ctx context.Context, id string) (PaymentOrder, error) {
	var o PaymentOrder
	err := scanOrder(db.R.QueryRowContext(ctx, `SELECT `+orderColumns+` FROM payment_orders WHERE id = $1`, id), &o)
	if errors.Is(err, sql.ErrNoRows) {
		return o, ErrNotFound
	}
	if err != nil {
		return o, fmt.Errorf("find payment order: %w", err)
	}
	return o, nil
}

// PaymentOrdersOf returns the latest orders of a payer.
func (db *DB) PaymentOrdersOf(ctx context.Context, payer string, limit int) ([]PaymentOrder, error) {
	if limit <= 0 {
		limit = 20
	}
	rows, err := db.R.QueryContext(ctx, `SELECT `+orderColumns+` FROM payment_orders WHERE payer = $1
		ORDER BY created_at DESC, id DESC LIMIT $2`, payer, limit)
	if err != nil {
		return nil, fmt.Errorf("payment orders: %w", err)
	}
	defer rows.Close()
	var out []PaymentOrder
	for rows.Next() {
		var o PaymentOrder
		if err := scanOrder(rows, &o); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// ErrAmountMismatch is returned when a gateway confirmation's amount differs
// from its order's.
var ErrAmountMismatch = &ansinh.Error{Code: ansinh.EINVALID, Field: "amount",
	Message: "Số tiền xác nhận không khớp với lệnh thanh toán.", MessageEN: "The confirmed amount does not match the order."}

// ConfirmPayment records the gateway's confirmation of an order: the order
// becomes paid, one payment (channel online, ref = the order id, paid on the
// day) lands in payments, and the procedure is completed. A confirmation of
// an order already paid changes nothing, so the gateway may send it twice;
// the second return value reports whether this call recorded the payment.
func (db *DB) ConfirmPayment(ctx context.Context, id, gatewayRef string, amount ansinh.Money, paidOn ansinh.Date, actor string) (PaymentOrder, bool, error) {
	tx, err := db.W.BeginTx(ctx, nil)
	if err != nil {
		return PaymentOrder{}, false, err
	}
	defer tx.Rollback()
	var o PaymentOrder
	err = scanOrder(tx.QueryRowContext(ctx, `SELECT `+orderColumns+` FROM payment_orders WHERE id = $1`, id), &o)
	if errors.Is(err, sql.ErrNoRows) {
		return o, false, ErrNotFound
	}
	if err != nil {
		return o, false, fmt.Errorf("confirm payment: %w", err)
	}
	if o.Amount != amount {
		return o, false, ErrAmountMismatch
	}
	if o.Status == "paid" {
		return o, false, nil
	}
	now := db.Now()
	res, err := tx.ExecContext(ctx, `UPDATE payment_orders SET status = 'paid', paid_at = $1, gateway_ref = $2 WHERE id = $3 AND status = 'pending'`,
		db.webStamp(now), gatewayRef, id)
	if err != nil {
		return o, false, fmt.Errorf("confirm payment: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return o, false, nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO payments (ref, payer, amount, paid_on, channel) VALUES ($1, $2, $3, $4, 'online')
		ON CONFLICT (payer, ref) DO NOTHING`, o.ID, o.Payer, o.Amount, paidOn); err != nil {
		return o, false, fmt.Errorf("confirm payment: %w", err)
	}
	if err := db.finishProcedureTx(ctx, tx, o.ProcedureID, "completed", "", now); err != nil {
		return o, false, err
	}
	if err := db.auditTx(ctx, tx, AuditEntry{At: now, Actor: actor, Action: "payment.confirm", Object: "order:" + o.ID,
		Detail: fmt.Sprintf("payer=%s amount=%d gateway_ref=%s", o.Payer, o.Amount, gatewayRef)}); err != nil {
		return o, false, err
	}
	if err := tx.Commit(); err != nil {
		return o, false, err
	}
	o.Status, o.PaidAt, o.GatewayRef = "paid", now, gatewayRef
	return o, true, nil
}
