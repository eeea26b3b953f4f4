package auth

import (
	"context"

	"ansinh/store"
)

// Audit records that the context's principal did action to object. Reads
// of personal data are audited before the data is shown: when the record
// cannot be written, the read fails.
func Audit(ctx context.Context, db *store.DB, action, object, detail string) error {
	return db.Audit(ctx, store.AuditEntry{Actor: From(ctx).Actor(), Action: action, Object: object, Detail: detail})
}
