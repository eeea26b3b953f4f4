package ansinh

import "time"

// Vietnam is Indochina Time (UTC+7, no daylight saving), the zone in which
// a day, a month and every legal deadline are counted.
var Vietnam = time.FixedZone("ICT", 7*3600)

// Today returns the civil day in Vietnam at the instant t: the one place
// where "today" is taken from a clock reading.
func Today(t time.Time) Date { return DateOf(t.In(Vietnam)) }

// ThisMonth returns the month in Vietnam at the instant t.
func ThisMonth(t time.Time) Period { return Today(t).Period() }
