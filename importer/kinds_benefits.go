package importer

// The benefits' exchange kind, si_history: months of service before the
// registry began, from the person's paper record (sổ BHXH). Rows are kept
// as given; the contribution record reports their overlaps and gaps.
func init() { kinds = append(kinds, siHistoryKind()) }

// siHistoryKind is the si_history kind (formats.md): person_id, from_month,
// to_month, scheme (contract, state, voluntary), wage, employer_name,
// source_ref.
func siHistoryKind() *Kind {
	k := (&Kind{Name: "si_history", Columns: []Column{
		personID("person_id", refPerson),
		month("from_month", true),
		month("to_month", true),
		enum("scheme", "contract", "state", "voluntary"),
		money("wage", true),
		text("employer_name", true),
		text("source_ref", true),
	}, Key: []string{"person_id", "from_month"}}).build()
	k.Check = checkMonths(k, "from_month", "to_month")
	return k
}
