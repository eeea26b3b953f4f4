-- A death's day is a DATE, as every other day of the schema on PostgreSQL:
-- the import writes a day as a date (0080 made the column text, which
-- kept the day with a time and a zone). Rows already there keep their day.
ALTER TABLE person_deaths ALTER COLUMN died_on TYPE DATE USING CAST(left(died_on, 10) AS DATE);
