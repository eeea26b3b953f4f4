package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"ansinh"
)

// ErrAlreadyEnrolled is returned when a person enrols in voluntary social
// insurance while an enrolment is open.
var ErrAlreadyEnrolled = &ansinh.Error{Code: ansinh.ECONFLICT,
	Message:   "Bạn đang tham gia bảo hiểm xã hội tự nguyện; không cần đăng ký lại.",
	MessageEN: "You are already enrolled in voluntary social insurance."}

// ErrInCompulsory is returned when a person enrols in voluntary social
// insurance while covered by compulsory social insurance in the months
// enrolled: the two cannot overlap.
var ErrInCompulsory = &ansinh.Error{Code: ansinh.ECONFLICT,
	Message:   "Bạn đang tham gia bảo hiểm xã hội bắt buộc trong thời gian này nên không thể tham gia tự nguyện.",
	MessageEN: "You are covered by compulsory social insurance for these months, so you cannot enrol in voluntary insurance."}

// Enrolment is an enrolment in voluntary social insurance as submitted.
type Enrolment struct {
	VoluntarySpell
	Channel string
	UserID  int64
	Actor   string
}

// EnrolVoluntary records an enrolment in voluntary social insurance (a
// voluntary row open from its start month) with its procedure and an audit
// entry, and returns the procedure's id. The person must exist; an open or
// later enrolment, or a compulsory spell open in the start month, is a
// conflict.
func (db *DB) EnrolVoluntary(ctx context.Context, e Enrolment) (int64, error) {
	tx, err := db.W.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM persons WHERE person_id = $1`, e.PersonID).Scan(&n); err != nil {
		return 0, fmt.Errorf("enrol: %w", err)
	}
	if n == 0 {
		return 0, ErrNotFound
	}
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM voluntary WHERE person_id = $1
		AND (end_month IS NULL OR end_month >= $2)`, e.PersonID, e.Start).Scan(&n); err != nil {
		return 0, fmt.Errorf("enrol: %w", err)
	}
	if n > 0 {
		return 0, ErrAlreadyEnrolled
	}
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM employment WHERE person_id = $1
		AND (end_month IS NULL OR end_month >= $2)`, e.PersonID, e.Start).Scan(&n); err != nil {
		return 0, fmt.Errorf("enrol: %w", err)
	}
	if n > 0 {
		return 0, ErrInCompulsory
	}
	now := db.Now()
	proc, err := db.insertProcedureTx(ctx, tx, Procedure{Kind: ProcVoluntary, Subject: e.PersonID, Ref: e.Start.String(),
		Channel: e.Channel, UserID: e.UserID, Status: "received", SubmittedAt: now})
	if err != nil {
		return 0, err
	}
	var agent any
	if e.AgentCode != "" {
		agent = e.AgentCode
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO voluntary (person_id, start_month, end_month, income, mode, category, agent_code)
		VALUES ($1, $2, NULL, $3, $4, $5, $6)`, e.PersonID, e.Start, e.Income, e.Mode, e.Category, agent); err != nil {
		return 0, fmt.Errorf("enrol: %w", err)
	}
	if err := db.finishProcedureTx(ctx, tx, proc, "completed", "", db.Now()); err != nil {
		return 0, err
	}
	if err := db.auditTx(ctx, tx, AuditEntry{At: now, Actor: e.Actor, Action: "voluntary.enrol", Object: "person:" + e.PersonID,
		Detail: fmt.Sprintf("from=%s income=%d mode=%s category=%s channel=%s", e.Start, e.Income, e.Mode, e.Category, e.Channel)}); err != nil {
		return 0, err
	}
	return proc, tx.Commit()
}

// PersonCategories returns the categories of voluntary support a person
// belongs to in a year, from the registry: "poor" or "near_poor" by the
// household's status that year (or the latest year before), and
// "ethnic_minority"; none when no category applies.
func (db *DB) PersonCategories(ctx context.Context, id string, year int) ([]string, error) {
	var out []string
	var status string
	err := db.R.QueryRowContext(ctx, `SELECT status FROM household_status WHERE person_id = $1 AND year <= $2
		ORDER BY year DESC LIMIT 1`, id, year).Scan(&status)
	switch {
	case err == nil && (status == "poor" || status == "near_poor"):
		out = append(out, status)
	case err != nil && !errors.Is(err, sql.ErrNoRows):
		return nil, fmt.Errorf("household status: %w", err)
	}
	var ethnic bool
	if err := db.R.QueryRowContext(ctx, `SELECT ethnic_minority FROM persons WHERE person_id = $1`, id).Scan(webBool{&ethnic}); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, ErrNotFound
		}
		return nil, fmt.Errorf("person: %w", err)
	}
	if ethnic {
		out = append(out, "ethnic_minority")
	}
	return out, nil
}

// AgentEnrolment is an enrolment a collection agent made, with the
// person's name.
type AgentEnrolment struct {
	VoluntarySpell
	FullName string
}

// AgentEnrolments returns the latest enrolments made by the agent.
func (db *DB) AgentEnrolments(ctx context.Context, agent string, limit int) ([]AgentEnrolment, error) {
	if limit <= 0 {
		limit = 20
	}
	rows, err := db.R.QueryContext(ctx, `SELECT v.person_id, p.full_name, v.start_month, v.end_month, v.income, v.mode, v.category
		FROM voluntary v JOIN persons p ON p.person_id = v.person_id
		WHERE v.agent_code = $1 ORDER BY v.start_month DESC, v.person_id LIMIT $2`, agent, limit)
	if err != nil {
		return nil, fmt.Errorf("agent enrolments: %w", err)
	}
	defer rows.Close()
	var out []AgentEnrolment
	for rows.Next() {
		var e AgentEnrolment
		if err := rows.Scan(&e.PersonID, &e.FullName, &e.Start, &e.End, &e.Income, &e.Mode, &e.Category); err != nil {
			return nil, err
		}
		e.AgentCode = agent
		out = append(out, e)
	}
	return out, rows.Err()
}
