package web

import "ansinh"

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
