package benefitsdb_test

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

// now is the fixture's clock: 10 September 2026, in Vietnam.
var now = time.Date(2026, 9, 10, 9, 0, 0, 0, ansinh.Vietnam)

// The fixture's people.
const (
	pensioner = "001169000001" // woman born 1969-06-15: pension from 2026-07
	young     = "001190000002" // man born 1990: no pension; contract ended 2026-01
	elder     = "001148000003" // woman born 1948: social pension
)

// exec runs statements or fails the test.
func exec(t *testing.T, db *store.DB, qs ...string) {
	t.Helper()
	for _, q := range qs {
		if _, err := db.W.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// seed loads a commune, an employer, two people and the pensioner's career:
// the paper record 1995-01 to 2009-12, the registry from 2010-01 to 2025-12.
func seed(t *testing.T, db *store.DB) {
	t.Helper()
	exec(t, db,
		`INSERT INTO units (code, name, level, parent_code, valid_from, region) VALUES ('27', 'Bắc Ninh', 'province', NULL, '2025-07-01', NULL)`,
		`INSERT INTO units (code, name, level, parent_code, valid_from, region) VALUES ('09190', 'Phường Kinh Bắc', 'commune', '27', '2025-07-01', 'I')`,
		`INSERT INTO persons (person_id, full_name, birth_date, sex, ethnic_minority, commune_code) VALUES ('`+pensioner+`', 'Nguyễn Thị Hoa', '1969-06-15', 'female', FALSE, '09190')`,
		`INSERT INTO persons (person_id, full_name, birth_date, sex, ethnic_minority, commune_code) VALUES ('`+young+`', 'Trần Văn Nam', '1990-05-01', 'male', FALSE, '09190')`,
		`INSERT INTO persons (person_id, full_name, birth_date, sex, ethnic_minority, commune_code) VALUES ('`+elder+`', 'Lê Thị Lan', '1948-02-01', 'female', FALSE, '09190')`,
		`INSERT INTO employers (tax_code, name, kind, commune_code, registered_on) VALUES ('0101234567', 'Công ty TNHH Kinh Bắc', 'private', '09190', '2005-01-01')`,
		`INSERT INTO employment (tax_code, person_id, start_month, end_month, wage, contract, declared_on) VALUES ('0101234567', '`+pensioner+`', '2010-01', '2026-06', 8000000, 'indefinite', '2010-01-01')`,
		`INSERT INTO employment (tax_code, person_id, start_month, end_month, wage, contract, declared_on) VALUES ('0101234567', '`+young+`', '2020-01', '2026-01', 9000000, 'indefinite', '2020-01-01')`,
		`INSERT INTO si_history (person_id, from_month, to_month, scheme, wage, employer_name, source_ref) VALUES ('`+pensioner+`', '1995-01', '2009-12', 'contract', 2000000, 'Xí nghiệp Dệt Bắc Ninh', 'SỔ 2795001234')`,
	)
}

// service returns the benefits service on db with the fixture's clock.
func service(db *store.DB) *benefits.Service {
	return &benefits.Service{Store: benefitsdb.New(db), Params: rules.Default(), Now: func() time.Time { return now }}
}

// actors of the tests.
var (
	citizen  = benefits.Actor{Login: "user:hoa", Citizen: true, Scope: ansinh.Scope{PersonID: pensioner}}
	officerA = benefits.Actor{Login: "user:can-bo-a", Scope: ansinh.Scope{All: true}}
	officerB = benefits.Actor{Login: "user:can-bo-b", Scope: ansinh.Scope{All: true}}
)

// approved files, checks and approves a claim.
func approved(t *testing.T, svc *benefits.Service, by benefits.Actor, req benefits.Request) benefits.Claim {
	t.Helper()
	ctx := context.Background()
	c, err := svc.File(ctx, by, req)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Check(ctx, officerA, c.ID); err != nil {
		t.Fatal(err)
	}
	c, err = svc.Approve(ctx, officerB, c.ID)
	if err != nil {
		t.Fatalf("approve: %v (%+v)", err, c.Assessment.Missing)
	}
	return c
}
