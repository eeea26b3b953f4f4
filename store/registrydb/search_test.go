package registrydb_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"ansinh"
	"ansinh/registry"
	"ansinh/store"
	"ansinh/store/registrydb"
	"ansinh/store/storetest"

	"golang.org/x/text/unicode/norm"
)

func names(hits []registry.PersonHit) string {
	var out []string
	for _, h := range hits {
		out = append(out, h.FullName)
	}
	return strings.Join(out, ", ")
}

func TestSearchPersonsByPrefixAndScope(t *testing.T) {
	each(t, func(t *testing.T, e env) {
		all := ansinh.Scope{All: true}
		search := func(q registry.PersonQuery, scope ansinh.Scope) ([]registry.PersonHit, bool) {
			t.Helper()
			hits, more, err := e.reg.SearchPersons(e.ctx, q, scope)
			if err != nil {
				t.Fatal(err)
			}
			return hits, more
		}
		hits, more := search(registry.PersonQuery{Name: "Nguyễn"}, all)
		if more || names(hits) != "Nguyễn Thị Bích, Nguyễn Văn An" {
			t.Fatalf("Nguyễn = %s, %v", names(hits), more)
		}
		hits, _ = search(registry.PersonQuery{Name: "Nguyễn V"}, all)
		if len(hits) != 1 || hits[0].PersonID != "024085000101" {
			t.Fatalf("Nguyễn V = %+v", hits)
		}
		// A unit officer of commune 07210 sees its resident only.
		hits, _ = search(registry.PersonQuery{Name: "Nguyễn"}, ansinh.Scope{PersonCommunes: []string{"07210"}})
		if len(hits) != 1 || hits[0].PersonID != "024085000101" {
			t.Fatalf("scoped = %+v", hits)
		}
		// Paging: one a page, continuing after the last hit.
		page1, more := search(registry.PersonQuery{Name: "nguyen", Limit: 1}, all)
		page2, more2 := search(registry.PersonQuery{Name: "nguyen", Limit: 1, AfterName: page1[0].FullName, AfterID: page1[0].PersonID}, all)
		if !more || more2 || len(page2) != 1 || page2[0].PersonID == page1[0].PersonID {
			t.Fatalf("pages = %+v %v / %+v %v", page1, more, page2, more2)
		}
		hits, _ = search(registry.PersonQuery{Digits: "02408"}, all)
		if len(hits) != 1 || hits[0].PersonID != "024085000101" {
			t.Fatalf("ID prefix = %+v", hits)
		}
		hits, _ = search(registry.PersonQuery{Digits: "024092000404"}, ansinh.Scope{PersonID: "024085000101"})
		if len(hits) != 0 {
			t.Fatalf("a citizen found someone else: %+v", hits)
		}
		if _, err := e.reg.FindPerson(e.ctx, "024092000404", ansinh.Scope{}); ansinh.ErrorCode(err) != ansinh.ENOTFOUND {
			t.Fatalf("the zero scope sees a person: %v", err)
		}
	})
}

// TestSearchWithoutDiacritics: issue 14.2 — a name is found typed without
// diacritics, in decomposed Unicode, with either tone-mark placement, in any
// case, and by prefix.
func TestSearchWithoutDiacritics(t *testing.T) {
	each(t, func(t *testing.T, e env) {
		exec(t, e.db, `INSERT INTO persons (person_id, full_name, birth_date, sex, ethnic_minority, commune_code) VALUES
			('024190000202', 'Lê Thị Hoà', $1, 'female', $2, '07210'),
			('024088000303', 'Đặng Văn Đức', $3, 'male', $2, '07210')`, d("1990-06-21"), e.db.Bool(false), d("1988-01-02"))
		for _, c := range []struct{ query, want string }{
			{"nguyen van an", "Nguyễn Văn An"},
			{"NGUYEN VAN", "Nguyễn Văn An"},
			{norm.NFD.String("Nguyễn Văn An"), "Nguyễn Văn An"},
			{"nguy", "Nguyễn Thị Bích, Nguyễn Văn An"},
			{"le thi hoa", "Lê Thị Hoà"},
			{"Lê Thị Hòa", "Lê Thị Hoà"},
			{"dang van duc", "Đặng Văn Đức"},
			{"đặng", "Đặng Văn Đức"},
			{"nguyen van b", ""},
		} {
			hits, _, err := e.reg.SearchPersons(e.ctx, registry.PersonQuery{Name: c.query}, ansinh.Scope{All: true})
			if err != nil || names(hits) != c.want {
				t.Errorf("%q found %q, want %q (%v)", c.query, names(hits), c.want, err)
			}
		}
	})
}

// TestSearchKeyAgreesWithTheDatabase: the key the database computes for a
// stored name (0010_registry_search.sql) is the key registry.SearchKey
// computes for the same name, for every letter the fold replaces.
func TestSearchKeyAgreesWithTheDatabase(t *testing.T) {
	each(t, func(t *testing.T, e env) {
		var letters []string
		for _, f := range registry.FoldTable() {
			letters = append(letters, f[0])
		}
		name := strings.Join(letters, "") + " Xuân ÇA ÿ"
		exec(t, e.db, `INSERT INTO persons (person_id, full_name, birth_date, sex, ethnic_minority, commune_code) VALUES
			('024190000202', $1, $2, 'female', $3, '07210')`, name, d("1990-06-21"), e.db.Bool(false))
		var key string
		if err := e.db.R.QueryRowContext(e.ctx, `SELECT search_key FROM persons WHERE person_id = '024190000202'`).Scan(&key); err != nil {
			t.Fatal(err)
		}
		if want := registry.SearchKey(name); key != want {
			t.Fatalf("database key %q\nregistry key %q", key, want)
		}
	})
}

// TestVietnameseOrder: lists sort in Vietnamese order — Đ after D, Tân
// before Trạm, tones a secondary difference (Ánh Thị before Anh Văn) — not
// in byte order.
func TestVietnameseOrder(t *testing.T) {
	each(t, func(t *testing.T, e env) {
		people := []string{"Trạm Văn Long", "Đỗ Thị Mai", "Tân Văn Phúc", "Dương Văn Nam", "Ánh Thị Hồng", "Anh Văn Tú"}
		for i, n := range people {
			id := fmt.Sprintf("0240890%05d", i+1)
			exec(t, e.db, `INSERT INTO persons (person_id, full_name, birth_date, sex, ethnic_minority, commune_code) VALUES ($1, $2, $3, 'male', $4, '07228')`,
				id, n, d("1989-01-01"), e.db.Bool(false))
			exec(t, e.db, `INSERT INTO employment (tax_code, person_id, start_month, end_month, wage, contract, declared_on) VALUES
				($1, $2, '2025-01', NULL, 8000000, 'fixed', $3)`, taxB, id, d("2025-01-05"))
		}
		spells, total, more, err := e.reg.EmployerWorkers(e.ctx, taxB, ansinh.Scope{All: true}, registry.WorkerQuery{At: p("2026-03")})
		if err != nil || total != 6 || more {
			t.Fatalf("workers: %d %v %v", total, more, err)
		}
		var got []string
		for _, s := range spells {
			got = append(got, s.FullName)
		}
		want := "Ánh Thị Hồng, Anh Văn Tú, Dương Văn Nam, Đỗ Thị Mai, Tân Văn Phúc, Trạm Văn Long"
		if strings.Join(got, ", ") != want {
			t.Fatalf("order = %s\nwant    %s", strings.Join(got, ", "), want)
		}
		page, total, more, _ := e.reg.EmployerWorkers(e.ctx, taxB, ansinh.Scope{All: true}, registry.WorkerQuery{At: p("2026-03"), Offset: 3, Limit: 2})
		if total != 6 || !more || len(page) != 2 || page[0].FullName != "Đỗ Thị Mai" {
			t.Fatalf("page = %+v %d %v", page, total, more)
		}
		communes, err := e.reg.Communes(e.ctx, d("2026-03-16"))
		if err != nil || len(communes) != 2 || communes[0].Name != "Phường Bắc Giang" || communes[1].Name != "Phường Đa Mai" {
			t.Fatalf("communes = %+v, %v", communes, err)
		}
	})
}

func TestSearchEmployers(t *testing.T) {
	each(t, func(t *testing.T, e env) {
		all := ansinh.Scope{All: true}
		emps, _, err := e.reg.SearchEmployers(e.ctx, registry.EmployerQuery{NameParts: []string{norm.NFD.String("Đa Mai")}}, all)
		if err != nil || len(emps) != 1 || emps[0].TaxCode != taxB {
			t.Fatalf("employers = %+v, %v", emps, err)
		}
		emps, _, _ = e.reg.SearchEmployers(e.ctx, registry.EmployerQuery{Digits: "2401"}, ansinh.Scope{EmployerCommunes: []string{"07210"}})
		if len(emps) != 1 || emps[0].TaxCode != taxA {
			t.Fatalf("scoped employers = %+v", emps)
		}
		emps, _, _ = e.reg.SearchEmployers(e.ctx, registry.EmployerQuery{Digits: "2401"}, all)
		if len(emps) != 2 || emps[0].Name != "Công ty Cổ phần Đa Mai" {
			t.Fatalf("employers in Vietnamese order = %+v", emps)
		}
		emps, _, _ = e.reg.SearchEmployers(e.ctx, registry.EmployerQuery{NameParts: []string{"100%_"}}, all)
		if len(emps) != 0 {
			t.Fatalf("wildcards are not escaped: %+v", emps)
		}
		if _, err := e.reg.FindEmployer(e.ctx, taxB, ansinh.Scope{EmployerCommunes: []string{"07210"}}); ansinh.ErrorCode(err) != ansinh.ENOTFOUND {
			t.Fatalf("employer outside the scope: %v", err)
		}
	})
}

func TestCommunesUnder(t *testing.T) {
	each(t, func(t *testing.T, e env) {
		// The old structure: a district with one commune, abolished at the
		// reorganisation.
		exec(t, e.db, `INSERT INTO units (code, name, level, parent_code, valid_from, valid_to) VALUES
			('24', 'Bắc Giang', 'province', NULL, $1, $2),
			('213', 'Thành phố Bắc Giang', 'district', '24', $1, $2),
			('07207', 'Phường Trần Phú', 'commune', '213', $1, $2)`, d("2025-03-01"), d("2025-07-01"))
		today := d("2026-03-16")
		for _, c := range []struct{ code, want string }{{"24", "07210,07228"}, {"213", "07207"}, {"07228", "07228"}} {
			got, err := e.reg.CommunesUnder(e.ctx, c.code, today)
			if err != nil || strings.Join(got, ",") != c.want {
				t.Errorf("communes under %s = %v, %v", c.code, got, err)
			}
		}
		if _, err := e.reg.CommunesUnder(e.ctx, "99999", today); ansinh.ErrorCode(err) != ansinh.ENOTFOUND {
			t.Fatalf("unknown unit: %v", err)
		}
		names, err := e.reg.UnitNames(e.ctx, []string{"24", "07207"}, today)
		if err != nil || names["24"] != "Bắc Ninh" || names["07207"] != "Phường Trần Phú" {
			t.Fatalf("unit names = %v, %v", names, err)
		}
	})
}

// TestNameSearchUsesTheIndex checks the plan of a name search: a range scan
// of persons_search, never a scan of the table nor a sort, so that it stays
// fast on millions of persons (see also BenchmarkSearchPersons).
func TestNameSearchUsesTheIndex(t *testing.T) {
	const q = `SELECT p.person_id FROM persons p WHERE p.search_key >= $1 AND p.search_key < $2
		ORDER BY p.search_key, p.person_id LIMIT 21`
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			db := storetest.Open(t, engine)
			seed(t, db)
			text := storetest.QueryPlan(t, db, q, "nguyen", "nguyen\U0010FFFF")
			if !strings.Contains(text, "persons_search") || strings.Contains(text, "SCAN p\n") || strings.Contains(text, "Seq Scan") ||
				strings.Contains(text, "TEMP B-TREE") || strings.Contains(text, "Sort") {
				t.Fatalf("plan of a name search:\n%s", text)
			}
		})
	}
}

// BenchmarkSearchPersons searches names typed without diacritics among
// ANSINH_BENCH_PERSONS persons (default 200,000) on each engine. The
// persons are loaded once per engine, by the bulk load the importer uses.
func BenchmarkSearchPersons(b *testing.B) {
	n := 200_000
	if v, err := strconv.Atoi(os.Getenv("ANSINH_BENCH_PERSONS")); err == nil && v > 0 {
		n = v
	}
	for _, engine := range storetest.Engines(b) {
		db := storetest.Open(b, engine)
		start := time.Now()
		loadPersons(b, db, n)
		b.Logf("%s: %d persons loaded in %v", engine, n, time.Since(start).Round(time.Millisecond))
		reg := registry.New(registrydb.New(db), nil)
		b.Run(string(engine), func(b *testing.B) {
			queries := []string{"nguyen thi", "tran van c", "dang minh duc", "hoang thu", "le quoc huy 1"}
			i := 0
			for b.Loop() {
				hits, _, err := reg.SearchPersons(context.Background(), registry.PersonQuery{Name: queries[i%len(queries)]}, ansinh.Scope{All: true})
				if err != nil || len(hits) == 0 {
					b.Fatalf("%d hits, %v", len(hits), err)
				}
				i++
			}
		})
	}
}

// loadPersons bulk-loads n persons with common Vietnamese names.
func loadPersons(b *testing.B, db *store.DB, n int) {
	surnames := []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"}
	given := []string{"Văn An", "Thị Bích", "Văn Cường", "Thị Dung", "Minh Đức", "Thu Hà", "Quốc Huy", "Ngọc Lan"}
	bulk, err := db.BeginBulk(context.Background(), store.Table{Name: "persons",
		Columns: []string{"person_id", "full_name", "birth_date", "sex", "ethnic_minority", "commune_code"}, Key: []string{"person_id"}}, 0)
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < n; i++ {
		name := surnames[i%len(surnames)] + " " + given[(i/len(surnames))%len(given)] + fmt.Sprintf(" %d", i%997)
		if err := bulk.Add([]any{fmt.Sprintf("02408%07d", i), name, ansinh.MustParseDate("1985-04-12"), "male", db.Bool(false), "07210"}); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := bulk.Commit(); err != nil {
		b.Fatal(err)
	}
}

// TestSearchEmployersWithoutDiacritics: an employer's name is found typed
// without diacritics, in decomposed Unicode, with either tone-mark
// placement, in any case and by any part; the hits come in Vietnamese order
// (Đ after D); the key follows a change of name.
func TestSearchEmployersWithoutDiacritics(t *testing.T) {
	each(t, func(t *testing.T, e env) {
		exec(t, e.db, `INSERT INTO employers (tax_code, name, kind, commune_code, registered_on) VALUES
			('2401000032', 'Trường Mầm non Đồng Tâm', 'state', '07210', $1),
			('2401000049', 'Trường Mầm non Dương Hoà', 'state', '07210', $1),
			('2401000056', 'Trường Tiểu học Tân Mỹ', 'state', '07228', $1)`, d("2015-03-01"))
		emps := func(hits []registry.EmployerHit) string {
			var out []string
			for _, h := range hits {
				out = append(out, h.Name)
			}
			return strings.Join(out, ", ")
		}
		both := "Trường Mầm non Dương Hoà, Trường Mầm non Đồng Tâm"
		for _, c := range []struct{ query, want string }{
			{"truong mam non", both},
			{"TRUONG MAM", both},
			{norm.NFD.String("Trường Mầm non"), both},
			{"duong hoa", "Trường Mầm non Dương Hoà"},
			{"Dương Hòa", "Trường Mầm non Dương Hoà"},
			{"dong tam", "Trường Mầm non Đồng Tâm"},
			{"đồng", "Trường Mầm non Đồng Tâm"},
			{"tieu hoc", "Trường Tiểu học Tân Mỹ"},
			{"da mai", "Công ty Cổ phần Đa Mai"},
			{"mam non x", ""},
		} {
			hits, _, err := e.reg.SearchEmployers(e.ctx, registry.EmployerQuery{NameParts: []string{c.query}}, ansinh.Scope{All: true})
			if err != nil || emps(hits) != c.want {
				t.Errorf("%q found %q, want %q (%v)", c.query, emps(hits), c.want, err)
			}
		}
		exec(t, e.db, `UPDATE employers SET name = 'Trường Mầm non Hướng Dương' WHERE tax_code = '2401000049'`)
		hits, _, err := e.reg.SearchEmployers(e.ctx, registry.EmployerQuery{NameParts: []string{"huong duong"}}, ansinh.Scope{All: true})
		if err != nil || len(hits) != 1 || hits[0].TaxCode != "2401000049" {
			t.Errorf("renamed employer: %+v, %v", hits, err)
		}
	})
}

// TestEmployerSearchKeyAgreesWithTheDatabase: the key the database computes
// for an employer's name (0015_employers_search.sql) is registry.SearchKey's,
// for every letter the fold replaces.
func TestEmployerSearchKeyAgreesWithTheDatabase(t *testing.T) {
	each(t, func(t *testing.T, e env) {
		var letters []string
		for _, f := range registry.FoldTable() {
			letters = append(letters, f[0])
		}
		name := strings.Join(letters, "") + " Xuân ÇA ÿ 100%"
		exec(t, e.db, `UPDATE employers SET name = $1 WHERE tax_code = '2401000018'`, name)
		var key string
		if err := e.db.R.QueryRowContext(e.ctx, `SELECT search_key FROM employers WHERE tax_code = '2401000018'`).Scan(&key); err != nil {
			t.Fatal(err)
		}
		if want := registry.SearchKey(name); key != want {
			t.Fatalf("database key %q\nregistry key %q", key, want)
		}
	})
}

// BenchmarkSearchEmployers searches employers' names typed without
// diacritics among ANSINH_BENCH_EMPLOYERS employers (default 50,000) on
// each engine: the registry's search (key: the query on the folded key,
// then the Vietnamese sort of up to 5,000 hits), and its query alone on the
// folded key (sql-key) and, for comparison, on the name as stored (sql-name,
// the former search, which needed the diacritics typed).
func BenchmarkSearchEmployers(b *testing.B) {
	n := 50_000
	if v, err := strconv.Atoi(os.Getenv("ANSINH_BENCH_EMPLOYERS")); err == nil && v > 0 {
		n = v
	}
	for _, engine := range storetest.Engines(b) {
		db := storetest.Open(b, engine)
		loadEmployers(b, db, n)
		reg := registry.New(registrydb.New(db), nil)
		b.Run(string(engine)+"/key", func(b *testing.B) {
			queries := []string{"mam non dong", "may bac", "xay dung tan my 17", "duoc pham"}
			i := 0
			for b.Loop() {
				hits, _, err := reg.SearchEmployers(context.Background(), registry.EmployerQuery{NameParts: []string{queries[i%len(queries)]}}, ansinh.Scope{All: true})
				if err != nil || len(hits) == 0 {
					b.Fatalf("%q: %d hits, %v", queries[i%len(queries)], len(hits), err)
				}
				i++
			}
		})
		raw := func(col string, queries []string) func(b *testing.B) {
			return func(b *testing.B) {
				i := 0
				for b.Loop() {
					rows, err := db.R.QueryContext(context.Background(), `SELECT tax_code FROM employers WHERE `+col+` LIKE $1 ORDER BY tax_code LIMIT 5000`,
						"%"+queries[i%len(queries)]+"%")
					if err != nil {
						b.Fatal(err)
					}
					for rows.Next() {
					}
					rows.Close()
					i++
				}
			}
		}
		b.Run(string(engine)+"/sql-key", raw("search_key", []string{"mam non dong", "may bac", "xay dung tan my 17", "duoc pham"}))
		b.Run(string(engine)+"/sql-name", raw("name", []string{"Mầm non Đồng", "May Bắc", "Xây dựng Tân Mỹ 17", "Dược phẩm"}))
	}
}

// loadEmployers bulk-loads n employers with Vietnamese names.
func loadEmployers(b *testing.B, db *store.DB, n int) {
	kinds := []string{"Trường Mầm non", "Công ty TNHH May", "Công ty Cổ phần Xây dựng", "Công ty Dược phẩm", "Hợp tác xã Nông nghiệp"}
	places := []string{"Đồng Tâm", "Bắc Giang", "Dương Hoà", "Tân Mỹ", "Đa Mai", "Hướng Dương"}
	bulk, err := db.BeginBulk(context.Background(), store.Table{Name: "employers",
		Columns: []string{"tax_code", "name", "kind", "commune_code", "registered_on"}, Key: []string{"tax_code"}}, 0)
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("%s %s %d", kinds[i%len(kinds)], places[(i/len(kinds))%len(places)], i%997)
		if err := bulk.Add([]any{fmt.Sprintf("31%08d", i), name, "private", "07210", ansinh.MustParseDate("2015-03-01")}); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := bulk.Commit(); err != nil {
		b.Fatal(err)
	}
}
