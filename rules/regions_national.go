package rules

import (
	"fmt"
	"slices"
	"sync"

	"ansinh"
	"ansinh/refdata"
)

// NationalRegions returns the dated region lists AnSinh ships (refdata,
// sources in refdata/data/README.md), read once: the placeholder by unit
// type, flagged unconfirmed, for the communes of the old structure (to
// 2025-06-30) and of the new one (2025-07-01 to 2025-12-31), then the annex
// of Decree 293/2025 from 2026-01-01. A commune code of the new structure
// that the old one lacks keeps its placeholder before 2025-07-01 too (an
// employer registered under its new commune, billed for an earlier month);
// where the old structure has the code, its own placeholder wins. `calc
// contribution` and the monthly close both decide a commune's region with
// them.
func NationalRegions() (*Regions, error) { return nationalRegions() }

var nationalRegions = sync.OnceValues(func() (*Regions, error) {
	lists, err := refdata.RegionLists()
	if err != nil {
		return nil, err
	}
	out := make([]RegionList, len(lists))
	for i, l := range lists {
		out[i] = RegionList{From: l.From, To: l.To, Source: l.Source, Confidence: ConfUnconfirmed,
			ByCommune: make(map[string]Region, len(l.ByCommune))}
		if l.Sure {
			out[i].Confidence = ConfHigh
		}
		for code, r := range l.ByCommune {
			if out[i].ByCommune[code], err = ParseRegion(r); err != nil {
				return nil, fmt.Errorf("region list %s: commune %s: %w", l.From, code, err)
			}
		}
	}
	for _, l := range out {
		if l.From == refdata.ReformDate && l.Confidence == ConfUnconfirmed {
			before := l
			before.From, before.To = out[0].From, refdata.ReformDate.AddDays(-1)
			before.Source += " (xã của cấu trúc mới, áp dụng cho tháng trước 01/07/2025 / a new-structure commune, for months before 2025-07-01)"
			out = append([]RegionList{before}, out...)
			break
		}
	}
	return NewRegions(out...)
})

// With returns the set with lists added after rs's own: where several apply
// to a commune on a day, the added ones win, the last first.
func (rs *Regions) With(lists ...RegionList) (*Regions, error) {
	return NewRegions(append(slices.Clip(rs.lists), lists...)...)
}

// UnitRegion is one dated commune row of an administrative units table
// (`ansinh units load` or a province's `ansinh import units`) that carries
// a minimum-wage region.
type UnitRegion struct {
	Commune  string
	From, To ansinh.Date // To zero: open
	Region   Region
}

// nationalUnitRows are the commune rows of the embedded national units, as
// `ansinh units load` writes them, keyed by code and first day.
var nationalUnitRows = sync.OnceValues(func() (map[UnitRegion]bool, error) {
	units, err := refdata.Units()
	if err != nil {
		return nil, err
	}
	out := map[UnitRegion]bool{}
	for _, u := range units {
		if u.Level != "commune" {
			continue
		}
		r, err := ParseRegion(u.Region)
		if err != nil {
			return nil, fmt.Errorf("national unit %s: %w", u.Code, err)
		}
		out[UnitRegion{Commune: u.Code, From: u.ValidFrom, To: u.ValidTo, Region: r}] = true
	}
	return out, nil
})

// provinceUnitsSource cites a province's own units rows.
const provinceUnitsSource = "Danh mục đơn vị hành chính của tỉnh (tệp units đã nhập, cột region) / the province's own units file (its region column)"

// WithProvinceUnits returns the national lists (NationalRegions) overridden
// by a province's own dated unit rows: each row gives its commune's region
// on the days it is valid, over the national lists. A row that repeats a row
// of the embedded national units exactly (what `ansinh units load` writes:
// the 2026 region on a commune valid from 2025-07-01) decides nothing, so
// the national lists date it: the placeholder until 2025-12-31, Decree
// 293/2025 from 2026-01-01. Among a province's rows, the one starting later
// wins where two overlap.
func WithProvinceUnits(rows []UnitRegion) (*Regions, error) {
	national, err := NationalRegions()
	if err != nil {
		return nil, err
	}
	known, err := nationalUnitRows()
	if err != nil {
		return nil, err
	}
	type span struct{ from, to ansinh.Date }
	byDays := map[span]map[string]Region{}
	for _, r := range rows {
		if known[r] {
			continue
		}
		s := span{r.From, r.To}
		if byDays[s] == nil {
			byDays[s] = map[string]Region{}
		}
		byDays[s][r.Commune] = r.Region
	}
	var lists []RegionList
	for s, m := range byDays {
		lists = append(lists, RegionList{From: s.from, To: s.to, Source: provinceUnitsSource, Confidence: ConfHigh, ByCommune: m})
	}
	slices.SortFunc(lists, func(a, b RegionList) int {
		if a.From != b.From {
			return int(a.From - b.From)
		}
		return int(a.To - b.To)
	})
	return national.With(lists...)
}
