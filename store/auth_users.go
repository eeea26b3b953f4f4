package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"ansinh"
)

// User is the row of an account, for the one insert of an account that
// store/authdb and the employers' registration (which creates a pending
// account in its own transaction) share. auth.User is the domain's type;
// store/authdb reads and changes accounts.
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
