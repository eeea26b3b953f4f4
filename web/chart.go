package web

import (
	"fmt"
	"strconv"
	"strings"

	"ansinh"
)

// BarChart is a horizontal bar chart drawn as inline SVG, each bar under
// its label, so that it stays legible when a phone scales it down.
type BarChart struct {
	Width, Height int
	Bars          []Bar
}

// Bar is one bar, laid out.
type Bar struct {
	Label  string
	Value  string
	LabelY int // baseline of the label
	Y      int // top of the bar
	TextY  int // baseline of the value
	Length int // length of the bar
	EndX   int // where the value is written
}

// Layout of the chart, in pixels of its view box.
const (
	chartWidth  = 340
	chartRowH   = 44
	chartBarH   = 16
	chartValueW = 64
)

// newBarChart lays out bars for labels and values, the longest bar filling
// the width less the room for its value.
func newBarChart(labels []string, values []int64) BarChart {
	c := BarChart{Width: chartWidth, Height: chartRowH*len(labels) + 4}
	var max int64
	for _, v := range values {
		max = maxInt64(max, v)
	}
	room := chartWidth - chartValueW
	for i, l := range labels {
		n := 0
		if max > 0 {
			n = int(values[i] * int64(room) / max)
		}
		if values[i] > 0 && n < 2 {
			n = 2
		}
		y := 2 + i*chartRowH
		c.Bars = append(c.Bars, Bar{Label: l, Value: ansinh.GroupDigits(values[i], '.'), LabelY: y + 15, Y: y + 21,
			TextY: y + 21 + chartBarH - 3, Length: n, EndX: n + 6})
	}
	return c
}

func maxInt64(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}

// LineChart is an indicator of one unit by year, as inline SVG: the value
// of each year, the target of each year, and the forecast from the last
// month with data to the target year. Rates are in basis points.
type LineChart struct {
	Width, Height int
	Left, Right   int // the plot's horizontal bounds
	Top, Bottom   int // the plot's vertical bounds
	XTicks        []Tick
	YTicks        []Tick
	Value         string // the value's polyline points
	ValueDots     []Dot
	Target        string // the target's polyline points
	TargetDots    []Dot
	Forecast      string // the forecast's polyline points (two)
	ForecastEnd   *Dot
	Empty         bool // nothing to draw
}

// Tick is a labelled position on an axis.
type Tick struct {
	X, Y  int
	Label string
}

// Dot is a point of a line, with its figure for the tooltip.
type Dot struct {
	X, Y  int
	Title string
}

// ChartPoint is a value at a month (a year's value sits at its December,
// or at the last month computed for the current year).
type ChartPoint struct {
	At   ansinh.Period
	Rate int64 // basis points
}

// The line chart's frame, in pixels of its view box.
const (
	lineWidth  = 360
	lineHeight = 190
	lineLeft   = 44
	lineRight  = 334
	lineTop    = 10
	lineBottom = 164
)

// newLineChart lays out the values, targets and forecast of the years from
// first to last (the plan's 2021–2030). format writes a rate for the
// labels and tooltips.
func newLineChart(first, last int, values, targets []ChartPoint, forecastFrom, forecastTo *ChartPoint, format func(int64) string) LineChart {
	c := LineChart{Width: lineWidth, Height: lineHeight, Left: lineLeft, Right: lineRight, Top: lineTop, Bottom: lineBottom}
	var top int64
	for _, ps := range [][]ChartPoint{values, targets} {
		for _, p := range ps {
			top = max(top, p.Rate)
		}
	}
	if forecastTo != nil {
		top = max(top, forecastTo.Rate)
	}
	c.Empty = len(values) == 0 && len(targets) == 0
	step := niceStep(top)
	top = max(step, (top+step-1)/step*step)
	span := float64(ansinh.NewPeriod(last, 12) - ansinh.NewPeriod(first, 12))
	x := func(p ansinh.Period) int {
		return lineLeft + int(float64(p-ansinh.NewPeriod(first, 12))*float64(lineRight-lineLeft)/span+0.5)
	}
	y := func(v int64) int {
		return lineBottom - int(float64(v)*float64(lineBottom-lineTop)/float64(top)+0.5)
	}
	for yr := first; yr <= last; yr++ {
		label := ""
		if (yr-first)%3 == 0 || yr == last {
			label = strconv.Itoa(yr)
		}
		c.XTicks = append(c.XTicks, Tick{X: x(ansinh.NewPeriod(yr, 12)), Y: lineBottom + 16, Label: label})
	}
	for v := int64(0); v <= top; v += step {
		c.YTicks = append(c.YTicks, Tick{X: lineLeft - 4, Y: y(v), Label: format(v)})
	}
	line := func(ps []ChartPoint, what string) (string, []Dot) {
		var b strings.Builder
		var dots []Dot
		for _, p := range ps {
			if p.At < ansinh.NewPeriod(first, 1) || p.At > ansinh.NewPeriod(last, 12) {
				continue
			}
			px, py := x(p.At), y(p.Rate)
			fmt.Fprintf(&b, "%d,%d ", px, py)
			dots = append(dots, Dot{X: px, Y: py, Title: fmt.Sprintf("%s %d: %s", what, p.At.Year(), format(p.Rate))})
		}
		return strings.TrimSpace(b.String()), dots
	}
	c.Value, c.ValueDots = line(values, "●")
	c.Target, c.TargetDots = line(targets, "◆")
	if forecastFrom != nil && forecastTo != nil {
		c.Forecast = fmt.Sprintf("%d,%d %d,%d", x(forecastFrom.At), y(forecastFrom.Rate), x(forecastTo.At), y(forecastTo.Rate))
		c.ForecastEnd = &Dot{X: x(forecastTo.At), Y: y(forecastTo.Rate), Title: fmt.Sprintf("→ %d: %s", forecastTo.At.Year(), format(forecastTo.Rate))}
	}
	return c
}

// niceStep returns a step of 1, 2 or 5 times a power of ten giving four to
// eight grid lines up to top (basis points; at least 0.5%).
func niceStep(top int64) int64 {
	step := int64(50)
	for top/step > 6 {
		switch s := step; {
		case isPow10(s):
			step = s * 2
		case isPow10(s / 2):
			step = s / 2 * 5
		default:
			step = s * 2
		}
	}
	return step
}

// isPow10 reports whether n is 1, 10, 100, …
func isPow10(n int64) bool {
	for n >= 10 && n%10 == 0 {
		n /= 10
	}
	return n == 1
}
