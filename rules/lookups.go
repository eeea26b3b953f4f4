package rules

import "ansinh"

// MinimumWage returns the regional minimum wage of region r in month m.
func (p *Params) MinimumWage(r Region, m ansinh.Period) (int64, error) {
	if !r.Valid() {
		return 0, errRegion
	}
	return p.valueAt(minWageParam(r), m, "month")
}

// BaseSalary returns the base salary of month m, which is also the reference
// level of L2024 while the base salary exists (L2024 art. 141(13)).
func (p *Params) BaseSalary(m ansinh.Period) (int64, error) {
	return p.valueAt(pBaseSalary, m, "month")
}

// ReferenceLevel returns the reference level of month m (L2024 art. 7): the
// base salary, by art. 141(13).
func (p *Params) ReferenceLevel(m ansinh.Period) (int64, error) { return p.BaseSalary(m) }

// RuralPovertyLine returns the rural poverty line of month m: the floor of
// voluntary SI income and the basis of voluntary support.
func (p *Params) RuralPovertyLine(m ansinh.Period) (int64, error) {
	return p.valueAt(pPovertyLine, m, "month")
}

// VoluntarySupportShare returns the state's share of 22% × the rural poverty
// line for a participant in the categories cs in month m: the highest share
// of the categories that apply, and the category that gives it.
func (p *Params) VoluntarySupportShare(cs Categories, m ansinh.Period) (Micro, Category, error) {
	v, c, err := p.supportVersion(cs, m)
	if err != nil {
		return 0, 0, err
	}
	return v.Micro(), c, nil
}

// supportVersion returns the version of the highest share among cs.
func (p *Params) supportVersion(cs Categories, m ansinh.Period) (*Version, Category, error) {
	var best *Version
	bestCat := CategoryOther
	for c := CategoryOther; c <= CategoryIsland; c++ {
		if !cs.Has(c) {
			continue
		}
		v, err := p.atMonth(supportParam(c), m)
		if err != nil {
			return nil, 0, withField(err, "month")
		}
		if best == nil || v.Value > best.Value {
			best, bestCat = v, c
		}
	}
	return best, bestCat, nil
}

// ProvinceSupportShare returns the province overlay's extra share of
// voluntary support in month m (0 where the province gives none).
func (p *Params) ProvinceSupportShare(m ansinh.Period) (Micro, error) {
	v, err := p.valueAt(pProvinceShare, m, "month")
	return Micro(v), err
}

// valueAt returns the value of name in month m, errors naming field.
func (p *Params) valueAt(name string, m ansinh.Period, field string) (int64, error) {
	v, err := p.atMonth(name, m)
	if err != nil {
		return 0, withField(err, field)
	}
	return v.Value, nil
}
