package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"ansinh"
	"ansinh/indicators"
	"ansinh/store/indicatorsdb"

	"github.com/xuri/excelize/v2"
)

// indicatorExporters registers the indicator exports: indicators (every
// unit, period and indicator with its target) and targets (the province's
// targets by year and the units' allocated targets).
func indicatorExporters(m map[string]func(context.Context, *Env, []string) error) {
	m["indicators"] = runExportIndicators
	m["targets"] = runExportTargets
}

// indicatorColumns are the columns of the indicators export: formats.md's
// seven, then the unit's name, level and version, and whether the row is
// re-mapped to today's units.
var indicatorColumns = []string{"unit_code", "period", "indicator", "numerator", "denominator", "value", "target",
	"unit_name", "unit_level", "unit_valid_from", "remapped"}

// unitsView says which units' rows an export or report takes.
type unitsView string

// The views.
const (
	viewHistorical unitsView = "historical" // units in force in each period, and today's province throughout
	viewCurrent    unitsView = "current"    // today's units, re-mapped before they existed
	viewAll        unitsView = "all"
)

func parseView(s string) (unitsView, error) {
	switch v := unitsView(s); v {
	case viewHistorical, viewCurrent, viewAll:
		return v, nil
	}
	return "", ansinh.Invalid("units", fmt.Sprintf("--units %q: historical, current hoặc all", s), fmt.Sprintf("--units %q: historical, current or all", s))
}

// rowQuery selects the indicator rows of an export or report.
type rowQuery struct {
	filter     indicators.FactFilter
	view       unitsView
	indicators []indicators.Definition // nil: all
}

// rows returns the selected rows, in the order period, unit code, unit
// version, indicator.
func (b *board) rows(ctx context.Context, q rowQuery) ([]indicators.Row, error) {
	facts, err := b.facts(ctx, q.filter)
	if err != nil {
		return nil, err
	}
	kept := facts[:0]
	for _, f := range facts {
		u := b.units[f.Unit]
		switch q.view {
		case viewHistorical:
			if f.Remapped && f.Unit != b.prov.Key() {
				continue
			}
		case viewCurrent:
			if u.To != 0 {
				continue
			}
		}
		kept = append(kept, f)
	}
	return indicators.Rows(kept, b.units, q.indicators, b.book), nil
}

// exportRecord writes a row as the export's text fields.
func exportRecord(r indicators.Row) []string {
	num, den, val, tgt := "", "", "", ""
	if r.Value.Known {
		num = strconv.FormatInt(r.Value.Numerator, 10)
		den = strconv.FormatInt(r.Value.Denominator, 10)
	}
	if r.HasRate {
		val = r.Rate.String()
	}
	if r.HasTarget() {
		tgt = r.Target.String()
	}
	return []string{r.Unit.Code, r.Period.String(), string(r.Definition.ID), num, den, val, tgt,
		r.Unit.Name, r.Unit.Level, r.Unit.From.String(), strconv.FormatBool(r.Remapped)}
}

// tableWriter writes rows of text as CSV or as the first sheet of an XLSX
// workbook.
type tableWriter interface {
	Write(rec []string) error
	Close() error
}

type csvTable struct {
	w *csv.Writer
}

func (t *csvTable) Write(rec []string) error { return t.w.Write(rec) }
func (t *csvTable) Close() error             { t.w.Flush(); return t.w.Error() }

type xlsxTable struct {
	f   *excelize.File
	sw  *excelize.StreamWriter
	row int
	out io.Writer
	num map[int]bool // columns written as numbers
}

func (t *xlsxTable) Write(rec []string) error {
	t.row++
	cells := make([]any, len(rec))
	for i, v := range rec {
		cells[i] = v
		if t.row > 1 && t.num[i] && v != "" {
			if n, err := strconv.ParseFloat(v, 64); err == nil {
				cells[i] = n
			}
		}
	}
	cell, _ := excelize.CoordinatesToCellName(1, t.row)
	return t.sw.SetRow(cell, cells)
}

func (t *xlsxTable) Close() error {
	if err := t.sw.Flush(); err != nil {
		return err
	}
	_, err := t.f.WriteTo(t.out)
	return err
}

// openTable returns a writer of format ("csv" or "xlsx") to out; numeric
// names the columns an XLSX sheet stores as numbers.
func openTable(format, sheet string, out io.Writer, numeric ...int) (tableWriter, error) {
	switch format {
	case "csv":
		return &csvTable{w: csv.NewWriter(out)}, nil
	case "xlsx":
		f := excelize.NewFile()
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			return nil, err
		}
		sw, err := f.NewStreamWriter(sheet)
		if err != nil {
			return nil, err
		}
		num := map[int]bool{}
		for _, c := range numeric {
			num[c] = true
		}
		return &xlsxTable{f: f, sw: sw, out: out, num: num}, nil
	}
	return nil, ansinh.Invalid("format", fmt.Sprintf("định dạng %q: csv hoặc xlsx", format), fmt.Sprintf("format %q: csv or xlsx", format))
}

// periodFilter builds the period part of a fact filter from the flags.
func periodFilter(year int, period, from, to, kind string) (indicators.FactFilter, error) {
	f := indicators.FactFilter{From: from, To: to, Kind: kind}
	if kind != "" && kind != "year" && kind != "month" {
		return f, ansinh.Invalid("kind", "--kind: year hoặc month", "--kind: year or month")
	}
	if period != "" {
		if _, err := indicators.ParsePeriod(period); err != nil {
			return f, err
		}
		f.Periods = []string{period}
	}
	if year != 0 {
		y := strconv.Itoa(year)
		f.From, f.To = y, y+"-12"
	}
	return f, nil
}

func runExportIndicators(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "export indicators", "",
		"Xuất các chỉ tiêu: mỗi đơn vị, kỳ (tháng YYYY-MM hoặc năm YYYY) và chỉ tiêu một dòng, với tử số, mẫu số, giá trị (%) và mục tiêu (%).\n"+
			"Export the indicators: one row per unit, period (month YYYY-MM or year YYYY) and indicator, with numerator, denominator, value (%) and target (%).")
	dsn := dbFlag(fs, env)
	format := fs.String("format", "csv", "csv hoặc xlsx / csv or xlsx")
	out := fs.String("out", "", "tệp ra (mặc định: màn hình) / output file (default: stdout)")
	year := fs.Int("year", 0, "một năm: năm đó và các tháng của nó / one year: the year and its months")
	period := fs.String("period", "", "một kỳ / one period (YYYY or YYYY-MM)")
	from := fs.String("from", "", "từ kỳ / from period")
	to := fs.String("to", "", "đến kỳ / to period")
	kind := fs.String("kind", "", "year hoặc month (mặc định: cả hai) / year or month (default both)")
	units := fs.String("units", "historical", "historical: đơn vị của từng thời kỳ và tỉnh hiện nay; current: đơn vị hiện nay (số liệu trước 2025 quy đổi); all / which units")
	unit := fs.String("unit", "", "chỉ một mã đơn vị / one unit code")
	ind := fs.String("indicator", "", "chỉ một chỉ tiêu / one indicator")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	q := rowQuery{}
	var err error
	if q.filter, err = periodFilter(*year, *period, *from, *to, *kind); err != nil {
		return err
	}
	if q.view, err = parseView(*units); err != nil {
		return err
	}
	if *unit != "" {
		q.filter.Units = []string{*unit}
	}
	if *ind != "" {
		id, err := indicators.ParseIndicator(*ind)
		if err != nil {
			return err
		}
		d, _ := indicators.Lookup(id)
		q.indicators = []indicators.Definition{d}
	}
	db, err := openDB(ctx, env, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	b, err := loadBoard(ctx, db)
	if err != nil {
		return err
	}
	rows, err := b.rows(ctx, q)
	if err != nil {
		return err
	}
	w, closeOut, err := openOut(env, *out)
	if err != nil {
		return err
	}
	t, err := openTable(*format, "indicators", w, 3, 4, 5, 6)
	if err != nil {
		return closeOut(err)
	}
	if err := t.Write(indicatorColumns); err != nil {
		return closeOut(err)
	}
	for _, r := range rows {
		if err := t.Write(exportRecord(r)); err != nil {
			return closeOut(err)
		}
	}
	if err := t.Close(); err != nil {
		return closeOut(err)
	}
	return closeOut(nil)
}

// targetColumns are the columns of the targets export.
var targetColumns = []string{"indicator", "year", "unit_code", "unit_valid_from", "target", "target_count", "denominator", "kind", "source"}

func runExportTargets(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "export targets", "",
		"Xuất mục tiêu: của tỉnh theo từng năm (Kế hoạch mục II.1.2, đã sửa, nội suy, giữ nguyên) và chỉ tiêu đã giao cho từng đơn vị.\n"+
			"Export the targets: the province's by year (plan section II.1.2, edited, interpolated, held) and the units' allocated targets.")
	dsn := dbFlag(fs, env)
	format := fs.String("format", "csv", "csv hoặc xlsx / csv or xlsx")
	out := fs.String("out", "", "tệp ra (mặc định: màn hình) / output file (default: stdout)")
	from := fs.Int("from", 2018, "năm đầu / first year")
	to := fs.Int("to", 2030, "năm cuối / last year")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := openDB(ctx, env, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	s := indicatorsdb.New(db)
	targets, err := s.Targets(ctx)
	if err != nil {
		return err
	}
	units, err := s.IndicatorUnits(ctx)
	if err != nil {
		return err
	}
	prov, _ := indicators.Province(units)
	keys, err := s.AllocationKeys(ctx)
	if err != nil {
		return err
	}
	w, closeOut, err := openOut(env, *out)
	if err != nil {
		return err
	}
	t, err := openTable(*format, "targets", w, 1, 4, 5, 6)
	if err != nil {
		return closeOut(err)
	}
	write := func(rec []string) {
		if err == nil {
			err = t.Write(rec)
		}
	}
	write(targetColumns)
	for _, d := range indicators.Definitions() {
		for y := *from; y <= *to; y++ {
			m, ok := targets.Milestone(d.ID, y)
			if !ok {
				continue
			}
			write([]string{string(d.ID), strconv.Itoa(y), prov.Code, prov.From.String(), m.Value.String(), "", "", string(m.Kind), m.Source})
		}
		for _, k := range keys {
			if k.Indicator != d.ID || k.Year < *from || k.Year > *to {
				continue
			}
			a, aerr := s.Allocation(ctx, k.Indicator, k.Year)
			if aerr != nil {
				err = aerr
				break
			}
			for _, u := range a.Units {
				r, _ := u.Rate()
				write([]string{string(d.ID), strconv.Itoa(k.Year), u.Unit.Code, u.Unit.From.String(), r.String(),
					strconv.FormatInt(u.Target, 10), strconv.FormatInt(u.Denominator, 10), "allocated",
					fmt.Sprintf("giao năm %d, %d%% theo lực lượng lao động", k.Year, a.Params.LaborForceWeight)})
			}
		}
	}
	if err == nil {
		err = t.Close()
	}
	return closeOut(err)
}
