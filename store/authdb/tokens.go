package authdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"ansinh/auth"
	"ansinh/store"
)

// CreateAPIToken stores a token for an account, audited with actor, and
// returns its id.
func (s *Store) CreateAPIToken(ctx context.Context, t auth.APIToken, actor string) (int64, error) {
	db := s.db
	var expires any
	if !t.ExpiresAt.IsZero() {
		expires = db.Stamp(t.ExpiresAt)
	}
	var id int64
	err := db.InTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO api_tokens (token_hash, user_id, name, created_at, expires_at, revoked)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			t.TokenHash, t.UserID, t.Name, db.Stamp(t.CreatedAt), expires, db.Bool(false)).Scan(&id)
		if err != nil {
			return fmt.Errorf("create API token: %w", err)
		}
		return db.WriteAudit(ctx, tx, auth.AuditEntry{At: t.CreatedAt, Actor: actor, Action: "token.create",
			Object: fmt.Sprintf("user#%d", t.UserID), Detail: t.Name})
	})
	return id, err
}

// FindAPIToken returns the token with the hash and its account, or
// auth.ErrNotFound when there is none, it is revoked or expired at now, or
// its account is not active.
func (s *Store) FindAPIToken(ctx context.Context, tokenHash string, now time.Time) (auth.APIToken, auth.User, error) {
	var t auth.APIToken
	var u auth.User
	err := s.db.R.QueryRowContext(ctx, `SELECT t.id, t.token_hash, t.user_id, t.name, t.created_at, t.expires_at, t.last_used_at,
			u.id, u.login, u.password_hash, u.role, u.scope, u.display_name, u.status, u.created_at, u.created_by
		FROM api_tokens t JOIN users u ON u.id = t.user_id
		WHERE t.token_hash = $1 AND t.revoked = $2 AND (t.expires_at IS NULL OR t.expires_at > $3) AND u.status = 'active'`,
		tokenHash, s.db.Bool(false), s.db.Stamp(now)).Scan(
		&t.ID, &t.TokenHash, &t.UserID, &t.Name, store.ScanTime(&t.CreatedAt), store.ScanTime(&t.ExpiresAt), store.ScanTime(&t.LastUsed),
		&u.ID, &u.Login, &u.PasswordHash, &u.Role, &u.Scope, &u.DisplayName, &u.Status, store.ScanTime(&u.CreatedAt), &u.CreatedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return t, u, auth.ErrNotFound
	}
	if err != nil {
		return t, u, fmt.Errorf("find API token: %w", err)
	}
	return t, u, nil
}

// TouchAPIToken records the use of a token.
func (s *Store) TouchAPIToken(ctx context.Context, id int64, at time.Time) error {
	_, err := s.db.W.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = $1 WHERE id = $2`, s.db.Stamp(at), id)
	return err
}

// CountAPITokens returns the number of live tokens of an account.
func (s *Store) CountAPITokens(ctx context.Context, userID int64) (int, error) {
	var n int
	err := s.db.R.QueryRowContext(ctx, `SELECT count(*) FROM api_tokens WHERE user_id = $1 AND revoked = $2`,
		userID, s.db.Bool(false)).Scan(&n)
	return n, err
}
