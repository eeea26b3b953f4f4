package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"ansinh"
)

// Registration is an employer's request to transact online: the unit's
// details and the account it asked for, pending until a province officer
// decides.
type Registration struct {
	ID          int64
	UserID      int64
	ProcedureID int64
	Login       string
	TaxCode     string
	Name        string
	Kind        string
	CommuneCode string
	Contact     string
	Status      string // pending, approved, rejected
	SubmittedAt time.Time
	DecidedBy   string
	DecidedAt   time.Time
}

// RegisterEmployer records a registration with its pending account (u,
// whose Status is set to pending) and its procedure.
func (db *DB) RegisterEmployer(ctx context.Context, r Registration, u User) (Registration, error) {
	tx, err := db.W.BeginTx(ctx, nil)
	if err != nil {
		return r, err
	}
	defer tx.Rollback()
	now := db.Now()
	u.Status, u.CreatedAt, u.Scope, u.Role = UserPending, now, r.TaxCode, "employer"
	if r.UserID, err = db.createUserTx(ctx, tx, u); err != nil {
		return r, err
	}
	r.ProcedureID, err = db.insertProcedureTx(ctx, tx, Procedure{Kind: ProcRegistration, Subject: r.TaxCode,
		Channel: ChannelOnline, UserID: r.UserID, Status: "received", SubmittedAt: now})
	if err != nil {
		return r, err
	}
	r.Status, r.SubmittedAt, r.Login = "pending", now, u.Login
	err = tx.QueryRowContext(ctx, `INSERT INTO registrations (user_id, procedure_id, tax_code, name, kind, commune_code, contact, status)
		VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending') RETURNING id`,
		r.UserID, r.ProcedureID, r.TaxCode, r.Name, r.Kind, r.CommuneCode, r.Contact).Scan(&r.ID)
	if err != nil {
		return r, fmt.Errorf("register employer: %w", err)
	}
	if err := db.auditTx(ctx, tx, AuditEntry{At: now, Actor: "user:" + u.Login, Action: "registration.submit",
		Object: "employer:" + r.TaxCode, Detail: r.Name}); err != nil {
		return r, err
	}
	return r, tx.Commit()
}

// ListRegistrations returns the registrations with the status ("" for all),
// latest first.
func (db *DB) ListRegistrations(ctx context.Context, status string, limit int) ([]Registration, error) {
	if limit <= 0 {
		limit = 50
	}
	rows, err := db.R.QueryContext(ctx, `SELECT r.id, r.user_id, r.procedure_id, u.login, r.tax_code, r.name, r.kind, r.commune_code,
			r.contact, r.status, p.submitted_at, coalesce(r.decided_by, ''), r.decided_at
		FROM registrations r JOIN users u ON u.id = r.user_id JOIN procedures p ON p.id = r.procedure_id
		WHERE ($1 = '' OR r.status = $1) ORDER BY p.submitted_at DESC, r.id DESC LIMIT $2`, status, limit)
	if err != nil {
		return nil, fmt.Errorf("registrations: %w", err)
	}
	defer rows.Close()
	var out []Registration
	for rows.Next() {
		var r Registration
		if err := rows.Scan(&r.ID, &r.UserID, &r.ProcedureID, &r.Login, &r.TaxCode, &r.Name, &r.Kind, &r.CommuneCode,
			&r.Contact, &r.Status, webTime{&r.SubmittedAt}, &r.DecidedBy, webTime{&r.DecidedAt}); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ErrAlreadyDecided is returned when a registration was decided before.
var ErrAlreadyDecided = &ansinh.Error{Code: ansinh.ECONFLICT,
	Message: "Hồ sơ đăng ký đã được xử lý.", MessageEN: "The registration was already decided."}

// DecideRegistration approves or rejects a pending registration. Approval
// adds the employer to the registry when it is new (registered on the day)
// and activates the account; rejection disables it. The procedure is
// completed either way, and the decision audited with actor.
func (db *DB) DecideRegistration(ctx context.Context, id int64, approve bool, day ansinh.Date, actor string) error {
	tx, err := db.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var r Registration
	err = tx.QueryRowContext(ctx, `SELECT user_id, procedure_id, tax_code, name, kind, commune_code, status FROM registrations WHERE id = $1`, id).
		Scan(&r.UserID, &r.ProcedureID, &r.TaxCode, &r.Name, &r.Kind, &r.CommuneCode, &r.Status)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("decide registration: %w", err)
	}
	if r.Status != "pending" {
		return ErrAlreadyDecided
	}
	now := db.Now()
	status, userStatus, procStatus := "approved", UserActive, "completed"
	if !approve {
		status, userStatus, procStatus = "rejected", UserDisabled, "rejected"
	}
	if approve {
		if _, err := tx.ExecContext(ctx, `INSERT INTO employers (tax_code, name, kind, commune_code, registered_on)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tax_code) DO NOTHING`, r.TaxCode, r.Name, r.Kind, r.CommuneCode, day); err != nil {
			return fmt.Errorf("decide registration: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE registrations SET status = $1, decided_by = $2, decided_at = $3 WHERE id = $4`,
		status, actor, db.webStamp(now), id); err != nil {
		return fmt.Errorf("decide registration: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE users SET status = $1 WHERE id = $2`, userStatus, r.UserID); err != nil {
		return fmt.Errorf("decide registration: %w", err)
	}
	if err := db.finishProcedureTx(ctx, tx, r.ProcedureID, procStatus, "", now); err != nil {
		return err
	}
	if err := db.auditTx(ctx, tx, AuditEntry{At: now, Actor: actor, Action: "registration." + status,
		Object: "employer:" + r.TaxCode, Detail: fmt.Sprintf("registration=%d", id)}); err != nil {
		return err
	}
	return tx.Commit()
}
