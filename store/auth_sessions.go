package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Session is a signed-in browser: the SHA-256 of its cookie token, its
// account and its CSRF token.
type Session struct {
	TokenHash string
	UserID    int64
	CSRF      string
	CreatedAt time.Time
	ExpiresAt time.Time
	LastSeen  time.Time
	IP        string
}

// CreateSession stores a new session.
func (db *DB) CreateSession(ctx context.Context, s Session) error {
	_, err := db.W.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at, ip)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		s.TokenHash, s.UserID, s.CSRF, db.webStamp(s.CreatedAt), db.webStamp(s.ExpiresAt), db.webStamp(s.LastSeen), s.IP)
	if err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	return nil
}

// FindSession returns the session with the token hash and its account, or
// ErrNotFound when there is none, it expired at now, or its account is not
// active.
func (db *DB) FindSession(ctx context.Context, tokenHash string, now time.Time) (Session, User, error) {
	var s Session
	var u User
	err := db.R.QueryRowContext(ctx, `SELECT s.token_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at, s.last_seen_at, s.ip,
			u.id, u.login, u.password_hash, u.role, u.scope, u.display_name, u.status, u.created_at, u.created_by
		FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.status = 'active'`, tokenHash, db.webStamp(now)).Scan(
		&s.TokenHash, &s.UserID, &s.CSRF, webTime{&s.CreatedAt}, webTime{&s.ExpiresAt}, webTime{&s.LastSeen}, &s.IP,
		&u.ID, &u.Login, &u.PasswordHash, &u.Role, &u.Scope, &u.DisplayName, &u.Status, webTime{&u.CreatedAt}, &u.CreatedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return s, u, ErrNotFound
	}
	if err != nil {
		return s, u, fmt.Errorf("find session: %w", err)
	}
	return s, u, nil
}

// TouchSession records activity on a session and moves its expiry.
func (db *DB) TouchSession(ctx context.Context, tokenHash string, seen, expires time.Time) error {
	_, err := db.W.ExecContext(ctx, `UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE token_hash = $3`,
		db.webStamp(seen), db.webStamp(expires), tokenHash)
	return err
}

// DeleteSession ends a session.
func (db *DB) DeleteSession(ctx context.Context, tokenHash string) error {
	_, err := db.W.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, tokenHash)
	return err
}

// DeleteExpiredSessions removes the sessions expired at now and returns how
// many it removed.
func (db *DB) DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error) {
	res, err := db.W.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= $1`, db.webStamp(now))
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// The outcomes of a sign-in attempt.
const (
	LoginSuccess = "success"
	LoginFailure = "failure"
	LoginLocked  = "locked" // refused without checking the password
)

// RecordLoginAttempt records one sign-in attempt.
func (db *DB) RecordLoginAttempt(ctx context.Context, at time.Time, login, ip, outcome string) error {
	_, err := db.W.ExecContext(ctx, `INSERT INTO login_attempts (at, login, ip, outcome) VALUES ($1, $2, $3, $4)`,
		db.webStamp(at), login, ip, outcome)
	if err != nil {
		return fmt.Errorf("record login attempt: %w", err)
	}
	return nil
}

// LoginFailures counts the failed sign-ins since the instant: for the login
// (only those after its last success) and from the address, with the time
// of the latest failure of each.
func (db *DB) LoginFailures(ctx context.Context, login, ip string, since time.Time) (LoginFailureCounts, error) {
	var c LoginFailureCounts
	err := db.R.QueryRowContext(ctx, `SELECT count(*), max(at) FROM login_attempts
		WHERE login = $1 AND outcome = 'failure' AND at > $2
		AND at > coalesce((SELECT max(at) FROM login_attempts WHERE login = $1 AND outcome = 'success'), $2)`,
		login, db.webStamp(since)).Scan(&c.Login, webTime{&c.LoginLast})
	if err != nil {
		return c, fmt.Errorf("count login failures: %w", err)
	}
	err = db.R.QueryRowContext(ctx, `SELECT count(*), max(at) FROM login_attempts
		WHERE ip = $1 AND outcome = 'failure' AND at > $2`, ip, db.webStamp(since)).Scan(&c.IP, webTime{&c.IPLast})
	if err != nil {
		return c, fmt.Errorf("count login failures: %w", err)
	}
	return c, nil
}

// LoginFailureCounts are the recent failures of a login and of an address.
type LoginFailureCounts struct {
	Login     int
	LoginLast time.Time
	IP        int
	IPLast    time.Time
}
