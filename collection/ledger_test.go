package collection

import (
	"errors"
	"math"
	"testing"

	"ansinh"
	"ansinh/rules"
)

func d(s string) ansinh.Date   { return ansinh.MustParseDate(s) }
func p(s string) ansinh.Period { return ansinh.MustParsePeriod(s) }
func noInterest() InterestFunc {
	return func(int64, ansinh.Date, ansinh.Date, ansinh.Date) (int64, int, error) { return 0, 0, nil }
}

// The vector of domain/vectors/late-interest.json: 10,000,000 due on
// 2026-01-31 paid on 2026-03-31 bears 177,000 over 59 days.
func TestInterestVector(t *testing.T) {
	ic := newInterestCalc(rules.Default())
	v, unrated, err := ic.interest(10_000_000, d("2026-01-31"), d("2026-01-31"), d("2026-03-31"))
	if err != nil || v != 177_000 || unrated != 0 {
		t.Fatalf("interest = %d, %d unrated, %v; want 177000", v, unrated, err)
	}
}

// Days before 2025-07-01 need the L2014 rate, which the national table
// ships without a value for 2025: they are counted, not invented. Loading
// the rate (as a province would) makes them bear interest by the monthly
// method of QĐ 595/QĐ-BHXH art. 37.
func TestInterestL2014Unloaded(t *testing.T) {
	ic := newInterestCalc(rules.Default())
	v, unrated, err := ic.interest(10_000_000, d("2025-03-31"), d("2025-03-31"), d("2025-07-10"))
	if err != nil {
		t.Fatal(err)
	}
	if unrated != 91 || v != 30_000 { // 91 days of L2014, 10 days × 0.03% = 30,000
		t.Fatalf("interest %d with %d unrated days; want 30000 and 91", v, unrated)
	}
	loaded, err := rules.Default().Override(l2014RateParam, d("2025-01-01"), 73_000, "test: 7.3% a year")
	if err != nil {
		t.Fatal(err)
	}
	v, unrated, err = newInterestCalc(loaded).interest(10_000_000, d("2025-03-31"), d("2025-03-31"), d("2025-07-10"))
	if err != nil || unrated != 0 || v != 30_000+121_666 { // charged on 1 May and 1 June: 2 × 60,833 (7.3% ÷ 12, rounded)
		t.Fatalf("with the rate loaded: %d, %d unrated, %v; want 151666", v, unrated, err)
	}
}

// The interest of a debt counted close after close (from the day it was
// last counted) is that of the whole delay: the monthly method needs the
// deadline, not the day counting resumed.
func TestInterestL2014InPieces(t *testing.T) {
	ic := newInterestCalc(rules.Default())
	due := d("2020-01-31")
	var pieces int64
	for _, cut := range [][2]string{{"2020-01-31", "2020-02-29"}, {"2020-02-29", "2020-03-31"}, {"2020-03-31", "2020-04-30"}} {
		v, _, err := ic.interest(10_000_000, due, d(cut[0]), d(cut[1]))
		if err != nil {
			t.Fatal(err)
		}
		pieces += v
	}
	if pieces != 193_334 { // charged on 1 March and 1 April 2020: 2 × 96,667 (11.6% ÷ 12, rounded)
		t.Fatalf("in pieces %d, want 193334", pieces)
	}
}

// A payment goes to the oldest month first: its interest, then its
// principal; then the next month; what is left becomes credit.
func TestPayOrder(t *testing.T) {
	a := &Account{Payer: "x", Kind: KindEmployer}
	m := &Movement{}
	a.Bill(Item{Period: p("2026-01"), BilledIn: p("2026-01"), Due: d("2026-02-28"), Principal: 1000}, p("2026-01"), m)
	a.Bill(Item{Period: p("2026-02"), BilledIn: p("2026-02"), Due: d("2026-03-31"), Principal: 2000}, p("2026-02"), m)
	a.Items[0].Interest = 50
	a.Items[1].Interest = 70
	if err := a.Pay("x", "r1", 1200, d("2026-03-01"), noInterest(), m); err != nil {
		t.Fatal(err)
	}
	want := []Allocation{
		{Payer: "x", Ref: "r1", Period: p("2026-01"), BilledIn: p("2026-01"), Part: PartInterest, Amount: 50, ValueDate: d("2026-03-01")},
		{Payer: "x", Ref: "r1", Period: p("2026-01"), BilledIn: p("2026-01"), Part: PartPrincipal, Amount: 1000, ValueDate: d("2026-03-01")},
		{Payer: "x", Ref: "r1", Period: p("2026-02"), BilledIn: p("2026-02"), Part: PartInterest, Amount: 70, ValueDate: d("2026-03-01")},
		{Payer: "x", Ref: "r1", Period: p("2026-02"), BilledIn: p("2026-02"), Part: PartPrincipal, Amount: 80, ValueDate: d("2026-03-01")},
	}
	if len(m.Allocations) != len(want) {
		t.Fatalf("allocations %+v", m.Allocations)
	}
	for i := range want {
		if m.Allocations[i] != want[i] {
			t.Errorf("allocation %d = %+v, want %+v", i, m.Allocations[i], want[i])
		}
	}
	if err := a.Pay("x", "r2", 5000, d("2026-03-02"), noInterest(), m); err != nil {
		t.Fatal(err)
	}
	a.Tidy()
	if bal, err := a.Balance(); len(a.Items) != 0 || a.Credit != 5000-1920 || bal != -(5000-1920) || err != nil {
		t.Fatalf("after overpaying: items %v credit %d balance %d (%v)", a.Items, a.Credit, bal, err)
	}
	last := m.Allocations[len(m.Allocations)-1]
	if last.Part != PartCredit || last.Amount != 3080 {
		t.Fatalf("the surplus should go to credit: %+v", last)
	}
}

// A retroactive month (billed by a later close) sorts before a later month
// and bears interest from its own deadline.
func TestRetroactiveItemInterest(t *testing.T) {
	ic := newInterestCalc(rules.Default())
	a := &Account{Payer: "x", Kind: KindEmployer}
	m := &Movement{}
	a.Bill(Item{Period: p("2026-03"), BilledIn: p("2026-03"), Due: d("2026-04-30"), Principal: 5_000_000}, p("2026-03"), m)
	a.Bill(Item{Period: p("2026-01"), BilledIn: p("2026-03"), Due: d("2026-02-28"), Principal: 10_000_000}, p("2026-03"), m)
	if a.Items[0].Period != p("2026-01") || m.Retroactive != 10_000_000 || m.Assessed != 5_000_000 {
		t.Fatalf("items %+v, movement %+v", a.Items, m)
	}
	if err := a.Accrue(d("2026-03-31"), ic.interest, m); err != nil {
		t.Fatal(err)
	}
	// 31 days × 0.03% × 10,000,000 = 93,000; the March item is not yet due
	if a.Items[0].Interest != 93_000 || a.Items[1].Interest != 0 {
		t.Fatalf("interest %d and %d", a.Items[0].Interest, a.Items[1].Interest)
	}
}

func TestBuckets(t *testing.T) {
	for _, c := range []struct {
		due, asOf string
		months    int
		bucket    string
	}{
		{"2026-03-31", "2026-03-31", 0, "0-1"},
		{"2026-02-28", "2026-03-31", 1, "1-3"},
		{"2025-12-31", "2026-03-31", 3, "3-6"},
		{"2025-09-30", "2026-03-31", 6, "6-12"},
		{"2025-01-31", "2026-03-31", 14, "12+"},
	} {
		m := MonthsOverdue(d(c.due), d(c.asOf))
		if m != c.months || Bucket(m) != c.bucket {
			t.Errorf("%s as of %s: %d months (%s), want %d (%s)", c.due, c.asOf, m, Bucket(m), c.months, c.bucket)
		}
	}
}

// A payment that would take a balance past what an int64 holds is refused,
// and so is a balance that does not fit: nothing wraps around.
func TestLedgerOverflow(t *testing.T) {
	a := &Account{Payer: "x", Kind: KindEmployer}
	m := &Movement{}
	if err := a.Pay("x", "r1", math.MaxInt64, d("2026-03-02"), noInterest(), m); err != nil {
		t.Fatal(err)
	}
	if err := a.Pay("x", "r2", 1, d("2026-03-02"), noInterest(), m); !errors.Is(err, ErrOverflow) {
		t.Fatalf("second payment: %v", err)
	}
	a.Credit = 0
	a.Bill(Item{Period: p("2026-03"), BilledIn: p("2026-03"), Due: d("2026-04-30"), Principal: math.MaxInt64}, p("2026-03"), m)
	a.Bill(Item{Period: p("2026-02"), BilledIn: p("2026-03"), Due: d("2026-03-31"), Principal: 1}, p("2026-03"), m)
	if _, err := a.Balance(); !errors.Is(err, ErrOverflow) {
		t.Fatalf("balance: %v", err)
	}
}
