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

	// The evasion cases of the law (L2024 art. 39; rules.md §10), each
	// with its own evidence.

	// EvasionUnregisteredWorker: an unregistered worker still without a
	// spell 60 days after the registration deadline (30 days after
	// hiring). It is the same finding as UnregisteredWorker (same ID),
	// classified as evasion once the days have passed.
	EvasionUnregisteredWorker Kind = "evasion_unregistered_worker"
	// LateDeclaration: a spell declared more than 60 days after its
	// registration deadline; its months before the declaration were
	// evaded, not merely late.
	LateDeclaration Kind = "late_declaration"
	// BelowContributionBase: a wage declared below the legal floor of the
	// contribution base (the reference level under L2024).
	BelowContributionBase Kind = "below_contribution_base"
)

// Kinds returns every kind, in the order reports list them.
func Kinds() []Kind {
	return []Kind{UnregisteredEmployer, UnregisteredWorker, UnderdeclaredWage, EvasionArrears, BelowMinimumWage,
		EvasionUnregisteredWorker, LateDeclaration, BelowContributionBase}
}

// Base returns the kind a finding of kind k detects, for its ID and for
// scoring against a ground truth: an unregistered worker is one whether or
// not the days have made it evasion.
func (k Kind) Base() Kind {
	if k == EvasionUnregisteredWorker {
		return UnregisteredWorker
	}
	return k
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
	switch k {
	case UnregisteredWorker, UnderdeclaredWage, BelowMinimumWage, EvasionUnregisteredWorker, LateDeclaration, BelowContributionBase:
		return true
	}
	return false
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
	case EvasionUnregisteredWorker:
		return "Trốn đóng: không đăng ký người lao động quá 60 ngày"
	case LateDeclaration:
		return "Trốn đóng: đăng ký muộn quá 60 ngày"
	case BelowContributionBase:
		return "Trốn đóng: tiền lương đóng thấp hơn mức quy định"
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
	case EvasionUnregisteredWorker:
		return "Evasion: worker unregistered past 60 days"
	case LateDeclaration:
		return "Evasion: declared more than 60 days late"
	case BelowContributionBase:
		return "Evasion: wage declared below the legal base"
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
