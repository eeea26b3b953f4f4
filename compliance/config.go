package compliance

import (
	"fmt"

	"ansinh"
)

// Config holds the parameters of a match. None of them is a legal value:
// they are the matcher's judgement of what the data must show before an
// inspector's time is spent, documented here and overridable from the
// command line. DefaultConfig gives the values the precision and recall
// figures were measured with.
type Config struct {
	// Period is the month the match is made as of: the tax window ends
	// with it and arrears are classified on its last day. Required.
	Period ansinh.Period

	// WindowMonths is the number of months of tax records, ending with
	// Period, that are compared with the registry. Default 12: the Tax
	// Department's feed covers a rolling year.
	WindowMonths int

	// LateTaxGrace is the number of months after a spell ends in which a
	// tax record at the same employer is taken for the final pay rather
	// than undeclared work. Default 1: the last wage, paid or recorded the
	// month after the worker left.
	LateTaxGrace int

	// MinUncoveredMonths is the number of months of wage income without a
	// spell (after the grace) that make an unregistered worker. Default 2:
	// one stray month is more often a one-off payment than a job, unless
	// the worker's spell at the employer starts the month after (hired a
	// month before being declared): that single month is a finding too.
	MinUncoveredMonths int

	// UnderRatio is the ratio of the monthly taxable wage to the wage
	// declared for social insurance above which a month counts as
	// underdeclared. Default 1.25. The trade-off: taxable income also holds
	// allowances and overtime outside the contribution base, which keep
	// honest workers around 1.00–1.22 (±2% a month); a lower threshold
	// reaches declarations at 1.1–1.25 times but then flags honest
	// allowances (precision falls fast under 1.25), a higher one (1.30, the
	// earlier default) is safer on data with larger allowances but misses
	// every underdeclaration between 1.25 and 1.3. Declarations below 1.25
	// times are indistinguishable from allowances and are missed.
	UnderRatio float64

	// UnderMinMonths is the length of a run of consecutive months above
	// UnderRatio, at the same employer, that makes an underdeclared wage
	// (the months of every such run are counted). Default 3: a Tết bonus
	// is one month, a 13th-month pay in December another, Tết in January
	// after it makes two; a partial offender underdeclaring for three
	// months or more is found even when most of its months are honest.
	UnderMinMonths int

	// NewBusinessGrace is the number of months after registering in the
	// business registry during which an enterprise known only from the
	// registries (no tax records) is not yet expected to have registered
	// for social insurance. Default 1: the deadline is 30 days after
	// hiring.
	NewBusinessGrace int

	// EvasionMinMonths is the debt past the evasion threshold, in months of
	// the employer's own assessments, below which no finding is made.
	// Default 1: a remainder of a few thousand đồng is a rounding or
	// allocation matter, not evasion.
	EvasionMinMonths float64

	// RegistrationDays is the time an employer has to register a worker,
	// in days from the start of the work: 30 (L2024 art. 28(1);
	// rules.md §10, research-evidence.md §10). A legal value.
	RegistrationDays int

	// RegistrationEvasionDays is the time after the registration deadline
	// past which a worker still unregistered (or registered only then) is
	// evasion rather than late: 60 days (L2024 arts. 38–39; rules.md §10).
	// A legal value.
	RegistrationEvasionDays int

	// EvasionLawFrom is the day the 2024 Law on Social Insurance, whose
	// art. 39 defines these evasion cases, took effect: 2025-07-01
	// (rules.md §4, §10). Earlier days are judged by the other kinds only.
	EvasionLawFrom ansinh.Date

	// MinScore is the lowest score a finding is kept with. Default 0.5.
	MinScore float64

	// SkipRegisters leaves out the enterprises known only from the
	// business registry and the industrial zones' register: those
	// registers are today's snapshot, judged by the match of the latest
	// months only (Service.Match sets it for the earlier windows of a
	// whole-feed match).
	SkipRegisters bool

	// MaxEvidenceRows bounds the feed rows a finding lists one by one; the
	// rest are summed up by count, months and feed versions. Default 60.
	MaxEvidenceRows int
}

// DefaultConfig returns the default parameters for a match as of period.
func DefaultConfig(period ansinh.Period) Config {
	return Config{
		Period:             period,
		WindowMonths:       12,
		LateTaxGrace:       1,
		MinUncoveredMonths: 2,
		UnderRatio:         1.25,
		UnderMinMonths:     3,
		NewBusinessGrace:   1,
		EvasionMinMonths:   1,
		MinScore:           0.5,
		MaxEvidenceRows:    60,

		RegistrationDays:        30,
		RegistrationEvasionDays: 60,
		EvasionLawFrom:          ansinh.MustParseDate("2025-07-01"),
	}
}

// From returns the first month of the tax window.
func (c Config) From() ansinh.Period { return c.Period.Add(1 - c.WindowMonths) }

// AsOf returns the day arrears are classified on: the last day of Period.
func (c Config) AsOf() ansinh.Date { return c.Period.Last() }

// Check reports the first parameter out of its range.
func (c Config) Check() error {
	bad := func(field, vi, en string, args ...any) error {
		return ansinh.Invalid(field, fmt.Sprintf(vi, args...), fmt.Sprintf(en, args...))
	}
	switch {
	case c.Period.IsZero():
		return bad("period", "thiếu kỳ đối chiếu (YYYY-MM)", "the match period (YYYY-MM) is required")
	case c.WindowMonths < 1 || c.WindowMonths > 120:
		return bad("window", "số tháng đối chiếu phải từ 1 đến 120", "the window must be 1 to 120 months")
	case c.LateTaxGrace < 0 || c.LateTaxGrace > 3:
		return bad("late-grace", "số tháng chấp nhận dữ liệu thuế muộn phải từ 0 đến 3", "the late tax grace must be 0 to 3 months")
	case c.MinUncoveredMonths < 1 || c.MinUncoveredMonths > c.WindowMonths:
		return bad("min-uncovered", "số tháng tối thiểu không có BHXH phải từ 1 đến %d", "the minimum uncovered months must be 1 to %d", c.WindowMonths)
	case c.UnderRatio <= 1 || c.UnderRatio > 10:
		return bad("under-ratio", "ngưỡng tỷ lệ lương chịu thuế / lương đóng BHXH phải lớn hơn 1 và không quá 10", "the taxable/declared wage ratio must be above 1 and at most 10")
	case c.UnderMinMonths < 1 || c.UnderMinMonths > c.WindowMonths:
		return bad("under-months", "số tháng khai thấp tối thiểu phải từ 1 đến %d", "the minimum underdeclared months must be 1 to %d", c.WindowMonths)
	case c.NewBusinessGrace < 0 || c.NewBusinessGrace > 12:
		return bad("new-business-grace", "thời gian ân hạn doanh nghiệp mới phải từ 0 đến 12 tháng", "the new business grace must be 0 to 12 months")
	case c.EvasionMinMonths < 0 || c.EvasionMinMonths > 60:
		return bad("evasion-months", "số tháng nợ tối thiểu phải từ 0 đến 60", "the minimum evasion months must be 0 to 60")
	case c.MinScore < 0 || c.MinScore > 1:
		return bad("min-score", "điểm tối thiểu phải từ 0 đến 1", "the minimum score must be 0 to 1")
	case c.MaxEvidenceRows < 1 || c.MaxEvidenceRows > 1000:
		return bad("max-evidence-rows", "số dòng bằng chứng phải từ 1 đến 1000", "evidence rows must be 1 to 1000")
	}
	return nil
}
