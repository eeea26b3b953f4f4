-- A payroll line names the adjustment decrees applied to its amount by a
-- number into the period's list of decree texts (payroll_adjustments)
-- instead of carrying the text itself: the same few texts, hundreds of
-- bytes each, were written on every pension's line of every month. Its
-- amount is computed from its parts (this month, arrears, lump sum, less
-- recoveries) by the database instead of being written beside them.
CREATE TABLE payroll_adjustments (
	period  TEXT NOT NULL,
	no      INTEGER NOT NULL CHECK (no > 0),
	sources TEXT NOT NULL CHECK (sources <> ''),
	PRIMARY KEY (period, no),
	UNIQUE (period, sources)
);
INSERT INTO payroll_adjustments (period, no, sources)
	SELECT period, row_number() OVER (PARTITION BY period ORDER BY length(adjustment), adjustment), adjustment
	FROM (SELECT DISTINCT period, adjustment FROM payroll_lines WHERE adjustment <> '') t;
ALTER TABLE payroll_lines ADD COLUMN adjustment_no INTEGER NOT NULL DEFAULT 0;
UPDATE payroll_lines SET adjustment_no = a.no FROM payroll_adjustments a
	WHERE a.period = payroll_lines.period AND a.sources = payroll_lines.adjustment;
ALTER TABLE payroll_lines DROP COLUMN adjustment;
ALTER TABLE payroll_lines DROP COLUMN amount;
ALTER TABLE payroll_lines ADD COLUMN amount BIGINT GENERATED ALWAYS AS (monthly + arrears + lump_sum - recovery) STORED;
