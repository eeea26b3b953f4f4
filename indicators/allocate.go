package indicators

import (
	"fmt"
	"sort"

	"ansinh"
)

// DefaultLaborForceWeight is the share, in percent, of a year's increase
// allocated by labour force when officers have set nothing: half by labour
// force, half by gap.
const DefaultLaborForceWeight = 50

// AllocationParams are the settings officers adjust.
type AllocationParams struct {
	// LaborForceWeight (0–100, percent) is the part of the increase shared
	// in proportion to the units' denominators (labour force); the rest is
	// shared in proportion to their gaps.
	LaborForceWeight int
	// Weights multiply a unit's share, in percent (100: unchanged; 0: the
	// unit gets no increase), by unit code. A unit not listed weighs 100.
	Weights map[string]int
}

// AllocationUnit is a unit taking part in an allocation.
type AllocationUnit struct {
	Unit UnitKey
	Name string
	// Baseline is the unit's participants at the start of the year (the
	// December position of the year before).
	Baseline int64
	// Denominator is the unit's labour force (or population past retirement
	// age) of the year.
	Denominator int64
}

// AllocatedUnit is one unit's share of a province target.
type AllocatedUnit struct {
	AllocationUnit
	Gap      int64 // participants short of the province's rate, at least 0
	Weight   int   // the officers' multiplier, percent
	Increase int64 // participants to add over the year (negative: the province is above its target)
	Target   int64 // Baseline + Increase
}

// Rate returns the unit's target as a rate of its denominator.
func (a AllocatedUnit) Rate() (Rate, bool) { return RateOf(a.Target, a.Denominator) }

// Allocation is a year's province target of a person-counting indicator
// shared among units.
type Allocation struct {
	Indicator Indicator
	Year      int
	Rate      Rate // the province's target rate for the year
	// ProvinceDenominator is the province's labour force (or population past
	// retirement age); ProvinceTarget = Rate × ProvinceDenominator, rounded
	// half-up.
	ProvinceDenominator int64
	ProvinceTarget      int64
	ProvinceBaseline    int64
	Params              AllocationParams
	Units               []AllocatedUnit
}

// Allocate shares the province's target for a year among units, in whole
// participants that add up to the province target exactly.
//
// The province target is T = rate × the province's denominator (the sum of
// the units' when provinceDen is 0), rounded half-up. The increase over the
// year is D = T − the sum of the units' baselines. A unit's gap is how many
// participants it lacks to reach the province's rate on its own
// denominator: max(0, ⌈rate × denominator⌉ − baseline). When D ≥ 0, each
// unit's share of D is
//
//	weight × (α × denominator/Σdenominators + (1−α) × gap/Σgaps)
//
// with α = LaborForceWeight/100 (the gap part goes to the labour force part
// when no unit has a gap), and D is divided by the largest-remainder method
// (shares computed in billionths). When D < 0 (the province is already above
// its target), the decrease is shared in proportion to the baselines. Each
// unit's target is its baseline plus its share.
func Allocate(ind Indicator, year int, rate Rate, units []AllocationUnit, provinceDen int64, p AllocationParams) (Allocation, error) {
	d, ok := Lookup(ind)
	if !ok || !d.Persons {
		return Allocation{}, ansinh.Invalid("indicator",
			fmt.Sprintf("chỉ tiêu %q không giao được theo số người", ind),
			fmt.Sprintf("indicator %q is not allocated in participants", ind))
	}
	if p.LaborForceWeight < 0 || p.LaborForceWeight > 100 {
		return Allocation{}, ansinh.Invalid("lf_weight", "trọng số lực lượng lao động phải từ 0 đến 100", "the labour force weight must be between 0 and 100")
	}
	for code, w := range p.Weights {
		if w < 0 || w > 1000 {
			return Allocation{}, ansinh.Invalid("weight", fmt.Sprintf("hệ số của %s phải từ 0 đến 1000 (%%)", code),
				fmt.Sprintf("the weight of %s must be between 0 and 1000 (%%)", code))
		}
	}
	if len(units) == 0 {
		return Allocation{}, ansinh.Invalid("units", "không có đơn vị để giao chỉ tiêu", "no units to allocate to")
	}
	a := Allocation{Indicator: ind, Year: year, Rate: rate, Params: p}
	var sumDen, sumGap, sumBase int64
	for _, u := range units {
		sumDen += u.Denominator
		sumBase += u.Baseline
	}
	if provinceDen <= 0 {
		provinceDen = sumDen
	}
	a.ProvinceDenominator = provinceDen
	a.ProvinceTarget = ansinh.RoundHalfUp(int64(rate)*provinceDen, 10000)
	a.ProvinceBaseline = sumBase
	a.Units = make([]AllocatedUnit, len(units))
	for i, u := range units {
		need := (int64(rate)*u.Denominator + 9999) / 10000
		gap := max(0, need-u.Baseline)
		w, ok := p.Weights[u.Unit.Code]
		if !ok {
			w = 100
		}
		a.Units[i] = AllocatedUnit{AllocationUnit: u, Gap: gap, Weight: w}
		sumGap += gap
	}
	inc := a.ProvinceTarget - sumBase
	weights := make([]uint64, len(units))
	const scale = 1_000_000_000
	if inc >= 0 {
		alpha := int64(p.LaborForceWeight)
		if sumGap == 0 {
			alpha = 100
		}
		for i, u := range a.Units {
			var sLF, sGap int64
			if sumDen > 0 {
				sLF = u.Denominator * scale / sumDen
			}
			if sumGap > 0 {
				sGap = u.Gap * scale / sumGap
			}
			weights[i] = uint64(int64(u.Weight) * (alpha*sLF + (100-alpha)*sGap))
		}
		shares := apportion(inc, weights)
		for i := range a.Units {
			a.Units[i].Increase = shares[i]
		}
	} else {
		for i, u := range a.Units {
			weights[i] = uint64(max(0, u.Baseline))
		}
		shares := apportion(-inc, weights)
		for i := range a.Units {
			a.Units[i].Increase = -shares[i]
		}
	}
	for i := range a.Units {
		a.Units[i].Target = a.Units[i].Baseline + a.Units[i].Increase
	}
	return a, nil
}

// Check verifies the allocation's totals: the units' targets add up to the
// province target.
func (a Allocation) Check() error {
	var sum int64
	for _, u := range a.Units {
		sum += u.Target
	}
	if sum != a.ProvinceTarget {
		return fmt.Errorf("allocation of %s %d: units add up to %d, province target %d", a.Indicator, a.Year, sum, a.ProvinceTarget)
	}
	return nil
}

// SortByCode orders the units by code.
func (a Allocation) SortByCode() {
	sort.Slice(a.Units, func(i, j int) bool { return a.Units[i].Unit.Code < a.Units[j].Unit.Code })
}
