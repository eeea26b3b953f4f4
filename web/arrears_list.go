package web

import (
	"cmp"
	"context"
	"net/http"
	"slices"
	"strings"

	"ansinh"
	"ansinh/collection"
	"ansinh/registry"
)

// arrearsPage is the arrears after a close, within the caller's scope: by
// commune and age bucket, by employer kind, and the employers that owe
// most; filterable by commune, employer kind and age bucket.
type arrearsPage struct {
	Page
	Period     ansinh.Period // the close shown (zero: no month closed)
	Periods    []ansinh.Period
	Commune    string
	Kind       string
	Bucket     string
	Communes   []registry.Unit
	Kinds      []string
	Buckets    []string
	Groups     []arrearsGroup   // commune × kind × bucket
	ByCommune  []arrearsCommune // commune rows, bucket columns
	ByKind     []arrearsCommune // kind rows, bucket columns
	Total      arrearsCommune   // the whole list
	Debtors    []arrearsDebtor  // the largest first
	AllDebtors int              // how many employers owe
	ExportURL  string
}

// arrearsGroup is the debts of one commune, employer kind and age bucket
// (each debt in the bucket of its own age).
type arrearsGroup struct {
	CommuneCode, CommuneName, Kind, Bucket string
	Employers, Evasion                     int
	Principal, Interest                    int64
}

// arrearsCommune is one row of a summary: a commune (or a kind) with its
// amounts by age bucket.
type arrearsCommune struct {
	Code, Name string
	ByBucket   []int64 // principal and interest, in collection.Buckets order
	Total      int64
	Employers  int
}

// arrearsDebtor is an employer's overdue debt.
type arrearsDebtor struct {
	TaxCode, Name, Kind, CommuneCode, CommuneName, Status string
	Months                                                int // months owed
	Oldest                                                int // whole months since the oldest deadline
	Principal, Interest                                   int64
}

// Total returns principal and interest.
func (d arrearsDebtor) Total() int64 { return d.Principal + d.Interest }

// debtorsShown is how many debtors the page lists (the workbook has all).
const debtorsShown = 50

// showArrears shows the arrears (or the lists as XLSX).
func (s *Server) showArrears(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	scope, err := s.scope(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	pg := &arrearsPage{Page: s.page(w, r, "arrears.title"), Commune: q.Get("commune"), Kind: q.Get("kind"), Bucket: q.Get("bucket"),
		Kinds: employerKinds, Buckets: collection.Buckets, ExportURL: exportURL(r.URL)}
	if pg.Periods, err = collection.ClosedPeriods(ctx, s.cfg.Close); err != nil {
		s.fail(w, r, err)
		return
	}
	slices.Reverse(pg.Periods)
	if len(pg.Periods) > 0 {
		pg.Period = pg.Periods[0]
		if p, err := ansinh.ParsePeriod(q.Get("period")); err == nil && slices.Contains(pg.Periods, p) {
			pg.Period = p
		}
	}
	if pg.Communes, err = s.communeChoices(ctx, scope); err != nil {
		s.fail(w, r, err)
		return
	}
	f := collection.ArrearsFilter{Scope: scope}
	if pg.Commune != "" && containsUnit(pg.Communes, pg.Commune) {
		f.Communes = []string{pg.Commune}
	} else {
		pg.Commune = ""
	}
	if slices.Contains(employerKinds, pg.Kind) {
		f.Kind = pg.Kind
	} else {
		pg.Kind = ""
	}
	if !validBucket(pg.Bucket) {
		pg.Bucket = ""
	}
	if !pg.Period.IsZero() {
		debts, err := s.coll.OverdueDebts(ctx, pg.Period, f)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if err := s.arrearsFigures(ctx, pg, debts); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if wantsXLSX(r) {
		s.writeXLSX(w, r, "no-dong-"+pg.Period.String(), arrearsSheets(pg)...)
		return
	}
	if len(pg.Debtors) > debtorsShown {
		pg.Debtors = pg.Debtors[:debtorsShown]
	}
	s.render(w, r, http.StatusOK, "arrears", pg)
}

// arrearsFigures sums the debts up into the page's tables: each debt in
// the bucket of its own age on the close's last day.
func (s *Server) arrearsFigures(ctx context.Context, pg *arrearsPage, debts []collection.OverdueDebt) error {
	t := newArrearsTally(pg)
	last := pg.Period.Last()
	var shown []collection.OverdueDebt
	for _, d := range debts {
		months := collection.MonthsOverdue(d.Due, last)
		if b := collection.Bucket(months); pg.Bucket == "" || b == pg.Bucket {
			t.add(d, months, b)
			shown = append(shown, d)
		}
	}
	for _, g := range collection.GroupArrears(pg.Period, shown) {
		pg.Groups = append(pg.Groups, arrearsGroup{CommuneCode: g.UnitCode, Kind: g.EmployerKind, Bucket: g.Bucket,
			Employers: g.Employers, Evasion: g.Evasion, Principal: g.Principal, Interest: g.Interest})
	}
	var codes []string
	for _, c := range t.communes {
		codes = append(codes, c.Code)
	}
	names, err := s.unitNames(ctx, codes)
	if err != nil {
		return err
	}
	t.fill(func(code string) string {
		if n := names[code]; n != "" {
			return n
		}
		return code
	})
	return nil
}

// arrearsTally sums the overdue debts of the arrears page by commune, kind
// and debtor, in collection's age buckets (the groups are
// collection.GroupArrears).
type arrearsTally struct {
	pg          *arrearsPage
	communes    map[string]*arrearsCommune
	kinds       map[string]*arrearsCommune
	debtors     map[string]*arrearsDebtor
	employersIn map[string]map[string]bool // commune or kind → employers
	total       map[string]bool
}

func newArrearsTally(pg *arrearsPage) *arrearsTally {
	pg.Total = arrearsCommune{ByBucket: make([]int64, len(collection.Buckets))}
	return &arrearsTally{pg: pg,
		communes: map[string]*arrearsCommune{}, kinds: map[string]*arrearsCommune{}, debtors: map[string]*arrearsDebtor{},
		employersIn: map[string]map[string]bool{}, total: map[string]bool{}}
}

// add counts one overdue debt, months overdue, in bucket b.
func (t *arrearsTally) add(d collection.OverdueDebt, months int, b string) {
	bi := slices.Index(collection.Buckets, b)
	amount := d.Principal + d.Interest
	for _, row := range []struct {
		m   map[string]*arrearsCommune
		key string
	}{{t.communes, "c:" + d.CommuneCode}, {t.kinds, "k:" + d.Kind}} {
		c := row.m[row.key]
		if c == nil {
			c = &arrearsCommune{Code: row.key[2:], ByBucket: make([]int64, len(collection.Buckets))}
			row.m[row.key] = c
			t.employersIn[row.key] = map[string]bool{}
		}
		c.ByBucket[bi] += amount
		c.Total += amount
		if !t.employersIn[row.key][d.TaxCode] {
			t.employersIn[row.key][d.TaxCode] = true
			c.Employers++
		}
	}
	t.pg.Total.ByBucket[bi] += amount
	t.pg.Total.Total += amount
	if !t.total[d.TaxCode] {
		t.total[d.TaxCode] = true
		t.pg.Total.Employers++
	}
	e := t.debtors[d.TaxCode]
	if e == nil {
		e = &arrearsDebtor{TaxCode: d.TaxCode, Name: d.Name, Kind: d.Kind, CommuneCode: d.CommuneCode, Status: d.Status}
		t.debtors[d.TaxCode] = e
	}
	e.Months++
	e.Oldest = max(e.Oldest, months)
	e.Principal += d.Principal
	e.Interest += d.Interest
}

// fill names the communes and puts the page's lists in order.
func (t *arrearsTally) fill(name func(code string) string) {
	pg := t.pg
	for i := range pg.Groups {
		pg.Groups[i].CommuneName = name(pg.Groups[i].CommuneCode)
	}
	slices.SortFunc(pg.Groups, func(a, b arrearsGroup) int {
		return cmp.Or(strings.Compare(a.CommuneName, b.CommuneName), strings.Compare(a.CommuneCode, b.CommuneCode),
			cmp.Compare(slices.Index(employerKinds, a.Kind), slices.Index(employerKinds, b.Kind)),
			cmp.Compare(slices.Index(collection.Buckets, a.Bucket), slices.Index(collection.Buckets, b.Bucket)))
	})
	for _, c := range t.communes {
		c.Name = name(c.Code)
		pg.ByCommune = append(pg.ByCommune, *c)
	}
	slices.SortFunc(pg.ByCommune, func(a, b arrearsCommune) int {
		return cmp.Or(cmp.Compare(b.Total, a.Total), strings.Compare(a.Code, b.Code))
	})
	for _, k := range employerKinds {
		if c := t.kinds["k:"+k]; c != nil {
			pg.ByKind = append(pg.ByKind, *c)
		}
	}
	for _, e := range t.debtors {
		e.CommuneName = name(e.CommuneCode)
		pg.Debtors = append(pg.Debtors, *e)
	}
	slices.SortFunc(pg.Debtors, func(a, b arrearsDebtor) int {
		return cmp.Or(cmp.Compare(b.Total(), a.Total()), strings.Compare(a.TaxCode, b.TaxCode))
	})
	pg.AllDebtors = len(pg.Debtors)
}

// arrearsSheets are the arrears page's lists: the groups and the debtors.
func arrearsSheets(pg *arrearsPage) []sheet {
	lang := pg.Lang
	groups := sheet{Name: "arrears.groups", Columns: []string{"notice.period", "unit.code", "dashboard.commune", "employer.kind", "arrears.bucket",
		"arrears.employers", "arrears.evasion", "debt.principal", "debt.interest", "arrears.total"}}
	for _, g := range pg.Groups {
		groups.add(pg.Period, g.CommuneCode, g.CommuneName, label(lang, "ekind", g.Kind), bucketLabel(lang, g.Bucket), g.Employers, g.Evasion,
			g.Principal, g.Interest, g.Principal+g.Interest)
	}
	debtors := sheet{Name: "arrears.debtors", Columns: []string{"employer.tax_code", "employer.name", "employer.kind", "unit.code",
		"dashboard.commune", "notice.status", "arrears.months", "notice.months_overdue", "debt.principal", "debt.interest", "arrears.total"}}
	for _, d := range pg.Debtors {
		debtors.add(d.TaxCode, d.Name, label(lang, "ekind", d.Kind), d.CommuneCode, d.CommuneName, label(lang, "standing", d.Status),
			d.Months, d.Oldest, d.Principal, d.Interest, d.Total())
	}
	return []sheet{groups, debtors}
}
