package rules

import "fmt"

// YearsMonths is a length of time in years and months (0–11): a period of
// contributions, or an age.
type YearsMonths struct {
	Years  int `json:"years"`  // whole years
	Months int `json:"months"` // remaining months, 0–11
}

// SplitMonths returns n months as years and months.
func SplitMonths(n int) YearsMonths { return YearsMonths{Years: n / 12, Months: n % 12} }

// Total returns the length in months.
func (s YearsMonths) Total() int { return s.Years*12 + s.Months }

// String writes "25y6m".
func (s YearsMonths) String() string { return fmt.Sprintf("%dy%dm", s.Years, s.Months) }

// vi writes "25 năm 6 tháng".
func (s YearsMonths) vi() string { return fmt.Sprintf("%d năm %d tháng", s.Years, s.Months) }

// check refuses months outside 0–11 and lengths outside 0–80 years.
func (s YearsMonths) check(field string) error {
	if s.Years < 0 || s.Years > 80 || s.Months < 0 || s.Months > 11 {
		return invalid(field, "thời gian phải là số năm (0–80) và số tháng (0–11)", "a length must be years (0–80) and months (0–11)")
	}
	return nil
}

// halfYears counts n months in half years with the odd-month rule (L2014
// art. 85(7); L2024 art. 5(6)): a remainder of 1–6 months counts as half a
// year, 7–11 months as a whole year.
func halfYears(n int) int {
	h := 2 * (n / 12)
	switch r := n % 12; {
	case r == 0:
	case r <= 6:
		h++
	default:
		h += 2
	}
	return h
}

// halfYearsText writes a number of half years as years: "25.5".
func halfYearsText(h int) string {
	if h%2 == 0 {
		return fmt.Sprint(h / 2)
	}
	return fmt.Sprintf("%d.5", h/2)
}

// ifText returns s when ok, "" otherwise.
func ifText(ok bool, s string) string {
	if ok {
		return s
	}
	return ""
}
