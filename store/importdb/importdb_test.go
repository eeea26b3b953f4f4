package importdb

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"ansinh"
	"ansinh/importer"
	"ansinh/store"
	"ansinh/store/storetest"
)

// each runs a test on every engine.
func each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	for _, e := range storetest.Engines(t) {
		t.Run(string(e), func(t *testing.T) { fn(t, storetest.Open(t, e)) })
	}
}

func start(kind, file string) importer.RunStart {
	return importer.RunStart{Kind: kind, File: file, SHA256: "x", Actor: "cli:test"}
}

func TestSecondImportOfAKindIsRefusedNamingTheRunningOne(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		first, other := New(db), New(db) // as two processes
		id, err := first.BeginRun(ctx, start("units", "a.csv"))
		if err != nil {
			t.Fatal(err)
		}
		_, err = other.BeginRun(ctx, start("units", "b.csv"))
		var e *ansinh.Error
		if ansinh.ErrorCode(err) != ansinh.ECONFLICT {
			t.Fatalf("second import of units while one runs: %v", err)
		}
		e = err.(*ansinh.Error)
		for _, want := range []string{"số " + strconv.FormatInt(id, 10), "a.csv", "cli:test"} {
			if !strings.Contains(e.Message, want) {
				t.Errorf("refusal %q does not name %q", e.Message, want)
			}
		}
		if !strings.Contains(e.MessageEN, "run "+strconv.FormatInt(id, 10)) {
			t.Errorf("English refusal %q does not name the run", e.MessageEN)
		}
		// Another kind runs alongside.
		pid, err := other.BeginRun(ctx, start("persons", "p.csv"))
		if err != nil {
			t.Fatalf("import of another kind refused: %v", err)
		}
		if err := other.FinishRun(ctx, pid, importer.RunCommitted, importer.RunCounts{}); err != nil {
			t.Fatal(err)
		}
		if err := first.FinishRun(ctx, id, importer.RunCommitted, importer.RunCounts{Read: 3}); err != nil {
			t.Fatal(err)
		}
		again, err := other.BeginRun(ctx, start("units", "b.csv"))
		if err != nil {
			t.Fatalf("import after the first finished: %v", err)
		}
		other.FinishRun(ctx, again, importer.RunCommitted, importer.RunCounts{})
		if s := status(t, db, id); s != importer.RunCommitted {
			t.Fatalf("first run is %s", s)
		}
	})
}

func TestImportWhoseProcessDiedIsMarkedFailed(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		dead := New(db)
		id, err := dead.BeginRun(ctx, start("employment", "e.csv"))
		if err != nil {
			t.Fatal(err)
		}
		// The process dies: its lock goes with it (the system's file
		// lock, the server's session lock), its run stays "running".
		dead.unlock(id)
		if s := status(t, db, id); s != importer.RunRunning {
			t.Fatalf("before the next run: %s", s)
		}
		next := New(db)
		nid, err := next.BeginRun(ctx, start("employment", "e.csv"))
		if err != nil {
			t.Fatalf("the next import was refused: %v", err)
		}
		defer next.FinishRun(ctx, nid, importer.RunCommitted, importer.RunCounts{})
		if s := status(t, db, id); s != importer.RunFailed {
			t.Fatalf("the dead run is %s, want failed", s)
		}
		var done int
		db.R.QueryRow(`SELECT count(*) FROM import_runs WHERE id = $1 AND finished_at IS NOT NULL`, id).Scan(&done)
		if done != 1 {
			t.Fatal("the dead run has no end time")
		}
	})
}

func status(t *testing.T, db *store.DB, id int64) string {
	t.Helper()
	var s string
	if err := db.R.QueryRow(`SELECT status FROM import_runs WHERE id = $1`, id).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestListRunsNewestFirstOfTheActor(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		st := New(db)
		runs := []struct {
			kind, file, actor, status string
			counts                    importer.RunCounts
		}{
			{"units", "u.csv", "cli:test", importer.RunCommitted, importer.RunCounts{Read: 3, Inserted: 2, Updated: 1}},
			{"persons", "p.csv", "user:doitac", importer.RunRefused, importer.RunCounts{Read: 5, Rejected: 2}},
			{"employers", "e.csv", "cli:test", importer.RunFailed, importer.RunCounts{Read: 1}},
		}
		for _, r := range runs {
			id, err := st.BeginRun(ctx, importer.RunStart{Kind: r.kind, File: r.file, SHA256: "x", Actor: r.actor})
			if err != nil {
				t.Fatal(err)
			}
			if err := st.FinishRun(ctx, id, r.status, r.counts); err != nil {
				t.Fatal(err)
			}
		}
		all, err := st.ListRuns(ctx, "", 0)
		if err != nil || len(all) != 3 || all[0].Kind != "employers" || all[2].Kind != "units" {
			t.Fatalf("all runs: %+v, %v", all, err)
		}
		u := all[2]
		if u.File != "u.csv" || u.Actor != "cli:test" || u.Status != importer.RunCommitted || u.RowsRead != 3 || u.Inserted != 2 ||
			u.Updated != 1 || u.Rejected != 0 || u.StartedAt.IsZero() || u.FinishedAt.Before(u.StartedAt) {
			t.Errorf("units run: %+v", u)
		}
		if p := all[1]; p.Status != importer.RunRefused || p.Rejected != 2 {
			t.Errorf("persons run: %+v", p)
		}
		mine, err := st.ListRuns(ctx, "user:doitac", 10)
		if err != nil || len(mine) != 1 || mine[0].File != "p.csv" {
			t.Errorf("the partner's runs: %+v, %v", mine, err)
		}
		if last, _ := st.ListRuns(ctx, "", 1); len(last) != 1 || last[0].Kind != "employers" {
			t.Errorf("the latest run: %+v", last)
		}
	})
}

// TestKeySetAnswersAlikeForSmallAndLargeFiles: the references of a small
// file (looked up one by one on SQLite) and of a large one (read as a set)
// are checked alike: a code present is known, one absent or empty is not.
func TestKeySetAnswersAlikeForSmallAndLargeFiles(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := db.W.Exec(`INSERT INTO units (code, name, level, valid_from) VALUES ('01', 'Thành phố Hà Nội', 'province', '2025-07-01')`); err != nil {
			t.Fatal(err)
		}
		s := New(db)
		for _, rows := range []int{0, 10, lookupRows, lookupRows + 1, 1_000_000} {
			in, err := s.KeySet(ctx, "units", "code", rows)
			if err != nil {
				t.Fatal(err)
			}
			for range 2 {
				if !in("01") || in("02") || in("") {
					t.Fatalf("a file of %d rows: 01 known %v, 02 %v, empty %v", rows, in("01"), in("02"), in(""))
				}
			}
		}
	})
}
