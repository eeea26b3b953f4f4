package rules

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"ansinh"
)

// columns are the columns of a parameter file, in any order, all required.
var columns = []string{"name", "unit", "from", "to", "value", "confidence", "source"}

// ReadRows reads a parameter file (data/README.md): CSV, UTF-8 with or
// without a BOM, '#' comment lines, a header row naming the columns name,
// unit, from, to, value, confidence and source. origin names the file in
// errors and in each row's Origin. It reports every bad row, with its line.
func ReadRows(r io.Reader, origin string) ([]Version, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", origin, err)
	}
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\ufeff"))))
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: no header row: %w", origin, err)
	}
	col, err := headerIndex(head)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", origin, err)
	}
	var rows []Version
	var errs []error
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", origin, err)
		}
		line, _ := cr.FieldPos(0)
		where := fmt.Sprintf("%s:%d", origin, line)
		if len(rec) != len(columns) {
			errs = append(errs, fmt.Errorf("%s: %d columns, want %d", where, len(rec), len(columns)))
			continue
		}
		v, err := parseRow(rec, col)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", where, err))
			continue
		}
		v.Origin = where
		rows = append(rows, v)
	}
	return rows, errors.Join(errs...)
}

// headerIndex maps each column name to its position.
func headerIndex(h []string) (map[string]int, error) {
	col := make(map[string]int, len(h))
	for i, name := range h {
		col[strings.TrimSpace(name)] = i
	}
	for _, c := range columns {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("header lacks column %q", c)
		}
	}
	if len(col) != len(columns) {
		return nil, fmt.Errorf("header %q: want exactly the columns %s", strings.Join(h, ","), strings.Join(columns, ","))
	}
	return col, nil
}

// parseRow reads one row; the checker judges it afterwards.
func parseRow(rec []string, col map[string]int) (Version, error) {
	get := func(c string) string { return strings.TrimSpace(rec[col[c]]) }
	v := Version{
		Name: get("name"), Unit: Unit(get("unit")), Confidence: Confidence(get("confidence")), Source: get("source"),
	}
	var err error
	if v.From, err = ansinh.ParseDate(get("from")); err != nil {
		return v, fmt.Errorf("from: %w", err)
	}
	if to := get("to"); to != "" {
		if v.To, err = ansinh.ParseDate(to); err != nil {
			return v, fmt.Errorf("to: %w", err)
		}
	}
	if s := get("value"); s != "" {
		if v.Value, err = ParseValue(v.Unit, s); err != nil {
			return v, fmt.Errorf("value %q: %w", s, err)
		}
		v.Set = true
	}
	return v, nil
}

// ParseValue reads a value written in a parameter file for unit u: an exact
// decimal or percentage for rates and coefficients ("14%", "0.03%", "5.81"),
// an integer otherwise.
func ParseValue(u Unit, s string) (int64, error) {
	if u == UnitRate || u == UnitCoef {
		m, err := ParseMicro(s)
		return int64(m), err
	}
	return strconv.ParseInt(s, 10, 64)
}
