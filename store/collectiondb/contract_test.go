package collectiondb_test

import (
	"context"
	"testing"

	"ansinh"
	"ansinh/auth"
	"ansinh/collection"
	"ansinh/registry"
	"ansinh/rules"
	"ansinh/store"
	"ansinh/store/authdb"
	"ansinh/store/collectiondb"
	"ansinh/store/registrydb"
	"ansinh/store/storetest"
)

// each runs fn on every engine (SQLite, and PostgreSQL when
// ANSINH_TEST_POSTGRES is set).
func each(t *testing.T, fn func(t *testing.T, db *store.DB, s *collectiondb.Store)) {
	for _, e := range storetest.Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			db := storetest.Open(t, e)
			seed(t, db)
			fn(t, db, collectiondb.New(db))
		})
	}
}

// seed loads two communes, an employer in each and a worker at the first.
func seed(t *testing.T, db *store.DB) {
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
		('2401000018', '024085000101', '2019-01', NULL, 8500000, 'indefinite', $1),
		('2401000025', '024092000404', '2022-03', NULL, 12000000, 'indefinite', $2)`, d("2019-01-05"), d("2022-03-01"))
}

// closeThrough closes October 2025 to January 2026, nothing paid.
func closeThrough(t *testing.T, db *store.DB) ansinh.Period {
	t.Helper()
	last := ansinh.NewPeriod(2026, 1)
	if _, err := collection.CloseThrough(context.Background(), collectiondb.NewCloseStore(db), last, collection.Options{From: ansinh.NewPeriod(2025, 10), Actor: "test"}); err != nil {
		t.Fatal(err)
	}
	return last
}

func TestConfirmPaymentRecordsOnce(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, s *collectiondb.Store) {
		ctx := context.Background()
		uid, err := authdb.New(db).CreateUser(ctx, auth.User{Login: "donvi", PasswordHash: "x", Role: "employer", Scope: "2401000018", Status: auth.UserActive, CreatedBy: "test"})
		if err != nil {
			t.Fatal(err)
		}
		o, err := collection.CreatePaymentOrder(ctx, s, collection.PaymentOrder{ID: "TT1", Payer: "2401000018", Amount: 1_234_567, Purpose: "contributions", UserID: uid}, "user:donvi")
		if err != nil || o.Status != "pending" || o.ProcedureID == 0 {
			t.Fatalf("order %+v, %v", o, err)
		}
		if _, err := collection.CreatePaymentOrder(ctx, s, collection.PaymentOrder{ID: "TT0", Payer: "2401000018"}, "user:donvi"); ansinh.ErrorCode(err) != ansinh.EINVALID {
			t.Fatalf("order of nothing: %v", err)
		}
		if got, err := s.FindPaymentOrder(ctx, "TT1"); err != nil || got.Amount != 1_234_567 || got.UserID != uid || got.CreatedAt.IsZero() {
			t.Fatalf("found %+v, %v", got, err)
		}
		if _, err := s.FindPaymentOrder(ctx, "TT9"); err != collection.ErrNoOrder {
			t.Fatalf("unknown order: %v", err)
		}
		day := ansinh.MustParseDate("2026-03-16")
		if _, _, err := s.ConfirmPayment(ctx, o.ID, "GW1", 1_000, day, "gateway"); ansinh.ErrorCode(err) != ansinh.EINVALID {
			t.Fatalf("wrong amount: %v", err)
		}
		if _, _, err := s.ConfirmPayment(ctx, "TT9", "GW1", 1_000, day, "gateway"); err != collection.ErrNoOrder {
			t.Fatalf("unknown order: %v", err)
		}
		for i, want := range []bool{true, false, false} {
			got, recorded, err := s.ConfirmPayment(ctx, o.ID, "GW1", 1_234_567, day, "gateway")
			if err != nil || recorded != want || got.Status != "paid" {
				t.Fatalf("confirmation %d: %+v, %v, %v", i+1, got, recorded, err)
			}
		}
		if orders, err := s.PaymentOrdersOf(ctx, "2401000018", 0); err != nil || len(orders) != 1 || orders[0].GatewayRef != "GW1" || orders[0].PaidAt.IsZero() {
			t.Fatalf("orders %+v, %v", orders, err)
		}
		pays, err := s.PaymentsOf(ctx, "2401000018", 10)
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

func TestOverdueDebtsByScope(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, s *collectiondb.Store) {
		ctx := context.Background()
		if p, err := s.LastClosedMonth(ctx); err != nil || !p.IsZero() {
			t.Fatalf("last closed month before any close: %v, %v", p, err)
		}
		if p, err := s.BooksStart(ctx); err != nil || !p.IsZero() {
			t.Fatalf("books start before any close: %v, %v", p, err)
		}
		last := closeThrough(t, db)
		if p, err := s.LastClosedMonth(ctx); err != nil || p != last {
			t.Fatalf("last closed month %v, %v", p, err)
		}
		if p, err := s.BooksStart(ctx); err != nil || p != ansinh.NewPeriod(2025, 10) {
			t.Fatalf("books start %v, %v", p, err)
		}
		all, err := s.OverdueDebts(ctx, last, collection.ArrearsFilter{Scope: ansinh.Scope{All: true}})
		if err != nil {
			t.Fatal(err)
		}
		// Nothing paid: October and November are past their deadlines
		// (the end of the next month) on 31 January, for both employers;
		// December is due that very day and January later.
		byTax := map[string]int{}
		for _, d := range all {
			byTax[d.TaxCode]++
			if d.Due >= last.Last() || d.Principal <= 0 || d.Status == "" || d.Name == "" || d.CommuneCode == "" || d.CommuneName == "" {
				t.Errorf("debt %+v", d)
			}
		}
		if byTax["2401000018"] != 2 || byTax["2401000025"] != 2 || len(all) != 4 {
			t.Fatalf("debts by employer %v", byTax)
		}
		for _, f := range []struct {
			name string
			f    collection.ArrearsFilter
			want int
		}{
			{"commune scope", collection.ArrearsFilter{Scope: ansinh.Scope{EmployerCommunes: []string{"07210"}}}, 2},
			{"tax code scope", collection.ArrearsFilter{Scope: ansinh.Scope{TaxCodes: []string{"2401000025"}}}, 2},
			{"empty scope", collection.ArrearsFilter{}, 0},
			{"commune filter outside the scope", collection.ArrearsFilter{Scope: ansinh.Scope{EmployerCommunes: []string{"07210"}}, Communes: []string{"07228"}}, 0},
			{"kind", collection.ArrearsFilter{Scope: ansinh.Scope{All: true}, Kind: "fdi"}, 2},
		} {
			got, err := s.OverdueDebts(ctx, last, f.f)
			if err != nil || len(got) != f.want {
				t.Errorf("%s: %d debts, want %d (%v)", f.name, len(got), f.want, err)
			}
		}
		if got, err := s.OverdueDebts(ctx, ansinh.NewPeriod(2024, 1), collection.ArrearsFilter{Scope: ansinh.Scope{All: true}}); err != nil || len(got) != 0 {
			t.Errorf("a month never closed: %d, %v", len(got), err)
		}
	})
}

// TestNoticesAndArrears reads back what a close left: notices, debts, the
// printed notice's heading, the sums, the latest close and the open debts
// the compliance matcher takes.
func TestNoticesAndArrears(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, s *collectiondb.Store) {
		ctx := context.Background()
		last := closeThrough(t, db)
		n, err := s.FindNotice(ctx, "2401000018", last)
		if err != nil || n.Period != last || n.Kind != collection.KindEmployer || n.ClosingBalance <= 0 {
			t.Fatalf("notice %+v, %v", n, err)
		}
		if _, err := s.FindNotice(ctx, "0000000000", last); err != collection.ErrNoNotice {
			t.Fatalf("no notice: %v", err)
		}
		ns, err := s.NoticesOf(ctx, "2401000018")
		if err != nil || len(ns) != 4 || ns[0].Period != last {
			t.Fatalf("notices %d, %v", len(ns), err)
		}
		emp, err := s.EmployerNotices(ctx, last)
		if err != nil || len(emp) != 2 || emp[0].Payer != "2401000018" || emp[1].Payer != "2401000025" {
			t.Fatalf("employer notices %+v, %v", emp, err)
		}
		debts, err := s.Debts(ctx, "2401000018", last)
		if err != nil || len(debts) != 4 || debts[0].Period != ansinh.NewPeriod(2025, 10) || debts[0].MonthsOverdue != 0 {
			t.Fatalf("debts %+v, %v", debts, err)
		}
		name, commune, workers, err := s.NoticeHeading(ctx, "2401000018", last)
		if err != nil || name != "Công ty TNHH May Bắc Giang" || commune != "Phường Bắc Giang" || workers != 1 {
			t.Fatalf("heading %q %q %d, %v", name, commune, workers, err)
		}
		if name, _, _, err := s.NoticeHeading(ctx, "0000000000", last); err != nil || name != "" {
			t.Fatalf("unknown employer's heading %q, %v", name, err)
		}
		sums, err := s.Summaries(ctx, last, true)
		if err != nil || len(sums["07210"]) == 0 || sums["07210"][0].Payers < 1 {
			t.Fatalf("summaries %+v, %v", sums, err)
		}
		if c, err := s.LatestClose(ctx, ansinh.NewPeriod(2025, 12)); err != nil || c != ansinh.NewPeriod(2025, 12) {
			t.Fatalf("latest close by December: %v, %v", c, err)
		}
		if c, err := s.LatestClose(ctx, ansinh.NewPeriod(2025, 9)); err != nil || !c.IsZero() {
			t.Fatalf("latest close before the books: %v, %v", c, err)
		}
		open, err := s.OpenArrears(ctx, last)
		if err != nil || len(open) != 2 || open[0].TaxCode != "2401000018" || len(open[0].Months) != 4 || open[0].Assessed <= 0 ||
			open[0].Months[0].Assessed != open[0].Months[0].Unpaid || open[0].Paid != 0 {
			t.Fatalf("open arrears %+v, %v", open, err)
		}
	})
}

// TestPaymentsAndAgents records payments (once, refusing another with the
// same reference), keeps an unknown payer's in suspense until attributed,
// and keeps the agents' contracts.
func TestPaymentsAndAgents(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, s *collectiondb.Store) {
		ctx := context.Background()
		p := collection.Payment{Ref: "B1", Payer: "9999999999", Amount: 500_000, PaidOn: ansinh.MustParseDate("2026-02-03"), Channel: "agent", AgentCode: "DL01"}
		for i, want := range []bool{false, true} {
			if dup, err := s.RecordPayment(ctx, p, "test"); err != nil || dup != want {
				t.Fatalf("record %d: %v, %v", i+1, dup, err)
			}
		}
		q := p
		q.Amount++
		if _, err := s.RecordPayment(ctx, q, "test"); err != collection.ErrPaymentConflict {
			t.Fatalf("other figures: %v", err)
		}
		for payer, want := range map[string]bool{"2401000018": true, "024085000101": true, "9999999999": false} {
			if got, err := s.KnownPayer(ctx, payer); err != nil || got != want {
				t.Errorf("known %s: %v, %v", payer, got, err)
			}
		}
		if sus, err := s.Suspense(ctx); err != nil || len(sus) != 1 || sus[0].AgentCode != "DL01" {
			t.Fatalf("suspense %+v, %v", sus, err)
		}
		if err := s.AttributePayment(ctx, p.Payer, "B9", "2401000018", "test"); err != collection.ErrNoPayment {
			t.Fatalf("unknown payment: %v", err)
		}
		if err := s.AttributePayment(ctx, p.Payer, p.Ref, "2401000018", "test"); err != nil {
			t.Fatal(err)
		}
		if sus, err := s.Suspense(ctx); err != nil || len(sus) != 0 {
			t.Fatalf("suspense after attribution %+v, %v", sus, err)
		}
		for _, c := range []struct {
			after ansinh.Date
			want  int
		}{{0, 1}, {ansinh.MustParseDate("2026-02-02"), 1}, {ansinh.MustParseDate("2026-02-03"), 0}} {
			if paid, err := s.UnpostedPayments(ctx, "2401000018", c.after); err != nil || len(paid) != c.want || (c.want == 1 && paid[0] != 500_000) {
				t.Fatalf("unposted after %v: %v, %v", c.after, paid, err)
			}
		}
		if al, err := s.AllocationsOf(ctx, p.Payer, p.Ref); err != nil || len(al) != 0 {
			t.Fatalf("allocations before a close %+v, %v", al, err)
		}
		rate := rules.Micro(10_000)
		from := ansinh.MustParseDate("2026-01-01")
		for _, c := range []collection.AgentContract{{AgentCode: "DL01", From: from, Source: "HĐ 1"}, {AgentCode: "DL01", From: from, Rate: &rate, Source: "HĐ 1"}} {
			if err := s.SetAgentContract(ctx, c, "test"); err != nil {
				t.Fatal(err)
			}
		}
		if rates, err := s.AgentRates(ctx, ansinh.MustParseDate("2026-02-28")); err != nil || len(rates) != 1 || rates["DL01"] != rate {
			t.Fatalf("rates %v, %v", rates, err)
		}
		if rates, err := s.AgentRates(ctx, ansinh.MustParseDate("2025-12-31")); err != nil || len(rates) != 0 {
			t.Fatalf("rates before the contract %v, %v", rates, err)
		}
		if list, err := s.AgentCollections(ctx, ansinh.NewPeriod(2026, 2)); err != nil || len(list) != 0 {
			t.Fatalf("collections of a month not closed %+v, %v", list, err)
		}
	})
}
