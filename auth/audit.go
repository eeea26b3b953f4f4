package auth

import (
	"context"
)

// Audit records that the context's principal did action to object. Reads
// of personal data are audited before the data is shown: when the record
// cannot be written, the read fails.
func Audit(ctx context.Context, rec Auditor, action, object, detail string) error {
	return rec.Audit(ctx, AuditEntry{Actor: From(ctx).Actor(), Action: action, Object: object, Detail: detail})
}
