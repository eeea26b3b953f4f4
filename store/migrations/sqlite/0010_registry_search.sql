-- The registry's search key and the rule of one open spell.
--
-- persons.search_key is a person's name as it is searched: every Vietnamese
-- letter with a diacritic replaced by its base letter (đ by d) and ASCII
-- letters in lower case, so that "nguyen van an" finds "Nguyễn Văn An".
-- The database computes it from full_name, for every row however it was
-- written (the portal, the API, the bulk import), with ansinh.FoldSearch,
-- registered with the driver as ansinh_search_key (store/sqlfuncs.go;
-- store/registrydb tests that the keys agree).
-- Names are kept NFC-normalised (registry.Clean), the form this expects.
ALTER TABLE persons ADD COLUMN search_key TEXT GENERATED ALWAYS AS (ansinh_search_key(full_name)) VIRTUAL;
CREATE INDEX persons_search ON persons (search_key, person_id);

-- A person has at most one open spell at an employer: two declarations
-- hiring the same worker at the same instant cannot both open one.
CREATE UNIQUE INDEX employment_one_open ON employment (tax_code, person_id) WHERE end_month IS NULL;
