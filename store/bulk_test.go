package store_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"ansinh"
	"ansinh/store"
)

// schemaOf lists the indexes and constraints of a table, which a load into
// the empty table drops and restores.
func schemaOf(t *testing.T, db *store.DB, table string) string {
	t.Helper()
	q := `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = $1
		UNION ALL SELECT 'fk:' || "table" FROM pragma_foreign_key_list($1) ORDER BY 1`
	if db.Engine == store.Postgres {
		q = `SELECT indexname FROM pg_indexes WHERE tablename = $1
			UNION ALL SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass ORDER BY 1`
	}
	rows, err := db.R.Query(q, table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	return strings.Join(names, ",")
}

// loadUnits loads rows into units stamped with run, and returns Commit's
// error.
func loadUnits(t *testing.T, db *store.DB, run int64, rows ...[]any) error {
	t.Helper()
	b, err := db.BeginBulk(context.Background(), unitsTable, run)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := b.Add(r); err != nil {
			b.Rollback()
			return err
		}
	}
	_, err = b.Commit()
	return err
}

func TestBulkIntoEmptyTableChecksKeysAndRestoresIndexes(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		want := schemaOf(t, db, "units")
		if !strings.Contains(want, "units_parent") {
			t.Fatalf("units has no units_parent index: %s", want)
		}
		rows := [][]any{unitRow("00004", "Phường Ba Đình", "I"), unitRow("00007", "Phường Ngọc Hà", "I")}
		// A run that does not exist: the foreign key on run_id refuses
		// the load, whose transaction leaves the table as it was.
		if err := loadUnits(t, db, 987654, rows...); err == nil {
			t.Fatal("a load referring to a missing import run committed")
		}
		if n, _ := db.Count(ctx, "units"); n != 0 {
			t.Fatalf("refused load left %d rows", n)
		}
		if got := schemaOf(t, db, "units"); got != want {
			t.Fatalf("after a refused load the schema is %s, want %s", got, want)
		}
		run, err := db.BeginRun(ctx, "units", "test.csv", "x", "test")
		if err != nil {
			t.Fatal(err)
		}
		if err := loadUnits(t, db, run, rows...); err != nil {
			t.Fatal(err)
		}
		if got := schemaOf(t, db, "units"); got != want {
			t.Fatalf("after a load the schema is %s, want %s", got, want)
		}
		// The restored key refuses a duplicate; the restored foreign key
		// a missing run, now on the ordinary path.
		if _, err := db.W.Exec(`INSERT INTO units (code, name, level, valid_from) VALUES ('00004', 'x', 'commune', $1)`,
			dateArg(db, "2025-07-01")); err == nil {
			t.Fatal("the restored primary key accepted a duplicate")
		}
		if err := loadUnits(t, db, 987654, unitRow("00010", "Phường Phúc Xá", "I")); err == nil {
			t.Fatal("a load into a table with rows accepted a missing import run")
		}
	})
}

// dateArg is the value that stores a date on the engine.
func dateArg(db *store.DB, s string) any {
	d := ansinh.MustParseDate(s)
	if db.Engine == store.Postgres {
		return d.Time()
	}
	return s
}

// TestBulkReloadChangesExactlyTheRowsThatDiffer: a re-load of most of a
// table (compared with the table read beside the rows once they reach a
// quarter of it and the snapshot's threshold, or by the upsert alone below
// the threshold) and of a few rows (which only upserts) write the rows new
// or different, an empty cell against a value and back included, and count
// exactly those.
func TestBulkReloadChangesExactlyTheRowsThatDiffer(t *testing.T) {
	for _, from := range []int{100, 1_000_000} {
		t.Run("snapshot from "+strconv.Itoa(from)+" rows", func(t *testing.T) {
			defer store.SetSnapshotFrom(from)()
			reloadChangesExactlyTheRowsThatDiffer(t, from < 300)
		})
	}
}

// reloadChangesExactlyTheRowsThatDiffer is TestBulkReloadChangesExactlyTheRowsThatDiffer
// on each engine; snapped tells whether the re-loads of the whole table are
// compared with its snapshot.
func reloadChangesExactlyTheRowsThatDiffer(t *testing.T, snapped bool) {
	each(t, func(t *testing.T, db *store.DB) {
		load := func(t *testing.T, db *store.DB, rows ...[]any) store.BulkResult {
			t.Helper()
			b, err := db.BeginBulk(context.Background(), unitsTable, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				if err := b.Add(r); err != nil {
					t.Fatal(err)
				}
			}
			res, err := b.Commit()
			if err != nil {
				t.Fatal(err)
			}
			reload := len(rows) > 250 && res.Inserted < 300
			if want := reload && snapped; store.FromSnapshot(b) != want {
				t.Fatalf("a load of %d rows compared with the snapshot: %v, want %v", len(rows), !want, want)
			}
			return res
		}
		var rows [][]any
		for i := 0; i < 300; i++ {
			region := any(nil)
			if i%2 == 0 {
				region = "II"
			}
			rows = append(rows, []any{strconv.Itoa(20000 + i), "Xã", "commune", "001",
				ansinh.MustParseDate("2025-07-01"), nil, region})
		}
		if r := load(t, db, rows...); r.Inserted != 300 {
			t.Fatalf("first load: %+v", r)
		}
		change := func(i int, region any) {
			r := append([]any(nil), rows[i]...)
			r[6] = region
			rows[i] = r
		}
		change(1, "I")  // empty → a value
		change(2, nil)  // a value → empty
		change(4, "IV") // a value → another
		rows[10] = append([]any(nil), rows[10]...)
		rows[10][5] = ansinh.MustParseDate("2030-01-01")
		rows = append(rows, []any{"99999", "Xã Mới", "commune", "001", ansinh.MustParseDate("2025-07-01"), nil, nil})
		if r := load(t, db, rows...); r.Inserted != 1 || r.Updated != 4 {
			t.Fatalf("most of the table again: %+v, want 1 inserted and 4 updated", r)
		}
		if r := load(t, db, rows...); r.Inserted != 0 || r.Updated != 0 {
			t.Fatalf("the same rows a second time: %+v", r)
		}
		change(6, nil)
		if r := load(t, db, rows[5], rows[6]); r.Inserted != 0 || r.Updated != 1 {
			t.Fatalf("two rows again, one changed: %+v", r)
		}
		var n int
		q := `SELECT count(*) FROM units WHERE (code = '20001' AND region = 'I') OR (code = '20002' AND region IS NULL)
			OR (code = '20004' AND region = 'IV') OR (code = '20006' AND region IS NULL) OR (code = '20010' AND valid_to IS NOT NULL)
			OR (code = '99999' AND name = 'Xã Mới')`
		if err := db.R.QueryRow(q).Scan(&n); err != nil || n != 6 {
			t.Fatalf("%d of the 6 changed rows read back as loaded (%v)", n, err)
		}
	})
}

// TestBulkChecksEveryForeignKey loads into an empty table whose foreign
// keys name a parent's column, imply a parent's two-column key, or carry
// NULL: rows referring to missing parents are refused whichever key they
// break, and the table is left empty; rows that refer to nothing (NULL) or
// to rows present land.
func TestBulkChecksEveryForeignKey(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for _, q := range []string{
			`CREATE TABLE fk_one (code TEXT PRIMARY KEY)`,
			`CREATE TABLE fk_two (a TEXT, b TEXT, PRIMARY KEY (a, b))`,
			`CREATE TABLE fk_child (id TEXT PRIMARY KEY, one TEXT REFERENCES fk_one (code), a TEXT, b TEXT,
				run_id INTEGER REFERENCES import_runs (id), FOREIGN KEY (a, b) REFERENCES fk_two)`,
			`INSERT INTO fk_one VALUES ('x')`, `INSERT INTO fk_two VALUES ('p', 'q')`,
		} {
			if _, err := db.W.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		table := store.Table{Name: "fk_child", Columns: []string{"id", "one", "a", "b"}, Key: []string{"id"}}
		run, err := db.BeginRun(ctx, "fk_child", "test.csv", "x", "test")
		if err != nil {
			t.Fatal(err)
		}
		load := func(rows ...[]any) error {
			b, err := db.BeginBulk(ctx, table, run)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				if err := b.Add(r); err != nil {
					t.Fatal(err)
				}
			}
			_, err = b.Commit()
			return err
		}
		good := [][]any{{"1", "x", "p", "q"}, {"2", nil, nil, "zz"}, {"3", "x", nil, nil}}
		for _, bad := range [][]any{{"9", "y", "p", "q"}, {"9", "x", "p", "zz"}} {
			if err := load(append(good, bad)...); err == nil {
				t.Fatalf("a row referring to a missing parent (%v) landed", bad)
			}
			if n, _ := db.Count(ctx, "fk_child"); n != 0 {
				t.Fatalf("a refused load left %d rows", n)
			}
		}
		if err := load(good...); err != nil {
			t.Fatal(err)
		}
		if n, _ := db.Count(ctx, "fk_child"); n != 3 {
			t.Fatalf("%d rows landed, want 3", n)
		}
	})
}
