package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ansinh"
	"ansinh/indicators"
	"ansinh/store"
	"ansinh/store/indicatorsdb"
	"ansinh/store/storetest"
)

// uiScopeFiles is a small province: one region-I commune of Hà Nội (Phường
// Ba Đình), one employer and five workers whose UI status the law decides
// (rules.md §9).
func uiScopeFiles(tax string) map[string]string {
	return map[string]string{
		"units": "code,name,level,parent_code,valid_from,valid_to,region\n" +
			"01,Thành phố Hà Nội,province,,2025-07-01,,\n" +
			"00004,Phường Ba Đình,commune,01,2025-07-01,,I\n",
		"employers": "tax_code,name,kind,commune_code,industrial_zone,registered_on\n" +
			tax + ",Công ty Thử,private,00004,,2024-01-01\n",
		"persons": "person_id,full_name,birth_date,sex,ethnic_minority,commune_code,legacy_si_code\n" +
			"001060000001,Nguyễn Văn Hưu,1960-01-15,male,false,00004,\n" + // a pensioner still working
			"001190000002,Trần Thị Mùa,1990-02-01,female,false,00004,\n" + // seasonal, 2 months of 2025
			"001090000003,Lê Văn Vụ,1990-03-01,male,false,00004,\n" + // seasonal, 2 months of 2026
			"001190000004,Phạm Thị Lâu,1990-04-01,female,false,00004,\n" + // indefinite
			"001090000005,Hoàng Văn Trợ,1990-05-01,male,false,00004,\n", // indefinite, monthly SI benefit
		"employment": "tax_code,person_id,start_month,end_month,wage,contract,declared_on\n" +
			tax + ",001060000001,2025-04,,9000000,indefinite,2025-04-01\n" +
			tax + ",001190000002,2025-04,2025-05,8000000,seasonal,2025-04-01\n" +
			tax + ",001090000003,2026-02,2026-03,8000000,seasonal,2026-02-01\n" +
			tax + ",001190000004,2025-04,,10000000,indefinite,2025-04-01\n" +
			tax + ",001090000005,2025-04,,10000000,indefinite,2025-04-01\n",
		"beneficiaries": "person_id,kind,start_month,end_month,monthly_amount\n" +
			"001060000001,pension,2024-01,,6000000\n" +
			"001090000005,monthly_si_benefit,2025-01,,3000000\n",
	}
}

// TestUIScopeCloseAndIndicator: in 2025 the pensioner and the 2-month
// seasonal contract are billed no UI; in 2026 the 2-month seasonal contract
// is billed, the pensioner and the monthly-benefit recipient are not; the UI
// coverage indicator counts exactly the people the close billed UI.
func TestUIScopeCloseAndIndicator(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) { testUIScope(t, engine) })
	}
}

func testUIScope(t *testing.T, engine store.Engine) {
	ctx := context.Background()
	dsn := storetest.DSN(t, engine)
	d, ok := ansinh.TaxCheckDigit("010000001")
	if !ok {
		t.Fatal("no check digit")
	}
	tax := "010000001" + string(d)
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut,
		Now:    func() time.Time { return time.Date(2026, 4, 10, 9, 0, 0, 0, time.UTC) },
		Getenv: func(k string) string { return map[string]string{"ANSINH_DB": dsn, "USER": "tester"}[k] }}
	cmd := func(args ...string) {
		t.Helper()
		if code := run(ctx, env, args); code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, code, errOut.String())
		}
	}
	cmd("migrate")
	files := uiScopeFiles(tax)
	for _, kind := range []string{"units", "employers", "persons", "employment", "beneficiaries"} {
		path := filepath.Join(dir, kind+".csv")
		if err := os.WriteFile(path, []byte(files[kind]), 0o600); err != nil {
			t.Fatal(err)
		}
		cmd("import", kind, path)
	}
	cmd("close", "--from", "2025-04", "--through", "2026-03")
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	res, err := indicators.Compute(ctx, indicatorsdb.New(db), indicators.Options{Through: ansinh.NewPeriod(2026, 3)})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		month  string
		billed []string
	}{
		{"2025-05", []string{"001090000005", "001190000004"}},
		{"2026-03", []string{"001090000003", "001190000004"}},
	} {
		got := uiBilled(t, db, tt.month)
		if strings.Join(got, " ") != strings.Join(tt.billed, " ") {
			t.Errorf("%s: billed UI %v, want %v", tt.month, got, tt.billed)
		}
		m := indicators.MonthOf(ansinh.MustParsePeriod(tt.month))
		found := false
		for _, f := range res.Rows {
			if f.Unit.Code == "00004" && f.Period == m {
				found = true
				if f.V[indicators.FactInUI] != int64(len(got)) {
					t.Errorf("%s: UI coverage counts %d, the close billed %d", tt.month, f.V[indicators.FactInUI], len(got))
				}
			}
		}
		if !found {
			t.Errorf("%s: no facts for the commune", tt.month)
		}
	}
}

// uiBilled returns the persons the close billed UI for month m.
func uiBilled(t *testing.T, db *store.DB, m string) []string {
	t.Helper()
	rows, err := db.R.QueryContext(context.Background(),
		`SELECT person_id FROM assessments WHERE period = $1 AND employer_ui + employee_ui > 0 ORDER BY person_id`, m)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}
