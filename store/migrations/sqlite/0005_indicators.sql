-- Indicators of the plan (package indicators) and the plan tracker (package
-- plan). indicator_facts holds, for every unit version and period (a month
-- 'YYYY-MM' or a year 'YYYY'), the facts the indicators are ratios of; a
-- refresh replaces them all in one transaction (indicator_runs records who
-- ran it and when). NULL is "no data": the source is not recorded.
-- remapped marks a unit of today's structure in a period before it existed
-- (its figures re-mapped to today's units); the other rows are under the
-- units in force in their period.

CREATE TABLE indicator_runs (
	id            INTEGER PRIMARY KEY,
	actor         TEXT NOT NULL,
	started_at    TEXT NOT NULL,
	finished_at   TEXT,
	from_month    TEXT NOT NULL,
	through_month TEXT NOT NULL,
	split_rule    TEXT NOT NULL,
	rows_written  INTEGER NOT NULL DEFAULT 0,
	persons       INTEGER NOT NULL DEFAULT 0,
	note          TEXT NOT NULL DEFAULT '',
	status        TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed'))
);

CREATE TABLE indicator_facts (
	period              TEXT NOT NULL,
	unit_code           TEXT NOT NULL,
	unit_from           TEXT NOT NULL,
	labor_force         INTEGER,
	over_retirement_age INTEGER,
	in_si               INTEGER NOT NULL,
	voluntary           INTEGER NOT NULL,
	in_ui               INTEGER NOT NULL,
	retirees            INTEGER NOT NULL,
	online              INTEGER,
	transactions        INTEGER,
	satisfied           INTEGER,
	answers             INTEGER,
	collected           INTEGER,
	assessed            INTEGER,
	arrears             INTEGER,
	assessed_12m        INTEGER,
	remapped            INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (period, unit_code, unit_from)
) WITHOUT ROWID;
CREATE INDEX indicator_facts_unit ON indicator_facts (unit_code, unit_from, period);

-- Officers' edits of the plan's targets (the plan's own are built into the
-- program): a row replaces the plan's target for that indicator and year,
-- or adds one. value_bp is in basis points (5000 = 50%).
CREATE TABLE indicator_targets (
	indicator  TEXT NOT NULL,
	year       INTEGER NOT NULL,
	value_bp   INTEGER NOT NULL CHECK (value_bp BETWEEN 0 AND 10000),
	note       TEXT NOT NULL DEFAULT '',
	updated_by TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (indicator, year)
);

-- The officers' settings of an allocation: the labour force part (percent)
-- and each unit's multiplier (percent).
CREATE TABLE indicator_allocation_params (
	indicator  TEXT NOT NULL,
	year       INTEGER NOT NULL,
	lf_weight  INTEGER NOT NULL CHECK (lf_weight BETWEEN 0 AND 100),
	updated_by TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (indicator, year)
);

CREATE TABLE indicator_allocation_weights (
	indicator  TEXT NOT NULL,
	year       INTEGER NOT NULL,
	unit_code  TEXT NOT NULL,
	weight     INTEGER NOT NULL CHECK (weight BETWEEN 0 AND 1000),
	updated_by TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (indicator, year, unit_code)
);

-- The targets assigned to units for a year (section II.2.4 of the plan):
-- participants, adding up to province_target.
CREATE TABLE indicator_allocations (
	indicator       TEXT NOT NULL,
	year            INTEGER NOT NULL,
	unit_code       TEXT NOT NULL,
	unit_from       TEXT NOT NULL,
	unit_name       TEXT NOT NULL,
	baseline        INTEGER NOT NULL,
	denominator     INTEGER NOT NULL,
	gap             INTEGER NOT NULL,
	weight          INTEGER NOT NULL,
	increase        INTEGER NOT NULL,
	target          INTEGER NOT NULL,
	rate_bp         INTEGER NOT NULL,
	lf_weight       INTEGER NOT NULL,
	province_den    INTEGER NOT NULL,
	province_target INTEGER NOT NULL,
	computed_by     TEXT NOT NULL,
	computed_at     TEXT NOT NULL,
	PRIMARY KEY (indicator, year, unit_code, unit_from)
);

-- The plan's tasks (section III), seeded from the program's copy of the
-- plan, and the progress reports on them.
CREATE TABLE plan_tasks (
	id          TEXT PRIMARY KEY,
	seq         INTEGER NOT NULL,
	section     TEXT NOT NULL,
	title       TEXT NOT NULL,
	body        TEXT NOT NULL,
	title_en    TEXT NOT NULL DEFAULT '',
	lead_agency TEXT NOT NULL,
	partners    TEXT NOT NULL DEFAULT '',
	deadline    TEXT,
	recurrence  TEXT NOT NULL DEFAULT '' CHECK (recurrence IN ('', 'ongoing', 'yearly')),
	status      TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done', 'suspended')),
	progress    INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
	source      TEXT NOT NULL,
	updated_by  TEXT NOT NULL,
	updated_at  TEXT NOT NULL
);

CREATE TABLE plan_reports (
	id          INTEGER PRIMARY KEY,
	task_id     TEXT NOT NULL REFERENCES plan_tasks (id),
	reported_on TEXT NOT NULL,
	author      TEXT NOT NULL,
	progress    INTEGER CHECK (progress BETWEEN 0 AND 100),
	status      TEXT CHECK (status IN ('not_started', 'in_progress', 'done', 'suspended')),
	note        TEXT NOT NULL,
	created_at  TEXT NOT NULL
);
CREATE INDEX plan_reports_task ON plan_reports (task_id, reported_on);
