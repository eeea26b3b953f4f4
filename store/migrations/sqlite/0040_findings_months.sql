-- Findings last until resolved (issue 16). A finding keeps the months of
-- every match that produced it (finding_months: the contributions at stake
-- of each month, from the match that last judged the month); a later match
-- replaces only the months of its own window. A finding is never deleted:
-- state 'cleared' with closed_reason 'resolved' (its case was resolved) or
-- 'disproved' (a match over all its months no longer shows it), and
-- closed_period the month that happened in.
ALTER TABLE findings ADD COLUMN closed_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE findings ADD COLUMN closed_period TEXT NOT NULL DEFAULT '';

CREATE TABLE finding_months (
	finding_id     TEXT NOT NULL REFERENCES findings (id),
	month          TEXT NOT NULL,
	stake_employer INTEGER NOT NULL,
	stake_employee INTEGER NOT NULL,
	PRIMARY KEY (finding_id, month)
);

-- What has been matched: for the Tax Department's feed one row per month,
-- with the latest feed version (import run) of that month's rows when it
-- was matched; for the registers (business_registry, iz_enterprises) one
-- row with month '' and the latest version matched. A month whose rows
-- now carry a later version is matched again.
CREATE TABLE match_state (
	feed       TEXT NOT NULL,
	month      TEXT NOT NULL,
	version    INTEGER NOT NULL,
	matched_at TEXT NOT NULL,
	PRIMARY KEY (feed, month)
);
