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
	run_id      BIGINT NOT NULL,
	closed_at   TIMESTAMPTZ
);

-- The run log: one row per close (or reopen) run, and its batches. A batch
-- is a range of employers by tax code, fixed when the run starts, and is
-- written in one transaction together with its 'done' mark, so that a run
-- killed at any point is completed by the next one to the same result.
CREATE TABLE close_runs (
	id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	period      TEXT NOT NULL,
	kind        TEXT NOT NULL CHECK (kind IN ('close', 'reopen')),
	through     TEXT,
	actor       TEXT NOT NULL,
	started_at  TIMESTAMPTZ NOT NULL,
	finished_at TIMESTAMPTZ,
	status      TEXT NOT NULL CHECK (status IN ('running', 'done'))
);
CREATE INDEX close_runs_period ON close_runs (period, status);

CREATE TABLE close_batches (
	run_id      BIGINT NOT NULL REFERENCES close_runs (id),
	batch_no    BIGINT NOT NULL,
	first_key   TEXT NOT NULL,
	last_key    TEXT NOT NULL,
	status      TEXT NOT NULL CHECK (status IN ('pending', 'done')),
	rows_written BIGINT NOT NULL DEFAULT 0,
	finished_at TIMESTAMPTZ,
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
	si_base             BIGINT NOT NULL,
	ui_base             BIGINT NOT NULL,
	hi_base             BIGINT NOT NULL,
	employer_retirement BIGINT NOT NULL,
	employer_sickness   BIGINT NOT NULL,
	employer_accident   BIGINT NOT NULL,
	employer_ui         BIGINT NOT NULL,
	employer_hi         BIGINT NOT NULL,
	employee_retirement BIGINT NOT NULL,
	employee_ui         BIGINT NOT NULL,
	employee_hi         BIGINT NOT NULL,
	total               BIGINT NOT NULL,
	flags               BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (period, tax_code, person_id)
) PARTITION BY RANGE (period);

-- What each close bills each payer, by month owed: an employer's principal
-- (the sum of its assessments), a voluntary participant's share, and the
-- state's and the province's support.
CREATE TABLE charges (
	billed_in  TEXT NOT NULL,
	payer      TEXT NOT NULL,
	period     TEXT NOT NULL,
	payer_kind TEXT NOT NULL CHECK (payer_kind IN ('employer', 'person', 'state_budget', 'province_budget')),
	principal  BIGINT NOT NULL,
	items      BIGINT NOT NULL,
	PRIMARY KEY (billed_in, payer, period)
) PARTITION BY RANGE (billed_in);

-- Voluntary contributions billed: one row per enrolment and payment block
-- (the payment mode's months, starting at billed_in).
CREATE TABLE voluntary_charges (
	billed_in        TEXT NOT NULL,
	person_id        TEXT NOT NULL,
	start_month      TEXT NOT NULL,
	months           BIGINT NOT NULL,
	income           BIGINT NOT NULL,
	category         TEXT NOT NULL,
	contribution     BIGINT NOT NULL,
	state_support    BIGINT NOT NULL,
	province_support BIGINT NOT NULL,
	payable          BIGINT NOT NULL,
	supported_months BIGINT NOT NULL,
	agent_code       TEXT,
	PRIMARY KEY (billed_in, person_id, start_month)
) PARTITION BY RANGE (billed_in);

-- The open debts of every payer after each close: one row per month owed
-- and close that billed it, with the principal and interest still unpaid and
-- the day through which interest has been counted.
CREATE TABLE debts (
	close_period    TEXT NOT NULL,
	payer           TEXT NOT NULL,
	period          TEXT NOT NULL,
	billed_in       TEXT NOT NULL,
	payer_kind      TEXT NOT NULL,
	due_on          DATE NOT NULL,
	principal       BIGINT NOT NULL,
	interest        BIGINT NOT NULL,
	accrued_through DATE NOT NULL,
	PRIMARY KEY (close_period, payer, period, billed_in)
) PARTITION BY RANGE (close_period);

-- One notice per payer and closed month (form C12 for employers). A
-- negative closing balance is a credit. unrated_days counts days of late
-- interest that could not be computed because a rate is not loaded.
CREATE TABLE notices (
	period          TEXT NOT NULL,
	payer           TEXT NOT NULL,
	payer_kind      TEXT NOT NULL,
	opening_balance BIGINT NOT NULL,
	assessed        BIGINT NOT NULL,
	retroactive     BIGINT NOT NULL,
	interest        BIGINT NOT NULL,
	paid            BIGINT NOT NULL,
	closing_balance BIGINT NOT NULL,
	overdue         BIGINT NOT NULL,
	months_overdue  BIGINT NOT NULL,
	status          TEXT NOT NULL CHECK (status IN ('current', 'late', 'evasion')),
	unrated_days    BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (period, payer)
) PARTITION BY RANGE (period);
CREATE INDEX notices_payer ON notices (payer, period);

-- Payments processed by a close: to which account (the payer, or the one an
-- officer attributed a suspense payment to), and at which value date.
CREATE TABLE payment_postings (
	payer        TEXT NOT NULL,
	ref          TEXT NOT NULL,
	close_period TEXT NOT NULL,
	account      TEXT NOT NULL,
	amount       BIGINT NOT NULL,
	value_date   DATE NOT NULL,
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
	seq          BIGINT NOT NULL,
	payer        TEXT NOT NULL,
	ref          TEXT NOT NULL,
	period       TEXT,
	billed_in    TEXT,
	part         TEXT NOT NULL CHECK (part IN ('interest', 'principal', 'credit')),
	amount       BIGINT NOT NULL,
	value_date   DATE NOT NULL,
	PRIMARY KEY (close_period, account, seq)
) PARTITION BY RANGE (close_period);

CREATE INDEX allocations_payment ON allocations (payer, ref);

-- An officer's attribution of a payment from an unknown payer (suspense)
-- to a known account; the next close allocates it.
CREATE TABLE payment_attributions (
	payer   TEXT NOT NULL,
	ref     TEXT NOT NULL,
	account TEXT NOT NULL,
	actor   TEXT NOT NULL,
	at      TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (payer, ref)
);

-- Collection agents' contracts. The commission rate (millionths) has no
-- default: NULL until the province loads the contract's rate.
CREATE TABLE agent_contracts (
	agent_code      TEXT NOT NULL,
	valid_from      DATE NOT NULL,
	valid_to        DATE,
	commission_rate BIGINT,
	source          TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (agent_code, valid_from)
);

-- What each agent collected in a closed month, and the commission due
-- (NULL when the contract has no rate).
CREATE TABLE agent_collections (
	period          TEXT NOT NULL,
	agent_code      TEXT NOT NULL,
	payments        BIGINT NOT NULL,
	amount          BIGINT NOT NULL,
	commission_rate BIGINT,
	commission      BIGINT,
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

-- The tables that grow with each close are partitioned by month, like
-- tax_wages: one partition a year (months are 'YYYY-MM' text, so a range of
-- text is a range of months) and a default partition for anything outside
-- the prepared years. A national deployment attaches monthly partitions or
-- shards by province the same way.
DO $$
DECLARE
	t TEXT;
BEGIN
	FOREACH t IN ARRAY ARRAY['assessments', 'charges', 'voluntary_charges', 'debts', 'notices', 'allocations'] LOOP
		FOR y IN 2010..2040 LOOP
			EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
				t || '_' || y, t, y || '-01', (y + 1) || '-01');
		END LOOP;
		EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT', t || '_other', t);
	END LOOP;
END $$;
