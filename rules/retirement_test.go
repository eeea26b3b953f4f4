package rules

import (
	"testing"

	"ansinh"
)

func TestRetirementAge(t *testing.T) {
	p := Default()
	tests := []struct {
		birth   string
		sex     Sex
		age     YearsMonths
		reached string
	}{
		{"1960-12-31", Male, YearsMonths{60, 0}, "2020-12"}, // last year of 60
		{"1961-01-01", Male, YearsMonths{60, 3}, "2021-04"}, // first year of the schedule
		{"1960-10-15", Male, YearsMonths{60, 0}, "2020-10"}, //
		{"1961-09-20", Male, YearsMonths{60, 3}, "2021-12"}, // reaches 60y3m in December 2021
		{"1961-10-20", Male, YearsMonths{60, 6}, "2022-04"}, // 60y3m would be in 2022: 60y6m applies
		{"1966-04-10", Male, YearsMonths{62, 0}, "2028-04"}, // 61y9m would be in 2028
		{"1970-01-02", Male, YearsMonths{62, 0}, "2032-01"}, // after 2028: 62
		{"1965-12-31", Female, YearsMonths{55, 0}, "2020-12"},
		{"1971-01-15", Female, YearsMonths{57, 8}, "2028-09"},
		{"1971-06-15", Female, YearsMonths{58, 0}, "2029-06"}, // 2029–2035: +4 months a year
		{"1972-01-01", Female, YearsMonths{58, 4}, "2030-05"},
		{"1974-05-05", Female, YearsMonths{59, 4}, "2033-09"},
		{"1975-01-10", Female, YearsMonths{59, 8}, "2034-09"},
		{"1975-05-10", Female, YearsMonths{60, 0}, "2035-05"}, // 59y8m would be in 2035
		{"1980-02-29", Female, YearsMonths{60, 0}, "2040-02"},
	}
	for _, tt := range tests {
		got, err := p.RetirementAge(ansinh.MustParseDate(tt.birth), tt.sex)
		if err != nil {
			t.Errorf("%s %s: %v", tt.birth, tt.sex, err)
			continue
		}
		if got.Age != tt.age || got.ReachedMonth != mp(tt.reached) || got.PensionFrom != mp(tt.reached).Add(1) {
			t.Errorf("%s %s: got %s in %s from %s; want %s in %s", tt.birth, tt.sex, got.Age, got.ReachedMonth, got.PensionFrom, tt.age, tt.reached)
		}
	}
	// Before 2021 the ages were 60 and 55 (the table's first row, from its
	// conventional start in 1990): people retired long ago still have one.
	if got, err := p.RetirementAge(ansinh.MustParseDate("1950-01-01"), Male); err != nil || got.Age != (YearsMonths{60, 0}) || got.ReachedMonth != mp("2010-01") {
		t.Errorf("born 1950, male: %+v, %v", got, err)
	}
	if got, err := p.RetirementAge(ansinh.MustParseDate("1950-06-15"), Female); err != nil || got.Age != (YearsMonths{55, 0}) || got.ReachedMonth != mp("2005-06") {
		t.Errorf("born 1950, female: %+v, %v", got, err)
	}
	if _, err := p.RetirementAge(ansinh.MustParseDate("1920-01-01"), Male); fieldOf(err) != "birth_date" {
		t.Errorf("reached before the table: %v", err)
	}
	if _, err := p.RetirementAge(ansinh.MustParseDate("1970-01-02"), 0); fieldOf(err) != "sex" {
		t.Errorf("no sex: %v", err)
	}
}
