-- Benefits (package benefits): the paper record of service before the
-- registry (si_history), claims and their workflow, and the monthly payroll.

-- Months of service from the person's paper record (sổ BHXH), imported as
-- the exchange kind si_history. Rows are kept as given: overlaps with the
-- registry or with each other are reported by the record, never merged.
CREATE TABLE si_history (
	person_id     TEXT NOT NULL REFERENCES persons (person_id),
	from_month    TEXT NOT NULL,
	to_month      TEXT NOT NULL,
	scheme        TEXT NOT NULL CHECK (scheme IN ('contract', 'state', 'voluntary')),
	wage          BIGINT NOT NULL,
	employer_name TEXT NOT NULL,
	source_ref    TEXT NOT NULL,
	run_id        BIGINT REFERENCES import_runs (id),
	PRIMARY KEY (person_id, from_month)
);

-- Deaths known to the registry (the civil status office's notices): the
-- payroll stops every benefit from the month after the death. The registry
-- owns this fact; the table is here until it has its own.
CREATE TABLE person_deaths (
	person_id  TEXT PRIMARY KEY REFERENCES persons (person_id),
	died_on    TEXT NOT NULL,
	source_ref TEXT NOT NULL,
	run_id     BIGINT REFERENCES import_runs (id)
);

-- A claim for a benefit and its workflow: submitted → checked (maker) →
-- approved or rejected (checker, never the maker) → in payment → stopped.
-- decision holds the assessment (figures, rules, sources) as checked.
CREATE TABLE benefit_claims (
	id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	person_id    TEXT NOT NULL REFERENCES persons (person_id),
	kind         TEXT NOT NULL CHECK (kind IN ('pension', 'withdrawal', 'ui', 'social_pension')),
	status       TEXT NOT NULL CHECK (status IN ('submitted', 'checked', 'approved', 'rejected', 'in_payment', 'stopped')),
	channel      TEXT NOT NULL CHECK (channel IN ('online', 'counter')),
	request      TEXT NOT NULL,
	decision     TEXT NOT NULL DEFAULT '',
	monthly      BIGINT NOT NULL DEFAULT 0,
	lump_sum     BIGINT NOT NULL DEFAULT 0,
	start_month  TEXT,
	end_month    TEXT,
	procedure_id BIGINT REFERENCES procedures (id),
	filed_by     TEXT NOT NULL,
	filed_at     TIMESTAMPTZ NOT NULL,
	checked_by   TEXT,
	checked_at   TIMESTAMPTZ,
	decided_by   TEXT,
	decided_at   TIMESTAMPTZ,
	reason       TEXT NOT NULL DEFAULT '',
	stop_month   TEXT,
	stop_reason  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX benefit_claims_person ON benefit_claims (person_id);
CREATE INDEX benefit_claims_status ON benefit_claims (status, id);

-- The payroll of a month: one run per period, its batches (ranges of claim
-- ids fixed when the run starts, each written in one transaction with its
-- done mark) and one line per benefit paid, stopped or recovered.
CREATE TABLE payroll_runs (
	period      TEXT PRIMARY KEY,
	status      TEXT NOT NULL CHECK (status IN ('running', 'done')),
	actor       TEXT NOT NULL,
	started_at  TIMESTAMPTZ NOT NULL,
	finished_at TIMESTAMPTZ
);

CREATE TABLE payroll_batches (
	period    TEXT NOT NULL REFERENCES payroll_runs (period),
	batch_no  INTEGER NOT NULL,
	first_id  BIGINT NOT NULL,
	last_id   BIGINT NOT NULL,
	status    TEXT NOT NULL CHECK (status IN ('pending', 'done')),
	lines     INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (period, batch_no)
);

CREATE TABLE payroll_lines (
	period      TEXT NOT NULL,
	claim_id    BIGINT NOT NULL REFERENCES benefit_claims (id),
	person_id   TEXT NOT NULL,
	kind        TEXT NOT NULL,
	status      TEXT NOT NULL CHECK (status IN ('pay', 'stop')),
	monthly     BIGINT NOT NULL,
	arrears     BIGINT NOT NULL,
	lump_sum    BIGINT NOT NULL,
	recovery    BIGINT NOT NULL,
	amount      BIGINT NOT NULL,
	adjustment  TEXT NOT NULL DEFAULT '',
	stop_reason TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (period, claim_id)
);

CREATE INDEX payroll_lines_claim ON payroll_lines (claim_id, period);

-- The monthly benefits the payroll pays or paid (pensions and social
-- pensions approved, in payment or stopped; end_month is the last month
-- owed): the indicators count them beside the imported beneficiaries,
-- which stay as history.
CREATE VIEW benefits_paid AS
	SELECT person_id, kind, start_month, end_month FROM benefit_claims
	WHERE kind IN ('pension', 'social_pension') AND status IN ('approved', 'in_payment', 'stopped') AND start_month IS NOT NULL;

-- A claim is a procedure like the others (e-transaction share, processing
-- time, satisfaction).
ALTER TABLE procedures DROP CONSTRAINT procedures_kind_check;
ALTER TABLE procedures ADD CONSTRAINT procedures_kind_check
	CHECK (kind IN ('registration', 'declaration', 'voluntary_enrolment', 'payment', 'benefit_claim'));
