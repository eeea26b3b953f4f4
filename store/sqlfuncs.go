package store

import (
	"database/sql/driver"
	"fmt"

	"ansinh"

	"modernc.org/sqlite"
)

// SQLite has no translate(): the function ansinh_search_key(text), the
// registry's search fold of a name (ansinh.FoldSearch), is registered with
// the driver for every connection, for the generated column
// persons.search_key (0010_registry_search.sql). It is deterministic, so
// SQLite may index it. A database with that column can be written by
// AnSinh only (the sqlite3 shell does not know the function).
func init() {
	sqlite.MustRegisterDeterministicScalarFunction("ansinh_search_key", 1, searchKeyFunc)
}

// searchKeyFunc computes ansinh_search_key(text).
func searchKeyFunc(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
	switch v := args[0].(type) {
	case nil:
		return nil, nil
	case string:
		return ansinh.FoldSearch(v), nil
	case []byte:
		return ansinh.FoldSearch(string(v)), nil
	}
	return nil, fmt.Errorf("ansinh_search_key: a text is needed, not %T", args[0])
}
