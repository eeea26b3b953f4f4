-- Collection: the monthly close (package collection). Every row a close
-- derives carries the month whose close wrote it (billed_in, close_period,
-- period of a notice), so that reopening a month deletes exactly what that
-- close and the later ones wrote, and closing again rebuilds it.

-- The state of each month's books: 'closing' while a close runs, 'closed'
-- once its notices are written. books_start is the first month ever closed:
-- nothing before it is billed.
CREATE TABLE collection_periods (
	period      TEXT PRIMARY KEY,
	status      TEXT NOT NULL CHECK (status IN ('closing', 'closed')),
	books_start TEXT NOT NULL,
	run_id      INTEGER NOT NULL,
	closed_at   TEXT
);

-- The run log: one row per close (or reopen) run, and its batches. A batch
-- is a range of employers by tax code, fixed when the run starts, and is
-- written in one transaction together with its 'done' mark, so that a run
-- killed at any point is completed by the next one to the same result.
CREATE TABLE close_runs (
	id          INTEGER PRIMARY KEY,
	period      TEXT NOT NULL,
	kind        TEXT NOT NULL CHECK (kind IN ('close', 'reopen')),
	through     TEXT,
	actor       TEXT NOT NULL,
	started_at  TEXT NOT NULL,
	finished_at TEXT,
	status      TEXT NOT NULL CHECK (status IN ('running', 'done'))
);
CREATE INDEX close_runs_period ON close_runs (period, status);

CREATE TABLE close_batches (
	run_id      INTEGER NOT NULL REFERENCES close_runs (id),
	batch_no    INTEGER NOT NULL,
	first_key   TEXT NOT NULL,
	last_key    TEXT NOT NULL,
	status      TEXT NOT NULL CHECK (status IN ('pending', 'done')),
	rows_written INTEGER NOT NULL DEFAULT 0,
	finished_at TEXT,
	PRIMARY KEY (run_id, batch_no)
);

-- One row per employer, person and month: the mandatory contributions by
-- fund and payer (rules.ContributionRules.Assess). billed_in is the close
-- that billed the month: the month itself, or a later one for a month
-- declared late (retroactive).
CREATE TABLE assessments (
	period              TEXT NOT NULL,
	tax_code            TEXT NOT NULL,
	person_id           TEXT NOT NULL,
	billed_in           TEXT NOT NULL,
	si_base             INTEGER NOT NULL,
	ui_base             INTEGER NOT NULL,
	hi_base             INTEGER NOT NULL,
	employer_retirement INTEGER NOT NULL,
	employer_sickness   INTEGER NOT NULL,
	employer_accident   INTEGER NOT NULL,
	employer_ui         INTEGER NOT NULL,
	employer_hi         INTEGER NOT NULL,
	employee_retirement INTEGER NOT NULL,
	employee_ui         INTEGER NOT NULL,
	employee_hi         INTEGER NOT NULL,
	total               INTEGER NOT NULL,
	flags               INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (period, tax_code, person_id)
) WITHOUT ROWID;

-- What each close bills each payer, by month owed: an employer's principal
-- (the sum of its assessments), a voluntary participant's share, and the
-- state's and the province's support.
CREATE TABLE charges (
	billed_in  TEXT NOT NULL,
	payer      TEXT NOT NULL,
	period     TEXT NOT NULL,
	payer_kind TEXT NOT NULL CHECK (payer_kind IN ('employer', 'person', 'state_budget', 'province_budget')),
	principal  INTEGER NOT NULL,
	items      INTEGER NOT NULL,
	PRIMARY KEY (billed_in, payer, period)
);

-- Voluntary contributions billed: one row per enrolment and payment block
-- (the payment mode's months, starting at billed_in).
CREATE TABLE voluntary_charges (
	billed_in        TEXT NOT NULL,
	person_id        TEXT NOT NULL,
	start_month      TEXT NOT NULL,
	months           INTEGER NOT NULL,
	income           INTEGER NOT NULL,
	category         TEXT NOT NULL,
	contribution     INTEGER NOT NULL,
	state_support    INTEGER NOT NULL,
	province_support INTEGER NOT NULL,
	payable          INTEGER NOT NULL,
	supported_months INTEGER NOT NULL,
	agent_code       TEXT,
	PRIMARY KEY (billed_in, person_id, start_month)
);

-- The open debts of every payer after each close: one row per month owed
-- and close that billed it, with the principal and interest still unpaid and
-- the day through which interest has been counted.
CREATE TABLE debts (
	close_period    TEXT NOT NULL,
	payer           TEXT NOT NULL,
	period          TEXT NOT NULL,
	billed_in       TEXT NOT NULL,
	payer_kind      TEXT NOT NULL,
	due_on          TEXT NOT NULL,
	principal       INTEGER NOT NULL,
	interest        INTEGER NOT NULL,
	accrued_through TEXT NOT NULL,
	PRIMARY KEY (close_period, payer, period, billed_in)
);

-- One notice per payer and closed month (form C12 for employers). A
-- negative closing balance is a credit. unrated_days counts days of late
-- interest that could not be computed because a rate is not loaded.
CREATE TABLE notices (
	period          TEXT NOT NULL,
	payer           TEXT NOT NULL,
	payer_kind      TEXT NOT NULL,
	opening_balance INTEGER NOT NULL,
	assessed        INTEGER NOT NULL,
	retroactive     INTEGER NOT NULL,
	interest        INTEGER NOT NULL,
	paid            INTEGER NOT NULL,
	closing_balance INTEGER NOT NULL,
	overdue         INTEGER NOT NULL,
	months_overdue  INTEGER NOT NULL,
	status          TEXT NOT NULL CHECK (status IN ('current', 'late', 'evasion')),
	unrated_days    INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (period, payer)
);
CREATE INDEX notices_payer ON notices (payer, period);

-- Payments processed by a close: to which account (the payer, or the one an
-- officer attributed a suspense payment to), and at which value date.
CREATE TABLE payment_postings (
	payer        TEXT NOT NULL,
	ref          TEXT NOT NULL,
	close_period TEXT NOT NULL,
	account      TEXT NOT NULL,
	amount       INTEGER NOT NULL,
	value_date   TEXT NOT NULL,
	channel      TEXT NOT NULL,
	agent_code   TEXT,
	PRIMARY KEY (payer, ref)
);
CREATE INDEX payment_postings_close ON payment_postings (close_period, account);

-- How each payment (or credit held) was applied: part interest or
-- principal of a month owed, or credit.
CREATE TABLE allocations (
	close_period TEXT NOT NULL,
	account      TEXT NOT NULL,
	seq          INTEGER NOT NULL,
	payer        TEXT NOT NULL,
	ref          TEXT NOT NULL,
	period       TEXT,
	billed_in    TEXT,
	part         TEXT NOT NULL CHECK (part IN ('interest', 'principal', 'credit')),
	amount       INTEGER NOT NULL,
	value_date   TEXT NOT NULL,
	PRIMARY KEY (close_period, account, seq)
);

CREATE INDEX allocations_payment ON allocations (payer, ref);

-- An officer's attribution of a payment from an unknown payer (suspense)
-- to a known account; the next close allocates it.
CREATE TABLE payment_attributions (
	payer   TEXT NOT NULL,
	ref     TEXT NOT NULL,
	account TEXT NOT NULL,
	actor   TEXT NOT NULL,
	at      TEXT NOT NULL,
	PRIMARY KEY (payer, ref)
);

-- Collection agents' contracts. The commission rate (millionths) has no
-- default: NULL until the province loads the contract's rate.
CREATE TABLE agent_contracts (
	agent_code      TEXT NOT NULL,
	valid_from      TEXT NOT NULL,
	valid_to        TEXT,
	commission_rate INTEGER,
	source          TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (agent_code, valid_from)
);

-- What each agent collected in a closed month, and the commission due
-- (NULL when the contract has no rate).
CREATE TABLE agent_collections (
	period          TEXT NOT NULL,
	agent_code      TEXT NOT NULL,
	payments        INTEGER NOT NULL,
	amount          INTEGER NOT NULL,
	commission_rate INTEGER,
	commission      INTEGER,
	PRIMARY KEY (period, agent_code)
);

-- What a close could not do as asked: an employer without a region, an
-- enrolment outside the legal range, a month already billed, interest days
-- without a loaded rate.
CREATE TABLE close_warnings (
	period TEXT NOT NULL,
	code   TEXT NOT NULL,
	object TEXT NOT NULL,
	detail TEXT NOT NULL,
	PRIMARY KEY (period, code, object)
);
