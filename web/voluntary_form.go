package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"ansinh"
	"ansinh/registry"
)

// voluntaryModes are the payment modes with the months each pays at once.
var voluntaryModes = []struct {
	Mode   string
	Months int
}{{"monthly", 1}, {"quarterly", 3}, {"semiannual", 6}, {"annual", 12}}

// modeMonths returns the months a payment mode pays at once (0: unknown).
func modeMonths(mode string) int {
	for _, m := range voluntaryModes {
		if m.Mode == mode {
			return m.Months
		}
	}
	return 0
}

// voluntaryForm is the enrolment form as typed.
type voluntaryForm struct {
	PersonID string
	Income   string
	Mode     string
	Start    string // YYYY-MM
}

// voluntaryChoice is a checked enrolment with its quote.
type voluntaryChoice struct {
	Spell      registry.VoluntarySpell
	Categories []string
	Quote      *VoluntaryQuote
}

// parseMoney reads an amount typed with or without thousands separators
// ("1.500.000", "1 500 000", "1500000").
func parseMoney(s string) (ansinh.Money, bool) {
	s = strings.NewReplacer(".", "", ",", "", " ", "", "đ", "").Replace(strings.TrimSpace(s))
	if s == "" {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil && n > 0
}

// readVoluntaryForm reads the form's fields.
func readVoluntaryForm(r *http.Request) voluntaryForm {
	return voluntaryForm{PersonID: strings.TrimSpace(r.PostFormValue("person_id")), Income: r.PostFormValue("income"),
		Mode: r.PostFormValue("mode"), Start: r.PostFormValue("start_month")}
}

// checkVoluntary checks an enrolment for a person and quotes it with the
// support of the person's categories. Problems go to errs by field, in lang.
func (s *Server) checkVoluntary(ctx context.Context, f voluntaryForm, personID, lang string, errs map[string]string) (*voluntaryChoice, error) {
	c := &voluntaryChoice{Spell: registry.VoluntarySpell{PersonID: personID, Mode: f.Mode}}
	income, ok := parseMoney(f.Income)
	if !ok {
		errs["income"] = translate(lang, "voluntary.err.income")
	}
	c.Spell.Income = income
	months := modeMonths(f.Mode)
	if months == 0 {
		errs["mode"] = translate(lang, "voluntary.err.mode")
	}
	start, err := ansinh.ParsePeriod(f.Start)
	if err != nil || start < s.thisMonth() || start > s.thisMonth().Add(12) {
		errs["start_month"] = translate(lang, "voluntary.err.start")
	}
	c.Spell.Start = start
	if len(errs) > 0 {
		return c, nil
	}
	cats, err := s.reg.PersonCategories(ctx, personID, start.Year())
	if err != nil {
		return nil, err
	}
	c.Categories = cats
	c.Spell.Category = bestCategory(cats)
	if s.cfg.Calc != nil {
		q, err := s.cfg.Calc.Voluntary(start, income, cats, months)
		if err != nil {
			if ansinh.ErrorCode(err) != ansinh.EINVALID {
				return nil, err
			}
			errs["income"] = ansinh.ErrorMessage(err, lang)
			return c, nil
		}
		c.Quote = &q
		if q.Category != "" {
			c.Spell.Category = q.Category
		}
	}
	return c, nil
}

// bestCategory picks the category recorded when no calculator says which
// support applies: the first of poor, near_poor, ethnic_minority held.
func bestCategory(cats []string) string {
	for _, c := range []string{"poor", "near_poor", "ethnic_minority"} {
		if slices.Contains(cats, c) {
			return c
		}
	}
	return "other"
}
