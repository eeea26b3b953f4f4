package rules

import (
	"reflect"
	"testing"

	"ansinh"
)

func md(s string) ansinh.Date { return ansinh.MustParseDate(s) }

func TestDeadlineAndEvasion(t *testing.T) {
	p := Default()
	tests := []struct{ month, deadline, evasion string }{
		{"2016-01", "2016-01-31", "2025-07-01"}, // old arrears become evasion when the L2024 rule starts
		{"2023-01", "2023-01-31", "2025-07-01"},
		{"2025-04", "2025-04-30", "2025-07-01"},
		{"2025-05", "2025-05-31", "2025-07-31"},
		{"2025-06", "2025-06-30", "2025-08-30"}, // last month under the L2014 deadline (same month, U)
		{"2025-07", "2025-08-31", "2025-10-31"}, // first month under L2024: the following month
		{"2026-01", "2026-02-28", "2026-04-30"},
		{"2027-12", "2028-01-31", "2028-04-01"},
	}
	for _, tt := range tests {
		d, err := p.Deadline(mp(tt.month))
		if err != nil || d != md(tt.deadline) {
			t.Errorf("Deadline(%s) = %s, %v; want %s", tt.month, d, err, tt.deadline)
		}
		e, err := p.EvasionFrom(mp(tt.month))
		if err != nil || e != md(tt.evasion) {
			t.Errorf("EvasionFrom(%s) = %s, %v; want %s", tt.month, e, err, tt.evasion)
		}
	}
	if _, err := p.Deadline(mp("2015-12")); fieldOf(err) != "month" {
		t.Errorf("before the table: %v", err)
	}
}

func TestClassify(t *testing.T) {
	p := Default()
	for asOf, want := range map[string]Standing{
		"2026-01-15": StandingNotDue, "2026-02-28": StandingNotDue, "2026-03-01": StandingLate,
		"2026-04-29": StandingLate, "2026-04-30": StandingEvasion, "2027-01-01": StandingEvasion,
	} {
		if got, err := p.Classify(mp("2026-01"), md(asOf)); err != nil || got != want {
			t.Errorf("Classify(2026-01, %s) = %s, %v; want %s", asOf, got, err, want)
		}
	}
}

func TestLateInterest(t *testing.T) {
	p := Default()
	loaded, err := p.With(Version{Name: pLateL2014, Unit: UnitRate, From: md("2025-01-01"), To: md("2025-06-30"), Value: 109_500, Set: true, Confidence: ConfHigh, Source: "Công văn 1/2025", Origin: "test"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name             string
		p                *Params
		amount           int64
		due, paid        string
		days, old, new   int
		interest         int64
		field            string
		unconfirmedParam bool
	}{
		{"paid on the deadline", p, 5e6, "2026-04-30", "2026-04-30", 0, 0, 0, 0, "", false},
		{"paid before the deadline", p, 5e6, "2026-04-30", "2026-04-01", 0, 0, 0, 0, "", false},
		{"one day", p, 5e6, "2026-04-30", "2026-05-01", 1, 0, 1, 1_500, "", false},
		{"exact half rounds up", p, 5_000, "2026-04-30", "2026-05-01", 1, 0, 1, 2, "", false},
		{"first L2024 day", p, 1e6, "2025-06-30", "2025-07-10", 10, 0, 10, 3_000, "", false},
		{"a charged 1st under L2014 needs its rate", p, 1e6, "2025-04-30", "2025-07-10", 0, 0, 0, 0, "due", false},
		{"L2014 days without a charged 1st", p, 1e6, "2025-05-31", "2025-07-10", 40, 30, 10, 3_000, "", false},
		{"L2014 rate loaded", loaded, 1e6, "2025-03-31", "2025-07-10", 101, 91, 10, 21_250, "", false},
		{"L2014 loaded, one year only", loaded, 1e6, "2024-10-31", "2025-01-05", 0, 0, 0, 0, "due", false},
		{"2020, the shipped rate", p, 10e6, "2020-01-31", "2020-04-15", 75, 75, 0, 193_334, "", false},
		{"2020, paid on the 1st", p, 10e6, "2020-01-31", "2020-03-01", 30, 30, 0, 96_667, "", false},
		{"2020, paid the day before the 1st", p, 10e6, "2020-01-31", "2020-02-29", 29, 29, 0, 0, "", false},
		{"huge amount and span", p, 1e15, "2026-01-31", "2126-01-31", 36_524, 0, 36_524, 10_957_200_000_000_000, "", false},
		{"negative amount", p, -1, "2026-01-31", "2026-02-01", 0, 0, 0, 0, "amount", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.p.LateInterest(tt.amount, md(tt.due), md(tt.paid))
			if tt.field != "" {
				if fieldOf(err) != tt.field {
					t.Fatalf("got %v, want an error on %s", err, tt.field)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.DaysLate != tt.days || got.DaysL2014 != tt.old || got.DaysL2024 != tt.new || got.Interest != tt.interest {
				t.Errorf("got %d days (%d + %d), interest %d; want %d (%d + %d), %d", got.DaysLate, got.DaysL2014, got.DaysL2024, got.Interest, tt.days, tt.old, tt.new, tt.interest)
			}
		})
	}
}

// TestLateInterestMonthly: the L2014 monthly method (QĐ 595/QĐ-BHXH art.
// 37) charges k = 2 × yield ÷ 12 on each 1st from the second month after
// the deadline's; counted in pieces it gives the same interest.
func TestLateInterestMonthly(t *testing.T) {
	p := Default()
	due := md("2020-01-31")
	whole, err := p.LateInterest(10e6, due, md("2020-12-31"))
	if err != nil {
		t.Fatal(err)
	}
	if whole.MonthsL2014 != 10 || whole.Interest != 966_670 { // 1 Mar … 1 Dec: 10 × 96,667 (11.6% ÷ 12, rounded)
		t.Fatalf("whole year: %d months, %d", whole.MonthsL2014, whole.Interest)
	}
	var pieces int64
	for _, cut := range [][2]string{{"2020-01-31", "2020-03-15"}, {"2020-03-15", "2020-06-30"}, {"2020-06-30", "2020-12-31"}} {
		li, err := p.LateInterestBetween(10e6, due, md(cut[0]), md(cut[1]))
		if err != nil {
			t.Fatal(err)
		}
		pieces += li.Interest
	}
	if pieces != whole.Interest {
		t.Errorf("in pieces %d, whole %d", pieces, whole.Interest)
	}
	if _, err := p.LateInterestBetween(1, due, md("2020-01-30"), md("2020-03-01")); fieldOf(err) != "from" {
		t.Errorf("from before the deadline: %v", err)
	}
	// 2021 has no shipped rate: a charged 1st of 2021 fails, naming the deadline.
	if _, err := p.LateInterest(10e6, due, md("2021-01-01")); fieldOf(err) != "due" {
		t.Errorf("2021 rate not loaded: %v", err)
	}
}

// TestLateInterestFiguresEqualsExplained: the figures without their
// explanation are those of LateInterestBetween, over deadlines and payment
// days on both sides of the L2024 change, in one piece and in several;
// errors are the same too.
func TestLateInterestFiguresEqualsExplained(t *testing.T) {
	p, err := Default().With(Version{Name: pLateL2014, Unit: UnitRate, From: md("2024-01-01"), To: md("2025-06-30"), Value: 109_500, Set: true, Confidence: ConfHigh, Source: "test", Origin: "test"})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for due := md("2024-01-31"); due <= md("2026-06-30"); due = due.AddDays(23) {
		for _, days := range []int{0, 1, 17, 45, 200, 700} {
			through := due.AddDays(days)
			for _, from := range []ansinh.Date{due, due.AddDays(days / 2)} {
				want, werr := p.LateInterestBetween(123_456_789, due, from, through)
				got, gerr := p.LateInterestFigures(123_456_789, due, from, through)
				want.Explained = Explained{}
				if (werr == nil) != (gerr == nil) || !reflect.DeepEqual(want, got) {
					t.Fatalf("due %s, %s..%s: %+v, %v; explained %+v, %v", due, from, through, got, gerr, want, werr)
				}
				if gerr == nil && got.Interest > 0 && got.DaysL2014 > 0 {
					n++
				}
			}
		}
	}
	if _, err := p.LateInterestFigures(-1, md("2025-01-31"), md("2025-01-31"), md("2025-02-01")); err == nil {
		t.Fatal("a negative amount accepted")
	}
	if n < 100 {
		t.Fatalf("only %d cases with L2014 interest", n)
	}
}
