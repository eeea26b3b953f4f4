package authdb

import (
	"context"

	"ansinh/auth"
	"ansinh/store"
)

// Audit records an entry through the store core's one audit writer.
func (s *Store) Audit(ctx context.Context, e auth.AuditEntry) error {
	return s.db.WriteAudit(ctx, s.db.W, e)
}

// ListAudit returns entries, newest first, and whether more follow,
// through the store core's reader of the audit log.
func (s *Store) ListAudit(ctx context.Context, f auth.AuditFilter) ([]auth.AuditEntry, bool, error) {
	return s.db.ListAudit(ctx, store.AuditFilter{Actor: f.Actor, Object: f.Object, Action: f.Action, Before: f.Before, Limit: f.Limit})
}
