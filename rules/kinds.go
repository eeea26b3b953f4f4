package rules

// Region is a minimum-wage region, I to IV (rules.md §3). The zero value is
// no region.
type Region uint8

// The four minimum-wage regions.
const (
	RegionI Region = iota + 1
	RegionII
	RegionIII
	RegionIV
)

var regionNames = [...]string{"", "I", "II", "III", "IV"}

// ParseRegion reads "I", "II", "III" or "IV".
func ParseRegion(s string) (Region, error) {
	for r := RegionI; r <= RegionIV; r++ {
		if regionNames[r] == s {
			return r, nil
		}
	}
	return 0, invalid("region", "vùng không hợp lệ (I, II, III hoặc IV): "+quote(s), "unknown region (I, II, III or IV): "+quote(s))
}

// Valid reports whether r is one of the four regions.
func (r Region) Valid() bool { return r >= RegionI && r <= RegionIV }

// String writes the region's roman numeral.
func (r Region) String() string {
	if !r.Valid() {
		return ""
	}
	return regionNames[r]
}

// PayScale says how a worker's wage is set: by the employer (contract) or by
// the state pay scale.
type PayScale uint8

// The pay scales. Contract is the default.
const (
	PayContract PayScale = iota
	PayState
)

// ParsePayScale reads "contract" (also "") or "state".
func ParsePayScale(s string) (PayScale, error) {
	switch s {
	case "", "contract":
		return PayContract, nil
	case "state":
		return PayState, nil
	}
	return 0, invalid("pay_scale", "thang lương không hợp lệ (contract hoặc state): "+quote(s), "unknown pay scale (contract or state): "+quote(s))
}

// String writes "contract" or "state".
func (p PayScale) String() string {
	if p == PayState {
		return "state"
	}
	return "contract"
}

// EmployerKind is the legal kind of an employer. Private is the default.
type EmployerKind uint8

// The employer kinds (mission/formats.md, employers). EmployerState covers
// state agencies, political organisations, armed forces and budget-funded
// public units.
const (
	EmployerPrivate EmployerKind = iota
	EmployerState
	EmployerSOE
	EmployerFDI
	EmployerCooperative
	EmployerHousehold
)

var employerKindNames = [...]string{"private", "state", "soe", "fdi", "cooperative", "household_business"}

// ParseEmployerKind reads one of state, soe, fdi, private (also ""),
// cooperative, household_business.
func ParseEmployerKind(s string) (EmployerKind, error) {
	if s == "" {
		return EmployerPrivate, nil
	}
	for i, n := range employerKindNames {
		if n == s {
			return EmployerKind(i), nil
		}
	}
	return 0, invalid("employer_kind", "loại đơn vị không hợp lệ: "+quote(s), "unknown employer kind: "+quote(s))
}

// String writes the kind's name.
func (k EmployerKind) String() string {
	if int(k) < len(employerKindNames) {
		return employerKindNames[k]
	}
	return ""
}

// Category is a group of voluntary participants that the state supports
// (rules.md §5).
type Category uint8

// The voluntary support categories.
const (
	CategoryOther Category = iota
	CategoryPoor
	CategoryNearPoor
	CategoryEthnicMinority
	CategoryIsland
)

var categoryNames = [...]string{"other", "poor", "near_poor", "ethnic_minority", "island"}

// ParseCategory reads poor, near_poor, ethnic_minority, island or other.
func ParseCategory(s string) (Category, error) {
	for i, n := range categoryNames {
		if n == s {
			return Category(i), nil
		}
	}
	return 0, invalid("category", "nhóm đối tượng không hợp lệ: "+quote(s), "unknown category: "+quote(s))
}

// String writes the category's name.
func (c Category) String() string {
	if int(c) < len(categoryNames) {
		return categoryNames[c]
	}
	return ""
}

// Categories is a set of categories; where several apply, the highest share
// wins. The empty set means "other".
type Categories uint8

// NewCategories returns the set of cs.
func NewCategories(cs ...Category) Categories {
	var s Categories
	for _, c := range cs {
		s |= 1 << c
	}
	return s
}

// Has reports whether c is in the set; "other" is in every set.
func (s Categories) Has(c Category) bool { return c == CategoryOther || s&(1<<c) != 0 }

// Sex is a person's sex, as the law distinguishes it for retirement ages and
// pension rates.
type Sex uint8

// The sexes. The zero value is unknown.
const (
	Male Sex = iota + 1
	Female
)

// ParseSex reads "male" or "female".
func ParseSex(s string) (Sex, error) {
	switch s {
	case "male":
		return Male, nil
	case "female":
		return Female, nil
	}
	return 0, invalid("sex", "giới tính không hợp lệ (male hoặc female): "+quote(s), "unknown sex (male or female): "+quote(s))
}

// String writes "male" or "female".
func (s Sex) String() string {
	switch s {
	case Male:
		return "male"
	case Female:
		return "female"
	}
	return ""
}

// PaymentMode is a voluntary SI payment mode, as a number of months paid at
// once (rules.md §5).
type PaymentMode int

// ParsePaymentMode reads the mode names of the exchange files (monthly,
// quarterly, semiannual, annual).
func ParsePaymentMode(s string) (PaymentMode, error) {
	switch s {
	case "monthly":
		return 1, nil
	case "quarterly":
		return 3, nil
	case "semiannual":
		return 6, nil
	case "annual":
		return 12, nil
	}
	return 0, invalid("mode", "phương thức đóng không hợp lệ: "+quote(s), "unknown payment mode: "+quote(s))
}

// Valid reports whether the mode is 1, 3, 6 or 12 months.
func (m PaymentMode) Valid() bool { return m == 1 || m == 3 || m == 6 || m == 12 }
