package indicators

import (
	"fmt"
	"sort"

	"ansinh"
)

// Province returns the province of today's structure (a province-level
// unit still in force); with several, the one of the lowest code.
func Province(units map[UnitKey]Unit) (Unit, bool) {
	var best Unit
	found := false
	for _, u := range units {
		if u.Level == "province" && u.To == 0 && (!found || u.Code < best.Code) {
			best, found = u, true
		}
	}
	return best, found
}

// Series returns a unit's monthly series of an indicator from monthly facts,
// in month order.
func Series(facts []Facts, unit UnitKey, d Definition) []Point {
	var out []Point
	for i := range facts {
		f := &facts[i]
		if f.Unit != unit || f.Period.IsYear() {
			continue
		}
		v := f.Value(d)
		out = append(out, Point{Month: f.Period.MonthPeriod(), Numerator: v.Numerator, Denominator: v.Denominator, Known: v.Known})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Month < out[j].Month })
	return out
}

// ForecastUnit forecasts indicator d of a unit to the target year from its
// monthly facts, against the unit's target for that year in book.
func ForecastUnit(facts []Facts, unit UnitKey, d Definition, book *TargetBook, targetYear, window int) (Forecast, bool) {
	target, origin := book.For(d.ID, unit, targetYear)
	if origin == TargetNone {
		return Forecast{}, false
	}
	return ForecastOf(ForecastInput{Indicator: d.ID, Unit: unit, Series: Series(facts, unit, d),
		TargetYear: targetYear, Target: target, Window: window}), true
}

// AllocationUnits returns the units of a level ("commune" or "district")
// to allocate indicator ind's target of a year among, from yearly facts:
// the units in force at the end of that year (or, for a year not computed
// yet, of the latest year computed), each with its baseline (participants
// at the end of the year before, or of the latest earlier year computed)
// and its denominator (of the year, or of the latest year that has one).
func AllocationUnits(facts []Facts, units map[UnitKey]Unit, ind Indicator, year int, level string) ([]AllocationUnit, error) {
	d, ok := Lookup(ind)
	if !ok || !d.Persons {
		return nil, ansinh.Invalid("indicator", fmt.Sprintf("chỉ tiêu %q không giao được theo số người", ind),
			fmt.Sprintf("indicator %q is not allocated in participants", ind))
	}
	byUnit := map[UnitKey][]*Facts{}
	latest := 0
	for i := range facts {
		f := &facts[i]
		if !f.Period.IsYear() {
			continue
		}
		byUnit[f.Unit] = append(byUnit[f.Unit], f)
		if !f.Remapped && f.Period.Year <= year && f.Period.Year > latest {
			latest = f.Period.Year
		}
	}
	if latest == 0 {
		return nil, ansinh.Invalid("year", fmt.Sprintf("chưa có số liệu đến năm %d: hãy chạy `ansinh indicators refresh`", year),
			fmt.Sprintf("no figures up to %d: run `ansinh indicators refresh`", year))
	}
	var out []AllocationUnit
	for key, rows := range byUnit {
		u := units[key]
		if u.Level != level {
			continue
		}
		inForce := false
		for _, f := range rows {
			if f.Period.Year == latest && !f.Remapped {
				inForce = true
			}
		}
		if !inForce {
			continue
		}
		sort.Slice(rows, func(i, j int) bool { return rows[i].Period.Year < rows[j].Period.Year })
		au := AllocationUnit{Unit: key, Name: u.Name}
		for _, f := range rows {
			if f.Period.Year < year {
				au.Baseline = f.V[d.Numerator]
			}
			if f.Period.Year <= year && f.Has(d.Denominator) {
				au.Denominator = f.V[d.Denominator]
			}
		}
		out = append(out, au)
	}
	if len(out) == 0 {
		return nil, ansinh.Invalid("level", fmt.Sprintf("không có đơn vị cấp %s trong năm %d", level, latest),
			fmt.Sprintf("no %s-level units in %d", level, latest))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Unit.Code < out[j].Unit.Code })
	return out, nil
}
