package store_test

import (
	"context"
	"testing"
	"time"

	"ansinh"
	"ansinh/auth"
	"ansinh/registry"
	"ansinh/store"
	"ansinh/store/authdb"
	"ansinh/store/registrydb"
)

// seedWeb loads two communes, an employer in each and a worker at the
// first, for the web and auth store tests.
func seedWeb(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	d := ansinh.MustParseDate
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.W.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	reform := d("2025-07-01")
	exec(`INSERT INTO units (code, name, level, parent_code, valid_from, valid_to, region) VALUES
		('24', 'Bắc Ninh', 'province', NULL, $1, NULL, NULL),
		('07210', 'Phường Bắc Giang', 'commune', '24', $1, NULL, 'II'),
		('07228', 'Phường Đa Mai', 'commune', '24', $1, NULL, 'II')`, reform)
	exec(`INSERT INTO employers (tax_code, name, kind, commune_code, registered_on) VALUES
		('2401000018', 'Công ty TNHH May Bắc Giang', 'private', '07210', $1),
		('2401000025', 'Công ty Cổ phần Đa Mai', 'fdi', '07228', $1)`, d("2015-03-01"))
	exec(`INSERT INTO persons (person_id, full_name, birth_date, sex, ethnic_minority, commune_code) VALUES
		('024085000101', 'Nguyễn Văn An', $1, 'male', $2, '07210'),
		('024092000404', 'Nguyễn Thị Bích', $3, 'female', $2, '07228')`, d("1985-04-12"), db.Bool(false), d("1992-11-02"))
	exec(`INSERT INTO employment (tax_code, person_id, start_month, end_month, wage, contract, declared_on) VALUES
		('2401000018', '024085000101', '2019-01', NULL, 8500000, 'indefinite', $1)`, d("2019-01-05"))
}

func fixedClock(db *store.DB) {
	base := time.Date(2026, 3, 16, 2, 0, 0, 0, time.UTC)
	n := 0
	db.Now = func() time.Time { n++; return base.Add(time.Duration(n) * time.Millisecond) }
}

func TestConfirmPaymentRecordsOnce(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		seedWeb(t, db)
		ctx := context.Background()
		uid, err := authdb.New(db).CreateUser(ctx, auth.User{Login: "donvi", PasswordHash: "x", Role: "employer", Scope: "2401000018", Status: auth.UserActive, CreatedBy: "test"})
		if err != nil {
			t.Fatal(err)
		}
		o, err := db.CreatePaymentOrder(ctx, store.PaymentOrder{ID: "TT1", Payer: "2401000018", Amount: 1_234_567, Purpose: "contributions", UserID: uid}, "user:donvi")
		if err != nil {
			t.Fatal(err)
		}
		day := ansinh.MustParseDate("2026-03-16")
		if _, _, err := db.ConfirmPayment(ctx, o.ID, "GW1", 1_000, day, "gateway"); ansinh.ErrorCode(err) != ansinh.EINVALID {
			t.Fatalf("wrong amount: %v", err)
		}
		for i, want := range []bool{true, false, false} {
			got, recorded, err := db.ConfirmPayment(ctx, o.ID, "GW1", 1_234_567, day, "gateway")
			if err != nil || recorded != want || got.Status != "paid" {
				t.Fatalf("confirmation %d: %+v, %v, %v", i+1, got, recorded, err)
			}
		}
		pays, err := db.PaymentsOf(ctx, "2401000018", 10)
		if err != nil || len(pays) != 1 || pays[0].Channel != "online" || pays[0].Amount != 1_234_567 || pays[0].Ref != "TT1" || pays[0].PaidOn != day {
			t.Fatalf("payments = %+v, %v", pays, err)
		}
		reg := registry.New(registrydb.New(db), nil)
		proc, err := reg.FindProcedure(ctx, o.ProcedureID, uid)
		if err != nil || proc.Status != "completed" || proc.Channel != "online" || proc.ProcessedAt.IsZero() {
			t.Fatalf("procedure = %+v, %v", proc, err)
		}
		if err := reg.AnswerSurvey(ctx, proc.ID, uid, 5, "nhanh", db.Now(), "user:donvi"); err != nil {
			t.Fatal(err)
		}
		if err := reg.AnswerSurvey(ctx, proc.ID, uid, 4, "", db.Now(), "user:donvi"); ansinh.ErrorCode(err) != ansinh.ECONFLICT {
			t.Fatalf("second answer: %v", err)
		}
		if err := reg.AnswerSurvey(ctx, proc.ID, uid+1, 4, "", db.Now(), "user:x"); ansinh.ErrorCode(err) != ansinh.ENOTFOUND {
			t.Fatalf("someone else's procedure: %v", err)
		}
	})
}
