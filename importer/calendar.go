package importer

import (
	"sync"

	"ansinh"
)

// The years ansinh.ParseDate and ansinh.ParsePeriod accept.
const firstYear, lastYear = 1900, 2200

// calendar holds every day and month of the years AnSinh reads, already
// boxed, so that reading a date or a month neither computes a calendar nor
// allocates: the import's hot loop reads millions of them. It is built once,
// on first use, and only read afterwards.
var calendar struct {
	once   sync.Once
	days   []any // [year][month][day]: ansinh.Date, nil for a day that does not exist
	months []any // [year][month]: ansinh.Period
}

func buildCalendar() {
	years := lastYear - firstYear + 1
	calendar.days = make([]any, years*12*31)
	calendar.months = make([]any, years*12)
	for y := firstYear; y <= lastYear; y++ {
		for m := 1; m <= 12; m++ {
			calendar.months[(y-firstYear)*12+m-1] = ansinh.NewPeriod(y, m)
			first := ansinh.NewDate(y, m, 1)
			last := ansinh.NewPeriod(y, m).Last().Day()
			for d := 1; d <= last; d++ {
				calendar.days[((y-firstYear)*12+m-1)*31+d-1] = first + ansinh.Date(d-1)
			}
		}
	}
}

// fastDate reads "YYYY-MM-DD" as ansinh.ParseDate does; ok is false for any
// text ParseDate refuses.
func fastDate(s string) (any, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return nil, false
	}
	y, ok1 := digits4(s[:4])
	m, ok2 := digits2(s[5:7])
	d, ok3 := digits2(s[8:])
	if !ok1 || !ok2 || !ok3 || y < firstYear || y > lastYear || m < 1 || m > 12 || d < 1 || d > 31 {
		return nil, false
	}
	calendar.once.Do(buildCalendar)
	v := calendar.days[((y-firstYear)*12+m-1)*31+d-1]
	return v, v != nil
}

// fastMonth reads "YYYY-MM" as ansinh.ParsePeriod does.
func fastMonth(s string) (any, bool) {
	if len(s) != 7 || s[4] != '-' {
		return nil, false
	}
	y, ok1 := digits4(s[:4])
	m, ok2 := digits2(s[5:])
	if !ok1 || !ok2 || y < firstYear || y > lastYear || m < 1 || m > 12 {
		return nil, false
	}
	calendar.once.Do(buildCalendar)
	return calendar.months[(y-firstYear)*12+m-1], true
}

func digits2(s string) (int, bool) {
	a, b := s[0]-'0', s[1]-'0'
	return int(a)*10 + int(b), a <= 9 && b <= 9
}

func digits4(s string) (int, bool) {
	a, b := digits2(s[:2])
	c, d := digits2(s[2:])
	return a*100 + c, b && d
}
