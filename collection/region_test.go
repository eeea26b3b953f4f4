package collection_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"ansinh"
	"ansinh/collection"
	"ansinh/importer"
	"ansinh/rules"
	"ansinh/store"
	"ansinh/store/collectiondb"
	"ansinh/store/importdb"
	"ansinh/store/storetest"
)

// regionCommune is Xã Hồng Vân (Hà Nội, 10210): the placeholder by unit type
// puts it in region IV until 2025-12-31, Decree 293/2025 in region I from
// 2026-01-01.
const regionCommune = "10210"

// regionMonth is what the close bills a wage above every cap with in one
// month: the UI base is 20 × the regional minimum wage (Decree 74/2024 in
// 2025, Decree 293/2025 in 2026), and whether the row is flagged unconfirmed.
type regionMonth struct {
	month       string
	uiBase      int64
	unconfirmed bool
}

// The close bills each month with the region of the employer's commune in
// that month: after `ansinh units load`, 2025-11 with the placeholder
// (IV: 20 × 3.450.000, flagged unconfirmed) and 2026-03 with Decree
// 293/2025 (I: 20 × 5.310.000), as `calc contribution` does; a province's
// own dated unit rows with a region override the national lists in the
// months they are valid, and only in those.
func TestCloseRegionByMonth(t *testing.T) {
	tests := []struct {
		name     string
		province string // the province's own units rows (CSV without header); "": none
		want     []regionMonth
	}{
		{"national lists", "", []regionMonth{{"2025-11", 69_000_000, true}, {"2026-03", 106_200_000, false}}},
		{"province row for 2025", regionCommune + ",Xã Hồng Vân,commune,01,2025-07-01,2025-12-31,II\n",
			[]regionMonth{{"2025-11", 88_200_000, false}, {"2026-03", 106_200_000, false}}},
		{"province row from 2026", regionCommune + ",Xã Hồng Vân,commune,01,2026-01-01,,III\n",
			[]regionMonth{{"2025-11", 69_000_000, true}, {"2026-03", 82_800_000, false}}},
	}
	calc := binary(t)
	for _, engine := range storetest.Engines(t) {
		for _, tt := range tests {
			t.Run(string(engine)+"/"+tt.name, func(t *testing.T) {
				db := regionDB(t, engine, tt.province)
				got := regionAssessments(t, db)
				for _, w := range tt.want {
					g, ok := got[w.month]
					if !ok {
						t.Fatalf("%s: not assessed (%v)", w.month, got)
					}
					if g.uiBase != w.uiBase || g.unconfirmed != w.unconfirmed {
						t.Errorf("%s: UI base %d, unconfirmed %v; want %d, %v", w.month, g.uiBase, g.unconfirmed, w.uiBase, w.unconfirmed)
					}
					if tt.province == "" {
						if c := calcUIBase(t, calc, w.month); c != g.uiBase {
							t.Errorf("%s: close %d, calc contribution %d", w.month, g.uiBase, c)
						}
					}
				}
			})
		}
	}
}

// regionDB returns a database of the engine with the national units loaded,
// the province's own units rows imported over them, and one employer of
// regionCommune with one worker paid 200.000.000 đ from 2025-11, closed
// through 2026-03.
func regionDB(t *testing.T, engine store.Engine, province string) *store.DB {
	t.Helper()
	ctx := context.Background()
	db := storetest.Open(t, engine)
	if _, err := importer.LoadNationalUnits(ctx, importdb.New(db), "test"); err != nil {
		t.Fatal(err)
	}
	if province != "" {
		path := filepath.Join(t.TempDir(), "units.csv")
		body := "code,name,level,parent_code,valid_from,valid_to,region\n" + province
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		importFile(t, db, "units", path)
	}
	for _, q := range []string{
		`INSERT INTO employers (tax_code, name, kind, commune_code, registered_on)
			VALUES ('0100000001', 'Công ty Hồng Vân', 'private', '` + regionCommune + `', '2020-01-01')`,
		`INSERT INTO persons (person_id, full_name, birth_date, sex, ethnic_minority, commune_code)
			VALUES ('001090000001', 'Nguyễn Văn Vùng', '1990-01-01', 'male', FALSE, '` + regionCommune + `')`,
		`INSERT INTO employment (tax_code, person_id, start_month, wage, contract, declared_on)
			VALUES ('0100000001', '001090000001', '2025-11', 200000000, 'indefinite', '2025-10-20')`,
	} {
		if _, err := db.W.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := collection.CloseThrough(ctx, collectiondb.NewCloseStore(db), ansinh.MustParsePeriod("2026-03"),
		collection.Options{From: ansinh.MustParsePeriod("2025-11"), Actor: "test"}); err != nil {
		t.Fatal(err)
	}
	return db
}

// regionAssessments returns the UI base and the unconfirmed flag of the
// worker's assessment in each month.
func regionAssessments(t *testing.T, db *store.DB) map[string]regionMonth {
	t.Helper()
	rows, err := db.R.Query(`SELECT period, ui_base, flags FROM assessments WHERE person_id = '001090000001'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]regionMonth{}
	for rows.Next() {
		var m regionMonth
		var flags int64
		if err := rows.Scan(&m.month, &m.uiBase, &flags); err != nil {
			t.Fatal(err)
		}
		m.unconfirmed = rules.Flags(flags)&rules.FlagUnconfirmed != 0
		out[m.month] = m
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// calcUIBase returns the UI base `ansinh calc contribution` gives the
// worker-month in regionCommune.
func calcUIBase(t *testing.T, bin, month string) int64 {
	t.Helper()
	cmd := exec.Command(bin, "calc", "contribution")
	cmd.Stdin = strings.NewReader(`{"month":"` + month + `","wage":200000000,"commune":"` + regionCommune + `"}`)
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("calc contribution: %v %s", err, raw)
	}
	var r struct {
		UIBase int64 `json:"ui_base"`
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatal(err)
	}
	return r.UIBase
}
