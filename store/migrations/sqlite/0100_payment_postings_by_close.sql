-- A payment's posting was kept under the key (payer, ref): every payer
-- pays most months, so each close wrote one entry into nearly every page
-- of that key (about 1,100 pages of a 100,000-worker province after 24
-- months, a fifth of what a close wrote to the WAL and checkpointed). The
-- postings are now kept in the order they are written, by close, and
-- found by close and account (payment_postings_close); whether a payment
-- is posted, and by which close, is its mark payments.posted_in (migration
-- 0090), which the close sets only on payments not posted yet, and the
-- close fails if it would post a payment twice.
CREATE TABLE payment_postings_by_close (
	payer        TEXT NOT NULL,
	ref          TEXT NOT NULL,
	close_period TEXT NOT NULL,
	account      TEXT NOT NULL,
	amount       INTEGER NOT NULL,
	value_date   TEXT NOT NULL,
	channel      TEXT NOT NULL,
	agent_code   TEXT
);
INSERT INTO payment_postings_by_close (payer, ref, close_period, account, amount, value_date, channel, agent_code)
	SELECT payer, ref, close_period, account, amount, value_date, channel, agent_code FROM payment_postings
	ORDER BY close_period, account;
DROP TABLE payment_postings;
ALTER TABLE payment_postings_by_close RENAME TO payment_postings;
CREATE INDEX payment_postings_close ON payment_postings (close_period, account);
