package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"ansinh"
	"ansinh/store"
	"ansinh/store/storetest"
)

// each runs a test on every engine.
func each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	for _, e := range storetest.Engines(t) {
		t.Run(string(e), func(t *testing.T) { fn(t, storetest.Open(t, e)) })
	}
}

func TestMigrateIsIdempotentAndChecked(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if err := db.CheckSchema(ctx); err != nil {
			t.Fatalf("fresh migrated schema refused: %v", err)
		}
		again, err := db.Migrate(ctx)
		if err != nil || len(again) != 0 {
			t.Fatalf("second migrate applied %v, %v", again, err)
		}
	})
}

func TestCheckSchemaRefusesUnmigrated(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			db, err := store.Open(context.Background(), storetest.DSN(t, e))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if err := db.CheckSchema(context.Background()); !errors.Is(err, store.ErrSchemaBehind) {
				t.Fatalf("CheckSchema on an empty database = %v", err)
			}
		})
	}
}

var unitsTable = store.Table{Name: "units",
	Columns: []string{"code", "name", "level", "parent_code", "valid_from", "valid_to", "region"},
	Key:     []string{"code", "valid_from"}}

func unitRow(code, name, region string) []any {
	return []any{code, name, "commune", "001", ansinh.MustParseDate("2025-07-01"), nil, region}
}

func load(t *testing.T, db *store.DB, rows ...[]any) store.BulkResult {
	t.Helper()
	ctx := context.Background()
	run, err := db.BeginRun(ctx, "units", "test.csv", "x", "test")
	if err != nil {
		t.Fatal(err)
	}
	b, err := db.BeginBulk(ctx, unitsTable, run)
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
	return res
}

func TestBulkUpsertCountsOnlyChanges(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		var rows [][]any
		for i := 0; i < 1234; i++ {
			rows = append(rows, unitRow(ansinh.GroupDigits(int64(10000+i), ','), "Xã Một", "IV"))
		}
		if r := load(t, db, rows...); r.Inserted != 1234 || r.Updated != 0 {
			t.Fatalf("first load: %+v", r)
		}
		if r := load(t, db, rows...); r.Inserted != 0 || r.Updated != 0 {
			t.Fatalf("same rows again: %+v", r)
		}
		rows[7] = unitRow(rows[7][0].(string), "Xã Bảy", "III")
		if r := load(t, db, rows...); r.Inserted != 0 || r.Updated != 1 {
			t.Fatalf("one changed row: %+v", r)
		}
		var name, from string
		var d ansinh.Date
		err := db.R.QueryRow(`SELECT name, valid_from FROM units WHERE code = $1`, rows[7][0]).Scan(&name, &d)
		from = d.String()
		if err != nil || name != "Xã Bảy" || from != "2025-07-01" {
			t.Fatalf("read back %q %q %v", name, from, err)
		}
	})
}

func TestBulkRollbackLeavesNothing(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		b, err := db.BeginBulk(ctx, unitsTable, 0)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 1000; i++ {
			if err := b.Add(unitRow(ansinh.GroupDigits(int64(20000+i), ','), "Xã", "IV")); err != nil {
				t.Fatal(err)
			}
		}
		if err := b.Rollback(); err != nil {
			t.Fatal(err)
		}
		if n, err := db.Count(ctx, "units"); err != nil || n != 0 {
			t.Fatalf("after rollback: %d rows, %v", n, err)
		}
	})
}

func TestKeySetAndRuns(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		load(t, db, unitRow("00004", "Phường Ba Đình", "I"))
		has, err := db.KeySet(ctx, "units", "code")
		if err != nil {
			t.Fatal(err)
		}
		if !has("00004") || has("00005") {
			t.Fatal("KeySet membership wrong")
		}
		lookup := db.KeyLookup(ctx, "units", "code")
		for range 2 { // the second time from what it remembers
			if !lookup("00004") || lookup("00005") || lookup("") {
				t.Fatal("KeyLookup membership wrong")
			}
		}
		run, err := db.BeginRun(ctx, "units", "f.csv", "abc", "tester")
		if err != nil {
			t.Fatal(err)
		}
		if err := db.FinishRun(ctx, run, "committed", store.RunCounts{Read: 3, Inserted: 2, Update: 1}); err != nil {
			t.Fatal(err)
		}
		var status string
		var ins int64
		if err := db.R.QueryRow(`SELECT status, inserted FROM import_runs WHERE id = $1`, run).Scan(&status, &ins); err != nil || status != "committed" || ins != 2 {
			t.Fatalf("run: %s %d %v", status, ins, err)
		}
	})
}

var taxWagesTable = store.Table{Name: "tax_wages",
	Columns: []string{"tax_code", "person_id", "month", "wage_income"},
	Key:     []string{"tax_code", "person_id", "month"}}

// TestBulkIntoPartitionedTable loads the month-partitioned tax records (a
// partitioned table on PostgreSQL) twice, and one change.
func TestBulkIntoPartitionedTable(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		loadTax := func(rows [][]any) store.BulkResult {
			b, err := db.BeginBulk(ctx, taxWagesTable, 0)
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
			return res
		}
		var rows [][]any
		for m := 1; m <= 12; m++ {
			rows = append(rows, []any{"0100233488", "001085012345", ansinh.NewPeriod(2025, m), int64(9000000 + m)})
		}
		rows = append(rows, []any{"0100233488", "001085012345", ansinh.NewPeriod(2045, 1), int64(1)})
		if r := loadTax(rows); r.Inserted != 13 || r.Updated != 0 {
			t.Fatalf("first: %+v", r)
		}
		rows[3] = []any{"0100233488", "001085012345", ansinh.NewPeriod(2025, 4), int64(1)}
		if r := loadTax(rows); r.Inserted != 0 || r.Updated != 1 {
			t.Fatalf("second: %+v", r)
		}
	})
}

// TestBulkDoesNotReuseItsConnection: on SQLite the connection of a load,
// committed or abandoned, is closed, not returned to the writer's pool (its
// page cache would slow every later commit); the next write opens a fresh
// connection, which enforces foreign keys.
func TestBulkDoesNotReuseItsConnection(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	ctx := context.Background()
	load(t, db, unitRow("30000", "Xã", "IV"))
	if n := db.W.Stats().OpenConnections; n != 0 {
		t.Fatalf("after a committed load the writer's pool holds %d connections", n)
	}
	b, err := db.BeginBulk(ctx, unitsTable, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Rollback(); err != nil {
		t.Fatal(err)
	}
	if n := db.W.Stats().OpenConnections; n != 0 {
		t.Fatalf("after an abandoned load the writer's pool holds %d connections", n)
	}
	var fk int
	if err := db.W.QueryRow(`PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
		t.Fatalf("the next writer's foreign_keys = %d, %v", fk, err)
	}
}

// TestBulkHoldsNoWriterWhileRowsComeIn: on SQLite, where one connection
// writes, a load takes it only at Commit: while its rows are read and
// checked another writer writes at once, and the load commits after it.
// (PostgreSQL writes through a pool of connections; a load into an empty
// table there locks that table and, while its foreign keys are dropped,
// the tables they refer to.)
func TestBulkHoldsNoWriterWhileRowsComeIn(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	ctx := context.Background()
	b, err := db.BeginBulk(ctx, unitsTable, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Add(unitRow("30001", "Xã Một", "IV")); err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if _, err := db.BeginRun(short, "persons", "other.csv", "x", "test"); err != nil {
		t.Fatalf("a write while a load's rows come in: %v", err)
	}
	if _, err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	if n, err := db.Count(ctx, "units"); err != nil || n != 1 {
		t.Fatalf("units: %d rows, %v; want the load's", n, err)
	}
	if n, err := db.Count(ctx, "import_runs"); err != nil || n != 1 {
		t.Fatalf("import_runs: %d rows, %v; want the other writer's", n, err)
	}
}

// TestAppendFixedTexts: rows given fixed texts for their last columns are
// stored with them, on both engines, however many statements a long list
// takes, a text with a quote or a tab as it is, and a row of fixed texts
// only.
func TestAppendFixedTexts(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for _, q := range []string{`CREATE TABLE fixed_texts (k BIGINT PRIMARY KEY, v TEXT, a TEXT NOT NULL, b TEXT NOT NULL)`,
			`CREATE TABLE fixed_all (a TEXT NOT NULL, b TEXT NOT NULL)`} {
			if _, err := db.W.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		cols := []string{"k", "v", "a", "b"}
		const n = 1000
		both := db.NewRows(len(cols)).Fixed("2026-03", "it's\tfixed")
		one := db.NewRows(len(cols)).Fixed("x")
		for i := range n {
			both.Int(int64(i)).Text("v").End()
			one.Int(int64(n + i)).Null().Text("2026-0" + string(rune('1'+i%9))).End()
		}
		all := db.NewRows(2).Fixed("solo", "fixed")
		all.End()
		if err := db.Write(ctx, func(w *store.Writer) error {
			if err := w.Append("fixed_texts", cols, both); err != nil {
				return err
			}
			if err := w.Append("fixed_texts", []string{"k", "v", "b", "a"}, one); err != nil {
				return err
			}
			return w.Append("fixed_all", []string{"a", "b"}, all)
		}); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			where string
			want  int
		}{
			{`k < 1000 AND v = 'v' AND a = '2026-03' AND b = 'it''s` + "\t" + `fixed'`, n},
			{`k >= 1000 AND v IS NULL AND a = 'x' AND b LIKE '2026-0_'`, n},
			{`k >= 1000 AND b = '2026-09'`, n / 9},
			{`k < 0 OR (SELECT count(*) FROM fixed_all WHERE a = 'solo' AND b = 'fixed') = 1`, 2 * n},
		} {
			var got int
			if err := db.W.QueryRow(`SELECT count(*) FROM fixed_texts WHERE ` + c.where).Scan(&got); err != nil || got != c.want {
				t.Errorf("%s: %d rows, %v; want %d", c.where, got, err, c.want)
			}
		}
	})
}
