package compliancedb_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"ansinh"
	"ansinh/auth"
	"ansinh/compliance"
	"ansinh/rules"
	"ansinh/store"
	"ansinh/store/authdb"
	"ansinh/store/compliancedb"
	"ansinh/store/storetest"
)

// load loads rows into a table as one import run of kind and returns the
// run's id (the feed version for a partner's feed).
func load(t testing.TB, db *store.DB, table string, cols, key []string, rows [][]any) int64 {
	t.Helper()
	ctx := context.Background()
	run, err := db.BeginRun(ctx, table, table+".csv", fmt.Sprintf("%064x", len(rows)), "test")
	if err != nil {
		t.Fatal(err)
	}
	b, err := db.BeginBulk(ctx, store.Table{Name: table, Columns: cols, Key: key}, run)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := b.Add(r); err != nil {
			t.Fatal(err)
		}
	}
	res, err := b.Commit()
	if err != nil {
		t.Fatalf("load %s: %v", table, err)
	}
	if err := db.FinishRun(ctx, run, "committed", store.RunCounts{Read: len(rows), Inserted: res.Inserted, Update: res.Updated}); err != nil {
		t.Fatal(err)
	}
	return run
}

var (
	taxCols = []string{"tax_code", "person_id", "month", "wage_income"}
	taxKey  = []string{"tax_code", "person_id", "month"}
)

// The fixture: employer A (registered) with an insured worker, an
// uninsured worker and an underdeclared one; enterprise U, in the business
// registry and paying wages, never registered; employer S that stopped
// paying.
const (
	taxA = "0100109106"
	taxU = "0102030405"
	taxS = "0101243150"
	pOK  = "001090000001"
	pNo  = "001090000002"
	pLow = "001090000003"
)

var fixPeriod = ansinh.MustParsePeriod("2026-11")

func taxMonths(tax, pid, from, to string, wage int64) [][]any {
	var out [][]any
	for m := ansinh.MustParsePeriod(from); m <= ansinh.MustParsePeriod(to); m++ {
		out = append(out, []any{tax, pid, m, wage})
	}
	return out
}

// loadFixture loads the registry and the feeds and returns the tax feed's
// version.
func loadFixture(t testing.TB, db *store.DB) int64 {
	t.Helper()
	day := ansinh.MustParseDate
	load(t, db, "units", []string{"code", "name", "level", "parent_code", "valid_from", "valid_to", "region"}, []string{"code", "valid_from"},
		[][]any{{"24", "Bắc Ninh", "province", nil, day("2025-07-01"), nil, nil}, {"09427", "Phường Kinh Bắc", "commune", "24", day("2025-07-01"), nil, "I"}})
	load(t, db, "persons", []string{"person_id", "full_name", "birth_date", "sex", "ethnic_minority", "commune_code"}, []string{"person_id"},
		[][]any{{pOK, "Nguyễn Văn An", day("1990-03-01"), "male", db.Bool(false), "09427"},
			{pLow, "Trần Thị Bình", day("1990-05-01"), "male", db.Bool(false), "09427"}})
	load(t, db, "employers", []string{"tax_code", "name", "kind", "commune_code", "industrial_zone", "registered_on"}, []string{"tax_code"},
		[][]any{{taxA, "Công ty TNHH Hòa Bình", "private", "09427", nil, day("2015-01-05")},
			{taxS, "Công ty CP Minh Anh", "private", "09427", nil, day("2015-01-05")}})
	spell := func(tax, pid, start string, wage int64) []any {
		return []any{tax, pid, ansinh.MustParsePeriod(start), nil, wage, "indefinite", ansinh.MustParsePeriod(start).First()}
	}
	load(t, db, "employment", []string{"tax_code", "person_id", "start_month", "end_month", "wage", "contract", "declared_on"},
		[]string{"tax_code", "person_id", "start_month"},
		[][]any{spell(taxA, pOK, "2020-01", 10_000_000), spell(taxA, pLow, "2020-01", 6_000_000), spell(taxS, pOK, "2025-01", 8_000_000)})
	var pays [][]any
	for m := ansinh.MustParsePeriod("2020-01"); m <= ansinh.MustParsePeriod("2026-09"); m++ {
		pays = append(pays, []any{"KY" + m.String(), taxA, int64(5_120_000), m.Add(1).First().AddDays(10), "bank", nil})
	}
	for m := ansinh.MustParsePeriod("2025-01"); m <= ansinh.MustParsePeriod("2026-05"); m++ {
		pays = append(pays, []any{"KY" + m.String(), taxS, int64(2_560_000), m.Add(1).First().AddDays(10), "bank", nil})
	}
	load(t, db, "payments", []string{"ref", "payer", "amount", "paid_on", "channel", "agent_code"}, []string{"payer", "ref"}, pays)
	var taxes [][]any
	taxes = append(taxes, taxMonths(taxA, pOK, "2025-12", "2026-11", 11_000_000)...)
	taxes = append(taxes, taxMonths(taxA, pNo, "2026-04", "2026-09", 7_000_000)...)
	taxes = append(taxes, taxMonths(taxA, pLow, "2025-12", "2026-11", 10_500_000)...)
	taxes = append(taxes, taxMonths(taxU, pNo, "2025-12", "2026-03", 7_000_000)...)
	taxes = append(taxes, taxMonths(taxU, "001090000004", "2025-12", "2026-11", 6_500_000)...)
	v := load(t, db, "tax_wages", taxCols, taxKey, taxes)
	load(t, db, "business_registry", []string{"tax_code", "name", "commune_code", "registered_on", "status", "employees_reported"}, []string{"tax_code"},
		[][]any{{taxU, "CONG TY TNHH AN PHAT", "09427", day("2018-02-01"), "active", int64(2)},
			{taxA, "CONG TY TNHH HOA BINH", "09427", day("2014-12-01"), "active", int64(3)}})
	return v
}

// runMatch matches and saves as of the fixture's period.
func runMatch(t testing.TB, db *store.DB) (*compliance.Result, compliance.MatchSaved) {
	t.Helper()
	ctx := context.Background()
	p := rules.Default()
	res, err := compliance.Match(ctx, compliancedb.New(db), compliancedb.New(db).EstimatedArrears(p), p, compliance.DefaultConfig(fixPeriod))
	if err != nil {
		t.Fatal(err)
	}
	saved, err := compliancedb.New(db).SaveFindings(ctx, res, "test")
	if err != nil {
		t.Fatal(err)
	}
	return res, saved
}

// snapshot returns every finding and case as text, and the audit count.
func snapshot(t testing.TB, db *store.DB) ([]string, int) {
	t.Helper()
	ctx := context.Background()
	fs, _, err := compliancedb.New(db).ListFindings(ctx, compliance.FindingFilter{Scope: ansinh.Scope{All: true}, State: "all", WithEvidence: true, Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%+v", f))
	}
	cs, _, err := compliancedb.New(db).ListCases(ctx, compliance.CaseFilter{Scope: ansinh.Scope{All: true}, Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		out = append(out, fmt.Sprintf("%+v", c))
	}
	var n int
	if err := db.R.QueryRowContext(ctx, `SELECT count(*) FROM audit_log`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out, n
}

func TestStoreMatch(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			db := storetest.Open(t, engine)
			db.Now = func() time.Time { return time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC) }
			taxVersion := loadFixture(t, db)
			res, saved := runMatch(t, db)
			want := []string{
				"unregistered_employer " + taxU + " ",
				"evasion_unregistered_worker " + taxA + " " + pNo,
				"underdeclared_wage " + taxA + " " + pLow,
				"evasion_arrears " + taxS + " ",
			}
			var got []string
			for _, f := range res.Findings {
				got = append(got, string(f.Kind)+" "+f.TaxCode+" "+f.PersonID)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("findings %q, want %q", got, want)
			}
			if saved.Inserted != 4 || saved.Cases != 3 || saved.Attached != 4 {
				t.Errorf("saved %+v", saved)
			}

			// Each finding's evidence names feed rows that read back as
			// cited (version + key), and registry records.
			for _, f := range res.Findings {
				ev, err := compliance.ParseEvidence(f.Evidence)
				if err != nil {
					t.Fatal(err)
				}
				if len(ev.Registry) == 0 {
					t.Errorf("%s: no registry record", f.ID)
				}
				if f.Kind != compliance.EvasionArrears && len(ev.FeedRows) == 0 {
					t.Errorf("%s: no feed row", f.ID)
				}
				for _, r := range ev.FeedRows {
					back, err := compliancedb.New(db).FeedRowAt(ctx, r.Feed, r.Version, r.Key)
					if err != nil {
						t.Fatalf("%s: row %+v: %v", f.ID, r, err)
					}
					if back.WageIncome != r.WageIncome || back.Status != r.Status || back.Name != r.Name {
						t.Errorf("%s: cited %+v, stored %+v", f.ID, r, back)
					}
				}
				for _, v := range ev.FeedVersions {
					if v.SHA256 == "" || v.File == "" || v.Actor != "test" || v.At == "" {
						t.Errorf("%s: feed version %+v lacks its source", f.ID, v)
					}
				}
			}

			// Re-running the same match changes nothing.
			before, auditBefore := snapshot(t, db)
			_, again := runMatch(t, db)
			if again.Changed() || again.Unchanged != 4 {
				t.Errorf("re-run %+v", again)
			}
			after, auditAfter := snapshot(t, db)
			if !slices.Equal(before, after) || auditBefore != auditAfter {
				t.Errorf("re-running changed the database:\n%v\n%v", before, after)
			}

			// The worker is declared, and a corrected tax feed lowers the
			// underdeclared wage: the findings clear, the old values stay
			// readable under their version.
			load(t, db, "persons", []string{"person_id", "full_name", "birth_date", "sex", "ethnic_minority", "commune_code"}, []string{"person_id"},
				[][]any{{pNo, "Lê Văn Cường", ansinh.MustParseDate("1990-07-01"), "male", db.Bool(false), "09427"}})
			load(t, db, "employment", []string{"tax_code", "person_id", "start_month", "end_month", "wage", "contract", "declared_on"},
				[]string{"tax_code", "person_id", "start_month"},
				[][]any{{taxA, pNo, ansinh.MustParsePeriod("2026-04"), nil, int64(7_000_000), "fixed", ansinh.MustParseDate("2026-04-02")}})
			v2 := load(t, db, "tax_wages", taxCols, taxKey, taxMonths(taxA, pLow, "2025-12", "2026-11", 6_500_000))
			_, third := runMatch(t, db)
			if third.Cleared != 2 || third.Inserted != 0 {
				t.Errorf("after the corrections %+v", third)
			}
			key := compliance.RowKey{TaxCode: taxA, PersonID: pLow, Month: "2026-01"}
			old, err := compliancedb.New(db).FeedRowAt(ctx, compliance.FeedTaxWages, taxVersion, key)
			if err != nil || old.WageIncome != 10_500_000 {
				t.Errorf("row of the first version: %+v, %v", old, err)
			}
			cur, err := compliancedb.New(db).FeedRowAt(ctx, compliance.FeedTaxWages, v2, key)
			if err != nil || cur.WageIncome != 6_500_000 {
				t.Errorf("row of the second version: %+v, %v", cur, err)
			}
			versions, err := compliancedb.New(db).ListFeedVersions(ctx, compliance.FeedTaxWages)
			if err != nil || len(versions) != 2 || versions[0].Version != v2 {
				t.Errorf("feed versions %+v, %v", versions, err)
			}
			cleared, _, err := compliancedb.New(db).ListFindings(ctx, compliance.FindingFilter{Scope: ansinh.Scope{All: true}, State: "cleared"})
			if err != nil || len(cleared) != 2 || cleared[0].CaseID == "" {
				t.Errorf("cleared findings %+v, %v", cleared, err)
			}
		})
	}
}

func TestStoreCases(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			db := storetest.Open(t, engine)
			loadFixture(t, db)
			runMatch(t, db)
			if _, err := authdb.New(db).CreateUser(ctx, auth.User{Login: "thanhtra1", PasswordHash: "x", Role: "inspector",
				Status: auth.UserActive, DisplayName: "Thanh tra 1", CreatedAt: time.Now(), CreatedBy: "test"}); err != nil {
				t.Fatal(err)
			}
			cases, _, err := compliancedb.New(db).ListCases(ctx, compliance.CaseFilter{Scope: ansinh.Scope{All: true}, TaxCode: taxA})
			if err != nil || len(cases) != 1 {
				t.Fatalf("cases of %s: %+v, %v", taxA, cases, err)
			}
			c := cases[0]
			if c.ID != compliance.CaseID(taxA, 1) || c.Status != compliance.StatusOpen || c.Findings != 2 || c.Stake <= 0 || c.EmployerName == "" {
				t.Errorf("case %+v", c)
			}
			rec, err := compliancedb.New(db).EmployerRecovery(ctx, taxA)
			if err != nil || rec != (compliance.Recovery{TaxCode: taxA, Cases: 1, Open: 1}) {
				t.Errorf("recovery before %+v, %v", rec, err)
			}
			// The case is worked from open to resolved.
			steps := []struct {
				name string
				do   func() error
				code string
			}{
				{"assign to no such inspector", func() error { return service(db).AssignCase(ctx, c.ID, "nobody", "user:truong") }, ansinh.EINVALID},
				{"assign", func() error { return service(db).AssignCase(ctx, c.ID, "thanhtra1", "user:truong") }, ""},
				{"resolve before any result", func() error {
					return service(db).TransitionCase(ctx, c.ID, compliance.StatusResolved, "user:thanhtra1", "")
				}, ansinh.ECONFLICT},
				{"contact", func() error {
					return service(db).TransitionCase(ctx, c.ID, compliance.StatusContacted, "user:thanhtra1", "gọi điện")
				}, ""},
				{"back to open", func() error {
					return service(db).TransitionCase(ctx, c.ID, compliance.StatusOpen, "user:thanhtra1", "")
				}, ansinh.ECONFLICT},
				{"inspect", func() error {
					return service(db).TransitionCase(ctx, c.ID, compliance.StatusInspected, "user:thanhtra1", "biên bản số 12")
				}, ""},
				{"a bad result", func() error {
					return service(db).RecordCaseResult(ctx, c.ID, compliance.CaseResult{}, "user:thanhtra1")
				}, ansinh.EINVALID},
				{"record the result", func() error {
					return service(db).RecordCaseResult(ctx, c.ID, compliance.CaseResult{WorkersRegistered: 1, AmountRecovered: 15_360_000, Fine: 20_000_000}, "user:thanhtra1")
				}, ""},
				{"resolve", func() error {
					return service(db).TransitionCase(ctx, c.ID, compliance.StatusResolved, "user:thanhtra1", "")
				}, ""},
				{"change a resolved case", func() error {
					return service(db).RecordCaseResult(ctx, c.ID, compliance.CaseResult{ClosedWithoutAction: true}, "user:thanhtra1")
				}, ansinh.ECONFLICT},
				{"no such case", func() error { return service(db).TransitionCase(ctx, "TT-x", compliance.StatusContacted, "user:x", "") }, ansinh.ENOTFOUND},
			}
			for _, s := range steps {
				if got := ansinh.ErrorCode(s.do()); got != s.code {
					t.Errorf("%s: code %q, want %q", s.name, got, s.code)
				}
			}
			rec, err = compliancedb.New(db).EmployerRecovery(ctx, taxA)
			want := compliance.Recovery{TaxCode: taxA, Cases: 1, Resolved: 1, WorkersRegistered: 1, AmountRecovered: 15_360_000, Fines: 20_000_000}
			if err != nil || rec != want {
				t.Errorf("recovery after %+v, want %+v (%v)", rec, want, err)
			}
			d, err := compliancedb.New(db).GetCase(ctx, c.ID, ansinh.Scope{TaxCodes: []string{taxA}})
			if err != nil {
				t.Fatal(err)
			}
			if d.Status != compliance.StatusResolved || d.Inspector != "thanhtra1" || d.Result == nil || d.ResolvedAt.IsZero() ||
				len(d.FindingList) != 2 || d.FindingList[0].Evidence == "" {
				t.Errorf("case %+v", d.Case)
			}
			var actions []string
			for _, e := range d.History {
				actions = append(actions, e.Action)
			}
			wantActions := []string{"case.open", "case.attach", "case.assign", "case.transition", "case.transition", "case.result", "case.transition"}
			if !slices.Equal(actions, wantActions) {
				t.Errorf("history %v, want %v", actions, wantActions)
			}
			if _, err := compliancedb.New(db).GetCase(ctx, c.ID, ansinh.Scope{TaxCodes: []string{taxU}}); ansinh.ErrorCode(err) != ansinh.ENOTFOUND {
				t.Errorf("a case outside the scope: %v", err)
			}
			// Lists by status, inspector and unit; the inspector's scope.
			filters := []struct {
				name string
				f    compliance.CaseFilter
				n    int
			}{
				{"all", compliance.CaseFilter{Scope: ansinh.Scope{All: true}}, 3},
				{"open", compliance.CaseFilter{Scope: ansinh.Scope{All: true}, Statuses: []compliance.Status{compliance.StatusOpen}}, 2},
				{"by inspector", compliance.CaseFilter{Scope: ansinh.Scope{All: true}, Inspector: "thanhtra1"}, 1},
				{"unassigned", compliance.CaseFilter{Scope: ansinh.Scope{All: true}, Unassigned: true}, 2},
				{"by unit", compliance.CaseFilter{Scope: ansinh.Scope{All: true}, Communes: []string{"09427"}}, 3},
				{"another unit", compliance.CaseFilter{Scope: ansinh.Scope{All: true}, Communes: []string{"00001"}}, 0},
				{"unit officer's scope", compliance.CaseFilter{Scope: ansinh.Scope{EmployerCommunes: []string{"09427"}}}, 3},
				{"empty scope", compliance.CaseFilter{}, 0},
			}
			for _, f := range filters {
				cs, _, err := compliancedb.New(db).ListCases(ctx, f.f)
				if err != nil || len(cs) != f.n {
					t.Errorf("%s: %d cases, want %d (%v)", f.name, len(cs), f.n, err)
				}
			}
			findingFilters := []struct {
				name string
				f    compliance.FindingFilter
				n    int
			}{
				{"all open", compliance.FindingFilter{Scope: ansinh.Scope{All: true}}, 2},
				{"all", compliance.FindingFilter{Scope: ansinh.Scope{All: true}, State: "all"}, 4},
				{"closed with their case", compliance.FindingFilter{Scope: ansinh.Scope{All: true}, State: "cleared"}, 2},
				{"by kind", compliance.FindingFilter{Scope: ansinh.Scope{All: true}, Kinds: []compliance.Kind{compliance.EvasionUnregisteredWorker}, State: "all"}, 1},
				{"by inspector", compliance.FindingFilter{Scope: ansinh.Scope{All: true}, Inspector: "thanhtra1", State: "all"}, 2},
				{"in resolved cases", compliance.FindingFilter{Scope: ansinh.Scope{All: true}, CaseStatuses: []compliance.Status{compliance.StatusResolved}, State: "all"}, 2},
				{"in open cases", compliance.FindingFilter{Scope: ansinh.Scope{All: true}, CaseStatuses: []compliance.Status{compliance.StatusOpen}}, 2},
				{"the Tax Department's", compliance.FindingFilter{Scope: ansinh.Scope{All: true}, Feeds: []string{compliance.FeedTaxWages}, State: "all"}, 3},
				{"the business registry's", compliance.FindingFilter{Scope: ansinh.Scope{All: true}, Feeds: []string{compliance.FeedBusinessRegistry}}, 1},
				{"by employer scope", compliance.FindingFilter{Scope: ansinh.Scope{TaxCodes: []string{taxS}}}, 1},
				{"min score", compliance.FindingFilter{Scope: ansinh.Scope{All: true}, MinScore: 0.99, State: "all"}, 3},
			}
			for _, f := range findingFilters {
				fs, _, err := compliancedb.New(db).ListFindings(ctx, f.f)
				if err != nil || len(fs) != f.n {
					t.Errorf("%s: %d findings, want %d (%v)", f.name, len(fs), f.n, err)
				}
			}
			scope, err := compliancedb.New(db).InspectorTaxCodes(ctx, "thanhtra1")
			if err != nil || len(scope) != 0 {
				t.Errorf("a resolved case leaves the inspector's scope: %v, %v", scope, err)
			}
		})
	}
}

// service returns the compliance service over db, whose inspectors are the
// active accounts with the inspector role.
func service(db *store.DB) *compliance.Service {
	return &compliance.Service{Store: compliancedb.New(db), Params: rules.Default(),
		Inspectors: compliance.InspectorsFunc(func(ctx context.Context, login string) (bool, error) {
			u, err := authdb.New(db).FindUserByLogin(ctx, login)
			if ansinh.ErrorCode(err) == ansinh.ENOTFOUND {
				return false, nil
			}
			return err == nil && u.Role == "inspector" && u.Status == "active", err
		})}
}
