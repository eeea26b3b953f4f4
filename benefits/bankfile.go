package benefits

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// BankColumns are the columns of the bank transfer file: one row per
// benefit with an amount to pay this month.
var BankColumns = []string{"period", "claim_id", "person_id", "full_name", "kind", "monthly", "arrears", "lump_sum", "recovery", "amount", "adjustment"}

// bankRows returns the rows of the transfer: the lines with an amount to
// pay (recoveries larger than what is owed are claimed back separately).
func bankRows(lines []Line) [][]string {
	var out [][]string
	for _, l := range lines {
		if l.Amount <= 0 {
			continue
		}
		out = append(out, []string{l.Period.String(), strconv.FormatInt(l.ClaimID, 10), l.PersonID, l.Name, string(l.Kind),
			strconv.FormatInt(l.Monthly, 10), strconv.FormatInt(l.Arrears, 10), strconv.FormatInt(l.LumpSum, 10),
			strconv.FormatInt(l.Recovery, 10), strconv.FormatInt(l.Amount, 10), l.Adjustment})
	}
	return out
}

// WriteBankCSV writes the bank transfer file as CSV (UTF-8, header row).
func WriteBankCSV(w io.Writer, lines []Line) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(BankColumns); err != nil {
		return err
	}
	if err := cw.WriteAll(bankRows(lines)); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// WriteBankXLSX writes the bank transfer file as XLSX (one sheet, header
// row, amounts as numbers).
func WriteBankXLSX(w io.Writer, lines []Line) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "chi-tra"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	head := make([]any, len(BankColumns))
	for i, c := range BankColumns {
		head[i] = c
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for i, r := range bankRows(lines) {
		row := make([]any, len(r))
		for j, v := range r {
			row[j] = v
			if j == 1 || (j >= 5 && j <= 9) {
				n, _ := strconv.ParseInt(v, 10, 64)
				row[j] = n
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// Totals sums a payroll.
type Totals struct {
	Paid, Stopped int   // lines paid and stopped
	Amount        int64 // total transferred
	Recovery      int64 // total to recover
}

// Sum returns the totals of lines.
func Sum(lines []Line) Totals {
	var t Totals
	for _, l := range lines {
		if l.Status == "pay" {
			t.Paid++
		} else {
			t.Stopped++
		}
		if l.Amount > 0 {
			t.Amount += l.Amount
		}
		t.Recovery += l.Recovery
	}
	return t
}
