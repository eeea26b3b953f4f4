package rules

import (
	"fmt"

	"ansinh"
)

// RegionList is one dated list of the minimum-wage region of each commune:
// the annex of Decree 293/2025 from 2026-01-01, a placeholder before it, or
// a province's own list.
type RegionList struct {
	From, To   ansinh.Date       // the days it applies; To zero: open
	Source     string            // the document the list comes from
	Confidence Confidence        // H, M or U
	ByCommune  map[string]Region // commune code → region
}

// Regions holds dated region lists. Where several lists apply to a
// commune on a day, the one given last wins: a province's list given after
// the national ones overrides them. It is safe for concurrent use.
type Regions struct {
	lists []RegionList
}

// NewRegions checks the lists and returns them as a set, in precedence
// order (last wins).
func NewRegions(lists ...RegionList) (*Regions, error) {
	for i, l := range lists {
		switch {
		case l.From.IsZero() || (l.To != 0 && l.To < l.From):
			return nil, fmt.Errorf("region list %d: bad days %s–%s", i, l.From, l.To)
		case l.Source == "":
			return nil, fmt.Errorf("region list %d: no source", i)
		case l.Confidence != ConfHigh && l.Confidence != ConfMedium && l.Confidence != ConfUnconfirmed:
			return nil, fmt.Errorf("region list %d: bad confidence %q", i, l.Confidence)
		}
		for code, r := range l.ByCommune {
			if !r.Valid() {
				return nil, fmt.Errorf("region list %d: commune %s has no valid region", i, code)
			}
		}
	}
	return &Regions{lists: lists}, nil
}

// At returns the region of commune in month m (the list in force on its
// first day) and the list it comes from.
func (rs *Regions) At(commune string, m ansinh.Period) (Region, *RegionList, error) {
	d := m.First()
	for i := len(rs.lists) - 1; i >= 0; i-- {
		l := &rs.lists[i]
		if d < l.From || (l.To != 0 && d > l.To) {
			continue
		}
		if r, ok := l.ByCommune[commune]; ok {
			return r, l, nil
		}
	}
	return 0, nil, invalid("commune",
		fmt.Sprintf("không biết vùng lương tối thiểu của xã %s trong tháng %s", quote(commune), m),
		fmt.Sprintf("no minimum-wage region known for commune %s in %s", quote(commune), m))
}

// keptMinimumDay and keptMinimumFrom frame Decree 293/2025 art. 5(5): a
// worker hired on or before 2025-12-31 keeps that day's minimum wage, from
// the decree's first day (2026-01-01, art. 5(1)), where the commune's new
// region gives a lower one.
var (
	keptMinimumDay  = ansinh.NewDate(2025, 12, 31)
	keptMinimumFrom = ansinh.NewPeriod(2026, 1)
)

// KeptMinimumWage applies Decree 293/2025 art. 5(5): a worker hired on or
// before 2025-12-31 in a commune whose region was lowered keeps the minimum
// wage in force on 2025-12-31 for the earlier region, until the Government
// rules otherwise. It returns that minimum and its version when the rule
// applies in month m, or 0 (also when the earlier region is not known).
func (p *Params) KeptMinimumWage(current, earlier Region, hired ansinh.Date, m ansinh.Period) (int64, *Version, error) {
	if !earlier.Valid() || hired.IsZero() || hired > keptMinimumDay || m < keptMinimumFrom {
		return 0, nil, nil
	}
	old, err := p.at(minWageParam(earlier), keptMinimumDay)
	if err != nil {
		return 0, nil, withField(err, "earlier_region")
	}
	now, err := p.MinimumWage(current, m)
	if err != nil {
		return 0, nil, err
	}
	if old.Value <= now {
		return 0, nil, nil
	}
	return old.Value, old, nil
}

// Workplace is where a worker works and since when: the commune of the
// employer's place of operation decides the region (Decree 293/2025 art.
// 3(3)); the hire day and the commune's region on 2025-12-31, when known,
// decide art. 5(5).
type Workplace struct {
	Commune       string      // commune code of the place of operation
	Hired         ansinh.Date // the day the worker was hired; zero: unknown
	EarlierRegion Region      // the commune's region on 2025-12-31; zero: unknown
}

// WorkplaceContribution assesses one worker-month whose region is that of
// the workplace's commune in rs for the month; in.Region is ignored. The
// explanation starts with the region and the list it comes from (flagged
// when that list is unconfirmed) and, where art. 5(5) applies, the minimum
// wage kept.
func (p *Params) WorkplaceContribution(rs *Regions, wp Workplace, in ContributionInput) (Contribution, error) {
	region, list, err := rs.At(wp.Commune, in.Month)
	if err != nil {
		return Contribution{}, err
	}
	in.Region = region
	kept, keptV, err := p.KeptMinimumWage(region, wp.EarlierRegion, wp.Hired, in.Month)
	if err != nil {
		return Contribution{}, err
	}
	in.KeptMinWage = kept
	c, err := p.Contribution(in)
	if err != nil {
		return Contribution{}, err
	}
	e := newExplainer()
	ref := ParamRef{Name: "region." + wp.Commune, Value: region.String(), Unit: "region", From: list.From.String(),
		Source: list.Source, Confidence: string(list.Confidence), Unconfirmed: list.Confidence == ConfUnconfirmed}
	if list.To != 0 {
		ref.To = list.To.String()
	}
	e.out.Explain = append(e.out.Explain, Explanation{Figure: "region", Value: region.String(),
		Rule:   fmt.Sprintf("Vùng %s: vùng của xã %s, nơi đơn vị hoạt động, trong danh mục áp dụng từ %s", region, wp.Commune, list.From.Display()),
		RuleEN: fmt.Sprintf("Region %s: that of commune %s, the employer's place of operation, in the list applying from %s", region, wp.Commune, list.From),
		Params: []ParamRef{ref}})
	if ref.Unconfirmed {
		e.warn(WarnUnconfirmed, "Vùng lương tối thiểu của xã chưa được xác nhận (danh mục tạm): "+list.Source,
			"The commune's minimum-wage region is unconfirmed (a placeholder list): "+list.Source)
	}
	if kept > 0 {
		e.add("minimum_wage_kept", kept,
			fmt.Sprintf("Nghị định 293/2025/NĐ-CP Điều 5(5): người lao động tuyển dụng từ 31/12/2025 trở về trước tiếp tục hưởng lương tối thiểu vùng %s tại ngày 31/12/2025 (%s), cao hơn vùng %s hiện nay", wp.EarlierRegion, dong(kept), region),
			fmt.Sprintf("Decree 293/2025 art. 5(5): a worker hired on or before 2025-12-31 keeps the region %s minimum of that day (%d), higher than region %s now", wp.EarlierRegion, kept, region),
			keptV)
	}
	c.Explain = append(e.out.Explain, c.Explain...)
	c.Warnings = append(e.out.Warnings, c.Warnings...)
	return c, nil
}
