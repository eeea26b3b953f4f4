package registrydb

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"ansinh/registry"
)

// EmployerAccounts counts the employer's accounts that are active or
// pending, and its pending registrations.
func (t *txStore) EmployerAccounts(ctx context.Context, tax string) (int, error) {
	var n int
	err := t.tx.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM users WHERE role = 'employer' AND scope = $1 AND status IN ('active', 'pending')) +
		(SELECT count(*) FROM registrations WHERE tax_code = $1 AND status = 'pending')`, tax).Scan(&n)
	return n, wrap(err, "employer accounts")
}

// AddAccount creates the account a registration asks for, audited with its
// creator, and returns its id; registry.ErrLoginTaken when the login is in
// use.
func (t *txStore) AddAccount(ctx context.Context, a registry.Account) (int64, error) {
	var id int64
	err := t.tx.QueryRowContext(ctx, `INSERT INTO users (login, password_hash, role, scope, display_name, status, created_at, created_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (login) DO NOTHING RETURNING id`,
		a.Login, a.PasswordHash, a.Role, a.Scope, a.DisplayName, a.Status, stamp(t.db, a.CreatedAt), a.CreatedBy).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, registry.ErrLoginTaken
	}
	if err != nil {
		return 0, wrap(err, "create account")
	}
	return id, t.Audit(ctx, registry.AuditEntry{At: a.CreatedAt, Actor: a.CreatedBy, Action: "user.create",
		Object: "user:" + a.Login, Detail: "role=" + a.Role + " scope=" + a.Scope + " status=" + a.Status})
}

// SetAccountStatus sets an account's status.
func (t *txStore) SetAccountStatus(ctx context.Context, userID int64, status string) error {
	_, err := t.tx.ExecContext(ctx, `UPDATE users SET status = $1 WHERE id = $2`, status, userID)
	return wrap(err, "account status")
}

// AddRegistration records a pending registration and sets its ID;
// registry.ErrAlreadyRegistered when one is pending for the employer
// (registrations_one_pending).
func (t *txStore) AddRegistration(ctx context.Context, r *registry.Registration) error {
	err := t.tx.QueryRowContext(ctx, `INSERT INTO registrations (user_id, procedure_id, tax_code, name, kind, commune_code, contact, status)
		VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending') ON CONFLICT DO NOTHING RETURNING id`,
		r.UserID, r.ProcedureID, r.TaxCode, r.Name, r.Kind, r.CommuneCode, r.Contact).Scan(&r.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return registry.ErrAlreadyRegistered
	}
	return wrap(err, "register employer")
}

// Registration returns the registration with the id, or ErrNotFound.
func (t *txStore) Registration(ctx context.Context, id int64) (registry.Registration, error) {
	r := registry.Registration{ID: id}
	err := t.tx.QueryRowContext(ctx, `SELECT user_id, procedure_id, tax_code, name, kind, commune_code, status FROM registrations WHERE id = $1`, id).
		Scan(&r.UserID, &r.ProcedureID, &r.TaxCode, &r.Name, &r.Kind, &r.CommuneCode, &r.Status)
	return r, notFound(err, "registration")
}

// DecideRegistration records the decision on a registration.
func (t *txStore) DecideRegistration(ctx context.Context, id int64, status, actor string, at time.Time) error {
	_, err := t.tx.ExecContext(ctx, `UPDATE registrations SET status = $1, decided_by = $2, decided_at = $3 WHERE id = $4`,
		status, actor, stamp(t.db, at), id)
	return wrap(err, "decide registration")
}

// AddEmployer adds an employer unless the tax code exists.
func (t *txStore) AddEmployer(ctx context.Context, e registry.Employer) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO employers (tax_code, name, kind, commune_code, registered_on)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tax_code) DO NOTHING`, e.TaxCode, e.Name, e.Kind, e.CommuneCode, e.RegisteredOn)
	return wrap(err, "add employer")
}
