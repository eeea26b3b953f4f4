package main

import (
	"context"
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
