package collection_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"ansinh"
	"ansinh/collection"
	"ansinh/store"
	"ansinh/store/collectiondb"
	"ansinh/store/storetest"
)

// clockAt sets the database's clock to the instant s (RFC 3339).
func clockAt(t *testing.T, db *store.DB, s string) {
	t.Helper()
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return at }
}

// A month is closed only after it has ended in Vietnam: the close, the close
// through a month and the reopening of the current or a future month are
// refused with a message that says when the month can be closed.
func TestCloseRefusesMonthNotEnded(t *testing.T) {
	ctx := context.Background()
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			cfg := smallProvince
			cfg.Through = ansinh.MustParsePeriod("2025-11")
			db, _ := openProvince(t, engine, cfg)
			nov := ansinh.MustParsePeriod("2025-11")
			clockAt(t, db, "2025-11-30T16:59:00Z") // 23:59 on 30/11 in Vietnam
			if _, err := collection.CloseThrough(ctx, collectiondb.NewCloseStore(db), nov.Add(-1), collection.Options{From: cfg.From}); err != nil {
				t.Fatal(err)
			}
			refused := []struct {
				name string
				run  func() error
			}{
				{"close current", func() error {
					_, err := collection.Close(ctx, collectiondb.NewCloseStore(db), nov, collection.Options{})
					return err
				}},
				{"close future", func() error {
					_, err := collection.Close(ctx, collectiondb.NewCloseStore(db), nov.Add(1), collection.Options{})
					return err
				}},
				{"through current", func() error {
					_, err := collection.CloseThrough(ctx, collectiondb.NewCloseStore(db), nov, collection.Options{})
					return err
				}},
				{"reopen current", func() error {
					_, err := collection.Reopen(ctx, collectiondb.NewCloseStore(db), nov, collection.Options{})
					return err
				}},
			}
			for _, r := range refused {
				err := r.run()
				if ansinh.ErrorCode(err) != ansinh.ECONFLICT || !strings.Contains(ansinh.ErrorMessage(err, "en"), "has not ended") ||
					!strings.Contains(ansinh.ErrorMessage(err, "vi"), "hôm nay 30/11/2025") {
					t.Errorf("%s: %v", r.name, err)
				}
			}
			if ps, _ := collection.ClosedPeriods(ctx, collectiondb.NewCloseStore(db)); ps[len(ps)-1] != nov.Add(-1) {
				t.Fatalf("closed %v", ps)
			}
			clockAt(t, db, "2025-11-30T17:00:00Z") // 00:00 on 01/12 in Vietnam
			if r, err := collection.Close(ctx, collectiondb.NewCloseStore(db), nov, collection.Options{}); err != nil || r.Notices == 0 {
				t.Fatalf("close of an ended month: %+v, %v", r, err)
			}
		})
	}
}

// A hire declared after its months were closed is billed at the next close:
// every month since its start, as retroactive months, with late interest on
// those already overdue, in the employer's next notice.
func TestLateDeclarationBilledAtNextClose(t *testing.T) {
	ctx := context.Background()
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			cfg := smallProvince
			cfg.Through = ansinh.MustParsePeriod("2025-11")
			db, _ := openProvince(t, engine, cfg)
			oct, nov := ansinh.MustParsePeriod("2025-10"), ansinh.MustParsePeriod("2025-11")
			clockAt(t, db, "2025-11-03T02:00:00Z")
			if _, err := collection.CloseThrough(ctx, collectiondb.NewCloseStore(db), oct, collection.Options{From: cfg.From}); err != nil {
				t.Fatal(err)
			}
			// on 05/11, a new employer declares a hire from 08/2025: three closed months
			for _, q := range []string{
				`INSERT INTO employers (tax_code, name, kind, commune_code, registered_on)
					SELECT '0399999999', 'Công ty Khai Muộn', 'private', commune_code, '2025-01-01' FROM employers ORDER BY tax_code LIMIT 1`,
				`INSERT INTO persons (person_id, full_name, birth_date, sex, ethnic_minority, commune_code)
					SELECT '027099999999', 'Nguyễn Văn Muộn', '1990-01-01', 'male', FALSE, commune_code FROM employers WHERE tax_code = '0399999999'`,
				`INSERT INTO employment (tax_code, person_id, start_month, wage, contract, declared_on)
					VALUES ('0399999999', '027099999999', '2025-08', 10000000, 'indefinite', '2025-11-05')`,
			} {
				if _, err := db.W.Exec(q); err != nil {
					t.Fatal(err)
				}
			}
			clockAt(t, db, "2025-12-01T02:00:00Z")
			if _, err := collection.Close(ctx, collectiondb.NewCloseStore(db), nov, collection.Options{}); err != nil {
				t.Fatal(err)
			}
			n, err := collection.FindNotice(ctx, collectiondb.New(db), "0399999999", nov)
			if err != nil {
				t.Fatal(err)
			}
			var months, retro int64
			db.R.QueryRow(`SELECT count(*), coalesce(sum(total), 0) FROM assessments WHERE tax_code = '0399999999' AND billed_in = $1 AND period < $1`, nov).
				Scan(&months, &retro)
			if months != 3 || retro == 0 || n.Retroactive != retro || n.Assessed == 0 {
				t.Fatalf("%d retroactive months billed for %d đ; notice %+v", months, retro, n)
			}
			if n.Interest <= 0 {
				t.Fatalf("no late interest on months overdue: notice %+v", n)
			}
		})
	}
}

// Two closes at once: the second is refused with a message naming the
// running one, which finishes undisturbed; a third, after it, closes.
func TestConcurrentClosesExclude(t *testing.T) {
	ctx := context.Background()
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			cfg := smallProvince
			cfg.Through = ansinh.MustParsePeriod("2025-03")
			db, _ := openProvince(t, engine, cfg)
			first := make(chan error, 1)
			go func() {
				_, err := collection.CloseThrough(ctx, collectiondb.NewCloseStore(db), cfg.Through,
					collection.Options{From: cfg.From, Actor: "test:an", BatchEmployers: 4, BatchPause: 100 * time.Millisecond})
				first <- err
			}()
			for n := int64(0); n == 0; {
				time.Sleep(10 * time.Millisecond)
				db.R.QueryRow(`SELECT count(*) FROM job_locks`).Scan(&n)
			}
			for _, second := range []func() error{
				func() error {
					_, err := collection.Close(ctx, collectiondb.NewCloseStore(db), cfg.From, collection.Options{Actor: "test:binh"})
					return err
				},
				func() error {
					_, err := collection.Reopen(ctx, collectiondb.NewCloseStore(db), cfg.From, collection.Options{Actor: "test:binh"})
					return err
				},
			} {
				err := second()
				if ansinh.ErrorCode(err) != ansinh.ECONFLICT || !strings.Contains(ansinh.ErrorMessage(err, "en"), "test:an") {
					t.Errorf("second close: %v", err)
				}
			}
			if err := <-first; err != nil {
				t.Fatalf("first close: %v", err)
			}
			if r, err := collection.Close(ctx, collectiondb.NewCloseStore(db), cfg.Through, collection.Options{}); err != nil || !r.AlreadyClosed {
				t.Fatalf("after: %+v, %v", r, err)
			}
		})
	}
}
