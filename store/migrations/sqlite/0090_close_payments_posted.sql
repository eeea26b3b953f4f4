-- The close reads only the payments it has not posted yet: each payment
-- carries the month of the close that posted it (posted_in, the
-- close_period of its row in payment_postings, set and cleared in the same
-- transactions), and a partial index holds the payments not yet posted, by
-- day. Without it the close of month 25 of the books read every payment
-- since the books started to find the few new ones.
ALTER TABLE payments ADD COLUMN posted_in TEXT;
UPDATE payments SET posted_in = s.close_period FROM payment_postings s WHERE s.payer = payments.payer AND s.ref = payments.ref;
CREATE INDEX payments_unposted ON payments (paid_on) WHERE posted_in IS NULL;
