//go:build !unix

package importdb

// fileLock falls back to a lock within this process where the system has no
// flock: two processes importing one kind into one SQLite file then meet at
// SQLite's write lock instead.
func fileLock(path string) (func(), bool, error) { return processLock(path) }
