package store

import (
	"context"
	"database/sql"
	"fmt"

	"ansinh"
)

// The audit log is the store core's: one writer (WriteAudit) that every
// domain records through in its own transaction, and one reader (ListAudit)
// behind auth's audit page and the tests that check what was recorded.

// AuditEntry is one line of the audit log (the root vocabulary's).
type AuditEntry = ansinh.AuditEntry

// Execer runs a statement: the writer pool or an open transaction.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// WriteAudit records e through ex, the writer or the transaction of the
// change it records; a zero At is now. It is the one place that writes the
// audit log.
func (db *DB) WriteAudit(ctx context.Context, ex Execer, e AuditEntry) error {
	if e.At.IsZero() {
		e.At = db.Now()
	}
	_, err := ex.ExecContext(ctx, `INSERT INTO audit_log (at, actor, action, object, detail) VALUES ($1, $2, $3, $4, $5)`,
		db.webStamp(e.At), e.Actor, e.Action, e.Object, e.Detail)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

// Audit records an entry on its own; a zero At is now.
func (db *DB) Audit(ctx context.Context, e AuditEntry) error {
	return db.WriteAudit(ctx, db.W, e)
}

// auditTx records an entry inside the transaction of the write it records.
func (db *DB) auditTx(ctx context.Context, tx *sql.Tx, e AuditEntry) error {
	return db.WriteAudit(ctx, tx, e)
}

// AuditFilter selects audit entries; empty fields select all.
type AuditFilter struct {
	Actor  string // exact
	Object string // exact
	Action string // exact
	Before int64  // entries with a smaller id (the next page); 0: the latest
	Limit  int    // 0: 50
}

// ListAudit returns entries, newest first, and whether more follow.
func (db *DB) ListAudit(ctx context.Context, f AuditFilter) ([]AuditEntry, bool, error) {
	var a Args
	q := `SELECT id, at, actor, action, object, detail FROM audit_log WHERE 1 = 1`
	if f.Actor != "" {
		q += ` AND actor = ` + a.Add(f.Actor)
	}
	if f.Object != "" {
		q += ` AND object = ` + a.Add(f.Object)
	}
	if f.Action != "" {
		q += ` AND action = ` + a.Add(f.Action)
	}
	if f.Before > 0 {
		q += ` AND id < ` + a.Add(f.Before)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	q += ` ORDER BY id DESC LIMIT ` + a.Add(limit+1)
	rows, err := db.R.QueryContext(ctx, q, a.List...)
	if err != nil {
		return nil, false, fmt.Errorf("list audit: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		if err := rows.Scan(&e.ID, webTime{&e.At}, &e.Actor, &e.Action, &e.Object, &e.Detail); err != nil {
			return nil, false, err
		}
		out = append(out, e)
	}
	more := len(out) > limit
	if more {
		out = out[:limit]
	}
	return out, more, rows.Err()
}
