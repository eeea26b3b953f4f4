package synth

import (
	"fmt"

	"ansinh"
)

// Config says what province to generate.
type Config struct {
	// Workers is the target number of workers with an open mandatory
	// social insurance spell (employment) at the end month Through. The
	// generator reaches it within a fraction of a percent; persons with two
	// simultaneous jobs count once per job.
	Workers int
	// Seed makes the output: the same Config gives byte-identical rows.
	Seed int64
	// Province is the code of a province of the structure in force from
	// 2025-07-01; default "24" (Bắc Ninh).
	Province string
	// From is the first month generated; default 2018-01.
	From ansinh.Period
	// Through is the last month generated, the current month. The caller
	// passes it: the generator reads no clock. Required.
	Through ansinh.Period
	// AsOf is the day the province is generated, today: no payment,
	// declaration or registration is dated after it (the rest of the
	// current month has not happened). It lies in Through; zero means
	// Through's last day (the month is over). The caller passes it, as it
	// passes Through.
	AsOf ansinh.Date
	// MinWage returns the regional minimum wage (region "I".."IV") of a
	// month; injected from the rules engine. Required.
	MinWage func(region string, p ansinh.Period) int64
	// EmployerDue returns the total contribution (employer and employee
	// shares) of one worker-month with the contract wage, in the region, at
	// an employer of the kind (state, soe, fdi, private, cooperative,
	// household_business); injected from the rules engine and used to make
	// the employers' payments. Required.
	EmployerDue func(p ansinh.Period, wage int64, region, employerKind string) int64
	// Hard makes the compliance problem hard (issue 16.4): a tax feed of
	// HardTaxMonths months, and violations that overlap the honest noise
	// (see the package documentation). Off, the output is the classic
	// province's.
	Hard bool
	// Progress, when set, is called after each month is generated with the
	// months done and the months to generate; it does not change the rows.
	Progress func(done, total int)
}

// Limits of Config.Workers.
const (
	MinWorkers = 1
	MaxWorkers = 10_000_000
)

// TaxMonths is the number of months, ending at Through, that the Tax
// Department's feed (tax_wages) covers: a rolling year, the span of the
// yearly personal income tax finalisation.
const TaxMonths = 12

// HardTaxMonths is the span of the Tax Department's feed of a hard
// province (Config.Hard): two years, so that a match must cover months
// before its latest window.
const HardTaxMonths = 24

// DefaultProvince is the province generated when Config.Province is empty.
const DefaultProvince = "24"

// defaultFromYear is the year of the first month (January) generated when
// Config.From is zero.
const defaultFromYear = 2018

// Counts gives the number of rows written per kind.
type Counts map[string]int

// Total returns the number of rows of every kind.
func (c Counts) Total() int {
	n := 0
	for _, v := range c {
		n += v
	}
	return n
}

// normalize fills the defaults and checks the configuration.
func (c Config) normalize() (Config, error) {
	if c.Province == "" {
		c.Province = DefaultProvince
	}
	if c.From.IsZero() {
		c.From = ansinh.NewPeriod(defaultFromYear, 1)
	}
	if c.AsOf.IsZero() && !c.Through.IsZero() {
		c.AsOf = c.Through.Last()
	}
	switch {
	case c.Workers < MinWorkers || c.Workers > MaxWorkers:
		return c, ansinh.Invalid("Workers",
			fmt.Sprintf("số lao động phải từ %d đến %d", MinWorkers, MaxWorkers),
			fmt.Sprintf("workers must be between %d and %d", MinWorkers, MaxWorkers))
	case c.Through.IsZero():
		return c, ansinh.Invalid("Through", "thiếu tháng cuối (tháng hiện tại)", "the last month (the current month) is required")
	case c.Through < c.From:
		return c, ansinh.Invalid("Through", "tháng cuối trước tháng đầu", "the last month is before the first month")
	case c.From.Year() < 1990:
		return c, ansinh.Invalid("From", "tháng đầu phải từ năm 1990", "the first month must be in 1990 or later")
	case c.AsOf.Period() != c.Through:
		return c, ansinh.Invalid("AsOf", "ngày sinh dữ liệu phải thuộc tháng cuối", "the day of generation must lie in the last month")
	case c.Through.Year() > 2090:
		return c, ansinh.Invalid("Through", "tháng cuối phải trước năm 2090", "the last month must be before 2090")
	case c.MinWage == nil:
		return c, ansinh.Invalid("MinWage", "thiếu hàm lương tối thiểu vùng", "the regional minimum wage function is required")
	case c.EmployerDue == nil:
		return c, ansinh.Invalid("EmployerDue", "thiếu hàm tính số phải đóng", "the contribution function is required")
	}
	return c, nil
}
