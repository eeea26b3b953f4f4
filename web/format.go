package web

import (
	"fmt"
	"html/template"
	"strconv"
	"time"

	"ansinh"
	"ansinh/auth"
	"ansinh/compliance"
	"ansinh/indicators"
	"ansinh/plan"
)

// funcs returns the template functions bound to a language.
func funcs(lang string) template.FuncMap {
	return template.FuncMap{
		"t":          func(key string) string { return translate(lang, key) },
		"tf":         func(key string, args ...any) string { return fmt.Sprintf(translate(lang, key), args...) },
		"label":      func(group, value string) string { return label(lang, group, value) },
		"money":      func(m ansinh.Money) string { return ansinh.FormatMoney(m) },
		"num":        func(n int64) string { return ansinh.GroupDigits(n, '.') },
		"int":        func(n int) string { return ansinh.GroupDigits(int64(n), '.') },
		"date":       func(d ansinh.Date) string { return d.Display() },
		"month":      monthDisplay,
		"datetime":   datetimeDisplay,
		"duration":   func(d time.Duration) string { return durationDisplay(lang, d) },
		"role":       func(r auth.Role) string { return label(lang, "role", string(r)) },
		"add":        func(a, b int) int { return a + b },
		"div12":      func(n int) int { return n / 12 },
		"mod12":      func(n int) int { return n % 12 },
		"rate":       func(r indicators.Rate) string { return rateText(lang, r) },
		"kindname":   func(k compliance.Kind) string { return kindLabel(lang, k) },
		"casestatus": func(st compliance.Status) string { return caseStatusLabel(lang, st) },
		"score":      func(f float64) string { return scoreText(lang, f) },
		"defname":    func(d indicators.Definition) string { return defName(lang, d) },
		"figure":     func(d indicators.Definition, v int64) string { return figureText(d, v) },
		"rowfig": func(r indicators.Row, num bool) string {
			if num {
				return figureText(r.Definition, r.Value.Numerator)
			}
			return figureText(r.Definition, r.Value.Denominator)
		},
		"list":       func(xs ...string) []string { return xs },
		"recurrence": func(r plan.Recurrence) string { return recurrenceLabel(lang, r) },
		"tasktitle":  func(t plan.Task) string { return taskTitle(lang, t) },
		"dict": func(kv ...any) map[string]any {
			m := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				m[kv[i].(string)] = kv[i+1]
			}
			return m
		},
	}
}

// monthDisplay writes a month the Vietnamese way, "mm/yyyy" ("" for none).
func monthDisplay(p ansinh.Period) string {
	if p.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%04d", p.Month(), p.Year())
}

// datetimeDisplay writes an instant in the province's time, "dd/mm/yyyy
// hh:mm".
func datetimeDisplay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(ansinh.Vietnam).Format("02/01/2006 15:04")
}

// durationDisplay writes a processing time in whole seconds, minutes, hours
// or days.
func durationDisplay(lang string, d time.Duration) string {
	switch {
	case d < time.Minute:
		n := int(d.Round(time.Second) / time.Second)
		if n < 1 {
			return translate(lang, "duration.instant")
		}
		return strconv.Itoa(n) + " " + translate(lang, "duration.seconds")
	case d < time.Hour:
		return strconv.Itoa(int(d/time.Minute)) + " " + translate(lang, "duration.minutes")
	case d < 48*time.Hour:
		return strconv.Itoa(int(d/time.Hour)) + " " + translate(lang, "duration.hours")
	}
	return strconv.Itoa(int(d/(24*time.Hour))) + " " + translate(lang, "duration.days")
}

// figureText writes an indicator's numerator or denominator: đồng for
// amounts, a count otherwise.
func figureText(d indicators.Definition, v int64) string {
	if d.Money {
		return ansinh.FormatMoney(v)
	}
	return ansinh.GroupDigits(v, '.')
}

// scoreText writes a finding's score (0–1) as a percentage without
// decimals: "85%".
func scoreText(lang string, f float64) string {
	return strconv.Itoa(int(f*100+0.5)) + "%"
}
