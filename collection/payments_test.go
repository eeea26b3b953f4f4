package collection_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"ansinh"
	"ansinh/collection"
	"ansinh/pdfdoc"
	"ansinh/rules"
	"ansinh/store"
	"ansinh/store/collectiondb"
	"ansinh/store/storetest"
)

func count(t *testing.T, db *store.DB, q string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := db.R.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// A payments file imported twice is allocated once; a payment from an
// unknown tax code waits in suspense, and once an officer attributes it,
// the next close allocates it.
func TestPaymentsOnceAndSuspense(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			cfg := smallProvince
			cfg.Through = ansinh.MustParsePeriod("2025-06")
			db, paths := openProvince(t, engine, cfg)
			rep := importFile(t, db, "payments", paths["payments"]) // the second time
			if rep.Inserted != 0 || rep.Updated != 0 {
				t.Fatalf("the second import changed %d+%d rows", rep.Inserted, rep.Updated)
			}
			closeAll(t, db, cfg, collection.Options{})
			payments := count(t, db, `SELECT count(*) FROM payments WHERE paid_on <= $1`, cfg.Through.Last())
			posted := count(t, db, `SELECT count(*) FROM payment_postings`)
			suspense, err := collection.Suspense(ctx, collectiondb.New(db))
			if err != nil {
				t.Fatal(err)
			}
			if len(suspense) != 1 || posted != payments-1 {
				t.Fatalf("%d payments, %d posted, suspense %+v", payments, posted, suspense)
			}
			s := suspense[0]
			if _, reason := ansinh.CheckTaxCode(s.Payer); reason != ansinh.IDValid {
				t.Fatalf("suspense payer %s is not a valid tax code", s.Payer)
			}
			// every payment allocated counts once in the notices, and its parts
			// add up to it
			var paid, alloc int64
			db.R.QueryRow(`SELECT sum(paid) FROM notices`).Scan(&paid)
			db.R.QueryRow(`SELECT sum(amount) FROM allocations WHERE ref <> ''`).Scan(&alloc)
			total := count(t, db, `SELECT sum(amount) FROM payment_postings`)
			if paid != total || alloc != total {
				t.Fatalf("notices paid %d, allocations %d, postings %d", paid, alloc, total)
			}
			// import the file a third time after the close: nothing moves
			importFile(t, db, "payments", paths["payments"])
			// an officer attributes the suspense payment to a known employer
			var employer string
			db.R.QueryRow(`SELECT min(tax_code) FROM employers`).Scan(&employer)
			if err := collection.AttributePayment(ctx, collectiondb.New(db), s.Payer, s.Ref, employer, "test:officer"); err != nil {
				t.Fatal(err)
			}
			next := cfg.Through.Add(1)
			r, err := collection.Close(ctx, collectiondb.NewCloseStore(db), next, collection.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if r.Suspense != 0 {
				t.Fatalf("still %d in suspense", r.Suspense)
			}
			allocs, err := collection.AllocationsOf(ctx, collectiondb.New(db), s.Payer, s.Ref)
			if err != nil || len(allocs) == 0 {
				t.Fatalf("the attributed payment was not allocated: %v %v", allocs, err)
			}
			var sum int64
			for _, a := range allocs {
				if a.Account != employer || a.ClosePeriod != next || a.ValueDate != next.First() {
					t.Errorf("allocation %+v", a)
				}
				sum += a.Amount
			}
			if sum != s.Amount {
				t.Fatalf("allocated %d of %d", sum, s.Amount)
			}
			if left, _ := collection.Suspense(ctx, collectiondb.New(db)); len(left) != 0 {
				t.Fatalf("suspense after attribution: %+v", left)
			}
		})
	}
}

// RecordPayment is idempotent by payer and reference; a payment from an
// unknown payer is kept (in suspense), never refused.
func TestRecordPayment(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			cfg := smallProvince
			cfg.Through = ansinh.MustParsePeriod("2025-03")
			cfg.Payments = false
			db, _ := openProvince(t, engine, cfg)
			closeAll(t, db, cfg, collection.Options{})
			var employer string
			db.R.QueryRow(`SELECT payer FROM notices WHERE period = $1 AND payer_kind = 'employer' ORDER BY payer LIMIT 1`, cfg.Through).Scan(&employer)
			n, err := collection.FindNotice(ctx, collectiondb.New(db), employer, cfg.Through)
			if err != nil {
				t.Fatal(err)
			}
			pay := collection.Payment{Ref: "GW-1", Payer: employer, Amount: 1_000_000, PaidOn: ansinh.MustParseDate("2025-04-03"), Channel: "online"}
			rc, err := collection.RecordPayment(ctx, collectiondb.New(db), pay, "gateway")
			if err != nil || rc.Duplicate || rc.Suspense {
				t.Fatalf("first: %+v %v", rc, err)
			}
			if rc.Balance.Current != n.ClosingBalance-1_000_000 || rc.Balance.AsOf != cfg.Through {
				t.Fatalf("balance %+v, closing %d", rc.Balance, n.ClosingBalance)
			}
			rc, err = collection.RecordPayment(ctx, collectiondb.New(db), pay, "gateway")
			if err != nil || !rc.Duplicate {
				t.Fatalf("second: %+v %v", rc, err)
			}
			pay.Amount++
			if _, err := collection.RecordPayment(ctx, collectiondb.New(db), pay, "gateway"); ansinh.ErrorCode(err) != ansinh.ECONFLICT {
				t.Fatalf("same reference, other amount: %v", err)
			}
			rc, err = collection.RecordPayment(ctx, collectiondb.New(db), collection.Payment{Ref: "X", Payer: "0100000000", Amount: 5, PaidOn: pay.PaidOn, Channel: "bank"}, "bank")
			if err != nil || !rc.Suspense {
				t.Fatalf("unknown payer: %+v %v", rc, err)
			}
			r, err := collection.Close(ctx, collectiondb.NewCloseStore(db), cfg.Through.Add(1), collection.Options{})
			if err != nil || r.Suspense != 1 {
				t.Fatalf("close: %+v %v", r, err)
			}
			n2, _ := collection.FindNotice(ctx, collectiondb.New(db), employer, cfg.Through.Add(1))
			if n2.Paid != 1_000_000 || n2.OpeningBalance != n.ClosingBalance {
				t.Fatalf("next notice %+v", n2)
			}
		})
	}
}

// Voluntary contributions are billed to the participants with the state's
// support billed to the state budget; agents' collections are summed, and
// the commission is computed only where the contract has a rate.
func TestVoluntaryAndAgents(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			cfg := smallProvince
			cfg.Through = ansinh.MustParsePeriod("2025-04")
			db, _ := openProvince(t, engine, cfg)
			var agent string
			db.R.QueryRow(`SELECT min(agent_code) FROM voluntary`).Scan(&agent)
			rate := rules.Micro(20_000) // a test contract's 2%: the product ships no rate
			if err := collection.SetAgentContract(ctx, collectiondb.New(db), collection.AgentContract{AgentCode: agent, From: ansinh.MustParseDate("2025-01-01"),
				Rate: &rate, Source: "test contract"}, "test:officer"); err != nil {
				t.Fatal(err)
			}
			closeAll(t, db, cfg, collection.Options{})
			var contribution, state, province, payable int64
			db.R.QueryRow(`SELECT sum(contribution), sum(state_support), sum(province_support), sum(payable) FROM voluntary_charges`).
				Scan(&contribution, &state, &province, &payable)
			if contribution == 0 || state == 0 || contribution != state+province+payable {
				t.Fatalf("voluntary: contribution %d, state %d, province %d, payable %d", contribution, state, province, payable)
			}
			billedState := count(t, db, `SELECT sum(principal) FROM charges WHERE payer = $1`, collection.BudgetState)
			if billedState != state {
				t.Fatalf("state budget billed %d, support %d", billedState, state)
			}
			if count(t, db, `SELECT count(*) FROM notices WHERE payer_kind = 'state_budget'`) == 0 {
				t.Fatal("no notice to the state budget")
			}
			var with, without int
			for p := cfg.From; p <= cfg.Through; p++ {
				list, err := collection.AgentCollections(ctx, collectiondb.New(db), p)
				if err != nil {
					t.Fatal(err)
				}
				for _, a := range list {
					switch {
					case a.AgentCode == agent && a.Commission != nil && *a.Commission == rate.Of(a.Amount):
						with++
					case a.AgentCode != agent && a.Commission == nil:
						without++
					default:
						t.Errorf("agent collection %+v", a)
					}
				}
			}
			if with == 0 || without == 0 {
				t.Fatalf("%d collections with a commission, %d without", with, without)
			}
			if count(t, db, `SELECT count(*) FROM close_warnings WHERE code = 'agent_no_rate'`) == 0 {
				t.Fatal("no warning for contracts without a rate")
			}
		})
	}
}

// The printed notice is one page of Vietnamese that reads back with the
// employer, the figures as 1.234.567 đ and the dates as dd/mm/yyyy. (The
// PDF's bytes are not compared: the font subset fpdf embeds is not
// byte-stable from one rendering to the next.)
func TestNoticePDF(t *testing.T) {
	ctx := context.Background()
	cfg := smallProvince
	cfg.Through = ansinh.MustParsePeriod("2025-09")
	db, _ := openProvince(t, storetest.Engines(t)[0], cfg)
	closeAll(t, db, cfg, collection.Options{})
	var tax string
	db.R.QueryRow(`SELECT payer FROM notices WHERE period = $1 AND payer_kind = 'employer' ORDER BY closing_balance DESC, payer LIMIT 1`, cfg.Through).Scan(&tax)
	doc, err := collection.FindNoticeDocument(ctx, collectiondb.New(db), nil, tax, cfg.Through)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := collection.RenderNotice(&buf, doc); err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := collection.WriteNoticePDF(ctx, collectiondb.New(db), nil, tax, cfg.Through, &again); err != nil {
		t.Fatal(err)
	}
	text, err := pdfdoc.Text(buf.Bytes())
	if err != nil {
		t.Skip(err)
	}
	if t2, _ := pdfdoc.Text(again.Bytes()); t2 != text {
		t.Error("the notice printed twice reads differently")
	}
	if pages, _ := pdfdoc.Pages(buf.Bytes()); pages != 1 {
		t.Errorf("%d pages", pages)
	}
	for _, want := range []string{"THÔNG BÁO KẾT QUẢ ĐÓNG BHXH, BHYT, BHTN", "Tháng 09 năm 2025", tax, doc.Name,
		ansinh.FormatMoney(doc.Assessed), ansinh.FormatMoney(doc.ClosingBalance), "31/10/2025", "Ngày 30/09/2025", "Số dư cuối kỳ"} {
		if !strings.Contains(text, want) {
			t.Errorf("the notice does not say %q:\n%s", want, text)
		}
	}
	if _, err := collection.FindNoticeDocument(ctx, collectiondb.New(db), nil, "0000000000", cfg.Through); ansinh.ErrorCode(err) != ansinh.ENOTFOUND {
		t.Errorf("unknown employer: %v", err)
	}
}

// The indicators' inputs add up: by unit they sum to the province, and the
// province's figures are those of the notices; an employer's notices list
// newest first.
func TestSummaries(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			cfg := smallProvince
			cfg.Through = ansinh.MustParsePeriod("2025-08")
			db, _ := openProvince(t, engine, cfg)
			closeAll(t, db, cfg, collection.Options{})
			prov, err := collection.Summaries(ctx, collectiondb.New(db), cfg.Through, false)
			if err != nil {
				t.Fatal(err)
			}
			units, err := collection.Summaries(ctx, collectiondb.New(db), cfg.Through, true)
			if err != nil {
				t.Fatal(err)
			}
			byKind := map[collection.PayerKind]collection.Summary{}
			for _, list := range units {
				for _, s := range list {
					x := byKind[s.Kind]
					x.Assessed += s.Assessed
					x.Collected += s.Collected
					x.Overdue += s.Overdue
					x.Payers += s.Payers
					byKind[s.Kind] = x
				}
			}
			for _, s := range prov[""] {
				x := byKind[s.Kind]
				if x.Assessed != s.Assessed || x.Collected != s.Collected || x.Overdue != s.Overdue || x.Payers != s.Payers {
					t.Errorf("%s: by unit %+v, province %+v", s.Kind, x, s)
				}
				if s.Kind == collection.KindEmployer {
					want := count(t, db, `SELECT sum(assessed) FROM notices WHERE period = $1 AND payer_kind = 'employer'`, cfg.Through)
					if s.Assessed != want || s.Due != s.Assessed+s.Retroactive+s.Interest || s.Late+s.Evasion == 0 {
						t.Errorf("employers: %+v (notices assessed %d)", s, want)
					}
				}
			}
			var tax string
			db.R.QueryRow(`SELECT min(payer) FROM notices WHERE payer_kind = 'employer'`).Scan(&tax)
			list, err := collection.NoticesOf(ctx, collectiondb.New(db), tax)
			if err != nil || len(list) == 0 || list[0].Period != cfg.Through {
				t.Fatalf("notices of %s: %+v %v", tax, list, err)
			}
			for i := 1; i < len(list); i++ {
				if list[i-1].OpeningBalance != list[i].ClosingBalance && list[i].Period+1 == list[i-1].Period {
					t.Errorf("%s opens with %d, %s closed with %d", list[i-1].Period, list[i-1].OpeningBalance, list[i].Period, list[i].ClosingBalance)
				}
			}
		})
	}
}

// Books that start after the data starts hold no earlier debt, so the
// payments that settled it are not allocated: they must not turn into
// credit that hides the arrears of the months that follow.
func TestBooksStartingLateKeepNoCreditFromEarlierPayments(t *testing.T) {
	cfg := smallProvince
	db, _ := openProvince(t, store.SQLite, cfg)
	late := cfg
	late.From = cfg.From.Add(8) // 2025-09: the month before is under the same deadline rule
	closeAll(t, db, late, collection.Options{})
	credit := count(t, db, `SELECT coalesce(-sum(closing_balance), 0) FROM notices WHERE period = $1 AND closing_balance < 0`, late.From.String())
	assessed := count(t, db, `SELECT coalesce(sum(assessed), 0) FROM notices WHERE period = $1`, late.From.String())
	if assessed == 0 {
		t.Fatal("nothing assessed in the first month of the books")
	}
	early := count(t, db, `SELECT count(*) FROM payment_postings s JOIN payments p ON p.payer = s.payer AND p.ref = s.ref WHERE p.paid_on < $1`, late.From.First())
	all := count(t, db, `SELECT count(*) FROM payments WHERE paid_on < $1`, late.From.First())
	t.Logf("credit %d, assessed %d, early payments posted %d of %d", credit, assessed, early, all)
	if credit*100 > assessed {
		t.Errorf("first month of the books: %d đ of credit against %d đ assessed: earlier payments were counted", credit, assessed)
	}
}

// A payer's balance counts only the payments the books cover: one paid
// before the books' cutoff (the deadline of the month before their first
// month) settled debt the books do not hold, and the close never allocates
// it, so it must not show as money paid since the last close.
func TestBalanceCountsOnlyPaymentsTheBooksCover(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			db := storetest.Open(t, engine)
			d := ansinh.MustParseDate
			for _, q := range []struct {
				sql  string
				args []any
			}{
				{`INSERT INTO units (code, name, level, parent_code, valid_from, valid_to, region) VALUES
					('24', 'Bắc Ninh', 'province', NULL, $1, NULL, NULL), ('07210', 'Phường Bắc Giang', 'commune', '24', $1, NULL, 'II')`,
					[]any{d("2025-07-01")}},
				{`INSERT INTO employers (tax_code, name, kind, commune_code, registered_on) VALUES ('2401000018', 'Công ty TNHH May Bắc Giang', 'private', '07210', $1)`,
					[]any{d("2015-03-01")}},
				{`INSERT INTO persons (person_id, full_name, birth_date, sex, ethnic_minority, commune_code) VALUES ('024085000101', 'Nguyễn Văn An', $1, 'male', $2, '07210')`,
					[]any{d("1985-04-12"), db.Bool(false)}},
				{`INSERT INTO employment (tax_code, person_id, start_month, end_month, wage, contract, declared_on) VALUES
					('2401000018', '024085000101', '2019-01', NULL, 8500000, 'indefinite', $1)`, []any{d("2019-01-05")}},
			} {
				if _, err := db.W.ExecContext(ctx, q.sql, q.args...); err != nil {
					t.Fatalf("%s: %v", q.sql, err)
				}
			}
			s := collectiondb.New(db)
			tax := "2401000018"
			// September's contributions, paid before the books start in
			// October (their cutoff is September's deadline, 31/10/2025).
			if _, err := collection.RecordPayment(ctx, s, collection.Payment{Ref: "SEP", Payer: tax, Amount: 5_000_000, PaidOn: d("2025-10-20"), Channel: "bank"}, "test"); err != nil {
				t.Fatal(err)
			}
			last := ansinh.NewPeriod(2026, 1)
			if _, err := collection.CloseThrough(ctx, collectiondb.NewCloseStore(db), last, collection.Options{From: ansinh.NewPeriod(2025, 10), Actor: "test"}); err != nil {
				t.Fatal(err)
			}
			rc, err := collection.RecordPayment(ctx, s, collection.Payment{Ref: "FEB", Payer: tax, Amount: 1_000_000, PaidOn: d("2026-02-05"), Channel: "bank"}, "test")
			if err != nil {
				t.Fatal(err)
			}
			n, err := collection.FindNotice(ctx, s, tax, last)
			if err != nil || n.Paid != 0 {
				t.Fatalf("the close allocated a payment from before the books: %+v, %v", n, err)
			}
			b := rc.Balance
			if b.AsOf != last || b.Closing != n.ClosingBalance || b.PaidSince != 1_000_000 || b.Current != n.ClosingBalance-1_000_000 {
				t.Fatalf("balance %+v (closing %d): only February's payment is paid since", b, n.ClosingBalance)
			}
		})
	}
}
