package store_test

import (
	"context"
	"strings"
	"testing"

	"ansinh"
	"ansinh/store/storetest"
)

// A job lock excludes a second holder with a message naming the first,
// is free again once released, and is taken over once a crashed holder's
// lease has expired.
func TestJobLock(t *testing.T) {
	ctx := context.Background()
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			db := storetest.Open(t, engine)
			first, err := db.AcquireJobLock(ctx, "close", "close 2026-10, cli:an")
			if err != nil {
				t.Fatal(err)
			}
			_, err = db.AcquireJobLock(ctx, "close", "close 2026-10, cli:binh")
			if ansinh.ErrorCode(err) != ansinh.ECONFLICT || !strings.Contains(ansinh.ErrorMessage(err, "en"), "cli:an") ||
				!strings.Contains(ansinh.ErrorMessage(err, "vi"), "đang chạy") {
				t.Fatalf("second holder: %v", err)
			}
			other, err := db.AcquireJobLock(ctx, "import:employment", "import")
			if err != nil {
				t.Fatalf("another job: %v", err)
			}
			if err := other.Release(ctx); err != nil {
				t.Fatal(err)
			}
			if err := first.Release(ctx); err != nil {
				t.Fatal(err)
			}
			again, err := db.AcquireJobLock(ctx, "close", "close 2026-10, cli:binh")
			if err != nil {
				t.Fatalf("after release: %v", err)
			}
			// the holder was a process of this host that no longer exists
			if _, err := db.W.Exec(`UPDATE job_locks SET pid = 4194305 WHERE name = 'close'`); err != nil {
				t.Fatal(err)
			}
			again, err = db.AcquireJobLock(ctx, "close", "close 2026-10, cli:dung")
			if err != nil {
				t.Fatalf("dead holder: %v", err)
			}
			// the holder (on another host) crashes: its lease runs out
			if _, err := db.W.Exec(`UPDATE job_locks SET host = 'elsewhere' WHERE name = 'close'`); err != nil {
				t.Fatal(err)
			}
			if _, err := db.AcquireJobLock(ctx, "close", "x"); ansinh.ErrorCode(err) != ansinh.ECONFLICT {
				t.Fatalf("holder on another host: %v", err)
			}
			if _, err := db.W.Exec(`UPDATE job_locks SET expires_at = 0 WHERE name = 'close'`); err != nil {
				t.Fatal(err)
			}
			taken, err := db.AcquireJobLock(ctx, "close", "close 2026-10, cli:chi")
			if err != nil {
				t.Fatalf("expired lease: %v", err)
			}
			if err := taken.Release(ctx); err != nil {
				t.Fatal(err)
			}
			again.Release(ctx) // its row is gone: releasing removes nothing of the new holder's
			if n, _ := db.Count(ctx, "job_locks"); n != 0 {
				t.Fatalf("%d locks left", n)
			}
		})
	}
}
