package compliance

import (
	"bytes"
	"encoding/csv"
	"math"
	"slices"
	"strings"
	"testing"

	"ansinh"
	"ansinh/rules"

	"github.com/xuri/excelize/v2"
)

func TestNormalizeName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Công ty TNHH  Điện tử Hòa Bình", "cong ty tnhh dien tu hoa binh"},
		{"CONG TY TNHH DIEN TU HOA BINH", "cong ty tnhh dien tu hoa binh"},
		{"Công ty TNHH Điện tử Hoà Bình", "cong ty tnhh dien tu hoa binh"},                   // tone mark on the other vowel
		{"Co\u0302ng ty TNHH Đie\u0323\u0302n tử Hòa Bình", "cong ty tnhh dien tu hoa binh"}, // decomposed input
		{"  Nguyễn   Thị\tHương ", "nguyen thi huong"},
		{"ĐẶNG VĂN ĐỨC", "dang van duc"},
		{"Công ty CP May 10 – Hưng Yên", "cong ty cp may 10 hung yen"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := NormalizeName(tt.in); got != tt.want {
				t.Errorf("NormalizeName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	if nameKey("Công ty TNHH Hòa Bình") != nameKey("CONG TY HOA BINH") {
		t.Error("the legal form must not tell names apart")
	}
}

func TestTransitions(t *testing.T) {
	tests := []struct {
		from, to  Status
		hasResult bool
		code      string
	}{
		{StatusOpen, StatusContacted, false, ""},
		{StatusOpen, StatusInspected, false, ""},
		{StatusContacted, StatusInspected, false, ""},
		{StatusInspected, StatusResolved, true, ""},
		{StatusOpen, StatusResolved, true, ""},
		{StatusInspected, StatusResolved, false, ansinh.ECONFLICT}, // no result yet
		{StatusContacted, StatusOpen, false, ansinh.ECONFLICT},     // backwards
		{StatusResolved, StatusOpen, true, ansinh.ECONFLICT},       // final
		{StatusOpen, StatusOpen, false, ansinh.ECONFLICT},
		{StatusOpen, "closed", false, ansinh.EINVALID},
	}
	for _, tt := range tests {
		t.Run(string(tt.from)+"→"+string(tt.to), func(t *testing.T) {
			err := CheckTransition(tt.from, tt.to, tt.hasResult)
			if got := ansinh.ErrorCode(err); got != tt.code {
				t.Errorf("code %q, want %q (%v)", got, tt.code, err)
			}
		})
	}
	if !slices.Equal(Transitions(StatusResolved), nil) {
		t.Error("a resolved case must be final")
	}
}

func TestCaseResultCheck(t *testing.T) {
	tests := []struct {
		name string
		r    CaseResult
		ok   bool
	}{
		{"workers registered and recovered", CaseResult{WorkersRegistered: 3, AmountRecovered: 12_000_000}, true},
		{"fined only", CaseResult{Fine: 50_000_000}, true},
		{"closed without action", CaseResult{ClosedWithoutAction: true, Note: "đã đăng ký dưới mã khác"}, true},
		{"nothing", CaseResult{}, false},
		{"closed without action but recovered", CaseResult{ClosedWithoutAction: true, AmountRecovered: 1}, false},
		{"negative amount", CaseResult{AmountRecovered: -1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.r.Check(); (err == nil) != tt.ok {
				t.Errorf("Check() = %v, want ok %v", err, tt.ok)
			}
		})
	}
}

func TestTruth(t *testing.T) {
	in := "\ufeffkind,tax_code,person_id,detail\n" +
		"unregistered_worker,A,p1,x\nunregistered_worker,A,p2,x\nunpaid_arrears,B,,x\nsomething_else,C,,x\n" +
		"underdeclared_wage,D,p3,x\n"
	truth, err := ReadTruth(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(truth) != 4 || truth[2].Kind != EvasionArrears {
		t.Fatalf("truth %+v", truth)
	}
	found := []Finding{
		{Kind: UnregisteredWorker, TaxCode: "A", PersonID: "p1"},
		{Kind: UnregisteredWorker, TaxCode: "A", PersonID: "p9"},
		{Kind: EvasionArrears, TaxCode: "B"},
		{Kind: BelowMinimumWage, TaxCode: "E", PersonID: "p4"},
	}
	scores := Evaluate(found, truth)
	want := map[Kind][2]float64{
		UnregisteredWorker: {0.5, 0.5},
		EvasionArrears:     {1, 1},
		UnderdeclaredWage:  {math.NaN(), 0},
	}
	for _, s := range scores {
		w, ok := want[s.Kind]
		if !ok {
			continue
		}
		if !same(s.Precision, w[0]) || !same(s.Recall, w[1]) {
			t.Errorf("%s: precision %v recall %v, want %v", s.Kind, s.Precision, s.Recall, w)
		}
	}
	var b bytes.Buffer
	if err := WriteScores(&b, scores, scores); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "unregistered_worker") || !strings.Contains(b.String(), "0.500") {
		t.Errorf("table:\n%s", b.String())
	}
	if _, err := ReadTruth(strings.NewReader("kind,tax\n")); ansinh.ErrorCode(err) != ansinh.EINVALID {
		t.Errorf("a file without person_id: %v", err)
	}
}

func same(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }

func TestTruthPerEmployer(t *testing.T) {
	// no truth row of the kind names a person: findings count per employer
	truth := []Truth{{Kind: UnderdeclaredWage, TaxCode: "A"}}
	found := []Finding{{Kind: UnderdeclaredWage, TaxCode: "A", PersonID: "p1"}, {Kind: UnderdeclaredWage, TaxCode: "A", PersonID: "p2"}}
	for _, s := range Evaluate(found, truth) {
		if s.Kind == UnderdeclaredWage && (s.Found != 1 || s.Precision != 1 || s.Recall != 1) {
			t.Errorf("%+v", s)
		}
	}
}

func TestDuesAndSettle(t *testing.T) {
	est := NewDueEstimator(rules.Default())
	e := Employer{TaxCode: empA, Kind: "private", Region: rules.RegionI}
	late := spell(empA, "001090000002", "2026-03", "", 10_000_000)
	late.DeclaredOn = ansinh.MustParseDate("2026-06-10") // declared three months late
	dues := est.Dues(e, []Spell{spell(empA, person, "2026-01", "2026-04", 10_000_000), late}, mo("2026-08"))
	// Jan–Feb: one worker; Mar–Apr: two (the second billed in June); May–Aug: one
	var billedLate int
	for _, d := range dues {
		if d.BilledIn != d.Month {
			billedLate++
			if d.BilledIn != mo("2026-06") {
				t.Errorf("%+v: billed in %s, want 2026-06", d, d.BilledIn)
			}
		}
	}
	if billedLate != 3 || len(dues) != 10 {
		t.Fatalf("dues %+v", dues)
	}
	one := dues[0].Assessed // one worker-month at 10,000,000: 32%
	if one != 3_200_000 {
		t.Errorf("one worker-month %d", one)
	}
	pays := []PaymentRef{{Ref: "1", Amount: 4 * one, PaidOn: ansinh.MustParseDate("2026-05-20")},
		{Ref: "2", Amount: one, PaidOn: ansinh.MustParseDate("2026-12-01")}} // after the day
	a := Settle(empA, dues, pays, ansinh.MustParseDate("2026-08-31"))
	if a.Paid != 4*one || a.Assessed != 10*one || len(a.LastPayments) != 1 || a.AsOf != ansinh.MustParseDate("2026-08-31") {
		t.Fatalf("arrears %+v", a)
	}
	// the May payment settles what was billed by May, January to April of
	// the first worker; the months declared late, billed in June, stay
	if a.Months[0].Month != mo("2026-03") || a.Months[0].BilledIn != mo("2026-06") || len(a.Months) != 6 {
		t.Errorf("first unpaid %+v", a.Months[0])
	}
}

func TestExport(t *testing.T) {
	fs := []Finding{{ID: "UW-1", Kind: UnregisteredWorker, TaxCode: empA, PersonID: person, Score: 0.85,
		Evidence: `{"kind":"unregistered_worker"}`, Period: period, FirstPeriod: period, Months: 3,
		Stake: Stake{Employer: 100, Employee: 50, Months: 3, Total: 450}, Feeds: []string{FeedTaxWages}, State: "open", CaseID: "TT-1"}}
	for _, format := range []string{"csv", "xlsx"} {
		t.Run(format, func(t *testing.T) {
			var b bytes.Buffer
			w, err := NewFindingWriter(&b, format)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range fs {
				if err := w.Write(f); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			var rows [][]string
			if format == "csv" {
				rows, err = csv.NewReader(&b).ReadAll()
			} else {
				x, e := excelize.OpenReader(&b)
				if e != nil {
					t.Fatal(e)
				}
				rows, err = x.GetRows("findings")
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(rows[0][:6], []string{"id", "kind", "tax_code", "person_id", "score", "evidence"}) {
				t.Errorf("header %v", rows[0])
			}
			if len(rows) != 2 || rows[1][0] != "UW-1" || rows[1][5] != `{"kind":"unregistered_worker"}` || !strings.HasPrefix(rows[1][4], "0.85") {
				t.Errorf("rows %v", rows)
			}
		})
	}
	if _, err := NewFindingWriter(&bytes.Buffer{}, "pdf"); ansinh.ErrorCode(err) != ansinh.EINVALID {
		t.Errorf("pdf: %v", err)
	}
}

func TestEvidenceFitsACell(t *testing.T) {
	ev := Evidence{Kind: UnregisteredEmployer, Registry: []RegistryRecord{{Table: "employers", Key: RowKey{TaxCode: unreg}}}}
	for i := 0; i < 2000; i++ {
		ev.FeedRows = append(ev.FeedRows, taxFeedRow(TaxRow{TaxCode: unreg, PersonID: person, Month: period, Wage: 1, Version: 7}))
		ev.Workers = append(ev.Workers, WorkerLine{PersonID: person, Months: 1, First: "2026-01", Last: "2026-01"})
	}
	b, err := marshalEvidence(&ev)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > maxEvidence || ev.FeedRowsTotal != 2000 || len(ev.FeedRows) == 0 || len(ev.Registry) != 1 {
		t.Errorf("%d bytes, %d rows listed of %d", len(b), len(ev.FeedRows), ev.FeedRowsTotal)
	}
}
