package auth

import (
	"context"
	"time"

	"ansinh"
)

// User is an account of the web console, the portals or the API.
type User struct {
	ID           int64
	Login        string
	PasswordHash string
	Role         string // one of Roles
	Scope        string // role-dependent, comma-separated (CheckScope)
	DisplayName  string
	Status       string // UserActive, UserPending, UserDisabled
	CreatedAt    time.Time
	CreatedBy    string
}

// The statuses of an account.
const (
	UserActive   = "active"
	UserPending  = "pending"
	UserDisabled = "disabled"
)

// UserFilter selects accounts for ListUsers; empty fields select all.
type UserFilter struct {
	Role   string
	Status string
	Offset int
	Limit  int // 0: 50
}

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

// The outcomes of a sign-in attempt.
const (
	AttemptSuccess = "success"
	AttemptFailure = "failure"
	AttemptLocked  = "locked" // refused without checking the password
)

// Attempt is one sign-in attempt.
type Attempt struct {
	At      time.Time
	Login   string
	IP      string
	Outcome string // AttemptSuccess, AttemptFailure, AttemptLocked
}

// Failures are the recent failed sign-ins that the lockout weighs: those
// of one login from one address (after the login's last success), and
// those of one address across every login.
type Failures struct {
	// Pair counts the failures of the login from the address, PairLast
	// is the latest.
	Pair     int
	PairLast time.Time
	// Address counts the failures from the address (any login), over
	// AddressLogins distinct logins; AddressLast is the latest.
	Address       int
	AddressLogins int
	AddressLast   time.Time
}

// AuditEntry is one line of the audit log.
type AuditEntry = ansinh.AuditEntry

// AuditFilter selects audit entries; empty fields select all.
type AuditFilter struct {
	Actor  string // exact
	Object string // exact
	Action string // exact
	Before int64  // entries with a smaller id (the next page); 0: the latest
	Limit  int    // 0: 50
}

// ErrLoginTaken is returned by CreateUser when the login is in use.
var ErrLoginTaken = &ansinh.Error{Code: ansinh.ECONFLICT, Field: "login",
	Message: "Tên đăng nhập đã được dùng.", MessageEN: "This login is already taken."}

// ErrNotFound is what a Store returns for a record that does not exist
// (an ansinh.ENOTFOUND error; callers test the code, not the value).
var ErrNotFound = &ansinh.Error{Code: ansinh.ENOTFOUND, Message: "Không tìm thấy.", MessageEN: "Not found."}

// isNotFound reports whether err is a not-found error of any layer.
func isNotFound(err error) bool { return ansinh.ErrorCode(err) == ansinh.ENOTFOUND }

// Store is what auth needs from storage: accounts, sessions, API tokens,
// sign-in attempts and the audit log. store/authdb implements it on both
// engines; every write of an account is audited in its transaction.
type Store interface {
	// Now is the clock of the records.
	Now() time.Time

	// CreateUser stores a new account (audited with its CreatedBy) and
	// returns its id, or ErrLoginTaken.
	CreateUser(ctx context.Context, u User) (int64, error)
	// FindUserByLogin and FindUserByID return an account or a not-found
	// error.
	FindUserByLogin(ctx context.Context, login string) (User, error)
	FindUserByID(ctx context.Context, id int64) (User, error)
	// ListUsers returns accounts by login, and whether more follow.
	ListUsers(ctx context.Context, f UserFilter) ([]User, bool, error)
	// SetUserStatus changes an account's status, ending its sessions
	// unless it becomes active; SetUserPassword replaces its password
	// hash and ends its sessions. Both are audited with actor.
	SetUserStatus(ctx context.Context, id int64, status, actor string) error
	SetUserPassword(ctx context.Context, id int64, hash, actor string) error

	// CreateSession stores a session; FindSession returns a live one
	// (not expired at now, its account active) and its account;
	// TouchSession moves its last use and expiry; DeleteSession ends it;
	// DeleteExpiredSessions removes those expired at now.
	CreateSession(ctx context.Context, s Session) error
	FindSession(ctx context.Context, tokenHash string, now time.Time) (Session, User, error)
	TouchSession(ctx context.Context, tokenHash string, seen, expires time.Time) error
	DeleteSession(ctx context.Context, tokenHash string) error
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error)

	// CreateAPIToken stores a token (audited with actor) and returns its
	// id; FindAPIToken returns a live one and its account; TouchAPIToken
	// records a use; CountAPITokens counts an account's live tokens.
	CreateAPIToken(ctx context.Context, t APIToken, actor string) (int64, error)
	FindAPIToken(ctx context.Context, tokenHash string, now time.Time) (APIToken, User, error)
	TouchAPIToken(ctx context.Context, id int64, at time.Time) error
	CountAPITokens(ctx context.Context, userID int64) (int, error)

	// RecordAttempt records a sign-in attempt; Failures counts the
	// failures since the instant (Failures' fields).
	RecordAttempt(ctx context.Context, a Attempt) error
	Failures(ctx context.Context, login, ip string, since time.Time) (Failures, error)

	// Audit records an entry (a zero At is now); ListAudit returns
	// entries newest first, and whether more follow.
	Audit(ctx context.Context, e AuditEntry) error
	ListAudit(ctx context.Context, f AuditFilter) ([]AuditEntry, bool, error)
}

// Registry is what auth asks of the registry: whether the records a scope
// names exist, and the records the demonstration accounts are scoped to.
// cmd wires the registry's implementation.
type Registry interface {
	// UnitLevel returns the level ("province", "commune", …) of the unit
	// with the code on the day, or a not-found error.
	UnitLevel(ctx context.Context, code string, day ansinh.Date) (string, error)
	// EmployerExists and PersonExists report whether the registry has the
	// employer or the person.
	EmployerExists(ctx context.Context, taxCode string) (bool, error)
	PersonExists(ctx context.Context, personID string) (bool, error)
	// DemoSubjects picks the records the demonstration accounts are
	// scoped to, the same on every run over the same data.
	DemoSubjects(ctx context.Context) (DemoSubjects, error)
}

// DemoSubjects are records of the loaded data that demonstration accounts
// are scoped to; a field is empty when the data has no such record.
type DemoSubjects struct {
	TaxCode       string // an employer with workers
	Commune       string // the commune it is seated in
	PersonID      string // a person with an employment history and no open job
	PersonCommune string // where that person lives
	AgentCommune  string // a commune with enrolments made through an agent
	PersonName    string // that person's full name
}

// Auditor records audit entries: the store core's writer satisfies it, so
// handlers pass their database.
type Auditor interface {
	Audit(ctx context.Context, e AuditEntry) error
}

// Communes lists the communes under a unit on a day (the registry's
// units), for Scoper.
type Communes interface {
	CommunesUnder(ctx context.Context, unit string, day ansinh.Date) ([]string, error)
}
