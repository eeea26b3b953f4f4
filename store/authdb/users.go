package authdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"ansinh/auth"
	"ansinh/store"
)

const userColumns = `id, login, password_hash, role, scope, display_name, status, created_at, created_by`

func scanUser(row interface{ Scan(...any) error }, u *auth.User) error {
	return row.Scan(&u.ID, &u.Login, &u.PasswordHash, &u.Role, &u.Scope, &u.DisplayName, &u.Status,
		store.ScanTime(&u.CreatedAt), &u.CreatedBy)
}

// CreateUser stores a new account and returns its id, audited with its
// creator in the same transaction; a zero CreatedAt is now. It returns
// auth.ErrLoginTaken when the login is in use.
func (s *Store) CreateUser(ctx context.Context, u auth.User) (int64, error) {
	if u.CreatedAt.IsZero() {
		u.CreatedAt = s.db.Now()
	}
	var id int64
	err := s.db.InTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO users (login, password_hash, role, scope, display_name, status, created_at, created_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			u.Login, u.PasswordHash, u.Role, u.Scope, u.DisplayName, u.Status, s.db.Stamp(u.CreatedAt), u.CreatedBy).Scan(&id)
		if store.UniqueViolation(err) {
			return auth.ErrLoginTaken
		}
		if err != nil {
			return fmt.Errorf("create user: %w", err)
		}
		return s.db.WriteAudit(ctx, tx, auth.AuditEntry{At: u.CreatedAt, Actor: u.CreatedBy, Action: "user.create",
			Object: "user:" + u.Login, Detail: "role=" + u.Role + " scope=" + u.Scope + " status=" + u.Status})
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

// FindUserByLogin returns the account with the login, or auth.ErrNotFound.
func (s *Store) FindUserByLogin(ctx context.Context, login string) (auth.User, error) {
	return s.findUser(ctx, `login = $1`, login)
}

// FindUserByID returns the account with the id, or auth.ErrNotFound.
func (s *Store) FindUserByID(ctx context.Context, id int64) (auth.User, error) {
	return s.findUser(ctx, `id = $1`, id)
}

func (s *Store) findUser(ctx context.Context, cond string, arg any) (auth.User, error) {
	var u auth.User
	err := scanUser(s.db.R.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE `+cond, arg), &u)
	if errors.Is(err, sql.ErrNoRows) {
		return u, auth.ErrNotFound
	}
	return u, err
}

// ListUsers returns accounts by login, and whether more follow.
func (s *Store) ListUsers(ctx context.Context, f auth.UserFilter) ([]auth.User, bool, error) {
	var a store.Args
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
	rows, err := s.db.R.QueryContext(ctx, q, a.List...)
	if err != nil {
		return nil, false, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	var out []auth.User
	for rows.Next() {
		var u auth.User
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
func (s *Store) SetUserStatus(ctx context.Context, id int64, status, actor string) error {
	return s.db.InTx(ctx, func(tx *sql.Tx) error {
		login, err := updateUser(ctx, tx, `status = $1`, status, id)
		if err != nil {
			return err
		}
		if status != auth.UserActive {
			if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, id); err != nil {
				return err
			}
		}
		return s.db.WriteAudit(ctx, tx, auth.AuditEntry{Actor: actor, Action: "user.status", Object: "user:" + login, Detail: status})
	})
}

// SetUserPassword replaces an account's password hash and ends its
// sessions, audited with actor.
func (s *Store) SetUserPassword(ctx context.Context, id int64, hash, actor string) error {
	return s.db.InTx(ctx, func(tx *sql.Tx) error {
		login, err := updateUser(ctx, tx, `password_hash = $1`, hash, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, id); err != nil {
			return err
		}
		return s.db.WriteAudit(ctx, tx, auth.AuditEntry{Actor: actor, Action: "user.password", Object: "user:" + login})
	})
}

// updateUser sets one column of an account and returns its login.
func updateUser(ctx context.Context, tx *sql.Tx, set string, value any, id int64) (string, error) {
	var login string
	err := tx.QueryRowContext(ctx, `UPDATE users SET `+set+` WHERE id = $2 RETURNING login`, value, id).Scan(&login)
	if errors.Is(err, sql.ErrNoRows) {
		return "", auth.ErrNotFound
	}
	if err != nil {
		return "", fmt.Errorf("update user: %w", err)
	}
	return login, nil
}
