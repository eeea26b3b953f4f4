package web

import (
	"cmp"
	"context"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"ansinh"
	"ansinh/auth"
	"ansinh/store"
)

// dashboardPage shows participation by commune within the caller's scope,
// and (later) the plan's indicators against their targets.
type dashboardPage struct {
	Page
	Month    ansinh.Period
	Rows     []communeRow
	Total    communeRow
	Chart    BarChart
	ChartTop int
	Computed time.Time
}

// communeRow is one commune's counts.
type communeRow struct {
	Code, Name                        string
	Workers, Voluntary, Beneficiaries int64
}

// chartBars is how many communes the chart shows (the largest).
const chartBars = 15

// dashboardTTL is how long counts are kept: they scan the registry, and a
// few minutes' delay is fine for a dashboard.
const dashboardTTL = 5 * time.Minute

// dashboardCache keeps the counts per scope for dashboardTTL.
type dashboardCache struct {
	mu      sync.Mutex
	entries map[string]dashboardEntry
}

type dashboardEntry struct {
	rows     []communeRow
	computed time.Time
}

// showDashboard shows the dashboard.
func (s *Server) showDashboard(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	scope, err := s.scoper.Scope(ctx, auth.From(ctx))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	month := s.thisMonth()
	rows, computed, err := s.communeRows(ctx, scope, month)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg := &dashboardPage{Page: s.page(w, r, "dashboard.title"), Month: month, Rows: rows, Computed: computed}
	for _, c := range rows {
		pg.Total.Workers += c.Workers
		pg.Total.Voluntary += c.Voluntary
		pg.Total.Beneficiaries += c.Beneficiaries
	}
	top := slices.Clone(rows)
	slices.SortStableFunc(top, func(a, b communeRow) int { return cmp.Compare(b.Workers, a.Workers) })
	if len(top) > chartBars {
		top = top[:chartBars]
	}
	var labels []string
	var values []int64
	for _, c := range top {
		labels = append(labels, c.Name)
		values = append(values, c.Workers)
	}
	pg.Chart, pg.ChartTop = newBarChart(labels, values), len(top)
	s.render(w, r, http.StatusOK, "dashboard", pg)
}

// communeRows returns the counts by commune within the scope, named and in
// name order, from the cache when fresh.
func (s *Server) communeRows(ctx context.Context, scope store.Scope, month ansinh.Period) ([]communeRow, time.Time, error) {
	key := month.String() + "|" + scopeKey(scope)
	now := s.now()
	s.dash.mu.Lock()
	e, ok := s.dash.entries[key]
	s.dash.mu.Unlock()
	if ok && now.Sub(e.computed) < dashboardTTL {
		return e.rows, e.computed, nil
	}
	counts, err := s.db.CountsByCommune(ctx, month, scope)
	if err != nil {
		return nil, time.Time{}, err
	}
	codes := make([]string, len(counts))
	for i, c := range counts {
		codes[i] = c.CommuneCode
	}
	names, err := s.db.UnitNames(ctx, codes, s.today())
	if err != nil {
		return nil, time.Time{}, err
	}
	rows := make([]communeRow, len(counts))
	for i, c := range counts {
		name := names[c.CommuneCode]
		if name == "" {
			name = c.CommuneCode
		}
		rows[i] = communeRow{Code: c.CommuneCode, Name: name, Workers: c.Workers, Voluntary: c.Voluntary, Beneficiaries: c.Beneficiaries}
	}
	slices.SortFunc(rows, func(a, b communeRow) int { return strings.Compare(a.Name, b.Name) })
	s.dash.mu.Lock()
	if s.dash.entries == nil {
		s.dash.entries = map[string]dashboardEntry{}
	}
	s.dash.entries[key] = dashboardEntry{rows: rows, computed: now}
	s.dash.mu.Unlock()
	return rows, now, nil
}

// scopeKey identifies a scope in caches.
func scopeKey(s store.Scope) string {
	if s.All {
		return "all"
	}
	return strings.Join(s.EmployerCommunes, ",") + "|" + strings.Join(s.PersonCommunes, ",") + "|" +
		strings.Join(s.TaxCodes, ",") + "|" + s.PersonID
}
