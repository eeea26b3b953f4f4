package registry

import (
	"testing"

	"ansinh"
)

func TestDeclarationLineCheck(t *testing.T) {
	p := ansinh.MustParsePeriod
	bd := ansinh.MustParseDate("1990-06-21")
	hire := func(f func(*DeclarationLine)) DeclarationLine {
		l := DeclarationLine{Change: ChangeHire, PersonID: "024190000202", FullName: "A", BirthDate: bd, Sex: "female", Wage: 1,
			Start: p("2026-01"), Contract: "fixed"}
		f(&l)
		return l
	}
	for _, c := range []struct {
		name  string
		line  DeclarationLine
		field string
	}{
		{"bad ID", DeclarationLine{Change: ChangeHire, PersonID: "12345"}, "person_id"},
		{"ID disagrees with sex", hire(func(l *DeclarationLine) { l.Sex = "male" }), "person_id"},
		{"hire without name", hire(func(l *DeclarationLine) { l.FullName = " \t " }), "full_name"},
		{"hire without wage", hire(func(l *DeclarationLine) { l.Wage = 0 }), "wage"},
		{"hire without start", hire(func(l *DeclarationLine) { l.Start = 0 }), "start_month"},
		{"hire ends before it starts", hire(func(l *DeclarationLine) { l.End = p("2025-12") }), "end_month"},
		{"hire without contract", hire(func(l *DeclarationLine) { l.Contract = "" }), "contract"},
		{"leave without end", DeclarationLine{Change: ChangeLeave, PersonID: "024190000202"}, "end_month"},
		{"wage change without month", DeclarationLine{Change: ChangeWageChange, PersonID: "024190000202", Wage: 1}, "start_month"},
		{"unknown change", DeclarationLine{Change: "promotion", PersonID: "024190000202"}, "change"},
	} {
		err := c.line.Check()
		e, ok := err.(*ansinh.Error)
		if !ok || e.Field != c.field || e.Message == "" || e.MessageEN == "" {
			t.Errorf("%s: Check() = %v, want an error on %s", c.name, err, c.field)
		}
	}
	l := hire(func(l *DeclarationLine) { l.FullName = "  Lê   Thị Hoa " })
	if err := l.Check(); err != nil || l.FullName != "Lê Thị Hoa" {
		t.Fatalf("a valid hire: %v, name %q", err, l.FullName)
	}
}
