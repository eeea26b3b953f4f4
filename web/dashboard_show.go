package web

import (
	"cmp"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"ansinh"
	"ansinh/auth"
	"ansinh/indicators"
)

// dashboardPage shows participation by commune within the caller's scope,
// and the plan's indicators of a unit against their targets, with the
// communes ranked.
type dashboardPage struct {
	Page
	Month     ansinh.Period
	Rows      []communeRow
	Total     communeRow
	Chart     BarChart
	ChartTop  int
	Computed  time.Time
	Ind       *indicatorView
	ExportURL string
	// CanAllocate shows the link to the target allocation editor.
	CanAllocate bool
	// Body is the page's content already rendered (bodyCache), or empty.
	Body template.HTML
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

// dashboardCache keeps the whole province's counts by commune of a month:
// every caller's rows are those of its communes, so one computation serves
// every scope. A stale entry is served while one refresh runs in the
// background; a caller finding no entry waits for the computation in
// flight rather than starting another.
type dashboardCache struct {
	mu      sync.Mutex
	entries map[ansinh.Period]*dashboardEntry
}

type dashboardEntry struct {
	rows     []communeRow // the province's, in name order
	computed time.Time
	err      error
	ready    chan struct{} // closed once rows (or err) are set
	running  bool          // a refresh is running
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
	q := r.URL.Query()
	year, _ := strconv.Atoi(q.Get("year"))
	pg := &dashboardPage{Page: s.page(w, r, "dashboard.title"), Month: month, Rows: rows, Computed: computed, ExportURL: exportURL(r.URL)}
	pg.Ind, err = s.indicatorView(ctx, auth.From(ctx), scope, indicatorQuery{Unit: q.Get("unit"), Year: year,
		RankBy: indicators.Indicator(q.Get("rank")), Lang: pg.Lang})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg.CanAllocate = s.policy["GET /targets"].Allows(auth.From(ctx).Role)
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
	if wantsXLSX(r) {
		s.writeXLSX(w, r, "tong-quan", dashboardSheets(pg)...)
		return
	}
	// The content depends on the figures, the query, the scope, the role
	// and the language, not on who asks: it is rendered once per
	// combination while the figures last.
	key := fmt.Sprintf("%s|%s|%s|%t|%d|%d", pg.Lang, r.URL.RawQuery, scopeKey(scope), pg.CanAllocate, computed.UnixNano(), pg.Ind.RunID)
	body, err := s.body.get(key, s.now(), func() ([]byte, error) { return s.renderBlock(pg.Lang, "dashboard", "dashboard_body", pg) })
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg.Body = template.HTML(body)
	s.render(w, r, http.StatusOK, "dashboard", pg)
}

// communeRows returns the counts by commune within the scope, named and in
// name order, and when they were computed.
func (s *Server) communeRows(ctx context.Context, scope ansinh.Scope, month ansinh.Period) ([]communeRow, time.Time, error) {
	all, computed, err := s.provinceRows(ctx, month)
	if err != nil || scope.All {
		return all, computed, err
	}
	var rows []communeRow
	for _, c := range all {
		if slices.Contains(scope.EmployerCommunes, c.Code) {
			rows = append(rows, c)
		}
	}
	return rows, computed, nil
}

// provinceRows returns the whole province's counts of the month from the
// cache: fresh, or stale while a refresh runs, or the computation in
// flight.
func (s *Server) provinceRows(ctx context.Context, month ansinh.Period) ([]communeRow, time.Time, error) {
	c := &s.dash
	c.mu.Lock()
	if c.entries == nil {
		c.entries = map[ansinh.Period]*dashboardEntry{}
	}
	e := c.entries[month]
	switch {
	case e == nil:
		e = &dashboardEntry{ready: make(chan struct{}), running: true}
		c.entries[month] = e
		c.mu.Unlock()
		go s.computeProvinceRows(month, e)
	case !e.running && e.err == nil && s.now().Sub(e.computed) >= dashboardTTL:
		e.running = true
		c.mu.Unlock()
		go s.computeProvinceRows(month, e)
	default:
		c.mu.Unlock()
	}
	select {
	case <-e.ready:
	case <-ctx.Done():
		return nil, time.Time{}, ctx.Err()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e.err != nil {
		delete(c.entries, month) // the next request tries again
		return nil, time.Time{}, e.err
	}
	return e.rows, e.computed, nil
}

// computeProvinceRows counts the province's participants of the month by
// commune into the entry (its first result, or a refresh of it).
func (s *Server) computeProvinceRows(month ansinh.Period, e *dashboardEntry) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	rows, err := s.countProvince(ctx, month)
	c := &s.dash
	c.mu.Lock()
	defer c.mu.Unlock()
	e.running = false
	select {
	case <-e.ready: // a refresh: keep the old rows on failure
		if err != nil {
			s.log.Warn("dashboard counts", "month", month, "err", err)
			return
		}
		e.rows, e.computed = rows, s.now()
	default:
		e.rows, e.computed, e.err = rows, s.now(), err
		close(e.ready)
	}
}

// countProvince counts the province's participants of the month by
// commune, named and in name order.
func (s *Server) countProvince(ctx context.Context, month ansinh.Period) ([]communeRow, error) {
	counts, err := s.cfg.Indicators.CountsByCommune(ctx, month, ansinh.Scope{All: true})
	if err != nil {
		return nil, err
	}
	codes := make([]string, len(counts))
	for i, c := range counts {
		codes[i] = c.CommuneCode
	}
	names, err := s.unitNames(ctx, codes)
	if err != nil {
		return nil, err
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
	return rows, nil
}

// Warm computes the dashboard's figures of the whole province (the counts
// of this month and the indicators of the last refresh) so that the first
// dashboard after start is served from memory. New runs it in the
// background unless Config.NoWarm is set.
func (s *Server) Warm(ctx context.Context) {
	if _, _, err := s.provinceRows(ctx, s.thisMonth()); err != nil {
		s.log.Warn("dashboard warm-up: counts", "err", err)
	}
	lang := Languages[0]
	if _, err := s.indicatorView(ctx, nil, ansinh.Scope{All: true}, indicatorQuery{Lang: lang}); err != nil {
		s.log.Warn("dashboard warm-up: indicators", "err", err)
	}
}

// scopeKey identifies a scope in caches.
func scopeKey(s ansinh.Scope) string {
	if s.All {
		return "all"
	}
	return strings.Join(s.EmployerCommunes, ",") + "|" + strings.Join(s.PersonCommunes, ",") + "|" +
		strings.Join(s.TaxCodes, ",") + "|" + s.PersonID
}

// dashboardSheets are the dashboard's lists: participation by commune, the
// unit's indicators and the communes ranked.
func dashboardSheets(pg *dashboardPage) []sheet {
	lang := pg.Lang
	part := sheet{Name: "dashboard.by_commune", Columns: []string{"unit.code", "dashboard.commune", "dashboard.col_workers",
		"dashboard.col_voluntary", "dashboard.col_beneficiaries"}}
	for _, c := range pg.Rows {
		part.add(c.Code, c.Name, c.Workers, c.Voluntary, c.Beneficiaries)
	}
	out := []sheet{part}
	if pg.Ind == nil || !pg.Ind.Available {
		return out
	}
	inds := sheet{Name: "dashboard.indicators_sheet", Columns: []string{"unit.code", "unit.name", "indicator.period", "indicator.name",
		"indicator.numerator", "indicator.denominator", "indicator.value", "indicator.target", "indicator.met",
		"indicator.forecast", "indicator.outlook"}}
	for _, c := range pg.Ind.Cards {
		row := []any{pg.Ind.Unit.Code, pg.Ind.Unit.Name, pg.Ind.Year, defName(lang, c.Def)}
		row = append(row, rowCells(lang, c.Row, c.HasRow)...)
		if c.HasForecast && c.Forecast.Status != indicators.Insufficient {
			row = append(row, rateText(lang, c.Forecast.Projected), label(lang, "outlook", string(c.Forecast.Status)))
		} else {
			row = append(row, nil, nil)
		}
		inds.add(row...)
	}
	rank := sheet{Name: "dashboard.ranking", Columns: []string{"rank.rank", "unit.code", "unit.name", "indicator.numerator",
		"indicator.denominator", "indicator.value", "indicator.target", "indicator.met"}}
	for _, rr := range pg.Ind.Ranking {
		row := []any{rr.Rank, rr.Unit.Code, rr.Unit.Name}
		rank.add(append(row, rowCells(lang, rr.Row, true)...)...)
	}
	return append(out, inds, rank)
}

// rowCells are an indicator row's numerator, denominator, value, target
// and whether it is met, as sheet cells.
func rowCells(lang string, r indicators.Row, ok bool) []any {
	if !ok || !r.Value.Known {
		return []any{nil, nil, nil, targetCell(lang, r), nil}
	}
	var val any
	if r.HasRate {
		val = rateText(lang, r.Rate)
	}
	met := ""
	if r.HasRate && r.HasTarget() {
		met = translate(lang, "common.no")
		if r.Met {
			met = translate(lang, "common.yes")
		}
	}
	return []any{r.Value.Numerator, r.Value.Denominator, val, targetCell(lang, r), met}
}

func targetCell(lang string, r indicators.Row) any {
	if !r.HasTarget() {
		return nil
	}
	return rateText(lang, r.Target)
}

// defName returns an indicator's name in a language.
func defName(lang string, d indicators.Definition) string {
	if lang == "en" {
		return d.NameEN
	}
	return d.NameVI
}
