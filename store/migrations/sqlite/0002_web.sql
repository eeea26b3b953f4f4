-- The web console, the portals and the JSON API: accounts and their
-- sessions, the e-transactions (declarations, procedures, payment orders) and
-- the satisfaction surveys. Every transaction keeps its channel and its
-- submitted/processed times, so that the share of electronic transactions,
-- the processing time and the satisfaction index are computed from the data,
-- never entered by hand.

-- Accounts. scope depends on the role: a unit code (unit_officer), commune
-- codes (agent), a tax code (employer), a personal ID (citizen), feed kinds
-- (partner), assigned tax codes (inspector); several values are separated by
-- commas. An employer's self-registration stays 'pending' until a province
-- officer approves it.
CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	login         TEXT NOT NULL UNIQUE,
	password_hash TEXT NOT NULL,
	role          TEXT NOT NULL CHECK (role IN ('province_officer', 'unit_officer', 'agent', 'employer', 'citizen', 'partner', 'inspector', 'leadership')),
	scope         TEXT NOT NULL DEFAULT '',
	display_name  TEXT NOT NULL DEFAULT '',
	status        TEXT NOT NULL CHECK (status IN ('active', 'pending', 'disabled')),
	created_at    TEXT NOT NULL,
	created_by    TEXT NOT NULL
);

-- Sessions are stored server-side; the cookie holds a random 32-byte token
-- and only its SHA-256 is kept here, so a copy of the database opens no
-- session.
CREATE TABLE sessions (
	token_hash   TEXT PRIMARY KEY,
	user_id      INTEGER NOT NULL REFERENCES users (id),
	csrf_token   TEXT NOT NULL,
	created_at   TEXT NOT NULL,
	expires_at   TEXT NOT NULL,
	last_seen_at TEXT NOT NULL,
	ip           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Every sign-in attempt, so that repeated failures lock the account and the
-- address for a while (the lockout is computed from these rows).
CREATE TABLE login_attempts (
	id      INTEGER PRIMARY KEY,
	at      TEXT NOT NULL,
	login   TEXT NOT NULL,
	ip      TEXT NOT NULL,
	outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure', 'locked'))
);
CREATE INDEX login_attempts_login ON login_attempts (login, at);
CREATE INDEX login_attempts_ip ON login_attempts (ip, at);

-- Bearer tokens for the JSON API (data partners' feeds, employers' software).
-- As with sessions, only the hash of the token is kept.
CREATE TABLE api_tokens (
	id           INTEGER PRIMARY KEY,
	token_hash   TEXT NOT NULL UNIQUE,
	user_id      INTEGER NOT NULL REFERENCES users (id),
	name         TEXT NOT NULL,
	created_at   TEXT NOT NULL,
	expires_at   TEXT,
	last_used_at TEXT,
	revoked      INTEGER NOT NULL DEFAULT 0
);

-- Every transaction with a participant, whatever its kind: the unit the
-- e-transaction share, the processing time and the satisfaction index are
-- counted in. subject is the tax code or personal ID it concerns; ref the
-- receipt number, order or enrolment it produced.
CREATE TABLE procedures (
	id           INTEGER PRIMARY KEY,
	kind         TEXT NOT NULL CHECK (kind IN ('registration', 'declaration', 'voluntary_enrolment', 'payment')),
	subject      TEXT NOT NULL,
	ref          TEXT NOT NULL DEFAULT '',
	channel      TEXT NOT NULL CHECK (channel IN ('online', 'counter', 'agent')),
	user_id      INTEGER REFERENCES users (id),
	status       TEXT NOT NULL CHECK (status IN ('received', 'completed', 'rejected')),
	submitted_at TEXT NOT NULL,
	processed_at TEXT
);
CREATE INDEX procedures_submitted ON procedures (submitted_at);
CREATE INDEX procedures_user ON procedures (user_id, submitted_at);

-- One answer per completed procedure: a score from 1 to 5 and a comment.
CREATE TABLE surveys (
	procedure_id INTEGER PRIMARY KEY REFERENCES procedures (id),
	score        INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
	comment      TEXT NOT NULL DEFAULT '',
	answered_at  TEXT NOT NULL
);

-- An employer's request to transact online (tax code and unit details); a
-- province officer approves it, which creates the employer when it is new and
-- activates the account.
CREATE TABLE registrations (
	id           INTEGER PRIMARY KEY,
	user_id      INTEGER NOT NULL REFERENCES users (id),
	procedure_id INTEGER NOT NULL REFERENCES procedures (id),
	tax_code     TEXT NOT NULL,
	name         TEXT NOT NULL,
	kind         TEXT NOT NULL CHECK (kind IN ('state', 'soe', 'fdi', 'private', 'cooperative', 'household_business')),
	commune_code TEXT NOT NULL,
	contact      TEXT NOT NULL DEFAULT '',
	status       TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
	decided_by   TEXT,
	decided_at   TEXT
);
CREATE INDEX registrations_status ON registrations (status);

-- Declarations of changes in the workforce (the shape of form D02-TS): a
-- header with its receipt number and times, and one line per worker. Lines
-- are processed into the employment table when the declaration is processed.
CREATE TABLE declarations (
	id           INTEGER PRIMARY KEY,
	receipt_no   TEXT NOT NULL UNIQUE,
	tax_code     TEXT NOT NULL REFERENCES employers (tax_code),
	procedure_id INTEGER NOT NULL REFERENCES procedures (id),
	channel      TEXT NOT NULL CHECK (channel IN ('online', 'counter', 'agent')),
	status       TEXT NOT NULL CHECK (status IN ('received', 'processed', 'partial', 'rejected')),
	submitted_by TEXT NOT NULL,
	submitted_at TEXT NOT NULL,
	processed_at TEXT,
	accepted     INTEGER NOT NULL DEFAULT 0,
	rejected     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX declarations_employer ON declarations (tax_code, submitted_at);

CREATE TABLE declaration_lines (
	declaration_id INTEGER NOT NULL REFERENCES declarations (id),
	line_no        INTEGER NOT NULL,
	change         TEXT NOT NULL CHECK (change IN ('hire', 'leave', 'wage_change')),
	person_id      TEXT NOT NULL,
	full_name      TEXT NOT NULL,
	birth_date     TEXT,
	sex            TEXT CHECK (sex IN ('male', 'female')),
	wage           INTEGER NOT NULL DEFAULT 0,
	start_month    TEXT,
	end_month      TEXT,
	contract       TEXT CHECK (contract IN ('indefinite', 'fixed', 'seasonal')),
	status         TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
	reason         TEXT NOT NULL DEFAULT '',
	reason_en      TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (declaration_id, line_no)
);

-- Online payments through the payment gateway: the order is created before
-- the payer leaves for the gateway; the gateway's confirmation marks it paid
-- and records one row in payments (channel 'online', ref = the order id),
-- however many times the confirmation arrives.
CREATE TABLE payment_orders (
	id           TEXT PRIMARY KEY,
	payer        TEXT NOT NULL,
	amount       INTEGER NOT NULL CHECK (amount > 0),
	purpose      TEXT NOT NULL,
	user_id      INTEGER NOT NULL REFERENCES users (id),
	procedure_id INTEGER NOT NULL REFERENCES procedures (id),
	status       TEXT NOT NULL CHECK (status IN ('pending', 'paid')),
	created_at   TEXT NOT NULL,
	paid_at      TEXT,
	gateway_ref  TEXT
);
CREATE INDEX payment_orders_payer ON payment_orders (payer, created_at);

-- Name search is a prefix search on these indexes (byte order, so that a
-- prefix is a range of the index on both engines).
CREATE INDEX persons_name ON persons (full_name, person_id);
CREATE INDEX employers_name ON employers (name, tax_code);
CREATE INDEX employment_employer ON employment (tax_code, end_month);
CREATE INDEX audit_log_object ON audit_log (object, at);
CREATE INDEX audit_log_actor ON audit_log (actor, at);
