package synth

// The kinds of rows the generator writes, named as in formats.md.
const (
	KindUnits            = "units"
	KindUnitSuccessors   = "unit_successors"
	KindPersons          = "persons"
	KindHouseholdStatus  = "household_status"
	KindEmployers        = "employers"
	KindEmployment       = "employment"
	KindVoluntary        = "voluntary"
	KindBeneficiaries    = "beneficiaries"
	KindPayments         = "payments"
	KindLaborForce       = "labor_force"
	KindTaxWages         = "tax_wages"
	KindBusinessRegistry = "business_registry"
	KindIZEnterprises    = "iz_enterprises"
	KindViolations       = "violations"
	// KindSIHistory (history.go), KindPersonDeaths and KindClaims
	// (claims.go) come last: the files written before them keep their
	// order.
)

// kind indices, in the order of Kinds.
const (
	kUnits = iota
	kUnitSuccessors
	kPersons
	kHouseholdStatus
	kEmployers
	kEmployment
	kVoluntary
	kBeneficiaries
	kPayments
	kLaborForce
	kTaxWages
	kBusinessRegistry
	kIZEnterprises
	kViolations
	kSIHistory
	kPersonDeaths
	kClaims
	nKinds
)

// kindNames and kindColumns are indexed by the k* constants. They are never
// modified; Kinds and Columns hand out copies.
var kindNames = [nKinds]string{
	KindUnits, KindUnitSuccessors, KindPersons, KindHouseholdStatus, KindEmployers,
	KindEmployment, KindVoluntary, KindBeneficiaries, KindPayments, KindLaborForce,
	KindTaxWages, KindBusinessRegistry, KindIZEnterprises, KindViolations,
	KindSIHistory, KindPersonDeaths, KindClaims,
}

var kindColumns = [nKinds][]string{
	{"code", "name", "level", "parent_code", "valid_from", "valid_to", "region"},
	{"old_code", "new_code", "from"},
	{"person_id", "full_name", "birth_date", "sex", "ethnic_minority", "commune_code", "legacy_si_code"},
	{"person_id", "year", "status"},
	{"tax_code", "name", "kind", "commune_code", "industrial_zone", "registered_on"},
	{"tax_code", "person_id", "start_month", "end_month", "wage", "contract", "declared_on"},
	{"person_id", "start_month", "end_month", "income", "mode", "category", "agent_code"},
	{"person_id", "kind", "start_month", "end_month", "monthly_amount"},
	{"ref", "payer", "amount", "paid_on", "channel", "agent_code"},
	{"unit_code", "year", "labor_force", "over_retirement_age"},
	{"tax_code", "person_id", "month", "wage_income"},
	{"tax_code", "name", "commune_code", "registered_on", "status", "employees_reported"},
	{"tax_code", "zone", "employees"},
	{"kind", "tax_code", "person_id", "detail", "band"},
	{"person_id", "from_month", "to_month", "scheme", "wage", "employer_name", "source_ref"},
	{"person_id", "died_on", "source_ref"},
	{"person_id", "kind", "month", "filed_on", "channel", "checked_on", "decided_on"},
}

// Kinds returns the kinds the generator writes, in a fixed order (the order
// of formats.md: registry, money, partners' feeds, then the ground truth).
func Kinds() []string {
	out := make([]string, nKinds)
	copy(out, kindNames[:])
	return out
}

// Columns returns the header of kind, in the column order of formats.md, or
// nil for a kind the generator does not write. The slice is a fresh copy.
func Columns(kind string) []string {
	k := kindIndex(kind)
	if k < 0 {
		return nil
	}
	out := make([]string, len(kindColumns[k]))
	copy(out, kindColumns[k])
	return out
}

// kindIndex returns the index of kind, or -1.
func kindIndex(kind string) int {
	for i, n := range kindNames {
		if n == kind {
			return i
		}
	}
	return -1
}
