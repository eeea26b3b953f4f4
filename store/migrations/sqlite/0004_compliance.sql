-- Compliance: the partners' feeds kept version by version, the findings of
-- the cross-match and the inspection cases they are worked in.

-- Feed versions. Every upload of a partner's feed is an import run (kind,
-- file, SHA-256, actor, time); the view names them as feed versions. A
-- feed row carries the version that brought its current value (run_id);
-- when a later upload changes a row, the trigger keeps the value it
-- replaces with its own version in the history table, so a finding citing
-- (version, key) can always be read back.
CREATE VIEW feed_versions AS
	SELECT id AS version, kind, file, sha256, actor, started_at, finished_at,
		rows_read, inserted, updated, rejected, status
	FROM import_runs
	WHERE kind IN ('tax_wages', 'business_registry', 'iz_enterprises');

CREATE TABLE tax_wages_history (
	run_id      INTEGER,
	tax_code    TEXT NOT NULL,
	person_id   TEXT NOT NULL,
	month       TEXT NOT NULL,
	wage_income INTEGER NOT NULL,
	replaced_by INTEGER
);
CREATE INDEX tax_wages_history_key ON tax_wages_history (tax_code, person_id, month);

CREATE TRIGGER tax_wages_keep AFTER UPDATE ON tax_wages
BEGIN
	INSERT INTO tax_wages_history (run_id, tax_code, person_id, month, wage_income, replaced_by)
	VALUES (OLD.run_id, OLD.tax_code, OLD.person_id, OLD.month, OLD.wage_income, NEW.run_id);
END;

CREATE TABLE business_registry_history (
	run_id             INTEGER,
	tax_code           TEXT NOT NULL,
	name               TEXT NOT NULL,
	commune_code       TEXT NOT NULL,
	registered_on      TEXT NOT NULL,
	status             TEXT NOT NULL,
	employees_reported INTEGER NOT NULL,
	replaced_by        INTEGER
);
CREATE INDEX business_registry_history_key ON business_registry_history (tax_code);

CREATE TRIGGER business_registry_keep AFTER UPDATE ON business_registry
BEGIN
	INSERT INTO business_registry_history (run_id, tax_code, name, commune_code, registered_on, status, employees_reported, replaced_by)
	VALUES (OLD.run_id, OLD.tax_code, OLD.name, OLD.commune_code, OLD.registered_on, OLD.status, OLD.employees_reported, NEW.run_id);
END;

CREATE TABLE iz_enterprises_history (
	run_id      INTEGER,
	tax_code    TEXT NOT NULL,
	zone        TEXT NOT NULL,
	employees   INTEGER NOT NULL,
	replaced_by INTEGER
);
CREATE INDEX iz_enterprises_history_key ON iz_enterprises_history (tax_code);

CREATE TRIGGER iz_enterprises_keep AFTER UPDATE ON iz_enterprises
BEGIN
	INSERT INTO iz_enterprises_history (run_id, tax_code, zone, employees, replaced_by)
	VALUES (OLD.run_id, OLD.tax_code, OLD.zone, OLD.employees, NEW.run_id);
END;

-- The match reads the spells in key order with their end and wage: this
-- index holds them, so the stream never visits the table.
CREATE INDEX employment_match ON employment (tax_code, person_id, start_month, end_month, wage);

-- Inspection cases: one active case per employer gathers its findings; an
-- inspector works it from open to resolved and records the result. Every
-- change is in audit_log (object 'case:ID').
CREATE TABLE inspection_cases (
	id                    TEXT PRIMARY KEY,
	tax_code              TEXT NOT NULL,
	employer_name         TEXT NOT NULL DEFAULT '',
	commune_code          TEXT NOT NULL DEFAULT '',
	status                TEXT NOT NULL CHECK (status IN ('open', 'contacted', 'inspected', 'resolved')),
	inspector             TEXT NOT NULL DEFAULT '',
	opened_period         TEXT NOT NULL,
	opened_at             TEXT NOT NULL,
	updated_at            TEXT NOT NULL,
	resolved_at           TEXT,
	has_result            INTEGER NOT NULL DEFAULT 0,
	workers_registered    INTEGER NOT NULL DEFAULT 0,
	amount_recovered      INTEGER NOT NULL DEFAULT 0,
	fine                  INTEGER NOT NULL DEFAULT 0,
	closed_without_action INTEGER NOT NULL DEFAULT 0,
	result_note           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX inspection_cases_employer ON inspection_cases (tax_code);
CREATE INDEX inspection_cases_status ON inspection_cases (status, inspector);
CREATE INDEX inspection_cases_inspector ON inspection_cases (inspector, status);

-- Findings of the cross-match. The id is derived from (kind, tax_code,
-- person_id), so a re-run updates a finding in place and leaves an
-- unchanged one untouched. period is the latest match that produced the
-- finding; state turns 'cleared' when a later match no longer does.
-- Stakes are contributions (employer and employee shares) in đồng: per
-- month, and the total over stake_months months. evidence is JSON text
-- (compliance.Evidence); feeds lists the partners' feeds it cites.
CREATE TABLE findings (
	id             TEXT PRIMARY KEY,
	kind           TEXT NOT NULL,
	tax_code       TEXT NOT NULL,
	person_id      TEXT NOT NULL DEFAULT '',
	employer_name  TEXT NOT NULL DEFAULT '',
	commune_code   TEXT NOT NULL DEFAULT '',
	period         TEXT NOT NULL,
	first_period   TEXT NOT NULL,
	months         INTEGER NOT NULL,
	score          REAL NOT NULL CHECK (score >= 0 AND score <= 1),
	stake_employer INTEGER NOT NULL,
	stake_employee INTEGER NOT NULL,
	stake_months   INTEGER NOT NULL,
	stake_total    INTEGER NOT NULL,
	feeds          TEXT NOT NULL DEFAULT '',
	evidence       TEXT NOT NULL,
	state          TEXT NOT NULL CHECK (state IN ('open', 'cleared')),
	case_id        TEXT REFERENCES inspection_cases (id)
);
CREATE INDEX findings_employer ON findings (tax_code, kind);
CREATE INDEX findings_case ON findings (case_id);
CREATE INDEX findings_kind ON findings (kind, state, score);
CREATE INDEX findings_commune ON findings (commune_code);
