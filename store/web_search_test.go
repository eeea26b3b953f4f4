package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"ansinh"
	"ansinh/store"
	"ansinh/store/storetest"
)

func TestSearchPersonsByPrefixAndScope(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		seedWeb(t, db)
		ctx := context.Background()
		all := ansinh.Scope{All: true}
		hits, more, err := db.SearchPersons(ctx, store.PersonQuery{NamePrefix: "Nguyễn"}, all)
		if err != nil || more || len(hits) != 2 || hits[0].FullName != "Nguyễn Thị Bích" || hits[1].FullName != "Nguyễn Văn An" {
			t.Fatalf("Nguyễn = %+v, %v, %v", hits, more, err)
		}
		hits, _, _ = db.SearchPersons(ctx, store.PersonQuery{NamePrefix: "Nguyễn V"}, all)
		if len(hits) != 1 || hits[0].PersonID != "024085000101" {
			t.Fatalf("Nguyễn V = %+v", hits)
		}
		// A unit officer of commune 07210 sees its resident only.
		hits, _, _ = db.SearchPersons(ctx, store.PersonQuery{NamePrefix: "Nguyễn"}, ansinh.Scope{PersonCommunes: []string{"07210"}})
		if len(hits) != 1 || hits[0].PersonID != "024085000101" {
			t.Fatalf("scoped = %+v", hits)
		}
		// Paging: one a page, continuing after the last hit.
		page1, more, _ := db.SearchPersons(ctx, store.PersonQuery{NamePrefix: "Nguyễn", Limit: 1}, all)
		page2, more2, _ := db.SearchPersons(ctx, store.PersonQuery{NamePrefix: "Nguyễn", Limit: 1, AfterName: page1[0].FullName, AfterID: page1[0].PersonID}, all)
		if !more || more2 || len(page2) != 1 || page2[0].PersonID == page1[0].PersonID {
			t.Fatalf("pages = %+v %v / %+v %v", page1, more, page2, more2)
		}
		hits, _, _ = db.SearchPersons(ctx, store.PersonQuery{Digits: "02408"}, all)
		if len(hits) != 1 || hits[0].PersonID != "024085000101" {
			t.Fatalf("ID prefix = %+v", hits)
		}
		hits, _, _ = db.SearchPersons(ctx, store.PersonQuery{Digits: "024092000404"}, ansinh.Scope{PersonID: "024085000101"})
		if len(hits) != 0 {
			t.Fatalf("a citizen found someone else: %+v", hits)
		}
		emps, _, err := db.SearchEmployers(ctx, store.EmployerQuery{NameParts: []string{"Đa Mai"}}, all)
		if err != nil || len(emps) != 1 || emps[0].TaxCode != "2401000025" {
			t.Fatalf("employers = %+v, %v", emps, err)
		}
		emps, _, _ = db.SearchEmployers(ctx, store.EmployerQuery{Digits: "2401"}, ansinh.Scope{EmployerCommunes: []string{"07210"}})
		if len(emps) != 1 || emps[0].TaxCode != "2401000018" {
			t.Fatalf("scoped employers = %+v", emps)
		}
		emps, _, _ = db.SearchEmployers(ctx, store.EmployerQuery{NameParts: []string{"100%_"}}, all)
		if len(emps) != 0 {
			t.Fatalf("wildcards are not escaped: %+v", emps)
		}
		if _, err := db.FindEmployer(ctx, "2401000025", ansinh.Scope{EmployerCommunes: []string{"07210"}}); ansinh.ErrorCode(err) != ansinh.ENOTFOUND {
			t.Fatalf("employer outside the scope: %v", err)
		}
		if _, err := db.FindPerson(ctx, "024092000404", ansinh.Scope{}); ansinh.ErrorCode(err) != ansinh.ENOTFOUND {
			t.Fatalf("the zero scope sees a person: %v", err)
		}
	})
}

func TestCommunesUnder(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		seedWeb(t, db)
		ctx := context.Background()
		d := ansinh.MustParseDate
		// The old structure: a district with one commune, abolished at the
		// reorganisation.
		if _, err := db.W.ExecContext(ctx, `INSERT INTO units (code, name, level, parent_code, valid_from, valid_to) VALUES
			('24', 'Bắc Giang', 'province', NULL, $1, $2),
			('213', 'Thành phố Bắc Giang', 'district', '24', $1, $2),
			('07207', 'Phường Trần Phú', 'commune', '213', $1, $2)`, d("2025-03-01"), d("2025-07-01")); err != nil {
			t.Fatal(err)
		}
		today := d("2026-03-16")
		got, err := db.CommunesUnder(ctx, "24", today)
		if err != nil || strings.Join(got, ",") != "07210,07228" {
			t.Fatalf("province today = %v, %v", got, err)
		}
		got, _ = db.CommunesUnder(ctx, "213", today)
		if strings.Join(got, ",") != "07207" {
			t.Fatalf("former district = %v", got)
		}
		got, _ = db.CommunesUnder(ctx, "07228", today)
		if strings.Join(got, ",") != "07228" {
			t.Fatalf("commune = %v", got)
		}
		if _, err := db.CommunesUnder(ctx, "99999", today); ansinh.ErrorCode(err) != ansinh.ENOTFOUND {
			t.Fatalf("unknown unit: %v", err)
		}
	})
}

// TestNameSearchUsesTheIndex checks the plan of a name search: a range scan
// of persons_name, never a scan of the table, so that it stays fast on a
// million persons (see also BenchmarkSearchPersons).
func TestNameSearchUsesTheIndex(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			db := storetest.Open(t, engine)
			seedWeb(t, db)
			ctx := context.Background()
			var plan []string
			if engine == store.SQLite {
				rows, err := db.R.QueryContext(ctx, `EXPLAIN QUERY PLAN SELECT p.person_id FROM persons p
					WHERE p.full_name >= $1 AND p.full_name < $2 ORDER BY p.full_name, p.person_id LIMIT 21`, "Nguyễn", "Nguyễn\U0010FFFF")
				if err != nil {
					t.Fatal(err)
				}
				defer rows.Close()
				for rows.Next() {
					var id, parent, notused int
					var detail string
					rows.Scan(&id, &parent, &notused, &detail)
					plan = append(plan, detail)
				}
			} else {
				conn, err := db.R.Conn(ctx)
				if err != nil {
					t.Fatal(err)
				}
				defer conn.Close()
				// The seeded table is tiny: forbid the other plans to see
				// whether the index can serve the range in order at all.
				for _, set := range []string{"enable_seqscan", "enable_bitmapscan", "enable_sort"} {
					conn.ExecContext(ctx, `SET `+set+` = off`)
				}
				rows, err := conn.QueryContext(ctx, `EXPLAIN SELECT p.person_id FROM persons p
					WHERE p.full_name COLLATE "C" >= $1 AND p.full_name COLLATE "C" < $2
					ORDER BY p.full_name COLLATE "C", p.person_id LIMIT 21`, "Nguyễn", "Nguyễn\U0010FFFF")
				if err != nil {
					t.Fatal(err)
				}
				defer rows.Close()
				for rows.Next() {
					var line string
					rows.Scan(&line)
					plan = append(plan, line)
				}
			}
			text := strings.Join(plan, "\n")
			if !strings.Contains(text, "persons_name") || strings.Contains(text, "SCAN p\n") || strings.Contains(text, "Seq Scan") ||
				strings.Contains(text, "TEMP B-TREE") || strings.Contains(text, "Sort") {
				t.Fatalf("plan of a name search:\n%s", text)
			}
		})
	}
}

// BenchmarkSearchPersons searches names among a million persons on SQLite.
func BenchmarkSearchPersons(b *testing.B) {
	db := storetest.Open(b, store.SQLite)
	ctx := context.Background()
	surnames := []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"}
	given := []string{"Văn An", "Thị Bích", "Văn Cường", "Thị Dung", "Minh Đức", "Thu Hà", "Quốc Huy", "Ngọc Lan"}
	bulk, err := db.BeginBulk(ctx, store.Table{Name: "persons", Columns: []string{"person_id", "full_name", "birth_date", "sex", "ethnic_minority", "commune_code"},
		Key: []string{"person_id"}}, 0)
	if err != nil {
		b.Fatal(err)
	}
	const n = 1_000_000
	for i := 0; i < n; i++ {
		name := surnames[i%len(surnames)] + " " + given[(i/len(surnames))%len(given)] + fmt.Sprintf(" %d", i%997)
		if err := bulk.Add([]any{fmt.Sprintf("024085%06d", i), name, ansinh.MustParseDate("1985-04-12"), "male", int64(0), "07210"}); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := bulk.Commit(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		hits, _, err := db.SearchPersons(ctx, store.PersonQuery{NamePrefix: surnames[i%len(surnames)] + " Thị"}, ansinh.Scope{All: true})
		if err != nil || len(hits) != 20 {
			b.Fatalf("%d hits, %v", len(hits), err)
		}
	}
}
