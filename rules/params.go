package rules

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"ansinh"
)

//go:embed data/params.csv
var nationalCSV []byte

//go:embed data/province.csv
var demoProvinceCSV []byte

// Params is a checked, immutable table of parameter versions: the national
// table with a province overlay and any overrides applied. Every calculator
// is a method on it. It is safe for concurrent use.
type Params struct {
	series map[string][]Version // by name, sorted, contiguous
}

var (
	nationalRows = sync.OnceValues(func() ([]Version, error) {
		return ReadRows(bytes.NewReader(nationalCSV), "params.csv")
	})
	defaultParams = sync.OnceValues(func() (*Params, error) {
		return WithOverlay(bytes.NewReader(demoProvinceCSV), "province.csv")
	})
)

// Default returns the embedded national table with the demo province's
// overlay, read and checked once. It panics if the embedded data is invalid,
// which the package's tests rule out.
func Default() *Params {
	p, err := defaultParams()
	if err != nil {
		panic("rules: embedded parameters: " + err.Error())
	}
	return p
}

// WithOverlay returns the embedded national table with a province overlay
// read from r (same format as the national table; data/README.md) instead of
// the demo province's. The overlay must define every province.* parameter;
// its other rows override national values for the days they cover.
func WithOverlay(r io.Reader, origin string) (*Params, error) {
	national, err := nationalRows()
	if err != nil {
		return nil, err
	}
	base, err := newParams(national, false)
	if err != nil {
		return nil, err
	}
	rows, err := ReadRows(r, origin)
	if err != nil {
		return nil, err
	}
	return base.apply(rows, true)
}

// New checks rows (see Check) and returns them as a table. Every parameter
// the calculators use must be present.
func New(rows []Version) (*Params, error) { return newParams(rows, true) }

func newParams(rows []Version, complete bool) (*Params, error) {
	if err := Check(rows); err != nil {
		return nil, err
	}
	p := &Params{series: groupByName(rows)}
	if complete {
		var missing []string
		for _, name := range requiredParams {
			if len(p.series[name]) == 0 {
				missing = append(missing, name)
			}
		}
		if len(missing) > 0 {
			return nil, fmt.Errorf("missing parameters: %s", strings.Join(missing, ", "))
		}
	}
	return p, nil
}

// With returns a new table with each row applied in turn as an override: the
// row's value replaces the table's over [From, To]. An open To extends the
// override to the end of the version that contains From (or up to the next
// version, or open). A row may name an existing parameter (with its unit),
// a new province.* parameter, or the revaluation coefficient of a new
// contribution year (revaluation.YYYY). The result is checked like any
// table; p is not changed.
func (p *Params) With(rows ...Version) (*Params, error) { return p.apply(rows, true) }

// Override returns a new table where parameter name has value from day from
// to the end of the version containing that day, citing source (a
// province's decision, an official yield statement…). The value is counted
// in the parameter's unit (millionths for rates); it is flagged H, the
// province vouching for it.
func (p *Params) Override(name string, from ansinh.Date, value int64, source string) (*Params, error) {
	s := p.series[name]
	if len(s) == 0 {
		return nil, fmt.Errorf("override: unknown parameter %q", name)
	}
	return p.With(Version{
		Name: name, Unit: s[0].Unit, From: from, Value: value, Set: true,
		Confidence: ConfHigh, Source: source, Origin: "override",
	})
}

func (p *Params) apply(rows []Version, complete bool) (*Params, error) {
	series := make(map[string][]Version, len(p.series))
	for name, s := range p.series {
		series[name] = s
	}
	var errs []error
	for _, o := range rows {
		cur := series[o.Name]
		if len(cur) == 0 && !addable(o.Name) {
			errs = append(errs, fmt.Errorf("%s: unknown parameter %q (only province.* and revaluation.YYYY parameters may be added)", o.Origin, o.Name))
			continue
		}
		if len(cur) > 0 && cur[0].Unit != o.Unit {
			errs = append(errs, fmt.Errorf("%s: %s: unit %q, the parameter's unit is %q", o.Origin, o.Name, o.Unit, cur[0].Unit))
			continue
		}
		series[o.Name] = overlay(cur, o)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var all []Version
	for _, s := range series {
		all = append(all, s...)
	}
	return newParams(all, complete)
}

// addable reports whether an override may create parameter name: a
// province's own parameter, or the coefficient of a new contribution year.
func addable(name string) bool {
	if strings.HasPrefix(name, provincePrefix) {
		return true
	}
	year, ok := strings.CutPrefix(name, revaluationPrefix)
	return ok && len(year) == 4 && digits(year)
}

// overlay returns series with o replacing whatever applied over o's span.
func overlay(series []Version, o Version) []Version {
	if o.To == 0 {
		for _, v := range series {
			if v.Covers(o.From) {
				o.To = v.To
				break
			}
			if v.From > o.From {
				o.To = v.From.AddDays(-1)
				break
			}
		}
	}
	out := make([]Version, 0, len(series)+2)
	for _, v := range series {
		if (v.To != 0 && v.To < o.From) || (o.To != 0 && v.From > o.To) {
			out = append(out, v) // untouched
			continue
		}
		if v.From < o.From {
			left := v
			left.To = o.From.AddDays(-1)
			out = append(out, left)
		}
		if o.To != 0 && (v.To == 0 || v.To > o.To) {
			right := v
			right.From = o.To.AddDays(1)
			out = append(out, right)
		}
	}
	return append(out, o)
}

// Rows returns every version of the table, by name then date.
func (p *Params) Rows() []Version {
	names := p.Names()
	var out []Version
	for _, n := range names {
		out = append(out, p.series[n]...)
	}
	return out
}

// Names returns the parameter names, sorted.
func (p *Params) Names() []string {
	names := make([]string, 0, len(p.series))
	for n := range p.series {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Versions returns the versions of one parameter, oldest first.
func (p *Params) Versions(name string) []Version { return slices.Clone(p.series[name]) }

// Unconfirmed returns every version flagged U, including those without a
// value that the province must load.
func (p *Params) Unconfirmed() []Version {
	var out []Version
	for _, v := range p.Rows() {
		if v.Unconfirmed() {
			out = append(out, v)
		}
	}
	return out
}

// Lookup returns the version of parameter name that applies on day d. It
// fails when none applies, or when the version has no value yet (a U
// parameter the province must load).
func (p *Params) Lookup(name string, d ansinh.Date) (Version, error) {
	v, err := p.at(name, d)
	if err != nil {
		return Version{}, err
	}
	return *v, nil
}

// at returns the version of name applying on day d, pointing into the
// immutable table.
func (p *Params) at(name string, d ansinh.Date) (*Version, error) {
	s := p.series[name]
	for i := range s {
		v := &s[i]
		if !v.Covers(d) {
			continue
		}
		if !v.Set {
			return nil, ansinh.Invalid("", fmt.Sprintf(
				"tham số %s cho ngày %s chưa được nạp: tỉnh phải nạp giá trị (%s)", name, d.Display(), v.Source), fmt.Sprintf(
				"parameter %s for %s is not loaded: the province must load its value (%s)", name, d, v.Source))
		}
		return v, nil
	}
	if len(s) == 0 {
		return nil, fmt.Errorf("rules: no parameter %q", name)
	}
	return nil, ansinh.Invalid("", fmt.Sprintf(
		"không có tham số %s áp dụng cho ngày %s (có từ %s đến %s)", name, d.Display(), s[0].From.Display(), orOpenVI(s[len(s)-1].To)), fmt.Sprintf(
		"no %s parameter applies on %s (it covers %s to %s)", name, d, s[0].From, orOpen(s[len(s)-1].To.String())))
}

func orOpenVI(d ansinh.Date) string {
	if d == 0 {
		return "nay"
	}
	return d.Display()
}

// atMonth returns the version applying in month m: the one in force on the
// month's first day (every calculation by month resolves there).
func (p *Params) atMonth(name string, m ansinh.Period) (*Version, error) {
	return p.at(name, m.First())
}
