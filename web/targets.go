package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"ansinh"
	"ansinh/auth"
	"ansinh/indicators"
)

// targetsPage is the allocation of a year's province target of a
// person-counting indicator to the communes (plan section II.2.4): the
// officers' weights (the part shared by labour force, the rest by gap, and
// each commune's multiplier), the preview of the allocation with its
// totals, and the allocation saved.
type targetsPage struct {
	Page
	Indicator  indicators.Definition
	Indicators []indicators.Definition
	Year       int
	Years      []int
	Milestone  indicators.Milestone
	HasTarget  bool
	LFWeight   int
	Alloc      *indicators.Allocation
	Rows       []allocRow
	Sum        allocRow
	Saved      *indicators.Allocation
	Same       bool // the preview equals the saved allocation
	MayEdit    bool
	Problem    string // why there is no preview
	ExportURL  string
}

// allocRow is one commune of an allocation, with its multiplier as typed.
type allocRow struct {
	indicators.AllocatedUnit
	Input string
	Rate  indicators.Rate
	Saved *indicators.AllocatedUnit
}

// showTargets shows the allocation editor with the saved settings (or the
// defaults) and their preview (or the preview as XLSX).
func (s *Server) showTargets(w http.ResponseWriter, r *http.Request) {
	pg, err := s.targetsPage(w, r, r.URL.Query(), false)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if wantsXLSX(r) {
		s.writeXLSX(w, r, fmt.Sprintf("giao-chi-tieu-%s-%d", pg.Indicator.ID, pg.Year), allocationSheet(pg))
		return
	}
	if r.URL.Query().Get("done") != "" {
		pg.Flash = translate(pg.Lang, "targets.saved")
	}
	s.render(w, r, http.StatusOK, "targets", pg)
}

// submitTargets previews the allocation with the weights posted
// (action=preview), or saves the weights and the allocation (action=save;
// both audited by the store).
func (s *Server) submitTargets(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, ansinh.Invalid("form", "Biểu mẫu không hợp lệ.", "The form is not valid."))
		return
	}
	pg, err := s.targetsPage(w, r, r.PostForm, true)
	if err != nil {
		status := auth.HTTPStatus(err)
		if status != http.StatusBadRequest {
			s.fail(w, r, err)
			return
		}
		if pg == nil {
			s.fail(w, r, err)
			return
		}
		pg.Error = ansinh.ErrorMessage(err, pg.Lang)
		s.render(w, r, status, "targets", pg)
		return
	}
	if r.PostFormValue("action") != "save" || pg.Alloc == nil {
		s.render(w, r, http.StatusOK, "targets", pg)
		return
	}
	actor := auth.From(ctx).Actor()
	st := s.cfg.Indicators
	if err := st.SetAllocationParams(ctx, pg.Indicator.ID, pg.Year, pg.Alloc.Params, actor); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := st.SaveAllocation(ctx, *pg.Alloc, actor); err != nil {
		s.fail(w, r, err)
		return
	}
	s.inds.forget()
	s.body.forget()
	v := url.Values{"indicator": {string(pg.Indicator.ID)}, "year": {strconv.Itoa(pg.Year)}, "done": {"1"}}
	redirect(w, r, "/targets?"+v.Encode())
}

// targetsPage builds the editor's page from the values given (the query,
// or the posted form when posted is set: its weights then replace the
// saved ones).
func (s *Server) targetsPage(w http.ResponseWriter, r *http.Request, in url.Values, posted bool) (*targetsPage, error) {
	ctx := r.Context()
	pg := &targetsPage{Page: s.page(w, r, "targets.title"), MayEdit: s.policy["POST /targets"].Allows(auth.From(ctx).Role),
		ExportURL: exportURL(r.URL)}
	pg.chooseIndicator(in)
	st := s.cfg.Indicators
	run, err := st.LastRun(ctx)
	if errors.Is(err, ansinh.ErrNotFound) {
		pg.Problem = translate(pg.Lang, "dashboard.no_indicators")
		return pg, nil
	}
	if err != nil {
		return nil, err
	}
	pg.chooseYear(in, run)
	ind := pg.Indicator.ID
	params, err := st.AllocationParams(ctx, ind, pg.Year)
	if err != nil {
		return nil, err
	}
	var bad error
	if posted {
		bad = postedWeights(in, &params)
	}
	pg.LFWeight = params.LaborForceWeight
	book, err := st.TargetBook(ctx)
	if err != nil {
		return nil, err
	}
	pg.Milestone, pg.HasTarget = book.Targets.Milestone(ind, pg.Year)
	if saved, err := st.Allocation(ctx, ind, pg.Year); err == nil {
		pg.Saved = &saved
	} else if !errors.Is(err, ansinh.ErrNotFound) {
		return nil, err
	}
	if !pg.HasTarget {
		pg.Problem = translate(pg.Lang, "targets.no_target")
		return pg, bad
	}
	a, err := s.allocate(ctx, ind, pg.Year, pg.Milestone.Value, params)
	if err != nil {
		if ansinh.ErrorCode(err) == ansinh.EINVALID {
			pg.Problem = ansinh.ErrorMessage(err, pg.Lang)
			return pg, bad
		}
		return nil, err
	}
	a.SortByCode()
	pg.Alloc = &a
	pg.fillRows(a, in, posted)
	return pg, bad
}

// chooseIndicator offers the person indicators and picks the one asked.
func (pg *targetsPage) chooseIndicator(in url.Values) {
	for _, d := range indicators.Definitions() {
		if d.Persons {
			pg.Indicators = append(pg.Indicators, d)
		}
	}
	pg.Indicator = pg.Indicators[0]
	for _, d := range pg.Indicators {
		if string(d.ID) == in.Get("indicator") {
			pg.Indicator = d
		}
	}
}

// chooseYear offers the plan's years from the last computed and picks the
// one asked (default: the next year).
func (pg *targetsPage) chooseYear(in url.Values, run indicators.Run) {
	for y := max(planFirstYear, run.Through.Year()); y <= planLastYear; y++ {
		pg.Years = append(pg.Years, y)
	}
	pg.Year = min(run.Through.Year()+1, planLastYear)
	if y, err := strconv.Atoi(in.Get("year")); err == nil && slices.Contains(pg.Years, y) {
		pg.Year = y
	}
}

// postedWeights reads the posted labour-force part and the communes'
// multipliers into params; the first bad value is returned.
func postedWeights(in url.Values, params *indicators.AllocationParams) error {
	var bad error
	if v, err := strconv.Atoi(strings.TrimSpace(in.Get("lf"))); err == nil && v >= 0 && v <= 100 {
		params.LaborForceWeight = v
	} else {
		bad = ansinh.Invalid("lf", "Tỷ trọng chia theo lực lượng lao động phải từ 0 đến 100.", "The labour force part must be from 0 to 100.")
	}
	for k, vs := range in {
		code, ok := strings.CutPrefix(k, "w_")
		if !ok || len(vs) == 0 {
			continue
		}
		v, err := strconv.Atoi(strings.TrimSpace(vs[0]))
		if err != nil || v < 0 || v > 1000 {
			if bad == nil {
				bad = ansinh.Invalid("weight", fmt.Sprintf("Hệ số của %s phải từ 0 đến 1000 (%%).", code),
					fmt.Sprintf("The multiplier of %s must be from 0 to 1000 (%%).", code))
			}
			continue
		}
		params.Weights[code] = v
	}
	return bad
}

// fillRows writes one row per commune of the allocation, with the saved
// allocation beside it, and the sums.
func (pg *targetsPage) fillRows(a indicators.Allocation, in url.Values, posted bool) {
	saved := map[string]*indicators.AllocatedUnit{}
	if pg.Saved != nil {
		for i := range pg.Saved.Units {
			saved[pg.Saved.Units[i].Unit.Code] = &pg.Saved.Units[i]
		}
	}
	pg.Same = pg.Saved != nil && len(pg.Saved.Units) == len(a.Units)
	for _, u := range a.Units {
		row := allocRow{AllocatedUnit: u, Input: strconv.Itoa(u.Weight), Saved: saved[u.Unit.Code]}
		if posted {
			if v := in.Get("w_" + u.Unit.Code); v != "" {
				row.Input = v
			}
		}
		row.Rate, _ = u.Rate()
		if row.Saved == nil || row.Saved.Target != u.Target {
			pg.Same = false
		}
		pg.Rows = append(pg.Rows, row)
		pg.Sum.Baseline += u.Baseline
		pg.Sum.Denominator += u.Denominator
		pg.Sum.Gap += u.Gap
		pg.Sum.Increase += u.Increase
		pg.Sum.Target += u.Target
	}
	pg.Sum.Rate, _ = indicators.RateOf(pg.Sum.Target, pg.Sum.Denominator)
}

// allocate shares the province's target of a year among the communes in
// force, from the stored yearly facts (as `ansinh indicators allocate`).
func (s *Server) allocate(ctx context.Context, ind indicators.Indicator, year int, rate indicators.Rate, p indicators.AllocationParams) (indicators.Allocation, error) {
	st := s.cfg.Indicators
	facts, err := st.Facts(ctx, indicators.FactFilter{Kind: "year", To: strconv.Itoa(year)})
	if err != nil {
		return indicators.Allocation{}, err
	}
	units, err := st.IndicatorUnits(ctx)
	if err != nil {
		return indicators.Allocation{}, err
	}
	au, err := indicators.AllocationUnits(facts, units, ind, year, "commune")
	if err != nil {
		return indicators.Allocation{}, err
	}
	return indicators.Allocate(ind, year, rate, au, 0, p)
}

// allocationSheet is the preview as a sheet.
func allocationSheet(pg *targetsPage) sheet {
	sh := sheet{Name: "targets.title", Columns: []string{"unit.code", "unit.name", "targets.denominator", "targets.baseline", "targets.gap",
		"targets.weight", "targets.increase", "targets.target", "targets.rate"}}
	for _, r := range pg.Rows {
		sh.add(r.Unit.Code, r.Name, r.Denominator, r.Baseline, r.Gap, r.Weight, r.Increase, r.Target, rateText(pg.Lang, r.Rate))
	}
	if pg.Alloc != nil {
		sh.add(nil, translate(pg.Lang, "common.total"), pg.Sum.Denominator, pg.Sum.Baseline, pg.Sum.Gap, nil, pg.Sum.Increase, pg.Sum.Target,
			rateText(pg.Lang, pg.Sum.Rate))
	}
	return sh
}
