package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"ansinh"
)

// User is an account of the web console, the portals or the API.
type User struct {
	ID           int64
	Login        string
	PasswordHash string
	Role         string // province_officer, unit_officer, agent, employer, citizen, partner, inspector, leadership
	Scope        string // role-dependent, comma-separated (see 0002_web.sql)
	DisplayName  string
	Status       string // active, pending, disabled
	CreatedAt    time.Time
	CreatedBy    string
}

// The statuses of an account.
const (
	UserActive   = "active"
	UserPending  = "pending"
	UserDisabled = "disabled"
)

// ErrLoginTaken is returned by CreateUser when the login is in use.
var ErrLoginTaken = &ansinh.Error{Code: ansinh.ECONFLICT, Field: "login",
	Message: "Tên đăng nhập đã được dùng.", MessageEN: "This login is already taken."}

const userColumns = `id, login, password_hash, role, scope, display_name, status, created_at, created_by`

func scanUser(row interface{ Scan(...any) error }, u *User) error {
	return row.Scan(&u.ID, &u.Login, &u.PasswordHash, &u.Role, &u.Scope, &u.DisplayName, &u.Status,
		webTime{&u.CreatedAt}, &u.CreatedBy)
}

// CreateUser stores a new account and returns its id; the write is audited
// with the account's creator as actor. It returns ErrLoginTaken when the
// login exists.
func (db *DB) CreateUser(ctx context.Context, u User) (int64, error) {
	tx, err := db.W.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	id, err := db.createUserTx(ctx, tx, u)
	if err != nil {
		return 0, err
	}
	return id, tx.Commit()
}

func (db *DB) createUserTx(ctx context.Context, tx *sql.Tx, u User) (int64, error) {
	if u.CreatedAt.IsZero() {
		u.CreatedAt = db.Now()
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO users (login, password_hash, role, scope, display_name, status, created_at, created_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		u.Login, u.PasswordHash, u.Role, u.Scope, u.DisplayName, u.Status, db.webStamp(u.CreatedAt), u.CreatedBy).Scan(&id)
	if webUniqueViolation(err) {
		return 0, ErrLoginTaken
	}
	if err != nil {
		return 0, fmt.Errorf("create user: %w", err)
	}
	err = db.auditTx(ctx, tx, AuditEntry{At: u.CreatedAt, Actor: u.CreatedBy, Action: "user.create",
		Object: "user:" + u.Login, Detail: "role=" + u.Role + " scope=" + u.Scope + " status=" + u.Status})
	return id, err
}

// FindUserByLogin returns the account with the login, or ErrNotFound.
func (db *DB) FindUserByLogin(ctx context.Context, login string) (User, error) {
	var u User
	err := scanUser(db.R.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE login = $1`, login), &u)
	if errors.Is(err, sql.ErrNoRows) {
		return u, ErrNotFound
	}
	return u, err
}

// FindUserByID returns the account with the id, or ErrNotFound.
func (db *DB) FindUserByID(ctx context.Context, id int64) (User, error) {
	var u User
	err := scanUser(db.R.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id), &u)
	if errors.Is(err, sql.ErrNoRows) {
		return u, ErrNotFound
	}
	return u, err
}

// UserFilter selects accounts for ListUsers; empty fields select all.
type UserFilter struct {
	Role   string
	Status string
	Offset int
	Limit  int // 0: 50
}

// ListUsers returns accounts by login, and whether more follow.
func (db *DB) ListUsers(ctx context.Context, f UserFilter) ([]User, bool, error) {
	var a Args
	q := `SELECT ` + userColumns + ` FROM users WHERE 1 = 1`
	if f.Role != "" {
		q += ` AND role = ` + a.Add(f.Role)
	}
	if f.Status != "" {
		q += ` AND status = ` + a.Add(f.Status)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	q += ` ORDER BY login LIMIT ` + a.Add(limit+1) + ` OFFSET ` + a.Add(f.Offset)
	rows, err := db.R.QueryContext(ctx, q, a.List...)
	if err != nil {
		return nil, false, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		var u User
		if err := scanUser(rows, &u); err != nil {
			return nil, false, err
		}
		out = append(out, u)
	}
	more := len(out) > limit
	if more {
		out = out[:limit]
	}
	return out, more, rows.Err()
}

// SetUserStatus changes an account's status (and ends its sessions unless
// it becomes active), audited with actor.
func (db *DB) SetUserStatus(ctx context.Context, id int64, status, actor string) error {
	tx, err := db.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var login string
	err = tx.QueryRowContext(ctx, `UPDATE users SET status = $1 WHERE id = $2 RETURNING login`, status, id).Scan(&login)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("set user status: %w", err)
	}
	if status != UserActive {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, id); err != nil {
			return err
		}
	}
	if err := db.auditTx(ctx, tx, AuditEntry{Actor: actor, Action: "user.status", Object: "user:" + login, Detail: status}); err != nil {
		return err
	}
	return tx.Commit()
}

// SetUserPassword replaces an account's password hash and ends its
// sessions, audited with actor.
func (db *DB) SetUserPassword(ctx context.Context, id int64, hash, actor string) error {
	tx, err := db.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var login string
	err = tx.QueryRowContext(ctx, `UPDATE users SET password_hash = $1 WHERE id = $2 RETURNING login`, hash, id).Scan(&login)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, id); err != nil {
		return err
	}
	if err := db.auditTx(ctx, tx, AuditEntry{Actor: actor, Action: "user.password", Object: "user:" + login}); err != nil {
		return err
	}
	return tx.Commit()
}
