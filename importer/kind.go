package importer

import (
	"strconv"
	"strings"
)

// ColumnType is the type of a column's cells: it decides how a cell is read
// and which Go value it becomes.
type ColumnType int

// The column types. The value each produces is given in brackets; an empty
// optional cell always produces nil.
const (
	// TypeText is free text: valid UTF-8 without control characters,
	// surrounding spaces trimmed [string].
	TypeText ColumnType = iota + 1
	// TypeCode is a short identifier: ASCII letters, digits, '-', '_', '.'
	// and '/' [string].
	TypeCode
	// TypeDigits is a code made of digits only, whose length is one of
	// Column.Lengths [string].
	TypeDigits
	// TypeEnum is one of Column.Enum, exactly [string].
	TypeEnum
	// TypeInt is a whole number within Column.Min and Column.Max (no upper
	// bound when Max is 0) [int64].
	TypeInt
	// TypeMoney is an amount in integer đồng: digits only, no separators, no
	// decimals, never negative, and above zero when Column.Positive. In
	// XLSX a number cell is read by its value, whatever its number format
	// shows [int64].
	TypeMoney
	// TypeBool is "true" or "false"; in XLSX also a boolean cell (TRUE,
	// FALSE) [bool].
	TypeBool
	// TypeDate is a day, "YYYY-MM-DD", years 1900–2200; in XLSX also a
	// date cell [ansinh.Date].
	TypeDate
	// TypeMonth is a month, "YYYY-MM"; in XLSX also a date cell holding
	// the first day of the month, which is what Excel makes of "2024-01"
	// [ansinh.Period].
	TypeMonth
	// TypePersonID is a 12-digit personal ID checked with
	// ansinh.CheckPersonID; the normalised ID is kept [string].
	TypePersonID
	// TypeTaxCode is an employer tax code checked with ansinh.CheckTaxCode;
	// the normalised code is kept [string].
	TypeTaxCode
	// TypePayer is either a tax code or a personal ID (12 digits), checked
	// as such; the normalised form is kept [string].
	TypePayer
)

var typeNames = [...]string{
	TypeText: "text", TypeCode: "code", TypeDigits: "digits", TypeEnum: "enum",
	TypeInt: "int", TypeMoney: "money", TypeBool: "bool", TypeDate: "date",
	TypeMonth: "month", TypePersonID: "person_id", TypeTaxCode: "tax_code",
	TypePayer: "payer",
}

// String returns the type's name, e.g. "money".
func (t ColumnType) String() string {
	if t > 0 && int(t) < len(typeNames) {
		return typeNames[t]
	}
	return "ColumnType(" + strconv.Itoa(int(t)) + ")"
}

// Column is one column of an exchange file and of the table it loads into.
type Column struct {
	Name     string     // the column's name in the file (formats.md)
	DB       string     // the column's name in the table
	Type     ColumnType // how cells are read and checked
	Required bool       // an empty cell (or a missing column) is an error
	Enum     []string   // TypeEnum: the allowed values
	Lengths  []int      // TypeDigits: the allowed numbers of digits
	Min, Max int64      // TypeInt: the bounds (Max 0: no upper bound)
	Positive bool       // TypeMoney: the amount must be above zero
	Ref      *Ref       // the value must already exist in another table

	// Precomputed when the kind is built, so that the hot loop neither
	// allocates for enumerations nor formats messages.
	enumVals       []any
	ruleVI, ruleEN string // the column's format rule, for messages
	lengthOK       [32]bool
	hasLengths     bool
}

// Ref is a reference from a column to the existing values of a column of
// another table, checked through a RefSource.
type Ref struct {
	Table, Column string // e.g. "persons", "person_id"
	// Reason and ReasonEN say what is wrong when the value is not there.
	Reason, ReasonEN string
}

// Problem is one rule a row breaks, as found by a kind's row check.
type Problem struct {
	Column   string // the file column it concerns
	Reason   string // Vietnamese, with full diacritics
	ReasonEN string // English
}

// Kind describes one exchange file kind and the table it loads into.
type Kind struct {
	Name  string // formats.md kind, e.g. "employment"
	Table string // database table; the same as Name for the registry kinds
	// Columns are in formats.md order. Rows handed to a Load hold their
	// values in this order. DB names are the file names except
	// unit_successors.from, which is from_date.
	Columns []Column
	// Key lists the DB columns that identify a row, for idempotent upserts
	// and for finding duplicate keys within a file.
	Key []string
	// Check runs the rules that span several columns on a row whose cells
	// are all valid (values in Columns order). It returns nil when the row
	// is good; it must not keep row.
	Check func(row []any) []Problem

	byName map[string]int // file name → index in Columns
	byDB   map[string]int // DB name → index in Columns
	key    []int          // indexes of Key in Columns
}

// Column returns the index in k.Columns of the column named name in the
// file, or -1.
func (k *Kind) Column(name string) int {
	if i, ok := k.byName[name]; ok {
		return i
	}
	return -1
}

// DBColumns returns the table's column names in Columns order, the order of
// the values of each row handed to a Load.
func (k *Kind) DBColumns() []string {
	out := make([]string, len(k.Columns))
	for i := range k.Columns {
		out[i] = k.Columns[i].DB
	}
	return out
}

// KeyIndexes returns the indexes in k.Columns of the key columns, in Key
// order.
func (k *Kind) KeyIndexes() []int { return append([]int(nil), k.key...) }

// Refs returns the references the kind's columns make (table and column),
// without repeats.
func (k *Kind) Refs() []Ref {
	var out []Ref
	seen := map[[2]string]bool{}
	for i := range k.Columns {
		r := k.Columns[i].Ref
		if r == nil || seen[[2]string{r.Table, r.Column}] {
			continue
		}
		seen[[2]string{r.Table, r.Column}] = true
		out = append(out, *r)
	}
	return out
}

// build checks a kind's definition and precomputes what the hot loop needs.
// A mistake here is a programming error, so it panics.
func (k *Kind) build() *Kind {
	if k.Table == "" {
		k.Table = k.Name
	}
	k.byName = make(map[string]int, len(k.Columns))
	k.byDB = make(map[string]int, len(k.Columns))
	if len(k.Columns) > 64 {
		panic("importer: kind " + k.Name + " has more than 64 columns")
	}
	for i := range k.Columns {
		c := &k.Columns[i]
		if c.DB == "" {
			c.DB = c.Name
		}
		if _, dup := k.byName[c.Name]; dup {
			panic("importer: kind " + k.Name + ": column " + c.Name + " twice")
		}
		k.byName[c.Name] = i
		k.byDB[c.DB] = i
		c.compile()
	}
	for _, name := range k.Key {
		i, ok := k.byDB[name]
		if !ok {
			panic("importer: kind " + k.Name + ": key column " + name + " unknown")
		}
		k.key = append(k.key, i)
	}
	return k
}

// compile precomputes a column's messages and lookup tables.
func (c *Column) compile() {
	switch c.Type {
	case TypeEnum:
		if len(c.Enum) == 0 {
			panic("importer: enum column " + c.Name + " without values")
		}
		c.enumVals = make([]any, len(c.Enum))
		for i, v := range c.Enum {
			c.enumVals[i] = v
		}
		list := strings.Join(c.Enum, ", ")
		c.ruleVI = "phải là một trong các giá trị: " + list
		c.ruleEN = "must be one of: " + list
	case TypeDigits:
		for _, n := range c.Lengths {
			if n <= 0 || n >= len(c.lengthOK) {
				panic("importer: column " + c.Name + ": bad length")
			}
			c.lengthOK[n] = true
			c.hasLengths = true
		}
		vi, en := joinLengths(c.Lengths, "hoặc"), joinLengths(c.Lengths, "or")
		c.ruleVI = "phải gồm " + vi + " chữ số"
		c.ruleEN = "must be " + en + " digits"
		if !c.hasLengths {
			c.ruleVI, c.ruleEN = "chỉ được gồm chữ số", "must be digits only"
		}
	case TypeInt:
		switch {
		case c.Max > 0:
			lo, hi := strconv.FormatInt(c.Min, 10), strconv.FormatInt(c.Max, 10)
			c.ruleVI = "phải là số nguyên từ " + lo + " đến " + hi
			c.ruleEN = "must be a whole number from " + lo + " to " + hi
		case c.Min == 0:
			c.ruleVI = "phải là số nguyên không âm"
			c.ruleEN = "must be a whole number, not negative"
		default:
			lo := strconv.FormatInt(c.Min, 10)
			c.ruleVI = "phải là số nguyên không nhỏ hơn " + lo
			c.ruleEN = "must be a whole number not below " + lo
		}
	case TypeText, TypeCode, TypeMoney, TypeBool, TypeDate, TypeMonth,
		TypePersonID, TypeTaxCode, TypePayer:
	default:
		panic("importer: column " + c.Name + " has no type")
	}
}

// joinLengths writes 2, 3 and 5 as "2, 3 or 5" with the given conjunction.
func joinLengths(ns []int, or string) string {
	var b strings.Builder
	for i, n := range ns {
		switch {
		case i == 0:
		case i == len(ns)-1:
			b.WriteString(" " + or + " ")
		default:
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(n))
	}
	return b.String()
}
