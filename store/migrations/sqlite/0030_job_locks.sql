-- One row per running job that must not run twice at once (a close, an
-- import of a kind): who holds it and until when its lease runs. A holder
-- renews its lease while it runs; a crashed holder's lease expires and the
-- next run takes the lock over, at once when the holder was a process of the
-- same host that no longer exists.
CREATE TABLE job_locks (
	name        TEXT PRIMARY KEY,
	holder      TEXT NOT NULL,
	token       TEXT NOT NULL,
	host        TEXT NOT NULL,
	pid         BIGINT NOT NULL,
	acquired_at BIGINT NOT NULL, -- Unix milliseconds
	expires_at  BIGINT NOT NULL  -- Unix milliseconds
);
