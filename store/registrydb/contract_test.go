package registrydb_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"ansinh"
	"ansinh/auth"
	"ansinh/registry"
	"ansinh/store"
	"ansinh/store/authdb"
	"ansinh/store/registrydb"
	"ansinh/store/storetest"

	"golang.org/x/text/unicode/norm"
)

// env is a registry over a fresh database of one engine.
type env struct {
	db  *store.DB
	reg *registry.Service
	ctx context.Context
}

// each runs the contract test on every engine, with the seed loaded and a
// clock fixed on 16/03/2026.
func each(t *testing.T, fn func(t *testing.T, e env)) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			db := storetest.Open(t, engine)
			seed(t, db)
			base := time.Date(2026, 3, 16, 2, 0, 0, 0, time.UTC)
			n := 0
			db.Now = func() time.Time { n++; return base.Add(time.Duration(n) * time.Millisecond) }
			fn(t, env{db: db, reg: registry.New(registrydb.New(db), nil), ctx: context.Background()})
		})
	}
}

// seed loads a province with two communes, an employer in each and a
// worker at the first.
func seed(t *testing.T, db *store.DB) {
	t.Helper()
	d := ansinh.MustParseDate
	exec(t, db, `INSERT INTO units (code, name, level, parent_code, valid_from, valid_to, region) VALUES
		('24', 'Bắc Ninh', 'province', NULL, $1, NULL, NULL),
		('07210', 'Phường Bắc Giang', 'commune', '24', $1, NULL, 'II'),
		('07228', 'Phường Đa Mai', 'commune', '24', $1, NULL, 'II')`, d("2025-07-01"))
	exec(t, db, `INSERT INTO employers (tax_code, name, kind, commune_code, registered_on) VALUES
		('2401000018', 'Công ty TNHH May Bắc Giang', 'private', '07210', $1),
		('2401000025', 'Công ty Cổ phần Đa Mai', 'fdi', '07228', $1)`, d("2015-03-01"))
	exec(t, db, `INSERT INTO persons (person_id, full_name, birth_date, sex, ethnic_minority, commune_code) VALUES
		('024085000101', 'Nguyễn Văn An', $1, 'male', $2, '07210'),
		('024092000404', 'Nguyễn Thị Bích', $3, 'female', $2, '07228')`, d("1985-04-12"), db.Bool(false), d("1992-11-02"))
	exec(t, db, `INSERT INTO employment (tax_code, person_id, start_month, end_month, wage, contract, declared_on) VALUES
		('2401000018', '024085000101', '2019-01', NULL, 8500000, 'indefinite', $1)`, d("2019-01-05"))
}

func exec(t *testing.T, db *store.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.W.ExecContext(context.Background(), q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// checked returns the lines after Check, failing the test on a problem.
func checked(t *testing.T, lines ...registry.DeclarationLine) []registry.DeclarationLine {
	t.Helper()
	for i := range lines {
		if err := lines[i].Check(); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
	}
	return lines
}

const taxA, taxB = "2401000018", "2401000025"

var (
	p = ansinh.MustParsePeriod
	d = ansinh.MustParseDate
)

// hire is a valid hire of a new person at employer A from March 2026.
func hire() registry.DeclarationLine {
	return registry.DeclarationLine{Change: registry.ChangeHire, PersonID: "024190000202", FullName: "Lê Thị Hoa",
		BirthDate: d("1990-06-21"), Sex: "female", Wage: 7_000_000, Start: p("2026-03"), Contract: "fixed"}
}

func TestSubmitDeclarationProcessesLines(t *testing.T) {
	each(t, func(t *testing.T, e env) {
		lines := checked(t,
			// A new person: created in the employer's commune, spell opened.
			hire(),
			// A wage change from April: the open spell closes in March, a
			// new one opens.
			registry.DeclarationLine{Change: registry.ChangeWageChange, PersonID: "024085000101", Wage: 9_000_000, Start: p("2026-04")},
			// A leaver without an open spell: rejected.
			registry.DeclarationLine{Change: registry.ChangeLeave, PersonID: "024092000404", End: p("2026-02")},
			// A second hire of the worker just hired: rejected.
			hire(),
		)
		dcl, err := e.reg.SubmitDeclaration(e.ctx, registry.Submission{TaxCode: taxA, Channel: registry.ChannelOnline, Actor: "user:test", Lines: lines})
		if err != nil {
			t.Fatal(err)
		}
		if dcl.Status != "partial" || dcl.Accepted != 2 || dcl.Rejected != 2 {
			t.Fatalf("declaration = %s %d/%d %+v", dcl.Status, dcl.Accepted, dcl.Rejected, dcl.Lines)
		}
		if dcl.ReceiptNo == "" || dcl.ProcessedAt.Before(dcl.SubmittedAt) {
			t.Fatalf("receipt %q, submitted %v, processed %v", dcl.ReceiptNo, dcl.SubmittedAt, dcl.ProcessedAt)
		}
		if dcl.Lines[2].Status != "rejected" || dcl.Lines[2].Reason == "" || dcl.Lines[3].Status != "rejected" {
			t.Fatalf("lines = %+v", dcl.Lines)
		}
		person, err := e.reg.FindPerson(e.ctx, "024190000202", ansinh.Scope{All: true})
		if err != nil || person.CommuneCode != "07210" || person.FullName != "Lê Thị Hoa" {
			t.Fatalf("created person = %+v, %v", person, err)
		}
		spells, err := e.reg.PersonSpells(e.ctx, "024085000101")
		if err != nil || len(spells) != 2 {
			t.Fatalf("spells after wage change = %+v, %v", spells, err)
		}
		if spells[0].Start != p("2026-04") || !spells[0].End.IsZero() || spells[0].Wage != 9_000_000 || spells[0].Contract != "indefinite" {
			t.Errorf("new spell = %+v", spells[0])
		}
		if spells[1].End != p("2026-03") || spells[1].Wage != 8_500_000 {
			t.Errorf("closed spell = %+v", spells[1])
		}
		got, err := e.reg.FindDeclaration(e.ctx, dcl.ID, ansinh.Scope{TaxCodes: []string{taxA}})
		if err != nil || got.ReceiptNo != dcl.ReceiptNo || len(got.Lines) != 4 || got.Lines[0].FullName != "Lê Thị Hoa" {
			t.Fatalf("FindDeclaration = %+v, %v", got, err)
		}
		if _, err := e.reg.FindDeclaration(e.ctx, dcl.ID, ansinh.Scope{TaxCodes: []string{taxB}}); ansinh.ErrorCode(err) != ansinh.ENOTFOUND {
			t.Fatalf("another employer's declaration: %v", err)
		}

		// The leaver, now with an open spell.
		leave := []registry.DeclarationLine{{Change: registry.ChangeLeave, PersonID: "024190000202", End: p("2026-03")}}
		d2, err := e.reg.SubmitDeclaration(e.ctx, registry.Submission{TaxCode: taxA, Channel: registry.ChannelCounter, Actor: "user:officer", Lines: leave})
		if err != nil || d2.Status != "processed" {
			t.Fatalf("leave: %+v, %v", d2, err)
		}
		spells, _ = e.reg.PersonSpells(e.ctx, "024190000202")
		if len(spells) != 1 || spells[0].End != p("2026-03") {
			t.Fatalf("after leave: %+v", spells)
		}
		list, more, err := e.reg.DeclarationsOf(e.ctx, taxA, 0, 10)
		if err != nil || more || len(list) != 2 || list[0].ID != d2.ID || list[0].Channel != registry.ChannelCounter {
			t.Fatalf("DeclarationsOf = %+v, %v, %v", list, more, err)
		}
		entries, _, err := e.db.ListAudit(e.ctx, store.AuditFilter{Action: "declaration.submit"})
		if err != nil || len(entries) != 2 {
			t.Fatalf("audit = %+v, %v", entries, err)
		}
	})
}

// TestDeclarationRefusals: each rule of issue 14.1 refuses its line with a
// reason in both languages and changes nothing.
func TestDeclarationRefusals(t *testing.T) {
	each(t, func(t *testing.T, e env) {
		known := func(f func(*registry.DeclarationLine)) registry.DeclarationLine {
			l := registry.DeclarationLine{Change: registry.ChangeHire, PersonID: "024085000101", FullName: "Nguyễn Văn An",
				BirthDate: d("1985-04-12"), Sex: "male", Wage: 7_000_000, Start: p("2026-03"), Contract: "fixed"}
			f(&l)
			return l
		}
		for _, c := range []struct {
			name string
			line registry.DeclarationLine
		}{
			{"another name for a known ID", known(func(l *registry.DeclarationLine) { l.FullName = "Trần Văn An" })},
			{"another birth date for a known ID", known(func(l *registry.DeclarationLine) { l.BirthDate = d("1985-04-13") })},
			{"wage below the month's floor", known(func(l *registry.DeclarationLine) { l.Wage = 1_000_000 })},
			{"start beyond next month", known(func(l *registry.DeclarationLine) { l.Start = p("2026-05") })},
			{"start before the 15th birthday", registry.DeclarationLine{Change: registry.ChangeHire, PersonID: "024312000707",
				FullName: "Phạm Minh Châu", BirthDate: d("2012-05-01"), Sex: "female", Wage: 7_000_000, Start: p("2026-03"), Contract: "fixed"}},
			{"leave before the hire", registry.DeclarationLine{Change: registry.ChangeLeave, PersonID: "024085000101", End: p("2018-12")}},
		} {
			l := c.line
			if err := l.Check(); err != nil {
				t.Fatalf("%s: Check: %v", c.name, err)
			}
			dcl, err := e.reg.SubmitDeclaration(e.ctx, registry.Submission{TaxCode: taxB, Channel: registry.ChannelOnline, Actor: "user:b",
				Lines: []registry.DeclarationLine{l}})
			if c.name == "leave before the hire" {
				dcl, err = e.reg.SubmitDeclaration(e.ctx, registry.Submission{TaxCode: taxA, Channel: registry.ChannelOnline, Actor: "user:a",
					Lines: []registry.DeclarationLine{l}})
			}
			if err != nil || dcl.Status != "rejected" || dcl.Lines[0].Reason == "" || dcl.Lines[0].ReasonEN == "" {
				t.Errorf("%s: %+v, %v", c.name, dcl, err)
			}
		}
		// The same person, same identity typed another way (NFD, the old
		// tone-mark placement, spaces): accepted.
		ok := known(func(l *registry.DeclarationLine) { l.FullName = norm.NFD.String("  nguyễn   văn an ") })
		dcl, err := e.reg.SubmitDeclaration(e.ctx, registry.Submission{TaxCode: taxB, Channel: registry.ChannelOnline, Actor: "user:b",
			Lines: checked(t, ok)})
		if err != nil || dcl.Status != "processed" {
			t.Fatalf("same identity: %+v, %v", dcl, err)
		}
		if spells, _ := e.reg.PersonSpells(e.ctx, "024085000101"); len(spells) != 2 || spells[0].TaxCode != taxB {
			t.Fatalf("spells of the refused hires = %+v", spells)
		}
		if _, err := e.reg.FindPerson(e.ctx, "024312000707", ansinh.Scope{All: true}); ansinh.ErrorCode(err) != ansinh.ENOTFOUND {
			t.Fatalf("the under-age worker was added: %v", err)
		}
	})
}

func TestEnrolVoluntary(t *testing.T) {
	each(t, func(t *testing.T, e env) {
		v := registry.VoluntarySpell{PersonID: "024092000404", Start: p("2026-03"), Income: 2_000_000, Mode: "quarterly", Category: "other"}
		proc, err := e.reg.EnrolVoluntary(e.ctx, registry.Enrolment{VoluntarySpell: v, Channel: registry.ChannelOnline, Actor: "user:x"})
		if err != nil || proc == 0 {
			t.Fatalf("enrol: %v, %v", proc, err)
		}
		if _, err := e.reg.EnrolVoluntary(e.ctx, registry.Enrolment{VoluntarySpell: v, Channel: registry.ChannelOnline, Actor: "user:x"}); err != registry.ErrAlreadyEnrolled {
			t.Fatalf("second enrolment: %v", err)
		}
		w := v
		w.PersonID = "024085000101" // in compulsory insurance
		if _, err := e.reg.EnrolVoluntary(e.ctx, registry.Enrolment{VoluntarySpell: w, Channel: registry.ChannelAgent, Actor: "user:x"}); err != registry.ErrInCompulsory {
			t.Fatalf("enrolment during a compulsory spell: %v", err)
		}
		got, err := e.reg.PersonVoluntary(e.ctx, "024092000404")
		if err != nil || len(got) != 1 || got[0].Mode != "quarterly" || !got[0].Open(p("2026-04")) {
			t.Fatalf("enrolments = %+v, %v", got, err)
		}
		cats, err := e.reg.PersonCategories(e.ctx, "024092000404", 2026)
		if err != nil || len(cats) != 0 {
			t.Fatalf("categories = %v, %v", cats, err)
		}
	})
}

func TestRegistrationApprovalCreatesEmployer(t *testing.T) {
	each(t, func(t *testing.T, e env) {
		r, err := e.reg.RegisterEmployer(e.ctx, registry.Registration{TaxCode: "2401000032", Name: "Hợp tác xã Mỹ Thái", Kind: "cooperative", CommuneCode: "07228"},
			registry.Account{Login: "htx", PasswordHash: "x", DisplayName: "HTX"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.reg.RegisterEmployer(e.ctx, registry.Registration{TaxCode: "2401000049", Name: "X", Kind: "private", CommuneCode: "07228"},
			registry.Account{Login: "htx", PasswordHash: "x"}); err != registry.ErrLoginTaken {
			t.Fatalf("same login again: %v", err)
		}
		// Issue 14.1: the same employer again, with another login, while
		// its registration waits, and after its approval.
		again := func() error {
			_, err := e.reg.RegisterEmployer(e.ctx, registry.Registration{TaxCode: "2401000032", Name: "HTX Mỹ Thái", Kind: "cooperative", CommuneCode: "07228"},
				registry.Account{Login: "htx2", PasswordHash: "x"})
			return err
		}
		if err := again(); err != registry.ErrAlreadyRegistered {
			t.Fatalf("second registration while pending: %v", err)
		}
		u, _ := authdb.New(e.db).FindUserByLogin(e.ctx, "htx")
		if u.Status != auth.UserPending || u.Role != "employer" || u.Scope != "2401000032" {
			t.Fatalf("pending account = %+v", u)
		}
		if err := e.reg.DecideRegistration(e.ctx, r.ID, true, d("2026-03-16"), "user:officer"); err != nil {
			t.Fatal(err)
		}
		if err := e.reg.DecideRegistration(e.ctx, r.ID, false, d("2026-03-16"), "user:officer"); err != registry.ErrAlreadyDecided {
			t.Fatalf("second decision: %v", err)
		}
		if emp, err := e.reg.FindEmployer(e.ctx, "2401000032", ansinh.Scope{All: true}); err != nil || emp.Kind != "cooperative" {
			t.Fatalf("employer = %+v, %v", emp, err)
		}
		u, _ = authdb.New(e.db).FindUserByLogin(e.ctx, "htx")
		if u.Status != auth.UserActive {
			t.Fatalf("account after approval = %+v", u)
		}
		if err := again(); err != registry.ErrAlreadyRegistered {
			t.Fatalf("second registration after approval: %v", err)
		}
		if regs, _ := e.reg.ListRegistrations(e.ctx, "", 10); len(regs) != 1 || regs[0].Status != "approved" {
			t.Fatalf("registrations = %+v", regs)
		}
	})
}

func TestProceduresAndSurvey(t *testing.T) {
	each(t, func(t *testing.T, e env) {
		uid, err := authdb.New(e.db).CreateUser(e.ctx, auth.User{Login: "donvi", PasswordHash: "x", Role: "employer", Scope: taxA, Status: auth.UserActive, CreatedBy: "test"})
		if err != nil {
			t.Fatal(err)
		}
		dcl, err := e.reg.SubmitDeclaration(e.ctx, registry.Submission{TaxCode: taxA, Channel: registry.ChannelOnline, UserID: uid, Actor: "user:donvi",
			Lines: checked(t, hire())})
		if err != nil {
			t.Fatal(err)
		}
		procs, err := e.reg.ProceduresOf(e.ctx, uid, 10)
		if err != nil || len(procs) != 1 || procs[0].ID != dcl.ProcedureID || procs[0].Status != "completed" || procs[0].Ref != dcl.ReceiptNo {
			t.Fatalf("procedures = %+v, %v", procs, err)
		}
		if err := e.reg.AnswerSurvey(e.ctx, dcl.ProcedureID, uid, 9, "", e.db.Now(), "user:donvi"); ansinh.ErrorCode(err) != ansinh.EINVALID {
			t.Fatalf("score 9: %v", err)
		}
		if err := e.reg.AnswerSurvey(e.ctx, dcl.ProcedureID, uid, 5, "nhanh", e.db.Now(), "user:donvi"); err != nil {
			t.Fatal(err)
		}
		if err := e.reg.AnswerSurvey(e.ctx, dcl.ProcedureID, uid, 4, "", e.db.Now(), "user:donvi"); err != registry.ErrSurveyAnswered {
			t.Fatalf("second answer: %v", err)
		}
		if p, err := e.reg.FindProcedure(e.ctx, dcl.ProcedureID, uid); err != nil || p.Score != 5 || p.Comment != "nhanh" {
			t.Fatalf("procedure = %+v, %v", p, err)
		}
		if _, err := e.reg.FindProcedure(e.ctx, dcl.ProcedureID, uid+1); ansinh.ErrorCode(err) != ansinh.ENOTFOUND {
			t.Fatalf("someone else's procedure: %v", err)
		}
	})
}

// TestRegistrationsThatRace: registrations of one employer sent at the same
// instant under different logins: one waits for a decision, the others are
// refused with ErrAlreadyRegistered, never another error.
func TestRegistrationsThatRace(t *testing.T) {
	each(t, func(t *testing.T, e env) {
		const n = 8
		errs := make([]error, n)
		var start, done sync.WaitGroup
		start.Add(1)
		for i := range n {
			done.Add(1)
			go func() {
				defer done.Done()
				start.Wait()
				_, errs[i] = e.reg.RegisterEmployer(e.ctx, registry.Registration{TaxCode: "2401000032", Name: "Hợp tác xã Mỹ Thái", Kind: "cooperative",
					CommuneCode: "07228"}, registry.Account{Login: fmt.Sprintf("htx%d", i), PasswordHash: "x"})
			}()
		}
		start.Done()
		done.Wait()
		ok, refused := 0, 0
		for _, err := range errs {
			switch err {
			case nil:
				ok++
			case registry.ErrAlreadyRegistered:
				refused++
			default:
				t.Errorf("registration: %v", err)
			}
		}
		regs, _ := e.reg.ListRegistrations(e.ctx, "", 20)
		if ok != 1 || refused != n-1 || len(regs) != 1 {
			t.Fatalf("%d registered, %d refused, %d registrations", ok, refused, len(regs))
		}
	})
}
