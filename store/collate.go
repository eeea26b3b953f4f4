package store

// byteOrder returns col compared in byte order: the default on SQLite, the
// "C" collation on PostgreSQL (whose database collation may be a language's),
// matching the name indexes of 0002_web.sql, so that a prefix is a range.
func (db *DB) byteOrder(col string) string {
	if db.Engine == Postgres {
		return col + ` COLLATE "C"`
	}
	return col
}
