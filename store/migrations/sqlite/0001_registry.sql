-- The registry: administrative units (both structures, keyed by code and
-- valid_from because codes were reused in the 2025 reorganisation), persons,
-- households, employers, employment spells, voluntary enrolments and
-- beneficiaries, plus the partners' files that the importer loads.
-- Every imported row carries the import run that last changed it; the run
-- records who and when (import_runs), so each change has an actor and a time.

CREATE TABLE import_runs (
	id          INTEGER PRIMARY KEY,
	kind        TEXT NOT NULL,
	file        TEXT NOT NULL,
	sha256      TEXT NOT NULL,
	actor       TEXT NOT NULL,
	started_at  TEXT NOT NULL,
	finished_at TEXT,
	rows_read   INTEGER NOT NULL DEFAULT 0,
	inserted    INTEGER NOT NULL DEFAULT 0,
	updated     INTEGER NOT NULL DEFAULT 0,
	rejected    INTEGER NOT NULL DEFAULT 0,
	status      TEXT NOT NULL CHECK (status IN ('running', 'committed', 'refused', 'failed'))
);

CREATE TABLE audit_log (
	id     INTEGER PRIMARY KEY,
	at     TEXT NOT NULL,
	actor  TEXT NOT NULL,
	action TEXT NOT NULL,
	object TEXT NOT NULL,
	detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE units (
	code        TEXT NOT NULL,
	name        TEXT NOT NULL,
	level       TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
	parent_code TEXT,
	valid_from  TEXT NOT NULL,
	valid_to    TEXT,
	region      TEXT CHECK (region IN ('I', 'II', 'III', 'IV')),
	run_id      INTEGER REFERENCES import_runs (id),
	PRIMARY KEY (code, valid_from)
);
CREATE INDEX units_parent ON units (parent_code);

CREATE TABLE unit_successors (
	old_code  TEXT NOT NULL,
	new_code  TEXT NOT NULL,
	from_date TEXT NOT NULL,
	run_id    INTEGER REFERENCES import_runs (id),
	PRIMARY KEY (old_code, new_code, from_date)
);

CREATE TABLE persons (
	person_id       TEXT PRIMARY KEY,
	full_name       TEXT NOT NULL,
	birth_date      TEXT NOT NULL,
	sex             TEXT NOT NULL CHECK (sex IN ('male', 'female')),
	ethnic_minority INTEGER NOT NULL,
	commune_code    TEXT NOT NULL,
	legacy_si_code  TEXT,
	run_id          INTEGER REFERENCES import_runs (id)
);
CREATE INDEX persons_commune ON persons (commune_code);

CREATE TABLE household_status (
	person_id TEXT NOT NULL REFERENCES persons (person_id),
	year      INTEGER NOT NULL,
	status    TEXT NOT NULL CHECK (status IN ('poor', 'near_poor', 'none')),
	run_id    INTEGER REFERENCES import_runs (id),
	PRIMARY KEY (person_id, year)
);

CREATE TABLE employers (
	tax_code        TEXT PRIMARY KEY,
	name            TEXT NOT NULL,
	kind            TEXT NOT NULL CHECK (kind IN ('state', 'soe', 'fdi', 'private', 'cooperative', 'household_business')),
	commune_code    TEXT NOT NULL,
	industrial_zone TEXT,
	registered_on   TEXT NOT NULL,
	run_id          INTEGER REFERENCES import_runs (id)
);
CREATE INDEX employers_commune ON employers (commune_code);

CREATE TABLE employment (
	tax_code    TEXT NOT NULL REFERENCES employers (tax_code),
	person_id   TEXT NOT NULL REFERENCES persons (person_id),
	start_month TEXT NOT NULL,
	end_month   TEXT,
	wage        INTEGER NOT NULL,
	contract    TEXT NOT NULL CHECK (contract IN ('indefinite', 'fixed', 'seasonal')),
	declared_on TEXT NOT NULL,
	run_id      INTEGER REFERENCES import_runs (id),
	PRIMARY KEY (tax_code, person_id, start_month)
);
CREATE INDEX employment_person ON employment (person_id);

CREATE TABLE voluntary (
	person_id   TEXT NOT NULL REFERENCES persons (person_id),
	start_month TEXT NOT NULL,
	end_month   TEXT,
	income      INTEGER NOT NULL,
	mode        TEXT NOT NULL CHECK (mode IN ('monthly', 'quarterly', 'semiannual', 'annual')),
	category    TEXT NOT NULL CHECK (category IN ('poor', 'near_poor', 'ethnic_minority', 'other')),
	agent_code  TEXT,
	run_id      INTEGER REFERENCES import_runs (id),
	PRIMARY KEY (person_id, start_month)
);

CREATE TABLE beneficiaries (
	person_id      TEXT NOT NULL REFERENCES persons (person_id),
	kind           TEXT NOT NULL CHECK (kind IN ('pension', 'monthly_si_benefit', 'social_pension')),
	start_month    TEXT NOT NULL,
	end_month      TEXT,
	monthly_amount INTEGER NOT NULL,
	run_id         INTEGER REFERENCES import_runs (id),
	PRIMARY KEY (person_id, kind, start_month)
);

-- Money and the partners' feeds. Payments are not tied to a known payer by a
-- foreign key: a payment from an unknown payer must land (in suspense), not fail.
CREATE TABLE payments (
	ref        TEXT NOT NULL,
	payer      TEXT NOT NULL,
	amount     INTEGER NOT NULL,
	paid_on    TEXT NOT NULL,
	channel    TEXT NOT NULL CHECK (channel IN ('bank', 'online', 'agent', 'counter')),
	agent_code TEXT,
	run_id     INTEGER REFERENCES import_runs (id),
	PRIMARY KEY (payer, ref)
);
CREATE INDEX payments_paid_on ON payments (paid_on);

CREATE TABLE labor_force (
	unit_code           TEXT NOT NULL,
	year                INTEGER NOT NULL,
	labor_force         INTEGER NOT NULL,
	over_retirement_age INTEGER NOT NULL,
	run_id              INTEGER REFERENCES import_runs (id),
	PRIMARY KEY (unit_code, year)
);

CREATE TABLE tax_wages (
	tax_code    TEXT NOT NULL,
	person_id   TEXT NOT NULL,
	month       TEXT NOT NULL,
	wage_income INTEGER NOT NULL,
	run_id      INTEGER REFERENCES import_runs (id),
	PRIMARY KEY (tax_code, person_id, month)
);

CREATE TABLE business_registry (
	tax_code           TEXT PRIMARY KEY,
	name               TEXT NOT NULL,
	commune_code       TEXT NOT NULL,
	registered_on      TEXT NOT NULL,
	status             TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'dissolved')),
	employees_reported INTEGER NOT NULL,
	run_id             INTEGER REFERENCES import_runs (id)
);

CREATE TABLE iz_enterprises (
	tax_code  TEXT PRIMARY KEY,
	zone      TEXT NOT NULL,
	employees INTEGER NOT NULL,
	run_id    INTEGER REFERENCES import_runs (id)
);
