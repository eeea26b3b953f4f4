package store_test

import (
	"context"
	"testing"

	"ansinh"
	"ansinh/collection"
	"ansinh/store"
	"ansinh/store/collectiondb"
)

func TestOverdueDebtsByScope(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		seedWeb(t, db)
		if _, err := db.W.ExecContext(ctx, `INSERT INTO employment (tax_code, person_id, start_month, end_month, wage, contract, declared_on)
			VALUES ('2401000025', '024092000404', '2022-03', NULL, 12000000, 'indefinite', $1)`, ansinh.MustParseDate("2022-03-01")); err != nil {
			t.Fatal(err)
		}
		if p, err := db.LastClosedMonth(ctx); err != nil || !p.IsZero() {
			t.Fatalf("last closed month before any close: %v, %v", p, err)
		}
		last := ansinh.NewPeriod(2026, 1)
		if _, err := collection.CloseThrough(ctx, collectiondb.NewCloseStore(db), last, collection.Options{From: ansinh.NewPeriod(2025, 10), Actor: "test"}); err != nil {
			t.Fatal(err)
		}
		if p, err := db.LastClosedMonth(ctx); err != nil || p != last {
			t.Fatalf("last closed month %v, %v", p, err)
		}
		all, err := db.OverdueDebts(ctx, last, store.ArrearsFilter{Scope: ansinh.Scope{All: true}})
		if err != nil {
			t.Fatal(err)
		}
		// Nothing paid: October and November are past their deadlines
		// (the end of the next month) on 31 January, for both employers;
		// December is due that very day and January later.
		byTax := map[string]int{}
		for _, d := range all {
			byTax[d.TaxCode]++
			if d.Due >= last.Last() || d.Principal <= 0 || d.Status == "" || d.Name == "" || d.CommuneCode == "" {
				t.Errorf("debt %+v", d)
			}
		}
		if byTax["2401000018"] != 2 || byTax["2401000025"] != 2 || len(all) != 4 {
			t.Fatalf("debts by employer %v", byTax)
		}
		for _, f := range []struct {
			name string
			f    store.ArrearsFilter
			want int
		}{
			{"commune scope", store.ArrearsFilter{Scope: ansinh.Scope{EmployerCommunes: []string{"07210"}}}, 2},
			{"tax code scope", store.ArrearsFilter{Scope: ansinh.Scope{TaxCodes: []string{"2401000025"}}}, 2},
			{"empty scope", store.ArrearsFilter{}, 0},
			{"commune filter outside the scope", store.ArrearsFilter{Scope: ansinh.Scope{EmployerCommunes: []string{"07210"}}, Communes: []string{"07228"}}, 0},
			{"kind", store.ArrearsFilter{Scope: ansinh.Scope{All: true}, Kind: "fdi"}, 2},
		} {
			got, err := db.OverdueDebts(ctx, last, f.f)
			if err != nil || len(got) != f.want {
				t.Errorf("%s: %d debts, want %d (%v)", f.name, len(got), f.want, err)
			}
		}
		if got, err := db.OverdueDebts(ctx, ansinh.NewPeriod(2024, 1), store.ArrearsFilter{Scope: ansinh.Scope{All: true}}); err != nil || len(got) != 0 {
			t.Errorf("a month never closed: %d, %v", len(got), err)
		}
	})
}
