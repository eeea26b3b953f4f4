package rules

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Check validates parameter rows: each row is well formed and sourced (a
// legal source, a confidence of H, M or U, a value within its unit's range,
// or no value only when flagged U), and each parameter's versions form one
// unbroken series: no gap and no overlap between consecutive versions, and
// only the last one open-ended. It reports every problem found.
func Check(rows []Version) error {
	var errs []error
	bad := func(v *Version, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s: %s", v.Origin, v.Name, fmt.Sprintf(format, args...)))
	}
	for i := range rows {
		checkRow(&rows[i], bad)
	}
	for _, series := range groupByName(rows) {
		for i := 1; i < len(series); i++ {
			a, b := &series[i-1], &series[i]
			switch {
			case a.Unit != b.Unit:
				bad(b, "unit %q differs from %q of the version before", b.Unit, a.Unit)
			case a.To == 0 || b.From <= a.To:
				bad(b, "overlap: version from %s starts before the version from %s ends (%s)", b.From, a.From, orOpen(a.To.String()))
			case b.From > a.To.AddDays(1):
				bad(b, "gap: nothing applies from %s to %s", a.To.AddDays(1), b.From.AddDays(-1))
			}
		}
	}
	return errors.Join(errs...)
}

// checkRow checks one row on its own.
func checkRow(v *Version, bad func(*Version, string, ...any)) {
	if !validName(v.Name) {
		bad(v, "name must be letters, digits, '.' and '_'")
	}
	max, known := maxValue[v.Unit]
	if !known {
		bad(v, "unknown unit %q", v.Unit)
	}
	if v.From.IsZero() {
		bad(v, "no from date")
	}
	if v.To != 0 && v.To < v.From {
		bad(v, "to %s is before from %s", v.To, v.From)
	}
	switch v.Confidence {
	case ConfHigh, ConfMedium, ConfUnconfirmed:
	default:
		bad(v, "confidence %q: want H, M or U", v.Confidence)
	}
	if strings.TrimSpace(v.Source) == "" {
		bad(v, "missing source: every value needs its legal source")
	}
	if !v.Set && v.Confidence != ConfUnconfirmed {
		bad(v, "no value: only an unconfirmed (U) parameter may wait to be loaded")
	}
	if v.Set && known && (v.Value < 0 || v.Value > max) {
		bad(v, "value %d out of range 0..%d for unit %s", v.Value, max, v.Unit)
	}
}

func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_') {
			return false
		}
	}
	return true
}

func orOpen(s string) string {
	if s == "" {
		return "open"
	}
	return s
}

// groupByName returns each parameter's versions sorted by start.
func groupByName(rows []Version) map[string][]Version {
	m := make(map[string][]Version)
	for _, v := range rows {
		m[v.Name] = append(m[v.Name], v)
	}
	for _, s := range m {
		slices.SortStableFunc(s, func(a, b Version) int { return cmp.Compare(a.From, b.From) })
	}
	return m
}
