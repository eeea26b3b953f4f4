package indicators

import (
	"math"

	"ansinh"
)

// DefaultWindow is the number of months a forecast's trend is fitted on.
const DefaultWindow = 24

// Point is one month of an indicator's series.
type Point struct {
	Month                  ansinh.Period
	Numerator, Denominator int64
	Known                  bool
}

// ForecastInput is what a forecast needs: one unit's monthly series of one
// indicator, ascending, and the target to reach.
type ForecastInput struct {
	Indicator  Indicator
	Unit       UnitKey
	Series     []Point
	TargetYear int
	Target     Rate
	// Window is the number of last months fitted (0: DefaultWindow).
	Window int
}

// ForecastStatus sums a forecast up.
type ForecastStatus string

// The forecast statuses.
const (
	OnTrack      ForecastStatus = "on_track"     // the trend reaches the target by the target year
	OffTrack     ForecastStatus = "off_track"    // the trend falls short
	Insufficient ForecastStatus = "insufficient" // fewer than two months of data
)

// Forecast is where an indicator's trend leads by the target year.
type Forecast struct {
	Indicator  Indicator
	Unit       UnitKey
	TargetYear int
	Target     Rate
	// Last is the last month with data, and its figures.
	Last                   ansinh.Period
	Numerator, Denominator int64
	Value                  Rate
	Window                 int // months fitted
	// Trend is the least-squares slope: participants a month for an
	// indicator counting persons, basis points a month otherwise.
	Trend float64
	// Projected is the trend's value in December of the target year.
	Projected Rate
	// For indicators counting persons (zero otherwise): the participants
	// needed in December of the target year (target × the last
	// denominator, rounded up), the net additions a month needed from the
	// last month to get there, and how many more a month than the trend
	// gives.
	Needed           int64
	RequiredPerMonth int64
	ExtraPerMonth    int64
	MonthsLeft       int
	Status           ForecastStatus
}

// Forecast fits a straight line by least squares to the last Window months
// with data, and projects it to December of the target year.
//
// For an indicator counting persons the line is fitted to the numerator
// (participants) and the denominator is held at its last value: the labour
// force moves slowly and its forecast is the statistics office's business.
// The target is reached when the projected participants reach target ×
// denominator. RequiredPerMonth = ⌈(Needed − participants now) / months
// left⌉, ExtraPerMonth = max(0, ⌈RequiredPerMonth − Trend⌉).
//
// For the other indicators (shares of transactions or answers) the line is
// fitted to the monthly rate itself, and the projection is kept within
// 0–100%.
func ForecastOf(in ForecastInput) Forecast {
	d, _ := Lookup(in.Indicator)
	f := Forecast{Indicator: in.Indicator, Unit: in.Unit, TargetYear: in.TargetYear, Target: in.Target, Status: Insufficient}
	w := in.Window
	if w <= 0 {
		w = DefaultWindow
	}
	var pts []Point
	for _, p := range in.Series {
		if p.Known && p.Denominator > 0 {
			pts = append(pts, p)
		}
	}
	if len(pts) > w {
		pts = pts[len(pts)-w:]
	}
	if len(pts) == 0 {
		return f
	}
	last := pts[len(pts)-1]
	f.Last, f.Numerator, f.Denominator = last.Month, last.Numerator, last.Denominator
	f.Value, _ = RateOf(last.Numerator, last.Denominator)
	f.Window = len(pts)
	target := ansinh.NewPeriod(in.TargetYear, 12)
	f.MonthsLeft = max(0, int(target-last.Month))
	if len(pts) < 2 {
		return f
	}
	xs := make([]float64, len(pts))
	ys := make([]float64, len(pts))
	for i, p := range pts {
		xs[i] = float64(p.Month - last.Month)
		if d.Persons {
			ys[i] = float64(p.Numerator)
		} else {
			ys[i] = float64(p.Numerator) * 10000 / float64(p.Denominator)
		}
	}
	slope, icept := leastSquares(xs, ys)
	f.Trend = slope
	at := icept + slope*float64(target-last.Month)
	if d.Persons {
		projNum := int64(math.Round(max(0, at)))
		f.Projected, _ = RateOf(projNum, last.Denominator)
		f.Needed = (int64(in.Target)*last.Denominator + 9999) / 10000
		if f.MonthsLeft > 0 {
			f.RequiredPerMonth = max(0, ceilDiv(f.Needed-last.Numerator, int64(f.MonthsLeft)))
			f.ExtraPerMonth = max(0, int64(math.Ceil(float64(f.RequiredPerMonth)-slope-1e-9)))
		}
		if projNum >= f.Needed || last.Numerator >= f.Needed {
			f.Status = OnTrack
		} else {
			f.Status = OffTrack
		}
		if d.Lower {
			f.Status = OffTrack
			if f.Projected <= in.Target {
				f.Status = OnTrack
			}
		}
		return f
	}
	f.Projected = Rate(math.Round(min(10000, max(0, at))))
	ok := f.Projected >= in.Target
	if d.Lower {
		ok = f.Projected <= in.Target
	}
	f.Status = OffTrack
	if ok {
		f.Status = OnTrack
	}
	return f
}

// leastSquares fits y = icept + slope × x.
func leastSquares(xs, ys []float64) (slope, icept float64) {
	n := float64(len(xs))
	var sx, sy float64
	for i := range xs {
		sx += xs[i]
		sy += ys[i]
	}
	mx, my := sx/n, sy/n
	var sxx, sxy float64
	for i := range xs {
		sxx += (xs[i] - mx) * (xs[i] - mx)
		sxy += (xs[i] - mx) * (ys[i] - my)
	}
	if sxx == 0 {
		return 0, my
	}
	slope = sxy / sxx
	return slope, my - slope*mx
}

// ceilDiv returns ⌈a/b⌉ for b > 0.
func ceilDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a > 0) == (b > 0) {
		q++
	}
	return q
}
