package compliance

import (
	"cmp"
	"context"
	"slices"
	"time"

	"ansinh"
	"ansinh/rules"
)

// memSource is a Source over slices, for the matcher's unit tests.
type memSource struct {
	reg     Registry
	taxes   []TaxRow
	spells  []Spell
	persons map[string]Person
}

func (s *memSource) Registry(context.Context) (Registry, error) { return s.reg, nil }

func (s *memSource) TaxWages(_ context.Context, from, to ansinh.Period, fn func([]TaxRow) error) error {
	var out []TaxRow
	for _, r := range s.taxes {
		if r.Month >= from && r.Month <= to {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b TaxRow) int {
		if c := cmpKey(a.TaxCode, a.PersonID, b.TaxCode, b.PersonID); c != 0 {
			return c
		}
		return cmp.Compare(a.Month, b.Month)
	})
	for len(out) > 0 { // small batches, to exercise the batch boundaries
		n := min(3, len(out))
		if err := fn(slices.Clone(out[:n])); err != nil {
			return err
		}
		out = out[n:]
	}
	return nil
}

func (s *memSource) open(from, to ansinh.Period) []Spell {
	var out []Spell
	for _, sp := range s.spells {
		if sp.Start <= to && (sp.End.IsZero() || sp.End >= from) {
			out = append(out, sp)
		}
	}
	return out
}

func (s *memSource) Spells(_ context.Context, from, to ansinh.Period, fn func([]Spell) error) error {
	out := s.open(from, to)
	slices.SortFunc(out, func(a, b Spell) int {
		if c := cmpKey(a.TaxCode, a.PersonID, b.TaxCode, b.PersonID); c != 0 {
			return c
		}
		return cmp.Compare(a.Start, b.Start)
	})
	if len(out) == 0 {
		return nil
	}
	return fn(out)
}

func (s *memSource) Persons(_ context.Context, ids []string) (map[string]Person, error) {
	out := map[string]Person{}
	for _, id := range ids {
		if p, ok := s.persons[id]; ok {
			out[id] = p
		}
	}
	return out, nil
}

func (s *memSource) PersonSpells(_ context.Context, ids []string, from, to ansinh.Period) ([]Spell, error) {
	var out []Spell
	for _, sp := range s.open(from, to) {
		if slices.Contains(ids, sp.PersonID) {
			out = append(out, sp)
		}
	}
	return out, nil
}

func (s *memSource) FeedVersions(_ context.Context, ids []int64) (map[int64]FeedVersion, error) {
	out := map[int64]FeedVersion{}
	for _, id := range ids {
		out[id] = FeedVersion{Version: id, Kind: FeedTaxWages, File: "tax_wages.csv", SHA256: "ab", Actor: "test",
			At: time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC), Status: "committed"}
	}
	return out, nil
}

// memArrears is an ArrearsSource over a slice.
type memArrears []EmployerArrears

func (a memArrears) Arrears(context.Context, ansinh.Date) ([]EmployerArrears, error) {
	return slices.Clone(a), nil
}

// The fixture's employers and people.
const (
	empA   = "0100109106" // registered, private, region I
	empB   = "0101243150" // registered, FDI
	empS   = "0100100079" // registered, state
	unreg  = "0102030405" // not registered
	person = "001090000001"
)

var period = ansinh.MustParsePeriod("2026-11")

func mo(s string) ansinh.Period { return ansinh.MustParsePeriod(s) }

// baseRegistry returns the fixture's registry.
func baseRegistry() Registry {
	return Registry{
		Employers: []Employer{
			{TaxCode: empA, Name: "Công ty TNHH Hòa Bình", Kind: "private", CommuneCode: "09427", Region: rules.RegionI, Version: 2},
			{TaxCode: empB, Name: "Công ty TNHH Điện tử Minh Anh", Kind: "fdi", CommuneCode: "09427", Region: rules.RegionI, Version: 2},
			{TaxCode: empS, Name: "Sở Y tế", Kind: "state", CommuneCode: "09427", Region: rules.RegionI, Version: 2},
		},
		Regions: map[string]rules.Region{"09427": rules.RegionI},
	}
}

// months returns the tax rows of pid at tax for each month from a to b,
// wage × ratio.
func months(tax, pid string, a, b string, wage int64) []TaxRow {
	var out []TaxRow
	for m := mo(a); m <= mo(b); m++ {
		out = append(out, TaxRow{TaxCode: tax, PersonID: pid, Month: m, Wage: wage, Version: 7})
	}
	return out
}

func spell(tax, pid, start, end string, wage int64) Spell {
	s := Spell{TaxCode: tax, PersonID: pid, Start: mo(start), Wage: wage, Contract: "indefinite",
		DeclaredOn: mo(start).First(), Version: 3}
	if end != "" {
		s.End = mo(end)
	}
	return s
}
