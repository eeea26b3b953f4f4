package indicators

import (
	"sort"

	"ansinh"
)

// lfTable reads the statistics office's feed (labour force and population
// past retirement age by unit and year) into values for any structure and
// year.
type lfTable struct {
	f       *frame
	years   []int                      // feed years, ascending
	epochOf map[int]int                // feed year → structure its codes belong to
	direct  map[int]map[int32][2]int64 // feed year → unit of that structure → (labour force, past retirement age)
	cache   map[[2]int]*lfValues       // (structure, year) → values
	scope   [][]bool                   // per structure and unit: in scope (set before resolving)
	used    map[[2]int]int             // (structure, year) → feed year used
	own     map[[2]int]*lfValues       // (structure, year) → figures carried, before sums
}

// lfValues are the two denominators of every unit of a structure in a year.
type lfValues struct {
	v     [][2]int64
	known []bool
}

// newLFTable reads the feed. Each year's rows are read in the structure
// whose units their codes match best (the largest Jaccard index between
// the year's codes and the structure's codes; a tie goes to the structure
// in force at the end of the year): the feed names no structure, and codes
// were reused in 2025.
func newLFTable(f *frame, rows []LaborForce) *lfTable {
	t := &lfTable{f: f, epochOf: map[int]int{}, direct: map[int]map[int32][2]int64{},
		cache: map[[2]int]*lfValues{}, used: map[[2]int]int{}, own: map[[2]int]*lfValues{}}
	byYear := map[int][]LaborForce{}
	for _, r := range rows {
		byYear[r.Year] = append(byYear[r.Year], r)
	}
	for y, rs := range byYear {
		t.years = append(t.years, y)
		best, bestJ := f.epochAt(ansinh.NewPeriod(y, 12)), -1.0
		for i, e := range f.epochs {
			match := 0
			for _, r := range rs {
				if _, ok := e.byCode[r.Unit]; ok {
					match++
				}
			}
			j := float64(match) / float64(len(rs)+len(e.units)-match)
			if j > bestJ || (j == bestJ && i == f.epochAt(ansinh.NewPeriod(y, 12))) {
				best, bestJ = i, j
			}
		}
		t.epochOf[y] = best
		e := f.epochs[best]
		d := map[int32][2]int64{}
		for _, r := range rs {
			if u, ok := e.byCode[r.Unit]; ok {
				d[u] = [2]int64{r.LaborForce, r.OverRetirement}
			}
		}
		t.direct[y] = d
	}
	sort.Ints(t.years)
	return t
}

// bases returns, per structure, the units' labour force in the latest
// (latest true) or the earliest year the feed gives under that structure:
// the weights of setWeights.
func (t *lfTable) bases(latest bool) []map[int32]int64 {
	out := make([]map[int32]int64, len(t.f.epochs))
	for i := range out {
		out[i] = map[int32]int64{}
		year := 0
		for _, y := range t.years {
			if t.epochOf[y] == i && (year == 0 || latest) {
				year = y
			}
		}
		if year == 0 {
			continue
		}
		for u, v := range t.direct[year] {
			out[i][u] = v[0]
		}
	}
	return out
}

// feedYear returns the year of the feed that stands for year y: y itself,
// or the latest earlier year; ok is false before the feed's first year.
func (t *lfTable) feedYear(y int) (int, bool) {
	k := sort.SearchInts(t.years, y+1) - 1
	if k < 0 {
		return 0, false
	}
	return t.years[k], true
}

// ownValues returns the figures of every unit of structure e in year y
// carried from the feed, before any sum of children.
//
// The feed's year (y, or the latest year before it) is read in its own
// structure and carried to e link by link: forwards, each unit's figure is
// divided among the units it went to by the links' weights (largest
// remainder, so totals are kept); backwards, each unit's figure is divided
// among the units it came from likewise. A carried figure is known when
// every unit it comes from is known.
func (t *lfTable) ownValues(e, y int) *lfValues {
	if v, ok := t.own[[2]int{e, y}]; ok {
		return v
	}
	ep := t.f.epochs[e]
	out := &lfValues{v: make([][2]int64, len(ep.units)), known: make([]bool, len(ep.units))}
	t.own[[2]int{e, y}] = out
	fy, ok := t.feedYear(y)
	if !ok {
		return out
	}
	t.used[[2]int{e, y}] = fy
	src := t.epochOf[fy]
	cur := make([][2]int64, len(t.f.epochs[src].units))
	known := make([]bool, len(cur))
	for u, v := range t.direct[fy] {
		cur[u], known[u] = v, true
	}
	for i := src; i != e; {
		next := i + 1
		if e < i {
			next = i - 1
		}
		from, to := t.f.epochs[i], t.f.epochs[next]
		nv := make([][2]int64, len(to.units))
		nk := make([]bool, len(to.units))
		reached := make([]bool, len(to.units))
		for u := range from.units {
			ls := from.fwd[u]
			if next < i {
				ls = from.back[u]
			}
			if len(ls) == 0 {
				continue
			}
			w := make([]uint64, len(ls))
			for k, l := range ls {
				w[k] = l.w
			}
			for f := 0; f < 2; f++ {
				shares := apportion(cur[u][f], w)
				for k, l := range ls {
					nv[l.to][f] += shares[k]
				}
			}
			for _, l := range ls {
				reached[l.to] = true
			}
		}
		for n := range to.units {
			if !reached[n] {
				continue
			}
			ls := to.back[n]
			if next < i {
				ls = to.fwd[n]
			}
			all := len(ls) > 0
			for _, l := range ls {
				if !known[l.to] {
					all = false
				}
			}
			nk[n] = all
		}
		cur, known, i = nv, nk, next
	}
	copy(out.v, cur)
	copy(out.known, known)
	return out
}

// values returns the denominators of every unit of structure e in year y:
// a unit takes its own figure (ownValues) when it has one, and otherwise
// the sum of its in-scope children when all of them are known.
func (t *lfTable) values(e, y int) *lfValues {
	if v, ok := t.cache[[2]int{e, y}]; ok {
		return v
	}
	ep := t.f.epochs[e]
	own := t.ownValues(e, y)
	out := &lfValues{v: append([][2]int64(nil), own.v...), known: append([]bool(nil), own.known...)}
	t.cache[[2]int{e, y}] = out
	var scope []bool
	if e < len(t.scope) {
		scope = t.scope[e]
	}
	for lvl := int8(levelDistrict); lvl >= levelProvince; lvl-- {
		sum := make([][2]int64, len(ep.units))
		all := make([]bool, len(ep.units))
		some := make([]bool, len(ep.units))
		for u := range ep.units {
			all[u] = true
		}
		for u := range ep.units {
			p := ep.parent[u]
			if p < 0 || ep.level[p] != lvl || ep.level[u] <= lvl {
				continue
			}
			if scope != nil && !scope[u] {
				continue
			}
			some[p] = true
			if !out.known[u] {
				all[p] = false
				continue
			}
			sum[p][0] += out.v[u][0]
			sum[p][1] += out.v[u][1]
		}
		for u := range ep.units {
			if ep.level[u] == lvl && !out.known[u] && some[u] && all[u] {
				out.v[u], out.known[u] = sum[u], true
			}
		}
	}
	return out
}
