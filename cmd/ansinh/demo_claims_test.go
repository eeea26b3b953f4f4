package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"ansinh"
	"ansinh/benefits"
	"ansinh/rules"
	"ansinh/store"
	"ansinh/store/benefitsdb"
)

// checkDemoClaims fails unless the demo's claims went through the benefits
// workflow as an office would: claims in every status; every claim decided
// by another officer than its maker; the last payroll (the month of
// generation) lists every benefit in payment and nothing else; an earlier
// payroll stopped a pension for a death; and a pension in payment pays the
// amount the domain computes again from the record.
func checkDemoClaims(t *testing.T, db *store.DB, last ansinh.Period) {
	t.Helper()
	ctx := context.Background()
	count := func(q string, args ...any) int {
		t.Helper()
		var n int
		if err := db.R.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	for _, st := range []benefits.Status{benefits.StatusSubmitted, benefits.StatusChecked, benefits.StatusApproved,
		benefits.StatusRejected, benefits.StatusInPayment, benefits.StatusStopped} {
		if n := count(`SELECT count(*) FROM benefit_claims WHERE status = $1`, string(st)); n == 0 {
			t.Errorf("no claim %s", st)
		}
	}
	if n := count(`SELECT count(*) FROM benefit_claims WHERE decided_by IS NOT NULL AND decided_by = checked_by`); n > 0 {
		t.Errorf("%d claims decided by their maker", n)
	}
	inPayment := count(`SELECT count(*) FROM benefit_claims WHERE status = 'in_payment'`)
	listed := count(`SELECT count(*) FROM payroll_lines l JOIN benefit_claims c ON c.id = l.claim_id
		WHERE l.period = $1 AND l.status = 'pay' AND c.status = 'in_payment'`, last.String())
	lines := count(`SELECT count(*) FROM payroll_lines WHERE period = $1`, last.String())
	if listed != inPayment || lines < inPayment {
		t.Errorf("payroll %s lists %d of the %d claims in payment (%d lines)", last, listed, inPayment, lines)
	}
	if n := count(`SELECT count(*) FROM payroll_lines WHERE status = 'stop' AND stop_reason = 'death' AND kind = 'pension'`); n == 0 {
		t.Error("no pension stopped for a death")
	}
	checkPensionIsTheDomains(t, db)
}

// checkDemoClaimsAgain replays the demo's claims a second time on its
// database: nothing is filed, decided or paid twice.
func checkDemoClaimsAgain(t *testing.T, db *store.DB, dir string, asOf ansinh.Date) {
	t.Helper()
	ctx := context.Background()
	counts := func() [3]int {
		var n [3]int
		if err := db.R.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM benefit_claims), (SELECT count(*) FROM payroll_lines),
			(SELECT count(*) FROM benefit_claims WHERE status IN ('approved', 'rejected'))`).Scan(&n[0], &n[1], &n[2]); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := counts()
	if _, err := demoClaims(ctx, db, dir, asOf, nil); err != nil {
		t.Fatal(err)
	}
	if after := counts(); after != before {
		t.Errorf("claims, payroll lines, decided claims: %v after the demo, %v after a second replay", before, after)
	}
}

// checkPensionIsTheDomains computes a pension in payment again, on the
// record as it stood when it was filed, and compares it with the claim's.
func checkPensionIsTheDomains(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	var id int64
	if err := db.R.QueryRowContext(ctx, `SELECT min(id) FROM benefit_claims WHERE status = 'in_payment' AND kind = 'pension'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	all := ansinh.Scope{All: true}
	var now time.Time
	svc := &benefits.Service{Store: benefitsdb.New(db), Params: rules.Default(), Now: func() time.Time { return now }}
	c, err := svc.Store.Claim(ctx, all, id)
	if err != nil {
		t.Fatal(err)
	}
	now = c.FiledAt
	a, err := svc.Estimate(ctx, all, c.Request)
	if err != nil {
		t.Fatal(err)
	}
	if !a.Eligible || a.Monthly != c.Monthly || a.Start != c.Start || c.Monthly <= 0 {
		t.Errorf("claim %d: pays %d đ from %s; the domain computes %d đ from %s (eligible %t)", id, c.Monthly, c.Start, a.Monthly, a.Start, a.Eligible)
	}
}

// TestReadDemoClaims: the claims' steps and the monthly payrolls come in
// time order (a payroll on the first of the month before the day's steps),
// a step not yet taken has no event, and a bad row is refused naming the
// file, its line and the cell.
func TestReadDemoClaims(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "claims.csv")
	header := "person_id,kind,month,filed_on,channel,checked_on,decided_on\n"
	good := header +
		"001064000001,pension,2026-09,2026-09-03,counter,2026-09-10,2026-09-20\n" +
		"001064000002,ui,2026-09,2026-10-01,online,2026-10-05,\n"
	if err := os.WriteFile(path, []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	claims, events, err := readDemoClaims(path, ansinh.NewDate(2026, 11, 28))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ev := range events {
		s := fmt.Sprintf("%s step %d", ev.at.Format("2006-01-02 15h"), ev.step)
		if ev.step == 0 {
			s += " " + ev.period.String()
		} else {
			s += " " + claims[ev.claim].req.PersonID[9:]
		}
		got = append(got, s)
	}
	want := []string{
		"2026-09-03 09h step 1 001", "2026-09-10 10h step 2 001", "2026-09-20 15h step 3 001",
		"2026-10-01 07h step 0 2026-10", "2026-10-01 09h step 1 002", "2026-10-05 10h step 2 002",
		"2026-11-01 07h step 0 2026-11",
	}
	if !slices.Equal(got, want) {
		t.Errorf("events\n%q\nwant\n%q", got, want)
	}
	if claims[1].req.Kind != benefits.KindUI || claims[1].req.Month != ansinh.NewPeriod(2026, 9) || claims[1].channel != "online" {
		t.Errorf("claim 2 read as %+v", claims[1])
	}
	for _, c := range []struct{ row, want string }{
		{"001064000003,bonus,2026-09,2026-09-03,counter,,", `claims.csv:4: kind`},
		{"001064000003,pension,2026-13,2026-09-03,counter,,", `column month "2026-13"`},
		{"001064000003,pension,2026-09,2026-09-31,counter,,", `ngày/day "2026-09-31"`},
	} {
		if err := os.WriteFile(path, []byte(good+c.row+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, _, err := readDemoClaims(path, ansinh.NewDate(2026, 11, 28)); err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "claims.csv:4") {
			t.Errorf("%s: error %v, want one naming line 4 and %s", c.row, err, c.want)
		}
	}
}
