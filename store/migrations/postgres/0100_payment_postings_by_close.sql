-- A payment's posting was kept under the key (payer, ref): every payer
-- pays most months, so each close wrote one entry into nearly every page
-- of that key. The postings are found by close and account
-- (payment_postings_close); whether a payment is posted, and by which
-- close, is its mark payments.posted_in (migration 0090), which the close
-- sets only on payments not posted yet, and the close fails if it would
-- post a payment twice. (On SQLite the table is also rewritten in the
-- order of the closes.)
ALTER TABLE payment_postings DROP CONSTRAINT payment_postings_pkey;
