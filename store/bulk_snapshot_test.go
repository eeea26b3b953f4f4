package store

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"ansinh"
)

// TestBulkSnapshotStandsInOnlyForTheTableAsItIs: a re-load of a table on
// SQLite finds the rows stored with the same values from the table read
// beside the rows coming in, and its counts and rows are those of the
// writer's own comparison; when another connection commits a change after
// that read, the writer reads the table again, so that a row the file holds
// as it was read, changed meanwhile, is written back as the file has it; a
// small load leaves the table unread.
func TestBulkSnapshotStandsInOnlyForTheTableAsItIs(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	defer func(old int) { snapshotFrom = old }(snapshotFrom)
	snapshotFrom = 100
	table := Table{Name: "units", Columns: []string{"code", "name", "level", "parent_code", "valid_from", "valid_to", "region"},
		Key: []string{"code", "valid_from"}}
	var rows [][]any
	for i := range 400 {
		rows = append(rows, []any{strconv.Itoa(30000 + i), "Xã " + strconv.Itoa(i), "commune", "001",
			ansinh.MustParseDate("2025-07-01"), nil, []any{"I", "II", nil}[i%3]})
	}
	// load adds rows; between, once the snapshot is read, runs meanwhile.
	load := func(rows [][]any, meanwhile func()) (BulkResult, bool) {
		t.Helper()
		bulk, err := db.BeginBulk(ctx, table, 0)
		if err != nil {
			t.Fatal(err)
		}
		b := bulk.(*sqliteBulk)
		for _, r := range rows {
			if err := b.Add(r); err != nil {
				t.Fatal(err)
			}
		}
		if meanwhile != nil {
			b.snap.begin() // read it now, whatever the count
			<-b.snap.done
			if b.snap.err != nil {
				t.Fatalf("snapshot: %v", b.snap.err)
			}
			meanwhile()
		}
		res, err := b.Commit()
		if err != nil {
			t.Fatal(err)
		}
		return res, b.snapped
	}
	if res, _ := load(rows, nil); res.Inserted != 400 {
		t.Fatalf("first load: %+v", res)
	}
	rows[7] = append([]any(nil), rows[7]...)
	rows[7][6] = "IV"
	rows[8] = append([]any(nil), rows[8]...)
	rows[8][5] = ansinh.MustParseDate("2030-01-01")
	res, snapped := load(rows, func() {})
	if res.Inserted != 0 || res.Updated != 2 || !snapped {
		t.Fatalf("re-load with two rows changed: %+v, from the snapshot %v; want 2 updated, from the snapshot", res, snapped)
	}
	if res, snapped := load(rows, func() {}); res.Inserted != 0 || res.Updated != 0 || !snapped {
		t.Fatalf("the same rows again: %+v, from the snapshot %v", res, snapped)
	}
	// Row 9 is changed by another writer after the snapshot was read; the
	// file still has it as it was: the load writes the file's value back.
	res, snapped = load(rows, func() {
		if _, err := db.W.Exec(`UPDATE units SET name = 'Đổi' WHERE code = '30009'`); err != nil {
			t.Fatal(err)
		}
	})
	if res.Updated != 1 || snapped {
		t.Fatalf("re-load after another writer's change: %+v, from the snapshot %v; want 1 updated, the table read again", res, snapped)
	}
	var name string
	if err := db.R.QueryRow(`SELECT name FROM units WHERE code = '30009'`).Scan(&name); err != nil || name != "Xã 9" {
		t.Fatalf("row 30009 reads %q, %v; want the file's %q", name, err, "Xã 9")
	}
	// A few rows into the table: the snapshot neither counts nor reads it.
	bulk, err := db.BeginBulk(ctx, table, 0)
	if err != nil {
		t.Fatal(err)
	}
	b := bulk.(*sqliteBulk)
	for _, r := range rows[:5] {
		if err := b.Add(r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	if b.snap.woken || b.snap.started || b.snapped {
		t.Fatalf("a load of 5 rows into 400 woke the snapshot (%v), read it (%v), used it (%v)", b.snap.woken, b.snap.started, b.snapped)
	}
}
