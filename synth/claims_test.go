package synth

import (
	"testing"

	"ansinh"
	"ansinh/rules"
)

// monthSet is a set of months.
type monthSet map[ansinh.Period]bool

// addSpan adds the months a to b (b zero: through) and reports a month
// already in the set.
func (s monthSet) addSpan(a, b ansinh.Period) (overlap bool) {
	for m := a; m <= b; m++ {
		overlap = overlap || s[m]
		s[m] = true
	}
	return overlap
}

// checkClaims checks the claims against the rows they are decided on: a
// known claimant, a pension claim as checkPensionClaim says, an
// unemployment claim filed the month after a spell that ended in the
// claim's month; the steps follow each other and none is after the day of
// generation.
func checkClaims(t *testing.T, w *world) {
	t.Helper()
	p := rules.Default()
	last := w.cfg.Through.Last()
	from := max(w.cfg.From, w.cfg.Through.Add(1-ClaimWindow))
	service := map[string]monthSet{}
	lastSpell := map[string]ansinh.Period{}
	spellEnds := map[string]bool{}
	for _, r := range w.rows[KindEmployment] {
		a, b := mustPeriod(t, r[2]), w.cfg.Through
		if r[3] != "" {
			b = mustPeriod(t, r[3])
		}
		if service[r[1]] == nil {
			service[r[1]] = monthSet{}
		}
		service[r[1]].addSpan(a, b) // two jobs at once: one month of service
		lastSpell[r[1]] = max(lastSpell[r[1]], b)
		spellEnds[r[1]+r[3]] = true
	}
	history := map[string]monthSet{}
	for _, r := range w.rows[KindSIHistory] {
		if history[r[0]] == nil {
			history[r[0]] = monthSet{}
		}
		history[r[0]].addSpan(mustPeriod(t, r[1]), mustPeriod(t, r[2]))
	}
	beneficiary := map[string]bool{}
	for _, r := range w.rows[KindBeneficiaries] {
		beneficiary[r[0]] = true
	}
	seen := map[string]bool{}
	for _, r := range w.rows[KindClaims] {
		person := w.persons[r[0]]
		if person == nil || seen[r[0]+r[1]+r[2]] || (r[4] != "online" && r[4] != "counter") {
			t.Fatalf("claim %q: unknown person, twice, or channel", r)
		}
		seen[r[0]+r[1]+r[2]] = true
		month, filed := mustPeriod(t, r[2]), mustDate(t, r[3])
		switch r[1] {
		case "pension":
			checkPensionClaim(t, p, r, person, from, service[r[0]], history[r[0]], lastSpell[r[0]], beneficiary[r[0]])
		case "ui":
			if filed.Period() != month+1 || month+1 < max(w.cfg.From, w.cfg.Through.Add(1-UIClaimWindow)) || !spellEnds[r[0]+r[2]] {
				t.Errorf("claim %q: not filed the month after a spell that ends in its month", r)
			}
		default:
			t.Fatalf("claim %q: kind", r)
		}
		if filed > last {
			t.Errorf("claim %q: filed after %s", r, last)
		}
		checked, decided := r[5], r[6]
		switch {
		case checked == "" && decided != "":
			t.Errorf("claim %q: decided but not checked", r)
		case checked != "" && (mustDate(t, checked) <= filed || mustDate(t, checked) > last):
			t.Errorf("claim %q: checked before filing or after %s", r, last)
		case decided != "" && (mustDate(t, decided) <= mustDate(t, checked) || mustDate(t, decided) > last):
			t.Errorf("claim %q: decided before its check or after %s", r, last)
		}
	}
}

// checkPensionClaim checks a pension claim: the claimant has reached
// retirement age (the rules engine's) by the claim's month, which is the
// filing month; the record (employment spells and paper record, without
// overlap) covers the service up to the month before, the last spell ending
// then; the claimant is not also an imported beneficiary.
func checkPensionClaim(t *testing.T, p *rules.Params, r, person []string, from ansinh.Period,
	service, history monthSet, lastSpell ansinh.Period, beneficiary bool) {
	t.Helper()
	month, filed := mustPeriod(t, r[2]), mustDate(t, r[3])
	if beneficiary {
		t.Errorf("claim %q: the claimant is also an imported beneficiary", r)
	}
	if filed.Period() != month || month < from {
		t.Errorf("claim %q: filed outside its month or the window from %s", r, from)
	}
	sex, err := rules.ParseSex(person[3])
	if err != nil {
		t.Fatal(err)
	}
	ra, err := p.RetirementAge(mustDate(t, person[2]), sex)
	if err != nil {
		t.Fatal(err)
	}
	if month < ra.PensionFrom || filed.Period() < ra.PensionFrom {
		t.Errorf("claim %q: filed before retirement age (pension from %s)", r, ra.PensionFrom)
	}
	if lastSpell != month-1 {
		t.Errorf("claim %q: the last spell ends in %s, want the month before the claim", r, lastSpell)
	}
	rec := monthSet{}
	for m := range service {
		rec[m] = true
	}
	for m := range history {
		if rec[m] {
			t.Errorf("claim %q: the paper record overlaps the registry in %s", r, m)
		}
		rec[m] = true
	}
	if len(rec) == 0 {
		t.Errorf("claim %q: no service on record", r)
	}
}

// checkDeaths checks the death notices: a known person, once, between the
// birth and the day of generation; a claimant dies after filing; a
// beneficiary's benefit ends in the month of the death.
func checkDeaths(t *testing.T, w *world) {
	t.Helper()
	lastBenefit := map[string]ansinh.Period{}
	for _, r := range w.rows[KindBeneficiaries] {
		end := ansinh.Period(0)
		if r[3] != "" {
			end = mustPeriod(t, r[3])
		}
		if _, ok := lastBenefit[r[0]]; !ok || end == 0 || (lastBenefit[r[0]] != 0 && end > lastBenefit[r[0]]) {
			lastBenefit[r[0]] = end
		}
	}
	filed := map[string]ansinh.Date{}
	for _, r := range w.rows[KindClaims] {
		filed[r[0]] = mustDate(t, r[3])
	}
	seen := map[string]bool{}
	for _, r := range w.rows[KindPersonDeaths] {
		person := w.persons[r[0]]
		if person == nil || seen[r[0]] || r[2] == "" {
			t.Fatalf("death %q: unknown person, twice, or no source", r)
		}
		seen[r[0]] = true
		died := mustDate(t, r[1])
		if died < mustDate(t, person[2]) || died > w.cfg.Through.Last() {
			t.Errorf("death %q: before the birth (%s) or after the day of generation", r, person[2])
		}
		if f, ok := filed[r[0]]; ok && died <= f {
			t.Errorf("death %q: on or before the claim filed %s", r, f)
		}
		if end, ok := lastBenefit[r[0]]; ok && end != died.Period() {
			t.Errorf("death %q: the benefit ends in %s", r, end)
		}
	}
}

// TestClaimsAndDeaths: a default province has claims, some decided, some
// still waiting, and deaths among the claimants and the beneficiaries.
func TestClaimsAndDeaths(t *testing.T) {
	s, _ := generate(t, testConfig(5000, 7))
	var decided, waiting int
	for _, r := range s.rows[KindClaims] {
		if r[6] != "" {
			decided++
		} else {
			waiting++
		}
	}
	claimants := map[string]bool{}
	for _, r := range s.rows[KindClaims] {
		claimants[r[0]] = true
	}
	dead := 0
	for _, r := range s.rows[KindPersonDeaths] {
		if claimants[r[0]] {
			dead++
		}
	}
	t.Logf("%d claims (%d decided, %d waiting), %d deaths (%d claimants)", len(s.rows[KindClaims]), decided, waiting, len(s.rows[KindPersonDeaths]), dead)
	if decided < 20 || waiting == 0 || dead == 0 {
		t.Errorf("%d claims decided, %d waiting, %d claimants dead: want some of each", decided, waiting, dead)
	}
}
