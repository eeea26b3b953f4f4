package indicators

import (
	"fmt"
	"math/bits"
	"sort"

	"ansinh"
)

// frame is the administrative frame of a computation: the structures in
// force over the months computed (each an epoch), their units and
// hierarchy, and the links between consecutive structures.
type frame struct {
	from, through ansinh.Period
	epochs        []*epoch
}

// epoch is one structure: the units in force between two reorganisations.
type epoch struct {
	idx   int
	start ansinh.Date   // first day in force; zero for the first structure, which reaches back without limit
	first ansinh.Period // first month in force, within [from, through]
	last  ansinh.Period // last month in force, within [from, through]; last < first when none
	units []Unit
	// byCode maps a code to its unit; a code names one unit per structure.
	byCode map[string]int32
	parent []int32 // unit → parent unit, -1 for a root
	level  []int8  // unit → 0 province, 1 district, 2 commune
	// communes numbers the communes: communes[n] is the unit of commune n.
	communes []int32
	cnum     []int32   // unit → commune number, -1 if not a commune
	anc      [][]int32 // commune number → the commune's unit and its ancestors
	// back and fwd link each unit to units of the same level in the
	// previous and the next structure, with integer weights (see weights).
	back [][]link
	fwd  [][]link
}

// link is a weighted link to a unit of a neighbouring structure.
type link struct {
	to int32
	w  uint64
}

// Unit levels.
const (
	levelProvince = 0
	levelDistrict = 1
	levelCommune  = 2
)

func levelOf(s string) (int8, bool) {
	switch s {
	case "province":
		return levelProvince, true
	case "district":
		return levelDistrict, true
	case "commune":
		return levelCommune, true
	}
	return 0, false
}

// splitBase is a common multiple of 1..16: a unit divided among T others
// gives each the integer weight splitBase/T.
const splitBase = 720720

// newFrame builds the structures from the registry's units and successor
// links for the months [from, through].
//
// The structures start at the first day of the earliest unit version and
// at each day a successor link takes effect; the first structure reaches
// back to any earlier month (the registry's oldest units stand for the
// years before them). A unit version is in force in a structure when its
// validity overlaps the structure's span.
func newFrame(units []Unit, succ []Successor, from, through ansinh.Period) (*frame, error) {
	if len(units) == 0 {
		return nil, ansinh.Invalid("units", "chưa có danh mục đơn vị hành chính (units)", "no administrative units in the registry (units)")
	}
	f := &frame{from: from, through: through}
	minFrom := units[0].From
	for _, u := range units {
		if u.From < minFrom {
			minFrom = u.From
		}
	}
	startSet := map[ansinh.Date]bool{minFrom: true}
	for _, s := range succ {
		if s.From > minFrom {
			startSet[s.From] = true
		}
	}
	var starts []ansinh.Date
	for d := range startSet {
		starts = append(starts, d)
	}
	sort.Slice(starts, func(i, j int) bool { return starts[i] < starts[j] })
	for i, s := range starts {
		e := &epoch{idx: i, byCode: map[string]int32{}}
		if i > 0 {
			e.start = s
		}
		var next ansinh.Date
		if i+1 < len(starts) {
			next = starts[i+1]
		}
		// Units in force: validity overlapping [s, next).
		chosen := map[string]Unit{}
		for _, u := range units {
			if u.To != 0 && u.To < s {
				continue
			}
			if next != 0 && u.From >= next {
				continue
			}
			if _, ok := levelOf(u.Level); !ok {
				continue
			}
			if old, ok := chosen[u.Code]; ok && old.From > u.From {
				continue
			}
			chosen[u.Code] = u
		}
		for _, u := range chosen {
			e.units = append(e.units, u)
		}
		sort.Slice(e.units, func(a, b int) bool { return e.units[a].Code < e.units[b].Code })
		for k, u := range e.units {
			e.byCode[u.Code] = int32(k)
		}
		e.first, e.last = from, through
		if i > 0 {
			e.first = max(from, monthStarting(s))
		}
		if next != 0 {
			e.last = min(through, monthStarting(next)-1)
		}
		e.index()
		f.epochs = append(f.epochs, e)
	}
	f.link(succ)
	return f, nil
}

// monthStarting returns the first month whose first day is on or after d.
func monthStarting(d ansinh.Date) ansinh.Period {
	p := d.Period()
	if d.Day() != 1 {
		p++
	}
	return p
}

// index builds the hierarchy of an epoch.
func (e *epoch) index() {
	n := len(e.units)
	e.parent = make([]int32, n)
	e.level = make([]int8, n)
	e.cnum = make([]int32, n)
	for k, u := range e.units {
		e.level[k], _ = levelOf(u.Level)
		e.parent[k] = -1
		if p, ok := e.byCode[u.Parent]; ok && u.Parent != "" && p != int32(k) {
			e.parent[k] = p
		}
		e.cnum[k] = -1
		if e.level[k] == levelCommune {
			e.cnum[k] = int32(len(e.communes))
			e.communes = append(e.communes, int32(k))
		}
	}
	e.anc = make([][]int32, len(e.communes))
	for c, u := range e.communes {
		chain := []int32{u}
		for p := e.parent[u]; p >= 0 && len(chain) < 8; p = e.parent[p] {
			chain = append(chain, p)
		}
		e.anc[c] = chain
	}
	e.back = make([][]link, n)
	e.fwd = make([][]link, n)
}

// epochAt returns the index of the structure in force in month p.
func (f *frame) epochAt(p ansinh.Period) int {
	for i := len(f.epochs) - 1; i > 0; i-- {
		if p >= monthStarting(f.epochs[i].start) {
			return i
		}
	}
	return 0
}

// current returns the structure in force today (the last one).
func (f *frame) current() *epoch { return f.epochs[len(f.epochs)-1] }

// link attaches the successor links to consecutive structures: a link
// taking effect on a day belongs to the boundary of the structure in force
// that day, from its old unit (previous structure) to its new unit (that
// structure), when both exist there at the same level. A unit with no link
// at a boundary continues as the unit of the same code and level, if the
// next structure has one. Weights start equal (see setWeights).
func (f *frame) link(succ []Successor) {
	type pair struct{ a, b int32 }
	seen := make([]map[pair]bool, len(f.epochs))
	for _, s := range succ {
		i := 0
		for k := len(f.epochs) - 1; k > 0; k-- {
			if s.From >= f.epochs[k].start {
				i = k
				break
			}
		}
		if i == 0 {
			continue
		}
		prev, cur := f.epochs[i-1], f.epochs[i]
		o, ok1 := prev.byCode[s.Old]
		n, ok2 := cur.byCode[s.New]
		if !ok1 || !ok2 || prev.level[o] != cur.level[n] {
			continue
		}
		if seen[i] == nil {
			seen[i] = map[pair]bool{}
		}
		if seen[i][pair{o, n}] {
			continue
		}
		seen[i][pair{o, n}] = true
		prev.fwd[o] = append(prev.fwd[o], link{to: n, w: 1})
		cur.back[n] = append(cur.back[n], link{to: o, w: 1})
	}
	for i := 1; i < len(f.epochs); i++ {
		prev, cur := f.epochs[i-1], f.epochs[i]
		for o := range prev.units {
			if len(prev.fwd[o]) > 0 {
				continue
			}
			if n, ok := cur.byCode[prev.units[o].Code]; ok && cur.level[n] == prev.level[o] && len(cur.back[n]) == 0 {
				prev.fwd[o] = []link{{to: n, w: 1}}
				cur.back[n] = []link{{to: int32(o), w: 1}}
			}
		}
	}
}

// SplitRule says how the figures of a unit divided among several units of
// the next structure are shared among them.
type SplitRule int

// The split rules.
const (
	// SplitEqual shares a divided unit equally among the units it went to.
	SplitEqual SplitRule = iota
	// SplitLaborForce shares it in proportion to the labour force of the
	// units it went to, in the first year the statistics office gives it
	// under the new structure (equally when it does not).
	SplitLaborForce
)

// ParseSplitRule reads "equal" or "labor_force".
func ParseSplitRule(s string) (SplitRule, error) {
	switch s {
	case "", "equal":
		return SplitEqual, nil
	case "labor_force":
		return SplitLaborForce, nil
	}
	return 0, ansinh.Invalid("split", fmt.Sprintf("quy tắc chia %q không hợp lệ (equal, labor_force)", s),
		fmt.Sprintf("unknown split rule %q (equal, labor_force)", s))
}

// String returns the rule's name.
func (r SplitRule) String() string {
	if r == SplitLaborForce {
		return "labor_force"
	}
	return "equal"
}

// setWeights sets the links' weights.
//
// Backwards (a unit of the new structure made of several old ones), an old
// unit O weighs base(O) × splitBase / T(O), where T(O) is the number of new
// units O was divided among and base(O) is O's labour force in the latest
// year the feed gives it under the old structure, or 1 when any of the old
// units lacks one: the part of O that went to the new unit, measured by its
// labour force when known.
//
// Forwards (an old unit divided among new ones), each new unit weighs 1
// under SplitEqual, and its labour force in the earliest year the feed
// gives it under the new structure under SplitLaborForce (1 when any of
// them lacks one).
func (f *frame) setWeights(latest, earliest []map[int32]int64, rule SplitRule) {
	for i := 1; i < len(f.epochs); i++ {
		prev, cur := f.epochs[i-1], f.epochs[i]
		for n := range cur.units {
			ls := cur.back[n]
			useBase := len(ls) > 1
			for _, l := range ls {
				if latest[i-1][l.to] <= 0 {
					useBase = false
				}
			}
			for k, l := range ls {
				t := uint64(max(1, len(prev.fwd[l.to])))
				w := splitBase / t
				if useBase {
					w *= uint64(latest[i-1][l.to])
				}
				ls[k].w = max(1, w)
			}
		}
		for o := range prev.units {
			ls := prev.fwd[o]
			useBase := rule == SplitLaborForce && len(ls) > 1
			for _, l := range ls {
				if earliest[i][l.to] <= 0 {
					useBase = false
				}
			}
			for k, l := range ls {
				ls[k].w = 1
				if useBase {
					ls[k].w = uint64(earliest[i][l.to])
				}
			}
		}
	}
}

// home returns the latest structure in which code is a commune, and the
// commune's number there; ok is false when no structure has it.
func (f *frame) home(code string) (ep int, c int32, ok bool) {
	for i := len(f.epochs) - 1; i >= 0; i-- {
		e := f.epochs[i]
		if u, found := e.byCode[code]; found && e.cnum[u] >= 0 {
			return i, e.cnum[u], true
		}
	}
	return 0, -1, false
}

// place fills pos with the commune number of a person (or subject) in each
// structure, -1 where it cannot be placed. code is the person's commune in
// the latest structure that has it; key (a hash of the person's ID) chooses
// deterministically among the communes a commune came from or went to,
// with probability proportional to the links' weights.
func (f *frame) place(code string, key uint64, pos []int32) {
	h, c, ok := f.home(code)
	f.placeFrom(h, c, ok, key, pos)
}

// placeFrom is place for a commune already found by home.
func (f *frame) placeFrom(h int, c int32, ok bool, key uint64, pos []int32) {
	for i := range pos {
		pos[i] = -1
	}
	if !ok {
		return
	}
	pos[h] = c
	for i := h + 1; i < len(f.epochs); i++ {
		prev := f.epochs[i-1]
		if pos[i-1] < 0 {
			break
		}
		u := pick(prev.fwd[prev.communes[pos[i-1]]], mix(key, i))
		if u < 0 {
			break
		}
		pos[i] = f.epochs[i].cnum[u]
	}
	for i := h - 1; i >= 0; i-- {
		next := f.epochs[i+1]
		if pos[i+1] < 0 {
			break
		}
		u := pick(next.back[next.communes[pos[i+1]]], mix(key, -i-1))
		if u < 0 {
			break
		}
		pos[i] = f.epochs[i].cnum[u]
	}
}

// pick chooses a link with probability proportional to its weight, from
// the uniform draw r; -1 when there is none.
func pick(ls []link, r uint64) int32 {
	switch len(ls) {
	case 0:
		return -1
	case 1:
		return ls[0].to
	}
	var total uint64
	for _, l := range ls {
		total += l.w
	}
	x := r % total
	for _, l := range ls {
		if x < l.w {
			return l.to
		}
		x -= l.w
	}
	return ls[len(ls)-1].to
}

// mix derives the draw of structure boundary i from a person's key
// (SplitMix64 finaliser).
func mix(key uint64, i int) uint64 {
	z := key + uint64(int64(i))*0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// personKey turns a personal ID (12 digits) into a number; any other text
// is hashed (FNV-1a), with the top bit set so that it never equals a
// 12-digit ID.
func personKey(id string) uint64 {
	if len(id) == 12 {
		var n uint64
		ok := true
		for i := 0; i < 12; i++ {
			c := id[i]
			if c < '0' || c > '9' {
				ok = false
				break
			}
			n = n*10 + uint64(c-'0')
		}
		if ok {
			return n
		}
	}
	h := uint64(14695981039346656037)
	for i := 0; i < len(id); i++ {
		h ^= uint64(id[i])
		h *= 1099511628211
	}
	return h | 1<<63
}

// apportion divides v (≥ 0) among len(w) shares in proportion to the
// weights by the largest-remainder method: each share gets the integer
// part of its quota, and the units left go one each to the largest
// remainders (ties to the earlier share), so that the shares add up to v
// exactly. Zero weights everywhere share equally.
func apportion(v int64, w []uint64) []int64 {
	out := make([]int64, len(w))
	if len(w) == 0 || v <= 0 {
		return out
	}
	var total uint64
	for _, x := range w {
		total += x
	}
	if total == 0 {
		eq := make([]uint64, len(w))
		for i := range eq {
			eq[i] = 1
		}
		return apportion(v, eq)
	}
	rem := make([]uint64, len(w))
	var given int64
	for i, x := range w {
		hi, lo := bits.Mul64(uint64(v), x)
		q, r := bits.Div64(hi, lo, total)
		out[i], rem[i] = int64(q), r
		given += int64(q)
	}
	order := make([]int, len(w))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rem[order[a]] > rem[order[b]] })
	for k := 0; given < v; k++ {
		out[order[k%len(order)]]++
		given++
	}
	return out
}
