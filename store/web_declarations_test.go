package store_test

import (
	"context"
	"testing"
	"time"

	"ansinh"
	"ansinh/auth"
	"ansinh/store"
	"ansinh/store/authdb"
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

func TestSubmitDeclarationProcessesLines(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		seedWeb(t, db)
		fixedClock(db)
		ctx := context.Background()
		p := ansinh.MustParsePeriod
		lines := []store.DeclarationLine{
			// A new person: created in the employer's commune, spell opened.
			{Change: store.ChangeHire, PersonID: "024190000202", FullName: "Lê Thị Hoa", BirthDate: ansinh.MustParseDate("1990-06-21"),
				Sex: "female", Wage: 7_000_000, Start: p("2026-03"), Contract: "fixed"},
			// A wage change from April: the open spell closes in March, a
			// new one opens.
			{Change: store.ChangeWageChange, PersonID: "024085000101", Wage: 9_000_000, Start: p("2026-04")},
			// A leaver without an open spell: rejected.
			{Change: store.ChangeLeave, PersonID: "024092000404", End: p("2026-02")},
			// A second hire of the worker just hired: rejected.
			{Change: store.ChangeHire, PersonID: "024190000202", FullName: "Lê Thị Hoa", BirthDate: ansinh.MustParseDate("1990-06-21"),
				Sex: "female", Wage: 7_000_000, Start: p("2026-03"), Contract: "fixed"},
		}
		for i := range lines {
			if err := lines[i].Check(); err != nil {
				t.Fatalf("line %d: %v", i+1, err)
			}
		}
		d, err := db.SubmitDeclaration(ctx, store.Submission{TaxCode: "2401000018", Channel: store.ChannelOnline, UserID: 0,
			Actor: "user:test", Lines: lines})
		if err != nil {
			t.Fatal(err)
		}
		if d.Status != "partial" || d.Accepted != 2 || d.Rejected != 2 {
			t.Fatalf("declaration = %s %d/%d", d.Status, d.Accepted, d.Rejected)
		}
		if d.ReceiptNo == "" || d.ProcessedAt.Before(d.SubmittedAt) {
			t.Fatalf("receipt %q, submitted %v, processed %v", d.ReceiptNo, d.SubmittedAt, d.ProcessedAt)
		}
		if d.Lines[2].Status != "rejected" || d.Lines[2].Reason == "" || d.Lines[3].Status != "rejected" {
			t.Fatalf("lines = %+v", d.Lines)
		}
		person, err := db.FindPerson(ctx, "024190000202", ansinh.Scope{All: true})
		if err != nil || person.CommuneCode != "07210" || person.FullName != "Lê Thị Hoa" {
			t.Fatalf("created person = %+v, %v", person, err)
		}
		spells, err := db.PersonSpells(ctx, "024085000101")
		if err != nil || len(spells) != 2 {
			t.Fatalf("spells after wage change = %+v, %v", spells, err)
		}
		if spells[0].Start != p("2026-04") || !spells[0].End.IsZero() || spells[0].Wage != 9_000_000 || spells[0].Contract != "indefinite" {
			t.Errorf("new spell = %+v", spells[0])
		}
		if spells[1].End != p("2026-03") || spells[1].Wage != 8_500_000 {
			t.Errorf("closed spell = %+v", spells[1])
		}
		got, err := db.FindDeclaration(ctx, d.ID, ansinh.Scope{TaxCodes: []string{"2401000018"}})
		if err != nil || got.ReceiptNo != d.ReceiptNo || len(got.Lines) != 4 || got.Lines[0].FullName != "Lê Thị Hoa" {
			t.Fatalf("FindDeclaration = %+v, %v", got, err)
		}
		if _, err := db.FindDeclaration(ctx, d.ID, ansinh.Scope{TaxCodes: []string{"2401000025"}}); ansinh.ErrorCode(err) != ansinh.ENOTFOUND {
			t.Fatalf("another employer's declaration: %v", err)
		}

		// The leaver, now with an open spell.
		leave := []store.DeclarationLine{{Change: store.ChangeLeave, PersonID: "024190000202", End: p("2026-05")}}
		d2, err := db.SubmitDeclaration(ctx, store.Submission{TaxCode: "2401000018", Channel: store.ChannelCounter, Actor: "user:officer", Lines: leave})
		if err != nil || d2.Status != "processed" {
			t.Fatalf("leave: %+v, %v", d2, err)
		}
		spells, _ = db.PersonSpells(ctx, "024190000202")
		if len(spells) != 1 || spells[0].End != p("2026-05") {
			t.Fatalf("after leave: %+v", spells)
		}
		list, more, err := db.DeclarationsOf(ctx, "2401000018", 0, 10)
		if err != nil || more || len(list) != 2 || list[0].ID != d2.ID || list[0].Channel != store.ChannelCounter {
			t.Fatalf("DeclarationsOf = %+v, %v, %v", list, more, err)
		}
		entries, _, err := db.ListAudit(ctx, store.AuditFilter{Action: "declaration.submit"})
		if err != nil || len(entries) != 2 {
			t.Fatalf("audit = %+v, %v", entries, err)
		}
	})
}

func TestDeclarationLineCheck(t *testing.T) {
	p := ansinh.MustParsePeriod
	bd := ansinh.MustParseDate("1990-06-21")
	for _, c := range []struct {
		name  string
		line  store.DeclarationLine
		field string
	}{
		{"bad ID", store.DeclarationLine{Change: "hire", PersonID: "12345"}, "person_id"},
		{"ID disagrees with sex", store.DeclarationLine{Change: "hire", PersonID: "024190000202", FullName: "A", BirthDate: bd, Sex: "male", Wage: 1, Start: p("2026-01"), Contract: "fixed"}, "person_id"},
		{"hire without name", store.DeclarationLine{Change: "hire", PersonID: "024190000202", BirthDate: bd, Sex: "female", Wage: 1, Start: p("2026-01"), Contract: "fixed"}, "full_name"},
		{"hire without wage", store.DeclarationLine{Change: "hire", PersonID: "024190000202", FullName: "A", BirthDate: bd, Sex: "female", Start: p("2026-01"), Contract: "fixed"}, "wage"},
		{"hire ends before it starts", store.DeclarationLine{Change: "hire", PersonID: "024190000202", FullName: "A", BirthDate: bd, Sex: "female", Wage: 1, Start: p("2026-01"), End: p("2025-12"), Contract: "fixed"}, "end_month"},
		{"leave without end", store.DeclarationLine{Change: "leave", PersonID: "024190000202"}, "end_month"},
		{"unknown change", store.DeclarationLine{Change: "promotion", PersonID: "024190000202"}, "change"},
	} {
		err := c.line.Check()
		e, ok := err.(*ansinh.Error)
		if !ok || e.Field != c.field || e.Message == "" || e.MessageEN == "" {
			t.Errorf("%s: Check() = %v, want an error on %s", c.name, err, c.field)
		}
	}
}

func TestConfirmPaymentRecordsOnce(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		seedWeb(t, db)
		ctx := context.Background()
		uid, err := db.CreateUser(ctx, store.User{Login: "donvi", PasswordHash: "x", Role: "employer", Scope: "2401000018", Status: store.UserActive, CreatedBy: "test"})
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
		proc, err := db.FindProcedure(ctx, o.ProcedureID, uid)
		if err != nil || proc.Status != "completed" || proc.Channel != "online" || proc.ProcessedAt.IsZero() {
			t.Fatalf("procedure = %+v, %v", proc, err)
		}
		if err := db.AnswerSurvey(ctx, proc.ID, uid, 5, "nhanh", db.Now(), "user:donvi"); err != nil {
			t.Fatal(err)
		}
		if err := db.AnswerSurvey(ctx, proc.ID, uid, 4, "", db.Now(), "user:donvi"); ansinh.ErrorCode(err) != ansinh.ECONFLICT {
			t.Fatalf("second answer: %v", err)
		}
		if err := db.AnswerSurvey(ctx, proc.ID, uid+1, 4, "", db.Now(), "user:x"); ansinh.ErrorCode(err) != ansinh.ENOTFOUND {
			t.Fatalf("someone else's procedure: %v", err)
		}
	})
}

func TestEnrolVoluntary(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		seedWeb(t, db)
		ctx := context.Background()
		p := ansinh.MustParsePeriod
		v := store.VoluntarySpell{PersonID: "024092000404", Start: p("2026-03"), Income: 2_000_000, Mode: "quarterly", Category: "other"}
		proc, err := db.EnrolVoluntary(ctx, store.Enrolment{VoluntarySpell: v, Channel: store.ChannelOnline, Actor: "user:x"})
		if err != nil || proc == 0 {
			t.Fatalf("enrol: %v, %v", proc, err)
		}
		if _, err := db.EnrolVoluntary(ctx, store.Enrolment{VoluntarySpell: v, Channel: store.ChannelOnline, Actor: "user:x"}); err != store.ErrAlreadyEnrolled {
			t.Fatalf("second enrolment: %v", err)
		}
		w := v
		w.PersonID = "024085000101" // in compulsory insurance
		if _, err := db.EnrolVoluntary(ctx, store.Enrolment{VoluntarySpell: w, Channel: store.ChannelAgent, Actor: "user:x"}); err != store.ErrInCompulsory {
			t.Fatalf("enrolment during a compulsory spell: %v", err)
		}
		got, err := db.PersonVoluntary(ctx, "024092000404")
		if err != nil || len(got) != 1 || got[0].Mode != "quarterly" || !got[0].Open(p("2026-04")) {
			t.Fatalf("enrolments = %+v, %v", got, err)
		}
	})
}

func TestRegistrationApprovalCreatesEmployer(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		seedWeb(t, db)
		ctx := context.Background()
		r, err := db.RegisterEmployer(ctx, store.Registration{TaxCode: "2401000032", Name: "Hợp tác xã Mỹ Thái", Kind: "cooperative", CommuneCode: "07228"},
			store.User{Login: "htx", PasswordHash: "x", DisplayName: "HTX"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.RegisterEmployer(ctx, store.Registration{TaxCode: "2401000032", Name: "X", Kind: "private", CommuneCode: "07228"},
			store.User{Login: "htx", PasswordHash: "x"}); err != store.ErrLoginTaken {
			t.Fatalf("same login again: %v", err)
		}
		u, _ := authdb.New(db).FindUserByLogin(ctx, "htx")
		if u.Status != auth.UserPending || u.Role != "employer" || u.Scope != "2401000032" {
			t.Fatalf("pending account = %+v", u)
		}
		if err := db.DecideRegistration(ctx, r.ID, true, ansinh.MustParseDate("2026-03-16"), "user:officer"); err != nil {
			t.Fatal(err)
		}
		if err := db.DecideRegistration(ctx, r.ID, false, ansinh.MustParseDate("2026-03-16"), "user:officer"); err != store.ErrAlreadyDecided {
			t.Fatalf("second decision: %v", err)
		}
		if e, err := db.FindEmployer(ctx, "2401000032", ansinh.Scope{All: true}); err != nil || e.Kind != "cooperative" {
			t.Fatalf("employer = %+v, %v", e, err)
		}
		u, _ = authdb.New(db).FindUserByLogin(ctx, "htx")
		if u.Status != auth.UserActive {
			t.Fatalf("account after approval = %+v", u)
		}
	})
}
