package ansinh

import "time"

// AuditEntry is one line of the audit log: who did what to which object,
// and when. Every read of personal data and every write is recorded; the
// store core has the one writer, and every domain records through it.
type AuditEntry struct {
	ID     int64
	At     time.Time
	Actor  string // "user:LOGIN", "cli:NAME", "gateway"
	Action string // e.g. "person.read", "declaration.submit"
	Object string // e.g. "person:001099000123", "employer:0101234567"
	Detail string
}
