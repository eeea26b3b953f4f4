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

// CreateSession stores a new session.
func (s *Store) CreateSession(ctx context.Context, se auth.Session) error {
	db := s.db
	_, err := db.W.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at, ip)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		se.TokenHash, se.UserID, se.CSRF, db.Stamp(se.CreatedAt), db.Stamp(se.ExpiresAt), db.Stamp(se.LastSeen), se.IP)
	if err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	return nil
}

// FindSession returns the session with the token hash and its account, or
// auth.ErrNotFound when there is none, it expired at now, or its account
// is not active.
func (s *Store) FindSession(ctx context.Context, tokenHash string, now time.Time) (auth.Session, auth.User, error) {
	var se auth.Session
	var u auth.User
	err := s.db.R.QueryRowContext(ctx, `SELECT s.token_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at, s.last_seen_at, s.ip,
			u.id, u.login, u.password_hash, u.role, u.scope, u.display_name, u.status, u.created_at, u.created_by
		FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.status = 'active'`, tokenHash, s.db.Stamp(now)).Scan(
		&se.TokenHash, &se.UserID, &se.CSRF, store.ScanTime(&se.CreatedAt), store.ScanTime(&se.ExpiresAt), store.ScanTime(&se.LastSeen), &se.IP,
		&u.ID, &u.Login, &u.PasswordHash, &u.Role, &u.Scope, &u.DisplayName, &u.Status, store.ScanTime(&u.CreatedAt), &u.CreatedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return se, u, auth.ErrNotFound
	}
	if err != nil {
		return se, u, fmt.Errorf("find session: %w", err)
	}
	return se, u, nil
}

// TouchSession records activity on a session and moves its expiry.
func (s *Store) TouchSession(ctx context.Context, tokenHash string, seen, expires time.Time) error {
	_, err := s.db.W.ExecContext(ctx, `UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE token_hash = $3`,
		s.db.Stamp(seen), s.db.Stamp(expires), tokenHash)
	return err
}

// DeleteSession ends a session.
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	_, err := s.db.W.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, tokenHash)
	return err
}

// DeleteExpiredSessions removes the sessions expired at now and returns how
// many it removed.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.db.W.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= $1`, s.db.Stamp(now))
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
