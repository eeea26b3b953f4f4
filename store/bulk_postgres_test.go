package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"ansinh"
	"ansinh/store"
	"ansinh/store/storetest"
)

// TestPostgresReloadReadsTheTableUnderLock: on PostgreSQL a re-load of
// most of a table compares its rows with the table read beside them, each
// value in the text form the server gives back (whole numbers, dates,
// booleans, text, an empty text apart from NULL), so that the same rows
// again change nothing and a changed value, however small, is written;
// while the table is read and until the load commits, other writers of the
// table wait.
func TestPostgresReloadReadsTheTableUnderLock(t *testing.T) {
	db := storetest.Open(t, store.Postgres)
	ctx := context.Background()
	defer store.SetSnapshotFrom(10)()
	if _, err := db.W.Exec(`CREATE TABLE forms (k TEXT PRIMARY KEY, n BIGINT, d DATE, b BOOLEAN, s TEXT, m TEXT, run_id BIGINT)`); err != nil {
		t.Fatal(err)
	}
	table := store.Table{Name: "forms", Columns: []string{"k", "n", "d", "b", "s", "m"}, Key: []string{"k"}}
	var rows [][]any
	for i := range 600 { // more than a batch of Add (pgBatch), so that the load sees them before Commit
		rows = append(rows, []any{fmt.Sprintf("k%03d", i), int64(i*1000 - 70000), ansinh.MustParseDate("2024-02-29") + ansinh.Date(i),
			i%2 == 0, []any{"", nil, "Nguyễn Văn A"}[i%3], ansinh.NewPeriod(2020+i%7, 1+i%12)})
	}
	rows[5][2] = nil
	// load adds rows, runs meanwhile once the table is locked, and commits.
	var staged int64
	load := func(rows [][]any, meanwhile func()) (store.BulkResult, bool) {
		t.Helper()
		b, err := db.BeginBulk(ctx, table, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if err := b.Add(r); err != nil {
				t.Fatal(err)
			}
		}
		if meanwhile != nil {
			meanwhile()
		}
		res, err := b.Commit()
		if err != nil {
			t.Fatal(err)
		}
		staged = store.Staged(b)
		return res, store.FromSnapshot(b)
	}
	if res, snapped := load(rows, nil); res.Inserted != 600 || snapped {
		t.Fatalf("first load: %+v, from a snapshot %v", res, snapped)
	}
	if res, snapped := load(rows, nil); res != (store.BulkResult{}) || !snapped || staged != 0 {
		t.Fatalf("the same rows again: %+v, from the snapshot %v, %d rows staged; want nothing changed or staged, from the snapshot", res, snapped, staged)
	}
	change := func(i, c int, v any) {
		rows[i] = append([]any(nil), rows[i]...)
		rows[i][c] = v
	}
	change(0, 4, nil)                                // empty text → NULL
	change(1, 4, "")                                 // NULL → empty text
	change(2, 1, int64(-69999))                      // one more
	change(3, 3, true)                               // false → true
	change(6, 2, ansinh.MustParseDate("2024-03-07")) // a day later
	change(7, 5, ansinh.NewPeriod(2021, 8))          // another month
	rows = append(rows, []any{"k999", nil, nil, nil, nil, nil})
	// Meanwhile another writer tries to change a row: it waits for the
	// load (here it gives up after 200 ms).
	var blocked error
	res, snapped := load(rows, func() {
		deadline := time.Now().Add(10 * time.Second)
		for {
			var locked bool
			err := db.R.QueryRow(`SELECT EXISTS (SELECT 1 FROM pg_locks WHERE relation = 'forms'::regclass
				AND mode = 'ShareRowExclusiveLock' AND granted)`).Scan(&locked)
			if err != nil {
				t.Fatal(err)
			}
			if locked {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("the load never locked the table")
			}
			time.Sleep(10 * time.Millisecond)
		}
		tx, err := db.W.Begin()
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		if _, err := tx.Exec(`SET LOCAL lock_timeout = '200ms'`); err != nil {
			t.Fatal(err)
		}
		_, blocked = tx.Exec(`UPDATE forms SET n = 0 WHERE k = 'k100'`)
	})
	if res.Inserted != 1 || res.Updated != 6 || !snapped || staged != 7 {
		t.Fatalf("re-load with six rows changed and one new: %+v, from the snapshot %v, %d rows staged; want 1 inserted and 6 updated, 7 staged", res, snapped, staged)
	}
	if blocked == nil || !strings.Contains(blocked.Error(), "55P03") {
		t.Fatalf("another writer during the load: %v; want it to wait for the lock (55P03)", blocked)
	}
	var got string
	err := db.R.QueryRow(`SELECT concat_ws('|', (SELECT s IS NULL FROM forms WHERE k = 'k000'), (SELECT s FROM forms WHERE k = 'k001'),
		(SELECT n FROM forms WHERE k = 'k002'), (SELECT b FROM forms WHERE k = 'k003'), (SELECT d FROM forms WHERE k = 'k006'),
		(SELECT m FROM forms WHERE k = 'k007'), (SELECT count(*) FROM forms))`).Scan(&got)
	if want := "t||-69999|t|2024-03-07|2021-08|601"; err != nil || got != want {
		t.Fatalf("rows read back %q (%v), want %q", got, err, want)
	}
	if res, snapped := load(rows, nil); res != (store.BulkResult{}) || !snapped || staged != 0 {
		t.Fatalf("the changed rows again: %+v, from the snapshot %v, %d rows staged", res, snapped, staged)
	}
	if _, err := db.W.Exec(`UPDATE forms SET n = 0 WHERE k = 'k100'`); err != nil {
		t.Fatalf("a writer after the load: %v", err)
	}
}
