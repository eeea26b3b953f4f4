-- The match reads the spells in key order: the key's own index gives that
-- order, so employment_match, which held the key's columns again (with the
-- end and the wage), is gone. Loading a province's spells no longer builds
-- the key twice (the match reads the declaration day from the table anyway,
-- and rows loaded in key order lie in key order in the table).
DROP INDEX employment_match;
