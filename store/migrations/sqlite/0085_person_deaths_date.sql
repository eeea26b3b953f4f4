-- A death's day is a DATE on PostgreSQL (see the PostgreSQL migration of
-- the same name); SQLite keeps days as "YYYY-MM-DD" text already, so
-- nothing changes here but the record that the migration ran.
SELECT 1;
