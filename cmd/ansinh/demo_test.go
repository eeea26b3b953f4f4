package main

import (
	"context"
	"net"
	"path/filepath"
	"strings"
	"testing"

	"ansinh"
	"ansinh/auth"
	"ansinh/collection"
	"ansinh/metrics"
	"ansinh/store"
	"ansinh/store/authdb"
	"ansinh/store/collectiondb"
	"ansinh/store/storetest"
)

// TestDemoRefusesABusyPortBeforeLoading: the demo checks that it can serve
// before it spends minutes loading, and says what it does from the start.
func TestDemoRefusesABusyPortBeforeLoading(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	dsn := storetest.DSN(t, store.SQLite)
	code, _, errOut := runCLI(t, "demo", "--db", dsn, "--addr", l.Addr().String(), "--workers", "1000")
	if code == 0 || !strings.Contains(errOut, "--addr") {
		t.Fatalf("demo on a busy port exited %d: %s", code, errOut)
	}
	if strings.Contains(errOut, "Đang sinh") || strings.Contains(errOut, "Đang nạp") {
		t.Fatalf("the demo loaded before checking its port:\n%s", errOut)
	}
}

// TestDemoBooksAgreeWithItsPayments: after the demo (a small province,
// three months closed), no employer shows a credit larger than one month of
// its assessments, no payment or declaration is dated after today, and the
// payments kept out of the books are kept in the generated files, on every
// engine.
func TestDemoBooksAgreeWithItsPayments(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			dsn, dir := storetest.DSN(t, e), t.TempDir()
			args := append([]string{"demo", "--no-serve", "--db", dsn, "--keep", dir}, strings.Fields(synthArgs)...)
			code, _, errOut := runCLI(t, args...)
			if code != 0 {
				t.Fatalf("demo exited %d: %s", code, errOut)
			}
			// Each long job reports its progress, to the end (a log, not
			// a terminal: no control characters).
			for _, want := range []string{"sinh dữ liệu / synth: 107/107 tháng/months", "employment: ",
				"khóa sổ / close: 1/1 lô/batches", "đối chiếu / match: 1/1 cửa sổ/windows", "chỉ tiêu / indicators: 4/4 bước/steps"} {
				if !strings.Contains(errOut, want) {
					t.Errorf("the demo's progress lacks %q:\n%s", want, errOut)
				}
			}
			if strings.Contains(errOut, "\r") {
				t.Error("the demo's log has terminal control characters")
			}
			db, err := store.Open(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			checkNothingAfterToday(t, db, ansinh.NewDate(2026, 11, 28))
			checkEmployerCredits(t, db)
			checkVoluntaryCredits(t, db)
			checkDemoAccountsHaveData(t, db)
			checkJobMetrics(t)
			checkDemoClaims(t, db, ansinh.NewPeriod(2026, 11))
			checkDemoClaimsAgain(t, db, dir, ansinh.NewDate(2026, 11, 28))
			if before, err := readPaymentsCSV(filepath.Join(dir, beforeBooksFile)); err != nil || len(before) < 2 {
				t.Errorf("payments before the books not kept (%d rows, %v)", len(before), err)
			}
		})
	}
}

// checkNothingAfterToday fails if a payment or a declaration is dated after
// today.
func checkNothingAfterToday(t *testing.T, db *store.DB, today ansinh.Date) {
	t.Helper()
	for _, q := range []string{
		`SELECT count(*) FROM payments WHERE paid_on > $1`,
		`SELECT count(*) FROM employment WHERE declared_on > $1`,
	} {
		var n int
		if err := db.R.QueryRowContext(context.Background(), q, today).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			t.Errorf("%d rows dated after %s: %s", n, today, q)
		}
	}
}

// checkEmployerCredits fails for every employer whose balance, as its pages
// show it (collection.PayerBalance), is a credit larger than its largest
// month of assessments: the generated employers never pay ahead.
func checkEmployerCredits(t *testing.T, db *store.DB) {
	t.Helper()
	checkCredits(t, db, "employer", `SELECT tax_code FROM employers ORDER BY tax_code`, 30)
}

// checkVoluntaryCredits fails for every voluntary participant whose balance
// is a credit larger than its largest assessment (one payment block) plus
// what it paid ahead for blocks that start after the last closed month: a
// participant's payments are those the close assesses, same months, same
// amounts.
func checkVoluntaryCredits(t *testing.T, db *store.DB) {
	t.Helper()
	checkCredits(t, db, "person", `SELECT DISTINCT person_id FROM voluntary ORDER BY person_id`, 30)
}

// checkCredits checks the balances of the payers the query lists, billed
// as kind, against their largest month of assessments and what they paid
// for months not yet closed (the month a generated payment is for is in
// its reference, refMonth).
func checkCredits(t *testing.T, db *store.DB, kind, payers string, least int) {
	t.Helper()
	ctx := context.Background()
	month := map[string]int64{}
	rows, err := db.R.QueryContext(ctx, `SELECT payer, period, sum(principal) FROM charges
		WHERE payer_kind = $1 GROUP BY payer, period`, kind)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var payer, period string
		var v int64
		if err := rows.Scan(&payer, &period, &v); err != nil {
			t.Fatal(err)
		}
		month[payer] = max(month[payer], v)
	}
	rows.Close()
	var last string
	if err := db.R.QueryRowContext(ctx, `SELECT max(period) FROM collection_periods WHERE status = 'closed'`).Scan(&last); err != nil {
		t.Fatal(err)
	}
	ahead := map[string]int64{}
	rows, err = db.R.QueryContext(ctx, `SELECT payer, ref, amount FROM payments`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var payer, ref string
		var v int64
		if err := rows.Scan(&payer, &ref, &v); err != nil {
			t.Fatal(err)
		}
		if m, ok := refMonth(ref); ok && m.String() > last {
			ahead[payer] += v
		}
	}
	rows.Close()
	var codes []string
	if err := scanColumn(ctx, db, payers, &codes); err != nil {
		t.Fatal(err)
	}
	checked, bad := 0, 0
	for _, code := range codes {
		b, err := collection.PayerBalance(ctx, collectiondb.New(db), code)
		if err != nil {
			t.Fatal(err)
		}
		if credit := -b.Current; credit > month[code]+ahead[code] {
			bad++
			if bad <= 10 {
				t.Errorf("%s %s: credit %d đ (closing %d, paid since %d, of which %d for months not closed), larger than its largest month of assessments %d đ",
					kind, code, credit, b.Closing, b.PaidSince, ahead[code], month[code])
			}
		}
		if b.AsOf.IsZero() {
			t.Fatalf("%s: no month closed", code)
		}
		checked++
	}
	if bad > 0 {
		t.Errorf("%s: %d of %d payers show a credit their payments do not explain", kind, bad, checked)
	}
	if checked < least {
		t.Errorf("only %d payers of kind %s checked", checked, kind)
	}
}

// checkDemoAccountsHaveData fails unless the demo accounts land on pages
// with data: the commune officer's commune has debts and open findings, the
// inspector has an assigned case, the agent's commune has enrolments made
// through an agent, and every account is named by a person's name, not by
// its role.
func checkDemoAccountsHaveData(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	accs, err := auth.CreateDemoAccounts(ctx, authdb.New(db), authRegistry(db), auth.DemoOptions{Password: "demo-password-1", Cost: 4})
	if err != nil {
		t.Fatal(err)
	}
	if err := assignDemoCases(ctx, db, accs); err != nil {
		t.Fatal(err)
	}
	queries := map[auth.Role]string{
		auth.UnitOfficer: `SELECT (SELECT count(*) FROM findings WHERE state = 'open' AND commune_code = $1)
			* (SELECT count(*) FROM debts b JOIN employers e ON e.tax_code = b.payer
			   WHERE e.commune_code = $1 AND b.close_period = (SELECT max(close_period) FROM debts))`,
		auth.Inspector: `SELECT count(*) FROM inspection_cases WHERE tax_code = $1 AND inspector = 'thanhtra'`,
		auth.Agent: `SELECT count(*) FROM voluntary v JOIN persons p ON p.person_id = v.person_id
			WHERE p.commune_code = $1 AND v.agent_code <> ''`,
	}
	seen := 0
	for _, a := range accs {
		if a.Name == "" || strings.Contains(a.Name, "Cán bộ") || strings.Contains(a.Name, "Thanh tra") {
			t.Errorf("%s: named %q, not a person's name", a.Login, a.Name)
		}
		q, ok := queries[a.Role]
		if !ok {
			continue
		}
		seen++
		var n int
		if err := db.R.QueryRowContext(ctx, q, a.Scope).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			t.Errorf("%s (%s, %s): its pages have no data", a.Login, a.Role, a.Scope)
		}
	}
	if seen != len(queries) {
		t.Errorf("%d of the %d accounts checked", seen, len(queries))
	}
}

// scanColumn reads one text column of a query into out.
func scanColumn(ctx context.Context, db *store.DB, q string, out *[]string) error {
	rows, err := db.R.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		*out = append(*out, s)
	}
	return rows.Err()
}

// checkJobMetrics fails unless the metrics registry counts the demo's jobs
// (generation, imports, close, match, indicators) as successful runs with
// their durations, the rows imported by kind and the findings by kind.
func checkJobMetrics(t *testing.T) {
	t.Helper()
	value := func(name string, labels map[string]string) float64 {
		v, err := metrics.Value(name, labels)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, kind := range []string{"synth", "import", "close", "match", "indicators_refresh"} {
		if value("ansinh_job_runs_total", map[string]string{"kind": kind, "result": "success"}) < 1 {
			t.Errorf("no successful %s run counted", kind)
		}
		if value("ansinh_job_duration_seconds", map[string]string{"kind": kind}) < 1 {
			t.Errorf("no %s duration observed", kind)
		}
	}
	for _, kind := range []string{"persons", "employers", "employment", "payments"} {
		if value("ansinh_rows_imported_total", map[string]string{"kind": kind}) < 1 {
			t.Errorf("no %s rows imported counted", kind)
		}
	}
	if value("ansinh_findings_total", nil) < 1 {
		t.Error("no findings counted")
	}
}
