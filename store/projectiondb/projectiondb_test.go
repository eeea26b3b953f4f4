package projectiondb_test

import (
	"cmp"
	"context"
	"reflect"
	"slices"
	"testing"

	"ansinh"
	"ansinh/projection"
	"ansinh/rules"
	"ansinh/store"
	"ansinh/store/projectiondb"
	"ansinh/store/storetest"
)

// seed writes a small registry: persons with spells, benefits and the
// labour force, each placed to land under one heading of the start state
// at 2026-12 (see TestStartState).
func seed(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.W.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	d := ansinh.MustParseDate
	exec(`INSERT INTO employers (tax_code, name, kind, commune_code, registered_on) VALUES
		('2401000018', 'Công ty TNHH May Bắc Giang', 'private', '07210', $1)`, d("2015-03-01"))
	for _, p := range []struct{ id, born, sex string }{
		{"A", "1990-05-10", "male"}, {"B", "2000-01-01", "female"}, {"C", "1985-02-02", "male"},
		{"D", "1980-03-03", "female"}, {"E", "1960-04-04", "male"}, {"F", "1950-05-05", "female"},
		{"G", "1955-06-06", "male"}, {"H", "1970-07-07", "male"},
	} {
		exec(`INSERT INTO persons (person_id, full_name, birth_date, sex, ethnic_minority, commune_code) VALUES ($1, $2, $3, $4, $5, '07210')`,
			p.id, "Người "+p.id, d(p.born), p.sex, db.Bool(false))
	}
	for _, e := range []struct {
		id, from string
		to       any
		wage     int64
	}{
		{"A", "2020-01", "2026-12", 10_000_000}, {"B", "2019-01", "2020-12", 5_000_000}, {"B", "2026-03", nil, 8_000_000},
		{"C", "2018-01", "2026-06", 7_000_000}, {"E", "2018-01", "2021-12", 9_000_000}, {"H", "2015-01", "2025-12", 12_000_000},
		{"A", "2027-01", nil, 99_000_000}, // after the month: ignored
	} {
		exec(`INSERT INTO employment (tax_code, person_id, start_month, end_month, wage, contract, declared_on) VALUES ('2401000018', $1, $2, $3, $4, 'indefinite', $5)`,
			e.id, e.from, e.to, e.wage, d("2015-03-01"))
	}
	exec(`INSERT INTO voluntary (person_id, start_month, end_month, income, mode, category) VALUES ('D', '2024-01', NULL, 3000000, 'monthly', 'poor')`)
	for _, b := range []struct {
		id, kind, from string
		to             any
		amount         int64
	}{
		{"E", "pension", "2022-01", nil, 6_000_000}, {"H", "pension", "2026-01", nil, 7_500_000},
		{"F", "monthly_si_benefit", "2010-01", nil, 2_000_000}, {"F", "social_pension", "2025-07", nil, 500_000},
		{"G", "pension", "2015-01", "2025-06", 4_000_000},
	} {
		exec(`INSERT INTO beneficiaries (person_id, kind, start_month, end_month, monthly_amount) VALUES ($1, $2, $3, $4, $5)`,
			b.id, b.kind, b.from, b.to, b.amount)
	}
	exec(`INSERT INTO labor_force (unit_code, year, labor_force, over_retirement_age) VALUES
		('07210', 2025, 100, 20), ('07228', 2025, 50, 10), ('07210', 2026, 110, 21), ('07228', 2026, 60, 11)`)
}

// TestStartState is the contract of projection.Store, on both engines.
func TestStartState(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			db := storetest.Open(t, engine)
			seed(t, db)
			got, err := projectiondb.New(db).StartState(context.Background(), ansinh.MustParsePeriod("2026-12"))
			if err != nil {
				t.Fatal(err)
			}
			checkStartState(t, got)
		})
	}
}

func checkStartState(t *testing.T, got projection.StartState) {
	t.Helper()
	M, V, male, female := projection.Mandatory, projection.Voluntary, rules.Male, rules.Female
	other := rules.CategoryOther
	want := projection.StartState{
		Month: ansinh.MustParsePeriod("2026-12"),
		Members: []projection.MemberGroup{
			{Scheme: M, Category: other, Sex: male, Age: 36, ServiceYears: 7, Count: 1, Amount: 10_000_000},
			{Scheme: M, Category: other, Sex: female, Age: 26, ServiceYears: 2, Count: 1, Amount: 8_000_000},
			{Scheme: V, Category: rules.CategoryPoor, Sex: female, Age: 46, ServiceYears: 3, Count: 1, Amount: 3_000_000},
		},
		Deferred: []projection.MemberGroup{{Scheme: M, Category: other, Sex: male, Age: 41, ServiceYears: 8, Count: 1, Amount: 7_000_000}},
		Entrants: []projection.MemberGroup{{Scheme: M, Category: other, Sex: female, Age: 26, ServiceYears: 2, Count: 1, Amount: 8_000_000}},
		Beneficiaries: []projection.BeneficiaryGroup{
			{Kind: projection.Pension, Sex: male, Age: 56, Count: 1, Monthly: 7_500_000},
			{Kind: projection.Pension, Sex: male, Age: 66, Count: 1, Monthly: 6_000_000},
			{Kind: projection.MonthlyBenefit, Sex: female, Age: 76, Count: 1, Monthly: 2_000_000},
		},
		YearBefore: []projection.FlowGroup{fg(M, male, 36), fg(M, male, 41), fg(M, male, 56), fg(V, female, 46)},
		Exits:      []projection.FlowGroup{fg(M, male, 41)},
		LabourForce: []projection.LabourForceYear{{Year: 2025, LabourForce: 150, OverRetirementAge: 30},
			{Year: 2026, LabourForce: 170, OverRetirementAge: 32}},
	}
	normalise(&got)
	normalise(&want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("start state:\n got %+v\nwant %+v", got, want)
	}
}

func fg(s projection.Scheme, sex rules.Sex, age int) projection.FlowGroup {
	return projection.FlowGroup{Scheme: s, Sex: sex, Age: age, Count: 1}
}

// normalise sorts the groups, whose order the contract leaves free.
func normalise(s *projection.StartState) {
	for _, gs := range [][]projection.MemberGroup{s.Members, s.Deferred, s.Entrants} {
		slices.SortFunc(gs, func(a, b projection.MemberGroup) int {
			return cmp.Or(cmp.Compare(a.Scheme, b.Scheme), cmp.Compare(a.Sex, b.Sex), cmp.Compare(a.Age, b.Age), cmp.Compare(a.ServiceYears, b.ServiceYears))
		})
	}
	for _, fs := range [][]projection.FlowGroup{s.YearBefore, s.Exits} {
		slices.SortFunc(fs, func(a, b projection.FlowGroup) int {
			return cmp.Or(cmp.Compare(a.Scheme, b.Scheme), cmp.Compare(a.Sex, b.Sex), cmp.Compare(a.Age, b.Age))
		})
	}
	slices.SortFunc(s.Beneficiaries, func(a, b projection.BeneficiaryGroup) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Sex, b.Sex), cmp.Compare(a.Age, b.Age))
	})
}
