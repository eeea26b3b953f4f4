package benefitsdb_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"ansinh"
	"ansinh/benefits"
	"ansinh/pdfdoc"
	"ansinh/store"
	"ansinh/store/storetest"
)

// TestClaimWorkflow files a pension claim online, checks it, refuses the
// checker's own approval, approves it by another officer, and finds the
// figures, the procedure and the audit trail.
func TestClaimWorkflow(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			db := storetest.Open(t, engine)
			seed(t, db)
			svc := service(db)
			c, err := svc.File(ctx, citizen, benefits.Request{PersonID: pensioner, Kind: benefits.KindPension})
			if err != nil {
				t.Fatal(err)
			}
			if c.Channel != benefits.ChannelOnline || !c.Assessment.Decided || !c.Assessment.Eligible {
				t.Fatalf("filed %+v", c.Assessment)
			}
			if _, err := svc.Approve(ctx, officerB, c.ID); ansinh.ErrorCode(err) != ansinh.ECONFLICT {
				t.Fatalf("approve before check: %v", err)
			}
			if _, err := svc.Check(ctx, officerA, c.ID); err != nil {
				t.Fatal(err)
			}
			if _, err := svc.Approve(ctx, officerA, c.ID); err != benefits.ErrSameOfficer {
				t.Fatalf("maker approves: %v", err)
			}
			if _, err := svc.Reject(ctx, officerA, c.ID, "lý do"); err != benefits.ErrSameOfficer {
				t.Fatalf("maker rejects: %v", err)
			}
			got, err := svc.Approve(ctx, officerB, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Monthly <= 0 || got.Start != ansinh.MustParsePeriod("2026-07") || got.Status != benefits.StatusApproved {
				t.Fatalf("approved %+v", got)
			}
			if _, err := svc.Store.Claim(ctx, ansinh.Scope{PersonID: young}, c.ID); ansinh.ErrorCode(err) != ansinh.ENOTFOUND {
				t.Fatalf("another citizen sees the claim: %v", err)
			}
			checkProcedure(t, db, c.ProcedureID, "completed")
			checkAudit(t, db, "claim.file", "claim.check", "claim.approve")
			checkDecisionPDF(t, got)
		})
	}
}

// checkProcedure checks a claim's procedure status and that it has a
// processing time.
func checkProcedure(t *testing.T, db *store.DB, id int64, want string) {
	t.Helper()
	var st string
	var n int
	if err := db.R.QueryRow(`SELECT status, CASE WHEN processed_at IS NULL THEN 0 ELSE 1 END FROM procedures WHERE id = $1 AND kind = 'benefit_claim'`, id).Scan(&st, &n); err != nil {
		t.Fatal(err)
	}
	if st != want || n != 1 {
		t.Fatalf("procedure %s processed=%d, want %s", st, n, want)
	}
}

// checkAudit checks that each action was audited.
func checkAudit(t *testing.T, db *store.DB, actions ...string) {
	t.Helper()
	for _, a := range actions {
		var n int
		if err := db.R.QueryRow(`SELECT count(*) FROM audit_log WHERE action = $1`, a).Scan(&n); err != nil || n == 0 {
			t.Fatalf("no audit of %s (%v)", a, err)
		}
	}
}

// TestRejectedPaysNothing rejects a claim with reasons and runs the
// payroll: the rejected claim has no line.
func TestRejectedPaysNothing(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			db := storetest.Open(t, engine)
			seed(t, db)
			svc := service(db)
			c, err := svc.File(ctx, officerA, benefits.Request{PersonID: pensioner, Kind: benefits.KindPension})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := svc.Check(ctx, officerA, c.ID); err != nil {
				t.Fatal(err)
			}
			if _, err := svc.Reject(ctx, officerB, c.ID, "  "); ansinh.ErrorCode(err) != ansinh.EINVALID {
				t.Fatalf("reject without reasons: %v", err)
			}
			if _, err := svc.Reject(ctx, officerB, c.ID, "Hồ sơ thiếu quyết định nghỉ việc"); err != nil {
				t.Fatal(err)
			}
			res, err := svc.Payroll(ctx, ansinh.MustParsePeriod("2026-09"), "cli:test")
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Lines) != 0 {
				t.Fatalf("rejected claim paid: %+v", res.Lines)
			}
			checkProcedure(t, db, c.ProcedureID, "rejected")
		})
	}
}

// TestPayrollOnce runs a period's payroll twice: the second run writes
// nothing and returns the same lines; the pension's first payroll pays the
// month, the month owed before it and the lump sum.
func TestPayrollOnce(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			db := storetest.Open(t, engine)
			seed(t, db)
			svc := service(db)
			c := approved(t, svc, citizen, benefits.Request{PersonID: pensioner, Kind: benefits.KindPension})
			p := ansinh.MustParsePeriod("2026-09")
			first, err := svc.Payroll(ctx, p, "cli:test")
			if err != nil {
				t.Fatal(err)
			}
			second, err := svc.Payroll(ctx, p, "cli:test")
			if err != nil {
				t.Fatal(err)
			}
			if !second.Already || first.Already {
				t.Fatalf("already: first %v second %v", first.Already, second.Already)
			}
			if a, b := bankCSV(t, first.Lines), bankCSV(t, second.Lines); a != b {
				t.Fatalf("twice differs:\n%s\n%s", a, b)
			}
			if len(first.Lines) != 1 {
				t.Fatalf("lines %+v", first.Lines)
			}
			l := first.Lines[0]
			if l.Monthly != c.Monthly || l.Arrears != 2*c.Monthly || l.LumpSum != c.LumpSum || l.Amount != 3*c.Monthly+c.LumpSum {
				t.Fatalf("line %+v for claim monthly %d lump %d", l, c.Monthly, c.LumpSum)
			}
			next, err := svc.Payroll(ctx, p+1, "cli:test")
			if err != nil {
				t.Fatal(err)
			}
			if n := next.Lines[0]; n.Arrears != 0 || n.LumpSum != 0 || n.Amount != c.Monthly {
				t.Fatalf("next month %+v", n)
			}
		})
	}
}

// bankCSV returns the bank file of lines.
func bankCSV(t *testing.T, lines []benefits.Line) string {
	t.Helper()
	var b bytes.Buffer
	if err := benefits.WriteBankCSV(&b, lines); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// checkDecisionPDF prints the decision and reads it back: the amount, the
// start month, the service from the paper record and the legal basis.
func checkDecisionPDF(t *testing.T, c benefits.Claim) {
	t.Helper()
	var b bytes.Buffer
	if err := benefits.RenderDecision(&b, c); err != nil {
		t.Fatal(err)
	}
	text, err := pdfdoc.Text(b.Bytes())
	if errors.Is(err, pdfdoc.ErrNoPdftotext) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"QUYẾT ĐỊNH", "hưởng lương hưu hằng tháng", ansinh.FormatMoney(c.Monthly), "từ tháng 07/2026",
		"Tháng lấy từ sổ BHXH giấy", "Luật BHXH 41/2024/QH15", "Công văn 340", "user:can-bo-a", "user:can-bo-b"} {
		if !strings.Contains(text, want) {
			t.Errorf("decision lacks %q:\n%s", want, text)
		}
	}
}

// TestTwoPayrollsExclude: while one payroll runs, a second is refused with
// a message naming the running one; once it ends, the payroll runs.
func TestTwoPayrollsExclude(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			db := storetest.Open(t, engine)
			seed(t, db)
			svc := service(db)
			svc.Jobs = db
			approved(t, svc, citizen, benefits.Request{PersonID: pensioner, Kind: benefits.KindPension})
			p := ansinh.MustParsePeriod("2026-09")
			running, err := db.AcquireJobLock(ctx, benefits.PayrollJob, "chi trả / payroll 2026-09, user:an")
			if err != nil {
				t.Fatal(err)
			}
			_, err = svc.RunPayroll(ctx, p, "user:binh")
			if ansinh.ErrorCode(err) != ansinh.ECONFLICT || !strings.Contains(err.Error(), "user:an") {
				t.Fatalf("second payroll: %v, want a conflict naming the running one", err)
			}
			if err := running.Release(ctx); err != nil {
				t.Fatal(err)
			}
			res, err := svc.Payroll(ctx, p, "user:binh")
			if err != nil || res.Already || len(res.Lines) != 1 {
				t.Fatalf("payroll after the first ended: %+v, %v", res, err)
			}
		})
	}
}

// TestCounterIdentityRefusalIsAudited files at the counter with a name and
// then a birth date that the registry does not hold: each is refused,
// nothing is filed, and each refusal is in the audit log with the officer,
// the person and the field (not what was typed); the right identity files.
func TestCounterIdentityRefusalIsAudited(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			db := storetest.Open(t, engine)
			seed(t, db)
			svc := service(db)
			req := benefits.Request{PersonID: pensioner, Kind: benefits.KindPension}
			born := ansinh.MustParseDate("1969-06-15")
			for _, id := range []benefits.Identity{{FullName: "Nguyễn Thị Hòa", BirthDate: born}, {FullName: "nguyễn thị hoa", BirthDate: born.AddDays(1)}} {
				if _, err := svc.FileAtCounter(ctx, officerA, req, id); ansinh.ErrorCode(err) != ansinh.EINVALID {
					t.Fatalf("%+v: %v, want refused", id, err)
				}
			}
			if cs, err := svc.Store.Claims(ctx, ansinh.Scope{All: true}, benefits.Filter{}); err != nil || len(cs) != 0 {
				t.Fatalf("refusals filed %d claims, %v", len(cs), err)
			}
			rows, err := db.R.QueryContext(ctx, `SELECT actor, object, detail FROM audit_log WHERE action = 'claim.identity_refused' ORDER BY id`)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for rows.Next() {
				var actor, object, detail string
				if err := rows.Scan(&actor, &object, &detail); err != nil {
					t.Fatal(err)
				}
				got = append(got, actor+" "+object+" "+detail)
			}
			rows.Close()
			want := []string{"user:can-bo-a person:" + pensioner + " full_name", "user:can-bo-a person:" + pensioner + " birth_date"}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Fatalf("audit of the refusals:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if _, err := svc.FileAtCounter(ctx, officerA, req, benefits.Identity{FullName: " nguyễn thị hoa ", BirthDate: born}); err != nil {
				t.Fatal(err)
			}
		})
	}
}
