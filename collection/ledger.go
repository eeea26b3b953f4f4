package collection

import (
	"slices"

	"ansinh"
)

// PayerKind says whose account a ledger is.
type PayerKind string

// The kinds of accounts a close keeps.
const (
	KindEmployer       PayerKind = "employer"        // mandatory contributions (tax code)
	KindPerson         PayerKind = "person"          // a voluntary participant's own share (personal ID)
	KindStateBudget    PayerKind = "state_budget"    // the state's support of voluntary contributions
	KindProvinceBudget PayerKind = "province_budget" // the province's support
)

// The accounts of the two budgets that support voluntary contributions.
const (
	BudgetState    = "NSNN" // ngân sách nhà nước: the state budget
	BudgetProvince = "NSDP" // ngân sách địa phương: the province's budget
)

// Item is one month owed by a payer, as billed by one close: the month's own
// close, or a later one for months declared late.
type Item struct {
	Period    ansinh.Period // the month the contributions are for
	BilledIn  ansinh.Period // the close that billed them
	Due       ansinh.Date   // the payment deadline of Period
	Principal int64         // contributions still unpaid
	Interest  int64         // late interest still unpaid
	Accrued   ansinh.Date   // interest is counted through this day
}

// Account is a payer's open items, oldest first (by month, then by the close
// that billed it), and the credit it holds (overpayments).
type Account struct {
	Payer  string
	Kind   PayerKind
	Items  []Item
	Credit int64
}

// Allocation is one application of money to an account: a part of a
// payment (or of the credit held, Ref "") to the interest or the principal
// of a month, or to credit.
type Allocation struct {
	Payer     string        // who paid (the payment's payer)
	Ref       string        // the payment's reference; "" for credit applied
	Period    ansinh.Period // the month paid (zero for credit)
	BilledIn  ansinh.Period
	Part      string // interest, principal or credit
	Amount    int64
	ValueDate ansinh.Date
}

// The parts of an allocation.
const (
	PartInterest  = "interest"
	PartPrincipal = "principal"
	PartCredit    = "credit"
)

// InterestFunc returns the late interest on amount, whose deadline is due,
// for the days after from through through (both deadlines or payment days),
// and the number of those days that bear no computed interest because their
// rate is not loaded.
type InterestFunc func(amount int64, due, from, through ansinh.Date) (interest int64, unratedDays int, err error)

// Movement sums what happened to an account during one close.
type Movement struct {
	Assessed    int64 // billed for the close's own month
	Retroactive int64 // billed for earlier months declared late
	Interest    int64 // interest accrued
	Paid        int64 // payments received (whatever they were applied to)
	UnratedDays int   // days of interest not computed (rate not loaded)
	Allocations []Allocation
}

// Balance returns what the payer owes: principal and interest unpaid, less
// the credit held (negative: a credit); ErrOverflow when it does not fit in
// an int64.
func (a *Account) Balance() (int64, error) {
	b, err := SubMoney(0, a.Credit)
	for _, it := range a.Items {
		if err == nil {
			b, err = AddMoney(b, it.Principal)
		}
		if err == nil {
			b, err = AddMoney(b, it.Interest)
		}
	}
	return b, err
}

// Bill adds a month owed, keeping the items in order. Interest on it runs
// from its deadline.
func (a *Account) Bill(it Item, close ansinh.Period, m *Movement) {
	if it.Principal == 0 {
		return
	}
	it.Accrued = it.Due
	if it.Period == close {
		m.Assessed += it.Principal
	} else {
		m.Retroactive += it.Principal
	}
	i, _ := slices.BinarySearchFunc(a.Items, it, compareItems)
	a.Items = slices.Insert(a.Items, i, it)
}

func compareItems(x, y Item) int {
	if x.Period != y.Period {
		return int(x.Period - y.Period)
	}
	return int(x.BilledIn - y.BilledIn)
}

// Accrue counts late interest on every item's unpaid principal through day
// through, each item from the day after the later of its deadline and the
// day its interest was last counted. interest is nil for accounts that bear
// no interest.
func (a *Account) Accrue(through ansinh.Date, interest InterestFunc, m *Movement) error {
	if interest == nil {
		return nil
	}
	for i := range a.Items {
		it := &a.Items[i]
		from := max(it.Accrued, it.Due)
		if through <= from {
			continue
		}
		if it.Principal > 0 {
			v, unrated, err := interest(it.Principal, it.Due, from, through)
			if err != nil {
				return err
			}
			it.Interest += v
			m.Interest += v
			m.UnratedDays += unrated
		}
		it.Accrued = through
	}
	return nil
}

// Pay applies amount received on day value from payer (reference ref) to the
// account: first the interest is counted through that day, then the money
// goes to the oldest month first, its interest before its principal, and
// what is left becomes credit.
func (a *Account) Pay(payer, ref string, amount int64, value ansinh.Date, interest InterestFunc, m *Movement) error {
	if err := a.Accrue(value, interest, m); err != nil {
		return err
	}
	if ref != "" {
		paid, err := AddMoney(m.Paid, amount)
		if err != nil {
			return err
		}
		m.Paid = paid
	}
	left := amount
	for i := range a.Items {
		if left == 0 {
			break
		}
		it := &a.Items[i]
		for _, part := range []struct {
			name string
			owed *int64
		}{{PartInterest, &it.Interest}, {PartPrincipal, &it.Principal}} {
			x := min(left, *part.owed)
			if x <= 0 {
				continue
			}
			*part.owed -= x
			left -= x
			m.Allocations = append(m.Allocations, Allocation{Payer: payer, Ref: ref, Period: it.Period, BilledIn: it.BilledIn,
				Part: part.name, Amount: x, ValueDate: value})
		}
	}
	if left > 0 {
		credit, err := AddMoney(a.Credit, left)
		if err != nil {
			return err
		}
		a.Credit = credit
		if ref != "" {
			m.Allocations = append(m.Allocations, Allocation{Payer: payer, Ref: ref, Part: PartCredit, Amount: left, ValueDate: value})
		}
	}
	return nil
}

// UseCredit applies the credit held to the items, as a payment made on day
// value.
func (a *Account) UseCredit(value ansinh.Date, interest InterestFunc, m *Movement) error {
	if a.Credit == 0 || len(a.Items) == 0 {
		return nil
	}
	c := a.Credit
	a.Credit = 0
	return a.Pay(a.Payer, "", c, value, interest, m)
}

// Tidy drops the items paid in full.
func (a *Account) Tidy() {
	a.Items = slices.DeleteFunc(a.Items, func(it Item) bool { return it.Principal == 0 && it.Interest == 0 })
}

// Age buckets of arrears, by whole months since the deadline.
var Buckets = []string{"0-1", "1-3", "3-6", "6-12", "12+"}

// BucketLabels are the Vietnamese and English names of the buckets.
var BucketLabels = map[string][2]string{
	"0-1":  {"dưới 1 tháng", "under 1 month"},
	"1-3":  {"từ 1 đến dưới 3 tháng", "1 to 3 months"},
	"3-6":  {"từ 3 đến dưới 6 tháng", "3 to 6 months"},
	"6-12": {"từ 6 đến dưới 12 tháng", "6 to 12 months"},
	"12+":  {"từ 12 tháng trở lên", "12 months or more"},
}

// MonthsOverdue returns the whole months from a deadline to day asOf: the
// months between the deadline's month and asOf's month.
func MonthsOverdue(due, asOf ansinh.Date) int {
	if asOf <= due {
		return 0
	}
	return int(asOf.Period() - due.Period())
}

// Bucket returns the age bucket of a debt overdue for months whole months.
func Bucket(months int) string {
	switch {
	case months < 1:
		return "0-1"
	case months < 3:
		return "1-3"
	case months < 6:
		return "3-6"
	case months < 12:
		return "6-12"
	}
	return "12+"
}
