package importer

import (
	"time"

	"ansinh"
)

// The benefits' exchange kinds. si_history: months of service before the
// registry began, from the person's paper record (sổ BHXH); rows are kept
// as given, and the contribution record reports their overlaps and gaps.
// person_deaths: the deaths the civil status office notified, from which
// the payroll stops every benefit of the person.
func init() { kinds = append(kinds, siHistoryKind(), personDeathsKind()) }

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

// personDeathsKind is the person_deaths kind (formats.md): person_id,
// died_on, source_ref (the death notice). A person dies once: the key is
// the person, and a re-import of a corrected notice replaces the date.
func personDeathsKind() *Kind {
	k := (&Kind{Name: "person_deaths", Columns: []Column{
		personID("person_id", refPerson),
		date("died_on", true),
		text("source_ref", true),
	}, Key: []string{"person_id"}}).build()
	k.Check = checkDeath(k, func() ansinh.Date { return ansinh.Today(time.Now()) })
	return k
}

// checkDeath reports a death date that cannot be true: before the year of
// birth the personal ID encodes (its century/sex digit and two year
// digits), or after today (today gives the day).
func checkDeath(k *Kind, today func() ansinh.Date) func([]any) []Problem {
	id, died := mustColumn(k, "person_id"), mustColumn(k, "died_on")
	return func(row []any) []Problem {
		s, _ := row[id].(string)
		d, ok := row[died].(ansinh.Date)
		if !ok {
			return nil
		}
		if born, ok := birthYear(s); ok && d.Year() < born {
			return []Problem{{Column: "died_on",
				Reason:   "ngày mất trước năm sinh ghi trong số định danh (" + itoa(born) + ")",
				ReasonEN: "the death is before the year of birth the personal ID gives (" + itoa(born) + ")"}}
		}
		if now := today(); d > now {
			return []Problem{{Column: "died_on",
				Reason:   "ngày mất sau hôm nay (" + now.String() + ")",
				ReasonEN: "the death is after today (" + now.String() + ")"}}
		}
		return nil
	}
}

// birthYear returns the year of birth a checked 12-digit personal ID
// encodes: the fourth digit gives the century (0–1: 1900s, 2–3: 2000s,
// 4–5: 2100s), the fifth and sixth the year.
func birthYear(id string) (int, bool) {
	if len(id) != 12 || id[3] < '0' || id[3] > '5' || id[4] < '0' || id[4] > '9' || id[5] < '0' || id[5] > '9' {
		return 0, false
	}
	return 1900 + 100*(int(id[3]-'0')/2) + int(id[4]-'0')*10 + int(id[5]-'0'), true
}
