package web

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"ansinh"
	"ansinh/auth"
	"ansinh/indicators"
)

// The years the dashboard's charts span: the plan's (section II.1.2 sets
// targets for 2021, 2025 and 2030).
const (
	planFirstYear = 2021
	planLastYear  = 2030
)

// indicatorView is the plan's indicators of one unit for one year, against
// their targets, with the communes ranked: what the dashboard shows under
// the participation counts. It is computed from the stored facts of the
// last refresh (package indicators) and kept for dashboardTTL.
type indicatorView struct {
	Available bool // a refresh has run
	RunID     int64
	Through   ansinh.Period // the last month computed
	Computed  time.Time     // when the refresh finished
	Unit      indicators.Unit
	Units     []indicators.Unit // the units the caller may choose
	Year      int
	Years     []int
	Cards     []indicatorCard
	RankBy    indicators.Definition
	RankDefs  []indicators.Definition // what the ranking may be by
	Ranking   []rankRow
}

// indicatorCard is one indicator of the unit: its row for the year, the
// plan's milestones, the forecast to the plan's last year and the chart.
type indicatorCard struct {
	Def         indicators.Definition
	Row         indicators.Row
	HasRow      bool
	Milestones  []yearRate
	Forecast    indicators.Forecast
	HasForecast bool
	Chart       LineChart
}

// yearRate is a target of a year, when there is one.
type yearRate struct {
	Year int
	Rate indicators.Rate
	OK   bool
}

// rankRow is one commune in the ranking: its rank, the ranked indicator's
// row, and the person-counting indicators beside it.
type rankRow struct {
	Rank int
	Unit indicators.Unit
	Row  indicators.Row
	Cols []indicators.Row // rankColumns, in order
}

// rankColumns are the indicators the ranking table shows for each commune.
var rankColumns = []indicators.Indicator{indicators.SICoverage, indicators.VoluntaryCoverage, indicators.UICoverage, indicators.RetireeBenefit}

// indicatorCache keeps computed views for dashboardTTL, by run, unit, year,
// ranking, scope and language.
type indicatorCache struct {
	mu      sync.Mutex
	entries map[string]indicatorEntry
	// run is the last refresh, read at runAt; it is read again after
	// runTTL.
	run   *indicators.Run
	runAt time.Time
}

// runTTL is how long the record of the last refresh is kept: a refresh
// shows on the dashboard at most this much later.
const runTTL = 30 * time.Second

type indicatorEntry struct {
	view *indicatorView
	at   time.Time
}

// forget empties the cache (targets or allocations changed).
func (c *indicatorCache) forget() {
	c.mu.Lock()
	c.entries, c.run = nil, nil
	c.mu.Unlock()
}

// lastRun returns the last refresh of the indicators (ErrNotFound when
// none), read at most every runTTL.
func (s *Server) lastRun(ctx context.Context) (indicators.Run, error) {
	now := s.now()
	s.inds.mu.Lock()
	run, at := s.inds.run, s.inds.runAt
	s.inds.mu.Unlock()
	if run != nil && now.Sub(at) < runTTL {
		return *run, nil
	}
	r, err := s.cfg.Indicators.LastRun(ctx)
	if err != nil {
		return r, err
	}
	s.inds.mu.Lock()
	s.inds.run, s.inds.runAt = &r, now
	s.inds.mu.Unlock()
	return r, nil
}

// indicatorQuery is what the caller asked the dashboard for.
type indicatorQuery struct {
	Unit   string // unit code ("" : the caller's default)
	Year   int    // 0: the last year computed
	RankBy indicators.Indicator
	Lang   string
}

// indicatorView returns the view the caller asked for, from the cache when
// fresh.
func (s *Server) indicatorView(ctx context.Context, p *auth.Principal, scope ansinh.Scope, q indicatorQuery) (*indicatorView, error) {
	run, err := s.lastRun(ctx)
	if errors.Is(err, ansinh.ErrNotFound) {
		return &indicatorView{}, nil
	}
	if err != nil {
		return nil, err
	}
	var units string
	if p != nil && !scope.All {
		units = strings.Join(p.Scope, ",")
	}
	key := fmt.Sprintf("%d|%s|%d|%s|%s|%s|%s", run.ID, q.Unit, q.Year, q.RankBy, q.Lang, units, scopeKey(scope))
	now := s.now()
	s.inds.mu.Lock()
	e, ok := s.inds.entries[key]
	s.inds.mu.Unlock()
	if ok && now.Sub(e.at) < dashboardTTL {
		return e.view, nil
	}
	v, err := s.computeIndicatorView(ctx, p, scope, q, run)
	if err != nil {
		return nil, err
	}
	s.inds.mu.Lock()
	if s.inds.entries == nil || len(s.inds.entries) > 1000 {
		s.inds.entries = map[string]indicatorEntry{}
	}
	s.inds.entries[key] = indicatorEntry{view: v, at: now}
	s.inds.mu.Unlock()
	return v, nil
}

// computeIndicatorView reads the facts a view needs: the unit's years and
// months, and every unit's figures of the year for the ranking.
func (s *Server) computeIndicatorView(ctx context.Context, p *auth.Principal, scope ansinh.Scope, q indicatorQuery, run indicators.Run) (*indicatorView, error) {
	st := s.cfg.Indicators
	units, err := st.IndicatorUnits(ctx)
	if err != nil {
		return nil, err
	}
	book, err := st.TargetBook(ctx)
	if err != nil {
		return nil, err
	}
	v := &indicatorView{Available: true, RunID: run.ID, Through: run.Through, Computed: run.Finished}
	v.Units = choosableUnits(p, scope, units)
	if len(v.Units) == 0 {
		return &indicatorView{}, nil
	}
	v.choose(q, run)
	if err := v.cards(ctx, st, book, run, q); err != nil {
		return nil, err
	}
	if err := v.rank(ctx, st, units, book, scope, q); err != nil {
		return nil, err
	}
	return v, nil
}

// choose picks the view's unit and year from the query (defaults: the
// first unit offered, the last year computed).
func (v *indicatorView) choose(q indicatorQuery, run indicators.Run) {
	v.Unit = v.Units[0]
	for _, u := range v.Units {
		if u.Code == q.Unit {
			v.Unit = u
		}
	}
	last := run.Through.Year()
	for y := max(planFirstYear, run.From.Year()); y <= last; y++ {
		v.Years = append(v.Years, y)
	}
	v.Year = last
	if slices.Contains(v.Years, q.Year) {
		v.Year = q.Year
	}
}

// cards fills one card per indicator: the unit's row for the year, its
// yearly values, targets, milestones and forecast, and the chart.
func (v *indicatorView) cards(ctx context.Context, st IndicatorStore, book *indicators.TargetBook, run indicators.Run, q indicatorQuery) error {
	key := v.Unit.Key()
	years, err := st.Facts(ctx, indicators.FactFilter{Kind: "year", Units: []string{key.Code}})
	if err != nil {
		return err
	}
	months, err := st.Facts(ctx, indicators.FactFilter{Kind: "month", Units: []string{key.Code}, To: strconv.Itoa(v.Year) + "-12"})
	if err != nil {
		return err
	}
	for _, d := range indicators.Definitions() {
		v.Cards = append(v.Cards, v.card(d, years, months, book, run, rateFormat(q.Lang)))
	}
	return nil
}

// card builds the card of indicator d.
func (v *indicatorView) card(d indicators.Definition, years, months []indicators.Facts, book *indicators.TargetBook, run indicators.Run, rate func(int64) string) indicatorCard {
	key, last := v.Unit.Key(), run.Through.Year()
	c := indicatorCard{Def: d}
	var values, targets []ChartPoint
	for i := range years {
		f := &years[i]
		if f.Unit != key {
			continue
		}
		r := indicators.MakeRow(d, v.Unit, f, book)
		at := ansinh.NewPeriod(f.Period.Year, 12)
		if f.Period.Year == last {
			at = run.Through
		}
		if r.HasRate && f.Period.Year >= planFirstYear {
			values = append(values, ChartPoint{At: at, Rate: int64(r.Rate)})
		}
		if f.Period.Year == v.Year {
			c.Row, c.HasRow = r, true
		}
	}
	for y := planFirstYear; y <= planLastYear; y++ {
		if t, origin := book.For(d.ID, key, y); origin != indicators.TargetNone {
			targets = append(targets, ChartPoint{At: ansinh.NewPeriod(y, 12), Rate: int64(t)})
		}
	}
	for _, y := range []int{2021, 2025, 2030} {
		t, origin := book.For(d.ID, key, y)
		c.Milestones = append(c.Milestones, yearRate{Year: y, Rate: t, OK: origin != indicators.TargetNone})
	}
	var from, to *ChartPoint
	if fc, ok := indicators.ForecastUnit(months, key, d, book, planLastYear, indicators.DefaultWindow); ok {
		c.Forecast, c.HasForecast = fc, true
		if fc.Status != indicators.Insufficient {
			from = &ChartPoint{At: fc.Last, Rate: int64(fc.Value)}
			to = &ChartPoint{At: ansinh.NewPeriod(fc.TargetYear, 12), Rate: int64(fc.Projected)}
		}
	}
	c.Chart = newLineChart(planFirstYear, planLastYear, values, targets, from, to, rate)
	return c
}

// rank fills the ranking: the communes in force at the end of the year,
// within the scope, by the chosen indicator.
func (v *indicatorView) rank(ctx context.Context, st IndicatorStore, units map[indicators.UnitKey]indicators.Unit, book *indicators.TargetBook, scope ansinh.Scope, q indicatorQuery) error {
	v.RankDefs = nil
	for _, d := range indicators.Definitions() {
		if d.Persons {
			v.RankDefs = append(v.RankDefs, d)
		}
	}
	v.RankBy = v.RankDefs[0]
	for _, d := range v.RankDefs {
		if d.ID == q.RankBy {
			v.RankBy = d
		}
	}
	all, err := st.Facts(ctx, indicators.FactFilter{Periods: []string{strconv.Itoa(v.Year)}, Remapped: ptr(false)})
	if err != nil {
		return err
	}
	var ranked []indicators.Row
	cols := map[indicators.UnitKey][]indicators.Row{}
	for i := range all {
		f := &all[i]
		u, ok := units[f.Unit]
		if !ok || u.Level != "commune" || (!scope.All && !slices.Contains(scope.EmployerCommunes, u.Code)) {
			continue
		}
		ranked = append(ranked, indicators.MakeRow(v.RankBy, u, f, book))
		for _, id := range rankColumns {
			d, _ := indicators.Lookup(id)
			cols[f.Unit] = append(cols[f.Unit], indicators.MakeRow(d, u, f, book))
		}
	}
	for i, r := range indicators.Rank(ranked) {
		v.Ranking = append(v.Ranking, rankRow{Rank: i + 1, Unit: r.Unit, Row: r, Cols: cols[r.Unit.Key()]})
	}
	return nil
}

func ptr[T any](v T) *T { return &v }

// choosableUnits returns the units whose indicators the caller may see on
// the dashboard, the default first: the province and every commune for the
// whole province; for a unit officer, its units and their communes (in
// force today).
func choosableUnits(p *auth.Principal, scope ansinh.Scope, units map[indicators.UnitKey]indicators.Unit) []indicators.Unit {
	var communes []indicators.Unit
	for _, u := range units {
		if u.Level == "commune" && u.To == 0 && (scope.All || slices.Contains(scope.EmployerCommunes, u.Code)) {
			communes = append(communes, u)
		}
	}
	slices.SortFunc(communes, func(a, b indicators.Unit) int { return strings.Compare(a.Name, b.Name) })
	var head []indicators.Unit
	if scope.All {
		if prov, ok := indicators.Province(units); ok {
			head = append(head, prov)
		}
	} else if p != nil {
		for _, code := range p.Scope {
			var best indicators.Unit
			for _, u := range units {
				if u.Code == code && (best.Code == "" || u.From > best.From) {
					best = u
				}
			}
			if best.Code != "" && best.Level != "commune" {
				head = append(head, best)
			}
		}
	}
	return append(head, communes...)
}

// rateFormat returns how a rate in basis points is written in a language:
// "52,5%" or "52.5%", without trailing zeros.
func rateFormat(lang string) func(int64) string {
	return func(v int64) string { return shortRate(lang, indicators.Rate(v)) }
}

// shortRate writes a rate with at most two decimals, no trailing zeros.
func shortRate(lang string, r indicators.Rate) string {
	s := strings.TrimRight(strings.TrimRight(r.String(), "0"), ".")
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s + "%"
}

// rateText writes a rate with two decimals in a language: "52,50%" or
// "52.50%".
func rateText(lang string, r indicators.Rate) string {
	if lang == "en" {
		return r.String() + "%"
	}
	return r.Display()
}
