package rules

import (
	"strconv"

	"ansinh"
)

// Unit says how a parameter's value is counted.
type Unit string

// The units of parameter values. Rates and coefficients are held in
// millionths (Micro); everything else is an integer.
const (
	UnitDong   Unit = "dong"   // integer đồng per month
	UnitRate   Unit = "rate"   // a share, in millionths (14% = 140000)
	UnitCoef   Unit = "coef"   // a coefficient, in millionths (5.81 = 5810000)
	UnitTimes  Unit = "times"  // an integer multiple
	UnitMonths Unit = "months" // a number of months
	UnitYears  Unit = "years"  // a number of years
	UnitDays   Unit = "days"   // a number of days
	UnitLaw    Unit = "law"    // the year of the law in force (2014, 2024, …)
)

// maxValue bounds each unit's values, so that no product in a calculation can
// overflow: a wage parameter above ten billion đồng is a typo, not a law.
var maxValue = map[Unit]int64{
	UnitDong: 10_000_000_000, UnitRate: int64(One), UnitCoef: 100 * int64(One),
	UnitTimes: 1000, UnitMonths: 1200, UnitYears: 100, UnitDays: 3650, UnitLaw: 2200,
}

// Confidence is how well a value is established (rules.md): H high (law
// text), M medium (several careful secondary sources), U unconfirmed (a
// believed value, or no value at all, which the province must load).
type Confidence string

// The confidence levels.
const (
	ConfHigh        Confidence = "H"
	ConfMedium      Confidence = "M"
	ConfUnconfirmed Confidence = "U"
)

// Version is one value of a parameter over a span of days: a row of the
// parameter tables.
type Version struct {
	Name       string      // parameter name, e.g. "base_salary"
	Unit       Unit        // how Value is counted
	From       ansinh.Date // first day the value applies
	To         ansinh.Date // last day it applies; zero: open
	Value      int64       // the value, in Unit (millionths for rates and coefficients)
	Set        bool        // false: no value is known and the province must load one
	Confidence Confidence  // H, M or U
	Source     string      // legal source: document and article
	Origin     string      // where the row was read: "params.csv:12", "override"
}

// Unconfirmed reports whether the version is flagged U.
func (v *Version) Unconfirmed() bool { return v.Confidence == ConfUnconfirmed }

// Covers reports whether the version applies on day d.
func (v *Version) Covers(d ansinh.Date) bool {
	return d >= v.From && (v.To == 0 || d <= v.To)
}

// Micro returns the value as an exact decimal (rates and coefficients).
func (v *Version) Micro() Micro { return Micro(v.Value) }

// Display writes the value in its unit: "14%", "5.81", "2340000"; "" when
// the value is not set.
func (v *Version) Display() string {
	if !v.Set {
		return ""
	}
	switch v.Unit {
	case UnitRate:
		return Micro(v.Value).Percent() + "%"
	case UnitCoef:
		return Micro(v.Value).String()
	}
	return strconv.FormatInt(v.Value, 10)
}

// Ref returns the version as it appears in an explanation.
func (v *Version) Ref() ParamRef {
	r := ParamRef{
		Name: v.Name, Value: v.Display(), Unit: string(v.Unit), From: v.From.String(),
		To: v.To.String(), Source: v.Source, Confidence: string(v.Confidence),
	}
	r.Unconfirmed = v.Unconfirmed()
	return r
}
