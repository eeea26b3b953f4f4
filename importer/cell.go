package importer

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"ansinh"
)

// Messages that need no formatting.
const (
	msgRequiredVI   = "bắt buộc, không được để trống"
	msgRequiredEN   = "is required and may not be empty"
	msgControlVI    = "chứa ký tự điều khiển (xuống dòng, tab, …)"
	msgControlEN    = "contains control characters (line breaks, tabs, …)"
	msgUTF8VI       = "không phải văn bản UTF-8 hợp lệ"
	msgUTF8EN       = "is not valid UTF-8 text"
	msgCodeVI       = "chỉ được gồm chữ cái không dấu, chữ số và các ký tự - _ . /"
	msgCodeEN       = "may only hold ASCII letters, digits and - _ . /"
	msgIntVI        = "không phải số nguyên"
	msgIntEN        = "is not a whole number"
	msgMoneyVI      = "số tiền phải là số nguyên đồng, chỉ gồm chữ số (không dấu phân cách, không phần thập phân)"
	msgMoneyEN      = "an amount must be whole đồng, digits only (no separators, no decimals)"
	msgNegativeVI   = "số tiền không được âm"
	msgNegativeEN   = "an amount may not be negative"
	msgPositiveVI   = "số tiền phải lớn hơn 0"
	msgPositiveEN   = "the amount must be greater than 0"
	msgTooLargeVI   = "số quá lớn"
	msgTooLargeEN   = "the number is too large"
	msgBoolVI       = "phải là true hoặc false"
	msgBoolEN       = "must be true or false"
	msgDateVI       = "không phải ngày theo dạng YYYY-MM-DD (ví dụ 2024-01-31)"
	msgDateEN       = "is not a date in the form YYYY-MM-DD (e.g. 2024-01-31)"
	msgNoDayVI      = "ngày không tồn tại"
	msgNoDayEN      = "no such day"
	msgMonthVI      = "không phải tháng theo dạng YYYY-MM (ví dụ 2024-01)"
	msgMonthEN      = "is not a month in the form YYYY-MM (e.g. 2024-01)"
	msgNoMonthVI    = "tháng phải từ 01 đến 12"
	msgNoMonthEN    = "the month must be from 01 to 12"
	msgYearRangeVI  = "năm phải từ 1900 đến 2200"
	msgYearRangeEN  = "the year must be from 1900 to 2200"
	msgPayerVI      = "phải là mã số thuế (10 chữ số, hoặc 10-3 với chi nhánh) hoặc số định danh cá nhân (12 chữ số)"
	msgPayerEN      = "must be a tax code (10 digits, or 10-3 for a branch) or a personal ID (12 digits)"
	personIDLabelVI = "số định danh cá nhân "
	personIDLabelEN = "the personal ID: "
	taxCodeLabelVI  = "mã số thuế "
	taxCodeLabelEN  = "the tax code: "
)

// maxDigits bounds whole numbers so that they fit in an int64.
const maxDigits = 18

// cells reads the cells of one file: the same rules for CSV and XLSX, plus,
// for XLSX, what Excel does to values typed into cells (dates stored as day
// serial numbers, booleans as 1 and 0).
type cells struct {
	excel bool
	// xl gives what Excel knows of the current row's cells (XLSX only).
	xl excelCells
}

// excelCells is what an XLSX source knows beyond a cell's raw value.
type excelCells interface {
	// Date returns the day of cell col of the current row when it is a
	// date cell.
	Date(col int) (year, month, day int, ok bool)
	// Display returns the text Excel shows for cell col of the current row.
	Display(col int) (string, error)
}

// read turns the trimmed, non-empty cell s of column c, found at position
// pos of the record, into its value, or returns the reason it is invalid
// (vi != "").
func (p *cells) read(c *Column, s string, pos int) (v any, vi, en string) {
	switch c.Type {
	case TypeText:
		if vi, en = checkText(s); vi != "" {
			return nil, vi, en
		}
		return s, "", ""
	case TypeCode:
		for i := 0; i < len(s); i++ {
			if !isCodeByte(s[i]) {
				return nil, msgCodeVI, msgCodeEN
			}
		}
		return s, "", ""
	case TypeDigits:
		if !allDigits(s) || (c.hasLengths && (len(s) >= len(c.lengthOK) || !c.lengthOK[len(s)])) {
			return nil, c.ruleVI, c.ruleEN
		}
		return s, "", ""
	case TypeEnum:
		for i, e := range c.Enum {
			if s == e {
				return c.enumVals[i], "", ""
			}
		}
		return nil, c.ruleVI, c.ruleEN
	case TypeInt:
		n, ok := parseInt(s)
		if !ok && p.excel {
			n, ok = excelInt(s)
		}
		if !ok {
			return nil, msgIntVI + "; " + c.ruleVI, msgIntEN + "; " + c.ruleEN
		}
		if n < c.Min || (c.Max > 0 && n > c.Max) {
			return nil, c.ruleVI, c.ruleEN
		}
		return n, "", ""
	case TypeMoney:
		return p.money(c, s)
	case TypeBool:
		switch s {
		case "true":
			return true, "", ""
		case "false":
			return false, "", ""
		}
		if p.xl != nil && (s == "1" || s == "0") {
			// A TRUE or FALSE typed into Excel makes a boolean cell,
			// stored as 1 or 0 and shown as TRUE or FALSE.
			if shown, err := p.xl.Display(pos); err == nil && (shown == "TRUE" || shown == "FALSE") {
				return s == "1", "", ""
			}
		}
		return nil, msgBoolVI, msgBoolEN
	case TypeDate:
		return p.date(s, pos)
	case TypeMonth:
		return p.month(s, pos)
	case TypePersonID:
		id, r := ansinh.CheckPersonID(s, 0, "")
		if r != ansinh.IDValid {
			return nil, personIDLabelVI + r.MessageVI(), personIDLabelEN + r.MessageEN()
		}
		return id, "", ""
	case TypeTaxCode:
		tc, r := ansinh.CheckTaxCode(s)
		if r != ansinh.IDValid {
			return nil, taxCodeLabelVI + r.MessageVI(), taxCodeLabelEN + r.MessageEN()
		}
		return tc, "", ""
	case TypePayer:
		return readPayer(s)
	}
	return nil, "kiểu cột không xác định", "unknown column type"
}

// money reads an amount in integer đồng.
func (p *cells) money(c *Column, s string) (any, string, string) {
	n, ok := int64(0), false
	if s[0] != '-' {
		n, ok = parseInt(s)
	}
	if !ok && p.excel {
		n, ok = excelInt(s)
	}
	switch {
	case !ok && s[0] == '-':
		if _, num := parseInt(s); num {
			return nil, msgNegativeVI, msgNegativeEN
		}
		return nil, msgMoneyVI, msgMoneyEN
	case !ok && allDigits(s):
		return nil, msgTooLargeVI, msgTooLargeEN
	case !ok:
		return nil, msgMoneyVI, msgMoneyEN
	case n < 0:
		return nil, msgNegativeVI, msgNegativeEN
	case n == 0 && c.Positive:
		return nil, msgPositiveVI, msgPositiveEN
	}
	return n, "", ""
}

// date reads a day, "YYYY-MM-DD", or in XLSX a date cell.
func (p *cells) date(s string, pos int) (any, string, string) {
	if d, ok := fastDate(s); ok {
		return d, "", ""
	}
	if len(s) == 10 && s[4] == '-' && s[7] == '-' && allDigits(s[:4]) && allDigits(s[5:7]) && allDigits(s[8:]) {
		if y, _ := strconv.Atoi(s[:4]); y < 1900 || y > 2200 {
			return nil, msgYearRangeVI, msgYearRangeEN
		}
		if m, _ := strconv.Atoi(s[5:7]); m < 1 || m > 12 {
			return nil, msgNoMonthVI, msgNoMonthEN
		}
		return nil, msgNoDayVI, msgNoDayEN
	}
	if p.xl != nil {
		if y, m, d, ok := p.xl.Date(pos); ok && y >= 1900 && y <= 2200 {
			return ansinh.NewDate(y, m, d), "", ""
		}
	}
	return nil, msgDateVI, msgDateEN
}

// month reads a month, "YYYY-MM", or in XLSX a date cell holding the first
// day of a month (what Excel makes of "2024-01" typed into a cell).
func (p *cells) month(s string, pos int) (any, string, string) {
	if m, ok := fastMonth(s); ok {
		return m, "", ""
	}
	if len(s) == 7 && s[4] == '-' && allDigits(s[:4]) && allDigits(s[5:]) {
		if y, _ := strconv.Atoi(s[:4]); y < 1900 || y > 2200 {
			return nil, msgYearRangeVI, msgYearRangeEN
		}
		return nil, msgNoMonthVI, msgNoMonthEN
	}
	if p.xl != nil {
		if y, m, d, ok := p.xl.Date(pos); ok && d == 1 && y >= 1900 && y <= 2200 {
			return ansinh.NewPeriod(y, m), "", ""
		}
	}
	return nil, msgMonthVI, msgMonthEN
}

// readPayer reads a payer: a personal ID when it is 12 digits, a tax code
// otherwise.
func readPayer(s string) (any, string, string) {
	n := strings.ReplaceAll(s, " ", "")
	switch {
	case len(n) == 12 && allDigits(n):
		id, r := ansinh.CheckPersonID(n, 0, "")
		if r != ansinh.IDValid {
			return nil, personIDLabelVI + r.MessageVI(), personIDLabelEN + r.MessageEN()
		}
		return id, "", ""
	case len(n) == 10 || len(n) == 14:
		tc, r := ansinh.CheckTaxCode(n)
		if r == ansinh.IDValid {
			return tc, "", ""
		}
		if r != ansinh.IDLength {
			return nil, taxCodeLabelVI + r.MessageVI(), taxCodeLabelEN + r.MessageEN()
		}
	}
	return nil, msgPayerVI, msgPayerEN
}

// checkText accepts valid UTF-8 without control characters.
func checkText(s string) (string, string) {
	ascii := true
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b < 0x20 || b == 0x7f {
			return msgControlVI, msgControlEN
		}
		if b >= 0x80 {
			ascii = false
		}
	}
	if !ascii {
		if !utf8.ValidString(s) {
			return msgUTF8VI, msgUTF8EN
		}
		for _, r := range s {
			if r >= 0x80 && r <= 0x9f || r == 0x2028 || r == 0x2029 {
				return msgControlVI, msgControlEN
			}
		}
	}
	return "", ""
}

// parseInt reads an optionally negative whole number of at most maxDigits
// digits, without a sign other than '-' and without separators.
func parseInt(s string) (int64, bool) {
	neg := false
	if len(s) > 0 && s[0] == '-' {
		neg, s = true, s[1:]
	}
	if len(s) == 0 || len(s) > maxDigits {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// excelInt reads a whole number as Excel may store it in a numeric cell:
// "5E+6", "1234.0".
func excelInt(s string) (int64, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != float64(int64(f)) || f > 1e17 || f < -1e17 {
		return 0, false
	}
	return int64(f), true
}

// trim removes surrounding white space, including the no-break spaces that
// spreadsheets leave, without allocating.
func trim(s string) string {
	if len(s) == 0 {
		return s
	}
	if c, d := s[0], s[len(s)-1]; c > ' ' && c < 0x80 && d > ' ' && d < 0x80 {
		return s
	}
	return strings.TrimSpace(s)
}

func isCodeByte(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' ||
		b == '-' || b == '_' || b == '.' || b == '/'
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

func itoa(n int) string { return strconv.Itoa(n) }
