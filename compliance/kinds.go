package compliance

// Kind is the kind of a finding.
type Kind string

// The kinds of findings. The first four are those of the plan (product.md,
// capability 5); the last is a Labour Code finding the same data shows.
const (
	// UnregisteredEmployer: an enterprise active in the business registry
	// or an industrial zone with employees, or paying wages in the tax
	// records, with no social insurance registration.
	UnregisteredEmployer Kind = "unregistered_employer"
	// UnregisteredWorker: wage income at a registered employer in months
	// with no social insurance spell of the worker at that employer.
	UnregisteredWorker Kind = "unregistered_worker"
	// UnderdeclaredWage: the taxable wage persistently above the wage
	// declared for social insurance.
	UnderdeclaredWage Kind = "underdeclared_wage"
	// EvasionArrears: contributions still unpaid past the evasion threshold
	// of the rules (rules.Params.EvasionFrom).
	EvasionArrears Kind = "evasion_arrears"
	// BelowMinimumWage: a contract wage declared below the regional minimum
	// wage of the month (employers on the state pay scale excepted).
	BelowMinimumWage Kind = "below_minimum_wage"
)

// Kinds returns every kind, in the order reports list them.
func Kinds() []Kind {
	return []Kind{UnregisteredEmployer, UnregisteredWorker, UnderdeclaredWage, EvasionArrears, BelowMinimumWage}
}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool {
	for _, x := range Kinds() {
		if x == k {
			return true
		}
	}
	return false
}

// PerWorker reports whether findings of the kind concern one worker (and
// carry a person ID) rather than the employer as a whole.
func (k Kind) PerWorker() bool {
	return k == UnregisteredWorker || k == UnderdeclaredWage || k == BelowMinimumWage
}

// LabelVI returns the kind's name in Vietnamese.
func (k Kind) LabelVI() string {
	switch k {
	case UnregisteredEmployer:
		return "Đơn vị chưa đăng ký tham gia BHXH"
	case UnregisteredWorker:
		return "Người lao động chưa được đóng BHXH"
	case UnderdeclaredWage:
		return "Khai thấp tiền lương đóng BHXH"
	case EvasionArrears:
		return "Nợ đóng quá thời hạn trốn đóng"
	case BelowMinimumWage:
		return "Tiền lương thấp hơn lương tối thiểu vùng"
	}
	return string(k)
}

// LabelEN returns the kind's name in English.
func (k Kind) LabelEN() string {
	switch k {
	case UnregisteredEmployer:
		return "Employer not registered for social insurance"
	case UnregisteredWorker:
		return "Worker without social insurance"
	case UnderdeclaredWage:
		return "Wage underdeclared for social insurance"
	case EvasionArrears:
		return "Arrears past the evasion threshold"
	case BelowMinimumWage:
		return "Wage below the regional minimum"
	}
	return string(k)
}

// TruthKind maps a kind of the generator's ground truth (violations.csv) to
// the kind of finding that should detect it: unpaid_arrears is what the
// generator injects (an employer that stops paying) and evasion_arrears is
// what the matcher finds (the part of the debt past the evasion threshold);
// the other kinds share their names. It returns false for a kind no
// matcher looks for.
func TruthKind(s string) (Kind, bool) {
	if s == "unpaid_arrears" {
		return EvasionArrears, true
	}
	k := Kind(s)
	return k, k.Valid()
}
