package indicators_test

import (
	"context"

	"ansinh"
	"ansinh/indicators"
)

// memSource is an in-memory indicators.Source.
type memSource struct {
	units         []indicators.Unit
	succ          []indicators.Successor
	lf            []indicators.LaborForce
	persons       []indicators.Person
	employment    []indicators.Spell
	voluntary     []indicators.Enrolment
	beneficiaries []indicators.Benefit
	transactions  []indicators.Transaction // nil: no data
	collections   []indicators.Collection  // nil: no data
}

func (s *memSource) Units(context.Context) ([]indicators.Unit, []indicators.Successor, error) {
	return s.units, s.succ, nil
}
func (s *memSource) LaborForce(context.Context) ([]indicators.LaborForce, error) { return s.lf, nil }
func (s *memSource) Persons(_ context.Context, fn func(indicators.Person) error) error {
	for _, p := range s.persons {
		if err := fn(p); err != nil {
			return err
		}
	}
	return nil
}
func (s *memSource) Employment(_ context.Context, fn func(indicators.Spell) error) error {
	for _, p := range s.employment {
		if err := fn(p); err != nil {
			return err
		}
	}
	return nil
}
func (s *memSource) Voluntary(_ context.Context, fn func(indicators.Enrolment) error) error {
	for _, p := range s.voluntary {
		if err := fn(p); err != nil {
			return err
		}
	}
	return nil
}
func (s *memSource) Beneficiaries(_ context.Context, fn func(indicators.Benefit) error) error {
	for _, p := range s.beneficiaries {
		if err := fn(p); err != nil {
			return err
		}
	}
	return nil
}
func (s *memSource) Transactions(_ context.Context, fn func(indicators.Transaction) error) error {
	if s.transactions == nil {
		return indicators.ErrNoData
	}
	for _, p := range s.transactions {
		if err := fn(p); err != nil {
			return err
		}
	}
	return nil
}
func (s *memSource) Collections(_ context.Context, fn func(indicators.Collection) error) error {
	if s.collections == nil {
		return indicators.ErrNoData
	}
	for _, p := range s.collections {
		if err := fn(p); err != nil {
			return err
		}
	}
	return nil
}

var (
	oldFrom = ansinh.MustParseDate("2025-03-01")
	oldTo   = ansinh.MustParseDate("2025-06-30")
	newFrom = ansinh.MustParseDate("2025-07-01")
)

func mp(s string) ansinh.Period { return ansinh.MustParseDate(s + "-01").Period() }

// smallProvince is a province of two old provinces (90, 91) with three
// districts and five communes, merged on 2025-07-01 into one province (90,
// its code reused) of three communes: 90001 = old 90001 + 90002; 90003 =
// old 90003 + part of 91001; 91002 = the other part of 91001 + 91002.
func smallProvince() *memSource {
	s := &memSource{}
	old := func(code, name, level, parent string) {
		s.units = append(s.units, indicators.Unit{Code: code, Name: name, Level: level, Parent: parent, From: oldFrom, To: oldTo})
	}
	old("90", "Tỉnh A", "province", "")
	old("91", "Tỉnh B", "province", "")
	old("901", "Huyện Một", "district", "90")
	old("902", "Huyện Hai", "district", "90")
	old("911", "Huyện Ba", "district", "91")
	old("90001", "Xã An", "commune", "901")
	old("90002", "Xã Bình", "commune", "901")
	old("90003", "Xã Cát", "commune", "902")
	old("91001", "Xã Đông", "commune", "911")
	old("91002", "Xã Én", "commune", "911")
	nu := func(code, name, level, parent string) {
		s.units = append(s.units, indicators.Unit{Code: code, Name: name, Level: level, Parent: parent, From: newFrom})
	}
	nu("90", "Tỉnh A mới", "province", "")
	nu("90001", "Xã An Bình", "commune", "90")
	nu("90003", "Xã Cát Đông", "commune", "90")
	nu("91002", "Xã Đông Én", "commune", "90")
	for _, l := range [][2]string{{"90001", "90001"}, {"90002", "90001"}, {"90003", "90003"}, {"91001", "90003"},
		{"91001", "91002"}, {"91002", "91002"}, {"90", "90"}, {"91", "90"}} {
		s.succ = append(s.succ, indicators.Successor{Old: l[0], New: l[1], From: newFrom})
	}
	for y := 2018; y <= 2024; y++ {
		for _, r := range []struct {
			code    string
			lf, ora int64
		}{{"90001", 1000, 200}, {"90002", 800, 150}, {"90003", 1200, 250}, {"91001", 600, 100}, {"91002", 400, 80}} {
			s.lf = append(s.lf, indicators.LaborForce{Unit: r.code, Year: y, LaborForce: r.lf, OverRetirement: r.ora})
		}
	}
	for y := 2025; y <= 2026; y++ {
		for _, r := range []struct {
			code    string
			lf, ora int64
		}{{"90001", 1850, 360}, {"90003", 1550, 330}, {"91002", 720, 190}} {
			s.lf = append(s.lf, indicators.LaborForce{Unit: r.code, Year: y, LaborForce: r.lf, OverRetirement: r.ora})
		}
	}
	d := ansinh.MustParseDate
	s.persons = []indicators.Person{
		{ID: "001090000001", Birth: d("1985-03-04"), Sex: "male", Commune: "90001"},   // P1
		{ID: "001190000002", Birth: d("1990-07-01"), Sex: "female", Commune: "90003"}, // P2
		{ID: "001088000003", Birth: d("1988-01-20"), Sex: "male", Commune: "91002"},   // P3
		{ID: "001099000004", Birth: d("1999-11-11"), Sex: "male", Commune: "90001"},   // P4
		{ID: "001050000005", Birth: d("1950-02-02"), Sex: "male", Commune: "90003"},   // P5
		{ID: "001170000006", Birth: d("1970-05-15"), Sex: "female", Commune: "91002"}, // P6
		{ID: "001145000007", Birth: d("1945-09-09"), Sex: "female", Commune: "90001"}, // P7
		{ID: "001080000008", Birth: d("1980-01-01"), Sex: "male", Commune: "99999"},   // P8: unknown commune
	}
	s.employment = []indicators.Spell{
		{Person: "001090000001", Start: mp("2019-01"), Contract: "indefinite"},
		{Person: "001088000003", Start: mp("2022-01"), End: mp("2022-12"), Contract: "fixed"},
		{Person: "001088000003", Start: mp("2022-06"), Contract: "indefinite"},
		{Person: "001099000004", Start: mp("2023-01"), End: mp("2023-02"), Contract: "seasonal"},
		{Person: "001099000004", Start: mp("2026-01"), End: mp("2026-02"), Contract: "seasonal"},
		{Person: "001050000005", Start: mp("2020-01"), End: mp("2020-12"), Contract: "indefinite"},
		{Person: "001080000008", Start: mp("2019-01"), Contract: "indefinite"},
		{Person: "001077000009", Start: mp("2019-01"), Contract: "indefinite"}, // not in persons
	}
	s.voluntary = []indicators.Enrolment{
		{Person: "001090000001", Start: mp("2020-01"), End: mp("2020-12")},
		{Person: "001190000002", Start: mp("2021-03")},
	}
	s.beneficiaries = []indicators.Benefit{
		{Person: "001050000005", Kind: "pension", Start: mp("2015-01")},
		{Person: "001170000006", Kind: "monthly_si_benefit", Start: mp("2024-01")},
		{Person: "001145000007", Kind: "social_pension", Start: mp("2025-08")},
	}
	s.transactions = []indicators.Transaction{
		{Subject: "001090000001", Commune: "90001", Online: true, Month: mp("2025-09"), Score: 5, Answered: mp("2025-09")},
		{Subject: "001190000002", Commune: "90003", Online: false, Month: mp("2025-09"), Score: 3, Answered: mp("2025-10")},
		{Subject: "001088000003", Commune: "91002", Online: true, Month: mp("2025-10")},
	}
	return s
}
