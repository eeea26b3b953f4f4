package benefits

import (
	"strings"
	"testing"

	"ansinh"
	"ansinh/rules"
)

// TestAssessStateScale: a career on the state pay scale from 2015-12 whose
// first month was billed and never paid: the month does not count as
// service, but the person joined SI then, so the state part is the last 10
// years revalued to the base salary (joined before 2016), not 15 years by
// the table; the assessment shows the state average and cites its rule.
func TestAssessStateScale(t *testing.T) {
	p := rules.Default()
	c := Career{
		Spans:    []Span{{From: mp("2015-12"), Scheme: SchemeState, Wage: 10_000_000, Employer: "0100000001", Source: SourceRegistry, Ref: "r1", UI: true}},
		Assessed: map[ansinh.Period]bool{mp("2015-12"): true},
		Paid:     map[ansinh.Period]bool{},
	}
	person := Person{ID: "001064000001", Name: "Lê Văn Bình", BirthDate: ansinh.MustParseDate("1980-03-01"), Sex: rules.Male}
	settle := mp("2026-06")
	a := Assess(p, person, BuildRecord(c, settle), Request{PersonID: person.ID, Kind: KindWithdrawal, Month: settle}, settle, false)
	want, err := p.AverageWageJoined(settle, mp("2015-12"), []rules.WagePeriod{{From: mp("2016-01"), To: mp("2026-05"), Kind: rules.WageState, Wage: 10_000_000}})
	if err != nil {
		t.Fatal(err)
	}
	if want.State.Years != 10 || !want.State.ByBaseSalary || want.State.Months != 120 {
		t.Fatalf("rules: %+v", want.State)
	}
	if !a.Decided || a.Service != 125 {
		t.Fatalf("assessment: %+v", a)
	}
	var shown bool
	for _, f := range a.Figures {
		if f.Name == "state_average" {
			shown = f.Value == ansinh.FormatMoney(want.State.Average) && strings.Contains(f.Label, "10 năm cuối") && strings.Contains(f.Label, "Điều 72")
		}
		if f.Name == "average_wage" && f.Value != ansinh.FormatMoney(want.Average) {
			t.Errorf("average %s, want %s", f.Value, ansinh.FormatMoney(want.Average))
		}
	}
	var cited bool
	for _, x := range a.Explained.Explain {
		for _, r := range x.Params {
			cited = cited || r.Name == "average.state_by_base_salary" && strings.Contains(r.Source, "Điều 73")
		}
	}
	if !shown || !cited {
		t.Fatalf("the state average or its rule is not shown: %+v", a.Figures)
	}
}
