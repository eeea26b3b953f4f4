package collectiondb_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"ansinh"
	"ansinh/collection"
	"ansinh/collection/fixture"
	"ansinh/rules"
	"ansinh/store"
	"ansinh/store/collectiondb"
	"ansinh/store/storetest"
)

// TestCloseStoreContract is the contract of collection.CloseStore on every
// engine (SQLite, and PostgreSQL when ANSINH_TEST_POSTGRES is set; under CI
// a missing PostgreSQL fails): the run log and its batches, the reads of
// the registry, a batch written once, the posting read back by the next
// close, and a reopening that removes what the close wrote.
func TestCloseStoreContract(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			ctx := context.Background()
			db := storetest.Open(t, e)
			st := collectiondb.NewCloseStore(db)
			emptyBooks(t, st)
			cfg := fixture.Config{Seed: 7, Workers: 60, From: ansinh.MustParsePeriod("2025-01"), Through: ansinh.MustParsePeriod("2025-03"),
				Late: true, Payments: true}
			if err := fixture.Load(ctx, db, cfg); err != nil {
				t.Fatal(err)
			}
			C := cfg.Through
			runID, batches := startRun(t, st, C)
			spell := firstSpell(t, st, C, batches[0])
			writeBatch(t, st, runID, C, spell)
			posted := post(t, st, db, runID, C, spell)
			reopen(t, st, C, posted)
		})
	}
}

// emptyBooks checks the reads of an empty database.
func emptyBooks(t *testing.T, st *collectiondb.CloseStore) {
	t.Helper()
	ctx := context.Background()
	if b, err := st.Books(ctx); err != nil || b != (collection.CloseBooks{}) {
		t.Fatalf("books of an empty database %+v, %v", b, err)
	}
	if ps, err := st.ClosedPeriods(ctx); err != nil || len(ps) != 0 {
		t.Fatalf("closed periods %v, %v", ps, err)
	}
	if id, _, _, err := st.RunningReopen(ctx); err != nil || id != 0 {
		t.Fatalf("running reopening %d, %v", id, err)
	}
	if ms, err := st.FirstMonths(ctx); err != nil || len(ms) != 3 || slices.ContainsFunc(ms, func(m ansinh.Period) bool { return m != 0 }) {
		t.Fatalf("first months %v, %v", ms, err)
	}
}

// startRun records a run of two batches and checks the books and the job
// lock.
func startRun(t *testing.T, st *collectiondb.CloseStore, C ansinh.Period) (int64, []collection.CloseBatch) {
	t.Helper()
	ctx := context.Background()
	keys, err := st.EmployerKeys(ctx)
	if err != nil || len(keys) < 2 || !slices.IsSorted(keys) {
		t.Fatalf("employer keys %v, %v", keys, err)
	}
	if emps, err := st.Employers(ctx); err != nil || len(emps) != len(keys) {
		t.Fatalf("employers %d, %v", len(emps), err)
	}
	if ms, err := st.FirstMonths(ctx); err != nil || ms[0] == 0 || ms[0] > C || ms[2] != ansinh.MustParsePeriod("2025-01") {
		t.Fatalf("first months %v, %v", ms, err)
	}
	want := []collection.CloseBatch{{No: 0, First: keys[0], Last: keys[0]}, {No: 1, First: keys[1], Last: keys[len(keys)-1]}}
	err = st.Exclusive(ctx, collection.CloseJob, "test", func() error {
		// A second holder of the lock is refused while the first holds it.
		if err := st.Exclusive(ctx, collection.CloseJob, "other", func() error { return nil }); ansinh.ErrorCode(err) != ansinh.ECONFLICT {
			t.Errorf("second holder of the lock: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	id, err := st.StartRun(ctx, collection.CloseRun{Period: C, Start: C, Actor: "test", At: st.Now()}, want)
	if err != nil || id == 0 {
		t.Fatalf("start run %d, %v", id, err)
	}
	if b, err := st.Books(ctx); err != nil || b != (collection.CloseBooks{Start: C, RunID: id, RunPeriod: C}) {
		t.Fatalf("books of a running close %+v, %v", b, err)
	}
	got, err := st.Batches(ctx, id)
	if err != nil || !slices.Equal(got, want) {
		t.Fatalf("batches %+v, %v", got, err)
	}
	return id, got
}

// firstSpell reads the spells of a batch and returns the first.
func firstSpell(t *testing.T, st *collectiondb.CloseStore, C ansinh.Period, b collection.CloseBatch) collection.SpellRow {
	t.Helper()
	ctx := context.Background()
	var spells []collection.SpellRow
	err := st.Spells(ctx, collection.SpellQuery{First: b.First, Last: b.Last, Period: C, Declared: C.Last(), Start: C},
		func(s collection.SpellRow) error { spells = append(spells, s); return nil })
	if err != nil || len(spells) == 0 {
		t.Fatalf("spells %d, %v", len(spells), err)
	}
	for _, s := range spells {
		if s.TaxCode != b.First || s.Wage <= 0 {
			t.Fatalf("spell outside the batch or without a wage: %+v", s)
		}
	}
	if !slices.IsSortedFunc(spells, func(x, y collection.SpellRow) int { return cmpString(x.Person, y.Person) }) {
		t.Fatal("spells not in the order of persons")
	}
	recs, err := st.Contracts(ctx, []collection.WorkerMonth{{TaxCode: spells[0].TaxCode, Person: spells[0].Person}}, C.Last())
	if err != nil || len(recs) == 0 || recs[0].TaxCode != spells[0].TaxCode || recs[0].Person != spells[0].Person {
		t.Fatalf("contracts %+v, %v", recs, err)
	}
	if !slices.ContainsFunc(recs, func(r collection.ContractRow) bool {
		return r.Start == spells[0].Start && r.End == spells[0].End && r.Contract == spells[0].Contract
	}) {
		t.Fatalf("contracts %+v lack the spell %+v", recs, spells[0])
	}
	for _, r := range recs {
		if _, err := rules.ParseContract(r.Contract); err != nil {
			t.Fatalf("contract of %+v: %v", r, err)
		}
	}
	if _, err := st.Beneficiaries(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := st.UnitRegions(ctx); err != nil {
		t.Fatal(err)
	}
	return spells[0]
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// writeBatch writes batch 0 once: the second write finds it taken.
func writeBatch(t *testing.T, st *collectiondb.CloseStore, runID int64, C ansinh.Period, s collection.SpellRow) {
	t.Helper()
	ctx := context.Background()
	amt := rules.Amounts{SIBase: s.Wage, UIBase: s.Wage, HIBase: s.Wage, Total: 1000, Flags: rules.FlagFloorRaised}
	amt.Employer.Retirement, amt.Employee.HI = 700, 300
	rows := &collection.BatchRows{No: 0,
		Assessments: []collection.AssessmentRow{{Period: C, BilledIn: C, TaxCode: s.TaxCode, Person: s.Person, Amount: amt}},
		Charges:     []collection.ChargeRow{{BilledIn: C, Payer: s.TaxCode, Period: C, Kind: collection.KindEmployer, Principal: 1000, Items: 1}},
		Warnings:    []collection.WarningRow{{Period: C, Code: "test", Object: "employer:" + s.TaxCode, Detail: "tab\tand\nnewline \\ kept"}}}
	for i, want := range []bool{false, true} {
		if taken, err := st.WriteBatches(ctx, runID, st.Now(), []*collection.BatchRows{rows}); err != nil || len(taken) != 1 || taken[0] != want {
			t.Fatalf("write %d: taken %v, %v", i, taken, err)
		}
	}
	bs, err := st.Batches(ctx, runID)
	if err != nil || !bs[0].Done || bs[1].Done {
		t.Fatalf("batches after the write %+v, %v", bs, err)
	}
	me := collection.WorkerMonth{TaxCode: s.TaxCode, Person: s.Person, Period: C}
	other := collection.WorkerMonth{TaxCode: s.TaxCode, Person: s.Person, Period: C.Add(-1)}
	billed, err := st.Billed(ctx, []collection.WorkerMonth{me, other})
	if err != nil || !billed[me] || billed[other] {
		t.Fatalf("billed %v, %v", billed, err)
	}
	charges, err := st.EmployerCharges(ctx, C)
	want := rows.Charges[0]
	want.Items = 0 // not read back
	if err != nil || len(charges) != 1 || charges[0] != want {
		t.Fatalf("employer charges %+v, %v", charges, err)
	}
	if n, err := st.WarningCount(ctx, C); err != nil || n != 1 {
		t.Fatalf("warnings %d, %v", n, err)
	}
}

// post writes the posting of C with one payment, one debt, a credit and an
// agent without a rate, and checks what the next close reads of it.
func post(t *testing.T, st *collectiondb.CloseStore, db *store.DB, runID int64, C ansinh.Period, s collection.SpellRow) collection.PaymentRow {
	t.Helper()
	ctx := context.Background()
	cutoff := ansinh.MustParseDate("2024-12-31")
	pays, err := st.UnpostedPayments(ctx, C.Last(), cutoff)
	if err != nil || len(pays) == 0 {
		t.Fatalf("payments %d, %v", len(pays), err)
	}
	p := pays[0]
	it := collection.Item{Period: C, BilledIn: C, Due: ansinh.MustParseDate("2025-04-20"), Principal: 900, Interest: 5,
		Accrued: ansinh.MustParseDate("2025-03-31")}
	rate := rules.Micro(1000)
	rows := &collection.PostRows{Period: C, RunID: runID, At: st.Now(),
		Debts:    []collection.DebtRow{{ClosePeriod: C, Payer: s.TaxCode, Kind: collection.KindEmployer, Item: it}},
		Notices:  []collection.NoticeRow{{Period: C, Payer: "P1", Kind: collection.KindPerson, Paid: 50, Closing: -50, Status: "current"}},
		Postings: []collection.PostingRow{{Payer: p.Payer, Ref: p.Ref, ClosePeriod: C, Account: p.Account, Amount: p.Amount, Value: p.PaidOn, Channel: p.Channel}},
		Allocations: []collection.AllocationRow{{ClosePeriod: C, Account: p.Account, Allocation: collection.Allocation{Payer: p.Payer, Ref: p.Ref,
			Part: collection.PartCredit, Amount: p.Amount, ValueDate: p.PaidOn}}},
		Agents: []collection.AgentRow{{Period: C, AgentCode: "A1", Payments: 1, Amount: 10}, {Period: C, AgentCode: "A2", Payments: 1, Amount: 10, Rate: &rate, Commission: 1}},
	}
	audit := ansinh.AuditEntry{At: st.Now(), Actor: "test", Action: "collection.close", Object: "period:" + C.String(), Detail: "test"}
	if err := st.Post(ctx, rows, audit); err != nil {
		t.Fatal(err)
	}
	if ps, err := st.ClosedPeriods(ctx); err != nil || !slices.Equal(ps, []ansinh.Period{C}) {
		t.Fatalf("closed periods %v, %v", ps, err)
	}
	if b, err := st.Books(ctx); err != nil || b != (collection.CloseBooks{Start: C, LastClosed: C}) {
		t.Fatalf("books after the close %+v, %v", b, err)
	}
	debts, err := st.OpenDebts(ctx, C)
	if err != nil || len(debts) != 1 || debts[0] != rows.Debts[0] {
		t.Fatalf("open debts %+v, %v", debts, err)
	}
	credits, err := st.Credits(ctx, C)
	if err != nil || len(credits) != 1 || credits[0].Payer != "P1" || credits[0].Closing != -50 || credits[0].Kind != collection.KindPerson {
		t.Fatalf("credits %+v, %v", credits, err)
	}
	after, err := st.UnpostedPayments(ctx, C.Last(), cutoff)
	if err != nil || len(after) != len(pays)-1 || slices.Contains(after, p) {
		t.Fatalf("payments after the posting %d (before %d), %v", len(after), len(pays), err)
	}
	var postedIn ansinh.Period
	if err := db.R.QueryRow(`SELECT posted_in FROM payments WHERE payer = $1 AND ref = $2`, p.Payer, p.Ref).Scan(&postedIn); err != nil || postedIn != C {
		t.Fatalf("the payment posted is marked %s, %v", postedIn, err)
	}
	if audit, _, err := db.ListAudit(ctx, store.AuditFilter{Object: "period:" + C.String()}); err != nil || len(audit) != 1 {
		t.Fatalf("audit %+v, %v", audit, err)
	}
	// The payment posted again by the next close is refused, and that
	// close writes nothing.
	next := C.Add(1)
	again := &collection.PostRows{Period: next, RunID: runID, At: st.Now(),
		Notices:  []collection.NoticeRow{{Period: next, Payer: "P1", Kind: collection.KindPerson, Status: "current"}},
		Postings: []collection.PostingRow{{Payer: p.Payer, Ref: p.Ref, ClosePeriod: next, Account: p.Account, Amount: p.Amount, Value: p.PaidOn, Channel: p.Channel}}}
	if err := st.Post(ctx, again, audit); err == nil {
		t.Fatal("a payment posted by two closes was accepted")
	}
	var written int
	if err := db.R.QueryRow(`SELECT (SELECT count(*) FROM payment_postings WHERE close_period = $1) + (SELECT count(*) FROM notices WHERE period = $1)`,
		next).Scan(&written); err != nil || written != 0 {
		t.Fatalf("the refused posting left %d rows, %v", written, err)
	}
	return p
}

// reopen reopens C: everything the close wrote is gone until the
// reopening is finished.
func reopen(t *testing.T, st *collectiondb.CloseStore, C ansinh.Period, posted collection.PaymentRow) {
	t.Helper()
	ctx := context.Background()
	now := st.Now()
	audit := ansinh.AuditEntry{At: now, Actor: "test", Action: "collection.reopen", Object: "period:" + C.String(), Detail: "test"}
	if err := st.Reopen(ctx, collection.CloseRun{Period: C, Through: C, Actor: "test", At: now}, audit); err != nil {
		t.Fatal(err)
	}
	id, from, through, err := st.RunningReopen(ctx)
	if err != nil || id == 0 || from != C || through != C {
		t.Fatalf("running reopening %d %s..%s, %v", id, from, through, err)
	}
	if ps, err := st.ClosedPeriods(ctx); err != nil || len(ps) != 0 {
		t.Fatalf("closed periods after the reopening %v, %v", ps, err)
	}
	if debts, err := st.OpenDebts(ctx, C); err != nil || len(debts) != 0 {
		t.Fatalf("debts after the reopening %+v, %v", debts, err)
	}
	if n, err := st.WarningCount(ctx, C); err != nil || n != 0 {
		t.Fatalf("warnings after the reopening %d, %v", n, err)
	}
	pays, err := st.UnpostedPayments(ctx, C.Last(), ansinh.MustParseDate("2024-12-31"))
	if err != nil || !slices.Contains(pays, posted) {
		t.Fatalf("the posted payment is not to post again: %v", err)
	}
	if err := st.FinishRun(ctx, id, now.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	if id, _, _, err := st.RunningReopen(ctx); err != nil || id != 0 {
		t.Fatalf("reopening not finished: %d, %v", id, err)
	}
}
