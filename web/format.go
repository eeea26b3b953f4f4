package web

import (
	"fmt"
	"html/template"
	"strconv"
	"time"

	"ansinh"
	"ansinh/auth"
)

// funcs returns the template functions bound to a language.
func funcs(lang string) template.FuncMap {
	return template.FuncMap{
		"t":        func(key string) string { return translate(lang, key) },
		"tf":       func(key string, args ...any) string { return fmt.Sprintf(translate(lang, key), args...) },
		"label":    func(group, value string) string { return label(lang, group, value) },
		"money":    func(m ansinh.Money) string { return ansinh.FormatMoney(m) },
		"num":      func(n int64) string { return ansinh.GroupDigits(n, '.') },
		"int":      func(n int) string { return ansinh.GroupDigits(int64(n), '.') },
		"date":     func(d ansinh.Date) string { return d.Display() },
		"month":    monthDisplay,
		"datetime": datetimeDisplay,
		"duration": func(d time.Duration) string { return durationDisplay(lang, d) },
		"role":     func(r auth.Role) string { return label(lang, "role", string(r)) },
		"add":      func(a, b int) int { return a + b },
		"div12":    func(n int) int { return n / 12 },
		"mod12":    func(n int) int { return n % 12 },
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
	return t.In(auth.Vietnam).Format("02/01/2006 15:04")
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
