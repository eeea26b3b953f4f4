-- employment_employer (tax_code, end_month) goes: the key begins with the
-- tax code and holds the end month (INCLUDE), so it serves the same reads,
-- and the open spells of an employer are in employment_one_open. Loading
-- a province's spells builds one index fewer. (On SQLite the same migration
-- also keeps the table in the order of its key.)
DROP INDEX employment_employer;
