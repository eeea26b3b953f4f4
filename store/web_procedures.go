package store

// The procedures of the registry (registrations, declarations, enrolments)
// and their surveys are kept by store/registrydb; what remains here records
// the procedure of a payment (web_payments.go).

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// insertPaymentProcedureTx records the online procedure of a payment order
// (kind "payment", the order as its reference) inside the transaction that
// creates the order, and returns its id. The registry's procedures and
// their kinds are registry.Procedure.
func (db *DB) insertPaymentProcedureTx(ctx context.Context, tx *sql.Tx, payer, order string, userID int64, submitted time.Time) (int64, error) {
	var user any
	if userID != 0 {
		user = userID
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO procedures (kind, subject, ref, channel, user_id, status, submitted_at)
		VALUES ('payment', $1, $2, 'online', $3, 'received', $4) RETURNING id`,
		payer, order, user, db.webStamp(submitted)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("record procedure: %w", err)
	}
	return id, nil
}

// finishProcedureTx sets a procedure's outcome and processing time.
func (db *DB) finishProcedureTx(ctx context.Context, tx *sql.Tx, id int64, status, ref string, at time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE procedures SET status = $1, ref = CASE WHEN $2 = '' THEN ref ELSE $2 END, processed_at = $3 WHERE id = $4`,
		status, ref, db.webStamp(at), id)
	if err != nil {
		return fmt.Errorf("finish procedure: %w", err)
	}
	return nil
}
