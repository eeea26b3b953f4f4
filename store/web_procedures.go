package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"ansinh"
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

const procedureColumns = `p.id, p.kind, p.subject, p.ref, p.channel, coalesce(p.user_id, 0), p.status, p.submitted_at, p.processed_at,
	coalesce(s.score, 0), coalesce(s.comment, '')`

func scanProcedure(row interface{ Scan(...any) error }, p *Procedure) error {
	return row.Scan(&p.ID, &p.Kind, &p.Subject, &p.Ref, &p.Channel, &p.UserID, &p.Status,
		webTime{&p.SubmittedAt}, webTime{&p.ProcessedAt}, &p.Score, &p.Comment)
}

// FindProcedure returns the procedure with the id carried out by the
// account, or ErrNotFound.
func (db *DB) FindProcedure(ctx context.Context, id, userID int64) (Procedure, error) {
	var p Procedure
	err := scanProcedure(db.R.QueryRowContext(ctx, `SELECT `+procedureColumns+`
		FROM procedures p LEFT JOIN surveys s ON s.procedure_id = p.id WHERE p.id = $1 AND p.user_id = $2`, id, userID), &p)
	if errors.Is(err, sql.ErrNoRows) {
		return p, ErrNotFound
	}
	if err != nil {
		return p, fmt.Errorf("find procedure: %w", err)
	}
	return p, nil
}

// ProceduresOf returns the latest procedures carried out by the account.
func (db *DB) ProceduresOf(ctx context.Context, userID int64, limit int) ([]Procedure, error) {
	if limit <= 0 {
		limit = 20
	}
	rows, err := db.R.QueryContext(ctx, `SELECT `+procedureColumns+`
		FROM procedures p LEFT JOIN surveys s ON s.procedure_id = p.id WHERE p.user_id = $1
		ORDER BY p.submitted_at DESC, p.id DESC LIMIT $2`, userID, limit)
	if err != nil {
		return nil, fmt.Errorf("procedures: %w", err)
	}
	defer rows.Close()
	var out []Procedure
	for rows.Next() {
		var p Procedure
		if err := scanProcedure(rows, &p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// ErrSurveyAnswered is returned when a procedure's survey was answered.
var ErrSurveyAnswered = &ansinh.Error{Code: ansinh.ECONFLICT,
	Message: "Bạn đã đánh giá thủ tục này.", MessageEN: "You have already rated this procedure."}

// ErrProcedureNotDone is returned when a survey is answered before the
// procedure is completed.
var ErrProcedureNotDone = &ansinh.Error{Code: ansinh.ECONFLICT,
	Message: "Thủ tục chưa hoàn thành.", MessageEN: "The procedure is not completed yet."}

// AnswerSurvey records the account's satisfaction with a completed
// procedure it carried out: a score from 1 to 5 and a comment.
func (db *DB) AnswerSurvey(ctx context.Context, procID, userID int64, score int, comment string, at time.Time, actor string) error {
	if score < 1 || score > 5 {
		return ansinh.Invalid("score", "Hãy chọn mức đánh giá từ 1 đến 5.", "Choose a score from 1 to 5.")
	}
	tx, err := db.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var status string
	var answered int
	err = tx.QueryRowContext(ctx, `SELECT p.status, (SELECT count(*) FROM surveys s WHERE s.procedure_id = p.id)
		FROM procedures p WHERE p.id = $1 AND p.user_id = $2`, procID, userID).Scan(&status, &answered)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("answer survey: %w", err)
	}
	if answered > 0 {
		return ErrSurveyAnswered
	}
	if status != "completed" {
		return ErrProcedureNotDone
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO surveys (procedure_id, score, comment, answered_at) VALUES ($1, $2, $3, $4)`,
		procID, score, comment, db.webStamp(at)); err != nil {
		return fmt.Errorf("answer survey: %w", err)
	}
	if err := db.auditTx(ctx, tx, AuditEntry{At: at, Actor: actor, Action: "survey.answer",
		Object: fmt.Sprintf("procedure:%d", procID), Detail: fmt.Sprintf("score=%d", score)}); err != nil {
		return err
	}
	return tx.Commit()
}
