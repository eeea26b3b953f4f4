package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// APIToken is a bearer token of the JSON API; only its hash is stored.
type APIToken struct {
	ID        int64
	TokenHash string
	UserID    int64
	Name      string
	CreatedAt time.Time
	ExpiresAt time.Time // zero: never
	LastUsed  time.Time
	Revoked   bool
}

// CreateAPIToken stores a token for an account, audited with actor, and
// returns its id.
func (db *DB) CreateAPIToken(ctx context.Context, t APIToken, actor string) (int64, error) {
	tx, err := db.W.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var expires any
	if !t.ExpiresAt.IsZero() {
		expires = db.webStamp(t.ExpiresAt)
	}
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO api_tokens (token_hash, user_id, name, created_at, expires_at, revoked)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		t.TokenHash, t.UserID, t.Name, db.webStamp(t.CreatedAt), expires, db.Bool(false)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("create API token: %w", err)
	}
	if err := db.auditTx(ctx, tx, AuditEntry{At: t.CreatedAt, Actor: actor, Action: "token.create",
		Object: fmt.Sprintf("user#%d", t.UserID), Detail: t.Name}); err != nil {
		return 0, err
	}
	return id, tx.Commit()
}

// FindAPIToken returns the token with the hash and its account, or
// ErrNotFound when there is none, it is revoked or expired at now, or its
// account is not active.
func (db *DB) FindAPIToken(ctx context.Context, tokenHash string, now time.Time) (APIToken, User, error) {
	var t APIToken
	var u User
	err := db.R.QueryRowContext(ctx, `SELECT t.id, t.token_hash, t.user_id, t.name, t.created_at, t.expires_at, t.last_used_at,
			u.id, u.login, u.password_hash, u.role, u.scope, u.display_name, u.status, u.created_at, u.created_by
		FROM api_tokens t JOIN users u ON u.id = t.user_id
		WHERE t.token_hash = $1 AND t.revoked = $2 AND (t.expires_at IS NULL OR t.expires_at > $3) AND u.status = 'active'`,
		tokenHash, db.Bool(false), db.webStamp(now)).Scan(
		&t.ID, &t.TokenHash, &t.UserID, &t.Name, webTime{&t.CreatedAt}, webTime{&t.ExpiresAt}, webTime{&t.LastUsed},
		&u.ID, &u.Login, &u.PasswordHash, &u.Role, &u.Scope, &u.DisplayName, &u.Status, webTime{&u.CreatedAt}, &u.CreatedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return t, u, ErrNotFound
	}
	if err != nil {
		return t, u, fmt.Errorf("find API token: %w", err)
	}
	return t, u, nil
}

// TouchAPIToken records the use of a token.
func (db *DB) TouchAPIToken(ctx context.Context, id int64, at time.Time) error {
	_, err := db.W.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = $1 WHERE id = $2`, db.webStamp(at), id)
	return err
}

// CountAPITokens returns the number of live tokens of an account.
func (db *DB) CountAPITokens(ctx context.Context, userID int64) (int, error) {
	var n int
	err := db.R.QueryRowContext(ctx, `SELECT count(*) FROM api_tokens WHERE user_id = $1 AND revoked = $2`,
		userID, db.Bool(false)).Scan(&n)
	return n, err
}
