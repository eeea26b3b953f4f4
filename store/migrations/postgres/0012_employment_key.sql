-- The match reads the spells in key order with their end and wage: the
-- key's own index now holds those two columns (INCLUDE), so employment_match,
-- which held the key's columns again, is gone. Loading a province's spells
-- builds one index fewer.
ALTER TABLE employment DROP CONSTRAINT employment_pkey,
	ADD CONSTRAINT employment_pkey PRIMARY KEY (tax_code, person_id, start_month) INCLUDE (end_month, wage);
DROP INDEX employment_match;
