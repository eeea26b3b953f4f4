package store

// SetSnapshotFrom sets the rows a load holds before it reads the table
// beside them, until the returned function puts it back.
func SetSnapshotFrom(n int) (restore func()) {
	old := snapshotFrom
	snapshotFrom = n
	return func() { snapshotFrom = old }
}

// FromSnapshot reports whether a committed load left its unchanged rows out
// by the table's snapshot.
func FromSnapshot(b Bulk) bool {
	switch b := b.(type) {
	case *sqliteBulk:
		return b.snapped
	case *pgBulk:
		return b.landed.snapped
	}
	return false
}

// Staged returns the rows a committed PostgreSQL load copied into its
// staging table (or into the table, on the fast path).
func Staged(b Bulk) int64 {
	if b, ok := b.(*pgBulk); ok {
		return b.landed.staged
	}
	return -1
}
