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

// The kinds of procedure (transactions with a participant).
const (
	ProcRegistration = "registration"
	ProcDeclaration  = "declaration"
	ProcVoluntary    = "voluntary_enrolment"
	ProcPayment      = "payment"
)

// The channels a transaction comes through.
const (
	ChannelOnline  = "online"
	ChannelCounter = "counter"
	ChannelAgent   = "agent"
)

// Procedure is one transaction with a participant, with its channel and
// times, and the participant's satisfaction score once answered.
type Procedure struct {
	ID          int64
	Kind        string
	Subject     string // tax code or personal ID
	Ref         string // receipt number, payment order, enrolment month
	Channel     string
	UserID      int64
	Status      string // received, completed, rejected
	SubmittedAt time.Time
	ProcessedAt time.Time
	Score       int // 0: no survey answer yet
	Comment     string
}

// insertProcedureTx records a procedure inside the transaction that carries
// it out and returns its id.
func (db *DB) insertProcedureTx(ctx context.Context, tx *sql.Tx, p Procedure) (int64, error) {
	var processed any
	if !p.ProcessedAt.IsZero() {
		processed = db.webStamp(p.ProcessedAt)
	}
	var user any
	if p.UserID != 0 {
		user = p.UserID
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO procedures (kind, subject, ref, channel, user_id, status, submitted_at, processed_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		p.Kind, p.Subject, p.Ref, p.Channel, user, p.Status, db.webStamp(p.SubmittedAt), processed).Scan(&id)
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
