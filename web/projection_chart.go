package web

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// SeriesChart draws one line per scenario over the projected years, as
// inline SVG: the projection page's charts. Values may be negative (the
// fund's balance); the zero line is drawn when it is in range.
type SeriesChart struct {
	Title         string
	Width, Height int
	Left, Right   int
	Top, Bottom   int
	XTicks        []Tick
	YTicks        []Tick
	Zero          int // the zero line's y, or -1
	Lines         []SeriesLine
}

// SeriesLine is a scenario's line.
type SeriesLine struct {
	Name   string
	Color  string
	Points string
	Dots   []Dot
}

// seriesColors are the scenarios' colours, in order.
var seriesColors = []string{"#1f6feb", "#d9480f", "#2b8a3e", "#862e9c", "#495057"}

// newSeriesChart lays out series (one per name, one value per year) with
// format writing the axis labels and tooltips.
func newSeriesChart(title string, years []int, names []string, series [][]float64, format func(float64) string) SeriesChart {
	c := SeriesChart{Title: title, Width: 420, Height: 220, Left: 64, Right: 404, Top: 10, Bottom: 190, Zero: -1}
	if len(years) < 2 {
		return c
	}
	lo, hi := 0.0, 0.0
	for _, s := range series {
		for _, v := range s {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	step := niceFloatStep(hi - lo)
	lo, hi = math.Floor(lo/step)*step, math.Max(step, math.Ceil(hi/step)*step)
	x := func(i int) int {
		return c.Left + int(float64(years[i]-years[0])*float64(c.Right-c.Left)/float64(years[len(years)-1]-years[0])+0.5)
	}
	y := func(v float64) int { return c.Bottom - int((v-lo)*float64(c.Bottom-c.Top)/(hi-lo)+0.5) }
	first, last := years[0], years[len(years)-1]
	for i, yr := range years {
		if (yr%10 == 0 && yr-first >= 4 && last-yr >= 4) || i == 0 || i == len(years)-1 {
			c.XTicks = append(c.XTicks, Tick{X: x(i), Y: c.Bottom + 16, Label: strconv.Itoa(yr)})
		}
	}
	for v := lo; v <= hi+step/2; v += step {
		c.YTicks = append(c.YTicks, Tick{X: c.Left - 4, Y: y(v), Label: format(v)})
	}
	if lo < 0 {
		c.Zero = y(0)
	}
	for k, s := range series {
		l := SeriesLine{Name: names[k], Color: seriesColors[k%len(seriesColors)]}
		var b strings.Builder
		for i, v := range s {
			fmt.Fprintf(&b, "%d,%d ", x(i), y(v))
			if years[i]%10 == 0 || i == 0 || i == len(s)-1 {
				l.Dots = append(l.Dots, Dot{X: x(i), Y: y(v), Title: fmt.Sprintf("%s %d: %s", names[k], years[i], format(v))})
			}
		}
		l.Points = strings.TrimSpace(b.String())
		c.Lines = append(c.Lines, l)
	}
	return c
}

// niceFloatStep returns 1, 2 or 5 times a power of ten giving at most six
// grid lines over span.
func niceFloatStep(span float64) float64 {
	if span <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(span)))
	for _, m := range []float64{0.1, 0.2, 0.5, 1, 2, 5, 10} {
		if span/(m*p) <= 6 {
			return m * p
		}
	}
	return 10 * p
}
