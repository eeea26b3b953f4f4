package synth

import (
	"bytes"
	"context"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"ansinh"
)

func TestDeterminism(t *testing.T) {
	cfg := testConfig(3000, 1)
	a, ca := generate(t, cfg)
	b, cb := generate(t, cfg)
	if !bytes.Equal(a.digest(), b.digest()) {
		t.Fatal("two runs with the same seed differ")
	}
	for k, v := range ca {
		if cb[k] != v {
			t.Fatalf("%s: %d rows then %d", k, v, cb[k])
		}
	}
	// The progress hook sees every month once, in order, and changes no row.
	var months []int
	cfg.Progress = func(done, total int) {
		if total != 107 {
			t.Fatalf("progress total %d, want the 107 months 2018-01..2026-11", total)
		}
		months = append(months, done)
	}
	d, _ := generate(t, cfg)
	if !bytes.Equal(a.digest(), d.digest()) {
		t.Fatal("the progress hook changed the rows")
	}
	if len(months) != 107 || months[0] != 1 || months[106] != 107 {
		t.Fatalf("progress reports %d months: %v", len(months), months)
	}
	cfg.Progress = nil
	cfg.Seed = 2
	c, _ := generate(t, cfg)
	if bytes.Equal(a.digest(), c.digest()) {
		t.Fatal("different seeds give the same rows")
	}
}

func TestConfigErrors(t *testing.T) {
	good := testConfig(1000, 1)
	for name, mod := range map[string]func(*Config){
		"no workers":   func(c *Config) { c.Workers = 0 },
		"too many":     func(c *Config) { c.Workers = MaxWorkers + 1 },
		"no through":   func(c *Config) { c.Through = 0 },
		"backwards":    func(c *Config) { c.From = ansinh.NewPeriod(2027, 1) },
		"no min wage":  func(c *Config) { c.MinWage = nil },
		"asOf outside": func(c *Config) { c.AsOf = ansinh.NewDate(2026, 12, 1) },
		"no due":       func(c *Config) { c.EmployerDue = nil },
		"old province": func(c *Config) { c.Province = "27" }, // merged into 24 in 2025
	} {
		cfg := good
		mod(&cfg)
		_, err := Generate(context.Background(), cfg, newMemSink())
		if ansinh.ErrorCode(err) != ansinh.EINVALID {
			t.Errorf("%s: error %v, want an EINVALID error", name, err)
		}
	}
}

// TestNothingDatedAfterAsOf: generated on the 9th of the current month, the
// province has no payment, declaration or registration dated after that
// day; the same day gives the same bytes, and a month generated as over
// (AsOf zero) is unchanged by the field's default.
func TestNothingDatedAfterAsOf(t *testing.T) {
	cfg := testConfig(3000, 1)
	over, _ := generate(t, cfg)
	cfg.AsOf = cfg.Through.Last()
	if again, _ := generate(t, cfg); !bytes.Equal(over.digest(), again.digest()) {
		t.Fatal("AsOf at the month's last day changes the rows")
	}
	asOf := ansinh.NewDate(2026, 11, 9)
	cfg.AsOf = asOf
	a, _ := generate(t, cfg)
	if b, _ := generate(t, cfg); !bytes.Equal(a.digest(), b.digest()) {
		t.Fatal("two runs with the same seed and day differ")
	}
	for _, c := range []struct{ kind, column string }{
		{KindPayments, "paid_on"}, {KindEmployment, "declared_on"},
		{KindEmployers, "registered_on"}, {KindBusinessRegistry, "registered_on"},
	} {
		i, late := col(c.kind, c.column), 0
		for _, r := range a.rows[c.kind] {
			if d := mustDate(t, r[i]); d > asOf {
				late++
			}
		}
		if late > 0 {
			t.Errorf("%s: %d rows with %s after %s", c.kind, late, c.column, asOf)
		}
	}
	if n, m := len(a.rows[KindPayments]), len(over.rows[KindPayments]); n >= m {
		t.Errorf("payments: %d on the 9th, %d at the month's end; want fewer", n, m)
	}
}

type failSink struct{ n int }

func (s *failSink) Row(string, []string) error {
	s.n++
	if s.n > 500 {
		return errors.New("disk full")
	}
	return nil
}

func TestSinkErrorStops(t *testing.T) {
	_, err := Generate(context.Background(), testConfig(1000, 1), &failSink{})
	if err == nil || err.Error() != "disk full" {
		t.Fatalf("error %v, want the sink's", err)
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Generate(ctx, testConfig(1000, 1), newMemSink()); !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
}

func TestColumns(t *testing.T) {
	if len(Kinds()) != 17 { // 14, si_history, person_deaths and claims
		t.Fatalf("%d kinds", len(Kinds()))
	}
	c := Columns(KindEmployment)
	c[0] = "changed"
	if Columns(KindEmployment)[0] != "tax_code" {
		t.Fatal("Columns hands out its own table")
	}
	if Columns("nope") != nil {
		t.Fatal("unknown kind has columns")
	}
}

// world indexes the rows of one generation for the checks.
type world struct {
	cfg       Config
	rows      map[string][][]string
	units     map[string]map[string]bool // level → codes (new and old mixed)
	newComm   map[string]string          // new commune → region
	oldComm   map[string]bool
	persons   map[string][]string
	employers map[string][]string
	registry  map[string][]string
	zones     map[string]bool
	agents    map[string]bool
}

func index(t *testing.T, cfg Config, s *memSink) *world {
	t.Helper()
	w := &world{cfg: cfg, rows: s.rows, units: map[string]map[string]bool{}, newComm: map[string]string{},
		oldComm: map[string]bool{}, persons: map[string][]string{}, employers: map[string][]string{},
		registry: map[string][]string{}, zones: map[string]bool{}, agents: map[string]bool{}}
	for kind, rows := range s.rows {
		n := len(Columns(kind))
		for _, r := range rows {
			if len(r) != n {
				t.Fatalf("%s row has %d fields, want %d: %q", kind, len(r), n, r)
			}
		}
	}
	for _, r := range s.rows[KindUnits] {
		if w.units[r[2]] == nil {
			w.units[r[2]] = map[string]bool{}
		}
		w.units[r[2]][r[0]] = true
		if r[2] == "commune" {
			if _, ok := regionIndex(r[6]); !ok {
				t.Fatalf("commune %s region %q", r[0], r[6])
			}
			if r[5] == "" {
				w.newComm[r[0]] = r[6]
			} else {
				w.oldComm[r[0]] = true
			}
		}
	}
	for _, r := range s.rows[KindPersons] {
		if _, dup := w.persons[r[0]]; dup {
			t.Fatalf("person %s twice", r[0])
		}
		w.persons[r[0]] = r
	}
	for _, r := range s.rows[KindEmployers] {
		if _, dup := w.employers[r[0]]; dup {
			t.Fatalf("employer %s twice", r[0])
		}
		w.employers[r[0]] = r
		if r[4] != "" {
			w.zones[r[4]] = true
		}
	}
	for _, r := range s.rows[KindBusinessRegistry] {
		if _, dup := w.registry[r[0]]; dup {
			t.Fatalf("registry %s twice", r[0])
		}
		w.registry[r[0]] = r
	}
	for _, r := range s.rows[KindIZEnterprises] {
		w.zones[r[1]] = true
	}
	for _, r := range s.rows[KindVoluntary] {
		if r[6] != "" {
			w.agents[r[6]] = true
		}
	}
	return w
}

func mustPeriod(t *testing.T, s string) ansinh.Period {
	t.Helper()
	p, err := ansinh.ParsePeriod(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func mustDate(t *testing.T, s string) ansinh.Date {
	t.Helper()
	d, err := ansinh.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func mustInt(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRowsValid(t *testing.T) {
	for _, tc := range []struct {
		name          string
		workers       int
		seed          int64
		from, through ansinh.Period
	}{
		{"default", 5000, 7, 0, ansinh.NewPeriod(2026, 11)},
		{"short span after the reform", 1000, 3, ansinh.NewPeriod(2025, 5), ansinh.NewPeriod(2025, 8)},
		{"one month", 1000, 9, ansinh.NewPeriod(2024, 3), ansinh.NewPeriod(2024, 3)},
		{"before the reform", 1200, 4, ansinh.NewPeriod(2019, 1), ansinh.NewPeriod(2024, 12)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testConfig(tc.workers, tc.seed)
			cfg.From, cfg.Through = tc.from, tc.through
			s, counts := generate(t, cfg)
			if cfg.From == 0 {
				cfg.From = ansinh.NewPeriod(2018, 1)
			}
			w := index(t, cfg, s)
			for _, k := range Kinds() {
				if counts[k] != len(s.rows[k]) {
					t.Errorf("%s: counted %d, received %d", k, counts[k], len(s.rows[k]))
				}
				if counts[k] == 0 && tc.name == "default" {
					t.Errorf("no %s rows", k)
				}
			}
			checkUnits(t, w)
			checkPersons(t, w, cfg.From, cfg.Through)
			checkEmployers(t, w, cfg.Through.Last())
			checkEmployment(t, w, cfg.From, cfg.Through)
			checkVoluntary(t, w, cfg.From, cfg.Through)
			checkBeneficiaries(t, w)
			checkClaims(t, w)
			checkDeaths(t, w)
			checkPayments(t, w, cfg.Through.Last())
			checkFeeds(t, w, cfg.From, cfg.Through)
		})
	}
}

// TestSmallProvinces checks that every kind of violation appears even at
// the smallest supported size.
func TestSmallProvinces(t *testing.T) {
	for seed := int64(1); seed <= 4; seed++ {
		s, _ := generate(t, testConfig(1000, seed))
		got := map[string]int{}
		for _, r := range s.rows[KindViolations] {
			got[r[0]]++
		}
		for _, k := range []string{"unregistered_employer", "unregistered_worker", "underdeclared_wage", "unpaid_arrears"} {
			if got[k] == 0 {
				t.Errorf("seed %d: violations %v, want all four injected kinds", seed, got)
			}
		}
	}
}

func checkUnits(t *testing.T, w *world) {
	provinces := 0
	for _, r := range w.rows[KindUnits] {
		if r[2] == "province" {
			provinces++
		}
	}
	if provinces != 3 || len(w.newComm) != 99 {
		t.Errorf("Bắc Ninh: %d provinces (2 old, 1 new), %d new communes", provinces, len(w.newComm))
	}
	for _, r := range w.rows[KindUnits] {
		if r[3] != "" && !w.units["province"][r[3]] && !w.units["district"][r[3]] {
			t.Errorf("unit %s: parent %s unknown", r[0], r[3])
		}
		mustDate(t, r[4])
	}
	for _, r := range w.rows[KindUnitSuccessors] {
		if len(r[0]) == 5 && (!w.oldComm[r[0]] || w.newComm[r[1]] == "") {
			t.Errorf("successor %q does not resolve", r)
		}
		if len(r[0]) == 2 && (!w.units["province"][r[0]] || r[1] != "24") {
			t.Errorf("successor %q does not resolve", r)
		}
	}
}

func checkPersons(t *testing.T, w *world, from, through ansinh.Period) {
	legacy := map[string]bool{}
	for id, r := range w.persons {
		birth := mustDate(t, r[2])
		if _, reason := ansinh.CheckPersonID(id, birth, r[3]); reason != ansinh.IDValid {
			t.Fatalf("person %s born %s %s: %s", id, r[2], r[3], reason.MessageEN())
		}
		if r[4] != "true" && r[4] != "false" {
			t.Fatalf("ethnic_minority %q", r[4])
		}
		if w.newComm[r[5]] == "" {
			t.Fatalf("person %s lives in unknown commune %s", id, r[5])
		}
		if !utf8Vietnamese(r[1]) || len(strings.Fields(r[1])) < 2 {
			t.Fatalf("name %q", r[1])
		}
		if r[6] != "" {
			if len(r[6]) != 10 || legacy[r[6]] {
				t.Fatalf("legacy number %q bad or repeated", r[6])
			}
			legacy[r[6]] = true
		}
	}
	seen := map[string]bool{}
	for _, r := range w.rows[KindHouseholdStatus] {
		if w.persons[r[0]] == nil || (r[2] != "poor" && r[2] != "near_poor") {
			t.Fatalf("household status %q", r)
		}
		y := int(mustInt(t, r[1]))
		if y < from.Year() || y > through.Year() || seen[r[0]+r[1]] {
			t.Fatalf("household status %q: year out of range or repeated", r)
		}
		seen[r[0]+r[1]] = true
	}
}

var vietnameseLetters = regexp.MustCompile(`^[\p{L} ]+$`)

func utf8Vietnamese(s string) bool { return vietnameseLetters.MatchString(s) }

func checkEmployers(t *testing.T, w *world, last ansinh.Date) {
	kinds := map[string]bool{}
	for _, k := range employerKindNames {
		kinds[k] = true
	}
	for code, r := range w.employers {
		if _, reason := ansinh.CheckTaxCode(code); reason != ansinh.IDValid {
			t.Fatalf("tax code %s: %s", code, reason.MessageEN())
		}
		if !kinds[r[2]] || w.newComm[r[3]] == "" || mustDate(t, r[5]) > last {
			t.Fatalf("employer %q", r)
		}
	}
	for code, r := range w.registry {
		if _, reason := ansinh.CheckTaxCode(code); reason != ansinh.IDValid {
			t.Fatalf("registry tax code %s: %s", code, reason.MessageEN())
		}
		if w.newComm[r[2]] == "" || (r[4] != "active" && r[4] != "suspended" && r[4] != "dissolved") {
			t.Fatalf("registry row %q", r)
		}
		mustDate(t, r[3])
		mustInt(t, r[5])
	}
}

// spell is one employment row, parsed.
type spell struct {
	start, end ansinh.Period // end = Through for open spells
	declared   ansinh.Date
	wage       int64
}

// spellsOf groups employment rows by employer and person.
func spellsOf(t *testing.T, w *world) map[[2]string][]spell {
	out := map[[2]string][]spell{}
	for _, r := range w.rows[KindEmployment] {
		sp := spell{start: mustPeriod(t, r[2]), end: w.cfg.Through, declared: mustDate(t, r[6]), wage: mustInt(t, r[4])}
		if r[3] != "" {
			sp.end = mustPeriod(t, r[3])
		}
		key := [2]string{r[0], r[1]}
		out[key] = append(out[key], sp)
	}
	return out
}

func checkEmployment(t *testing.T, w *world, from, through ansinh.Period) {
	open := 0
	for _, r := range w.rows[KindEmployment] {
		emp := w.employers[r[0]]
		if emp == nil || w.persons[r[1]] == nil {
			t.Fatalf("employment %q does not resolve", r)
		}
		start := mustPeriod(t, r[2])
		end := through
		if r[3] != "" {
			end = mustPeriod(t, r[3])
		} else {
			open++
		}
		if start < from || end < start || end > through {
			t.Fatalf("employment %q: months out of order", r)
		}
		wage := mustInt(t, r[4])
		region := w.newComm[emp[3]]
		for m := start; m <= end; m++ {
			if min := testMinWage(region, m); wage < min {
				t.Fatalf("employment %q: wage below the region %s minimum %d in %s", r, region, min, m)
			}
		}
		if r[5] != "indefinite" && r[5] != "fixed" && r[5] != "seasonal" {
			t.Fatalf("contract %q", r[5])
		}
		d := mustDate(t, r[6])
		if d < start.First() || d > through.Last() || d < mustDate(t, emp[5]) {
			t.Fatalf("employment %q: declared_on out of range", r)
		}
	}
	for key, list := range spellsOf(t, w) {
		for i := range list {
			for j := i + 1; j < len(list); j++ {
				if list[i].start <= list[j].end && list[j].start <= list[i].end {
					t.Fatalf("%v: spells %v and %v overlap", key, list[i], list[j])
				}
			}
		}
	}
	if n := w.cfg.Workers; open < n*97/100 || open > n*103/100 {
		t.Errorf("%d open spells at Through, want about %d", open, n)
	}
}

func checkVoluntary(t *testing.T, w *world, from, through ansinh.Period) {
	status := map[string]string{}
	for _, r := range w.rows[KindHouseholdStatus] {
		status[r[0]+"|"+r[1]] = r[2]
	}
	for _, r := range w.rows[KindVoluntary] {
		p := w.persons[r[0]]
		if p == nil {
			t.Fatalf("voluntary %q: unknown person", r)
		}
		start, end := mustPeriod(t, r[1]), through
		if r[2] != "" {
			end = mustPeriod(t, r[2])
		}
		if start < from || end < start {
			t.Fatalf("voluntary %q: months", r)
		}
		income := mustInt(t, r[3])
		for m := start; m <= end; m++ {
			if income < povertyLine(m) {
				t.Fatalf("voluntary %q: income under the floor in %s", r, m)
			}
			st := status[r[0]+"|"+strconv.Itoa(m.Year())]
			want := st
			if st == "" {
				want = "other"
				if p[4] == "true" {
					want = "ethnic_minority"
				}
			}
			if r[5] != want {
				t.Fatalf("voluntary %q: category in %s should be %s", r, m, want)
			}
		}
		if r[6] != "" && !regexp.MustCompile(`^DL24\d{3}$`).MatchString(r[6]) {
			t.Fatalf("agent code %q", r[6])
		}
	}
}

func checkBeneficiaries(t *testing.T, w *world) {
	type span struct{ a, b ansinh.Period }
	byPerson := map[string][]span{}
	for _, r := range w.rows[KindBeneficiaries] {
		p := w.persons[r[0]]
		if p == nil {
			t.Fatalf("beneficiary %q: unknown person", r)
		}
		start, end := mustPeriod(t, r[2]), w.cfg.Through
		if r[3] != "" {
			end = mustPeriod(t, r[3])
		}
		if end < start || mustInt(t, r[4]) <= 0 {
			t.Fatalf("beneficiary %q", r)
		}
		birth := mustDate(t, p[2])
		ageMonths := int(start - birth.Period())
		switch r[1] {
		case "social_pension":
			minAge := 80
			if start >= reform {
				minAge = 75
			}
			if ageMonths < minAge*12 {
				t.Fatalf("social pension %q at %d months of age", r, ageMonths)
			}
		case "pension", "monthly_si_benefit":
			if start <= retirementMonth(birth, p[3] == "female") && start >= w.cfg.From {
				t.Fatalf("%s %q before retirement age", r[1], r)
			}
		default:
			t.Fatalf("beneficiary kind %q", r[1])
		}
		for _, s := range byPerson[r[0]] {
			if start <= s.b && s.a <= end {
				t.Fatalf("beneficiary %s: benefits overlap", r[0])
			}
		}
		byPerson[r[0]] = append(byPerson[r[0]], span{start, end})
	}
}

func checkPayments(t *testing.T, w *world, last ansinh.Date) {
	refs := map[string]bool{}
	for _, r := range w.rows[KindPayments] {
		if w.employers[r[1]] == nil && w.persons[r[1]] == nil {
			t.Fatalf("payment %q: unknown payer", r)
		}
		if mustInt(t, r[2]) <= 0 || mustDate(t, r[3]) > last {
			t.Fatalf("payment %q", r)
		}
		switch r[4] {
		case "bank", "online", "counter":
		case "agent":
			if !w.agents[r[5]] {
				t.Fatalf("payment %q: unknown agent", r)
			}
		default:
			t.Fatalf("channel %q", r[4])
		}
		key := r[1] + "|" + r[0]
		if refs[key] {
			t.Fatalf("payment ref %s repeated for payer %s", r[0], r[1])
		}
		refs[key] = true
	}
}

func checkFeeds(t *testing.T, w *world, from, through ansinh.Period) {
	win := max(from, through.Add(1-TaxMonths))
	seen := map[string]bool{}
	for _, r := range w.rows[KindTaxWages] {
		if w.employers[r[0]] == nil && w.registry[r[0]] == nil {
			t.Fatalf("tax row %q: unknown tax code", r)
		}
		if w.persons[r[1]] == nil {
			t.Fatalf("tax row %q: unknown person", r)
		}
		m := mustPeriod(t, r[2])
		if m < win || m > through || mustInt(t, r[3]) <= 0 {
			t.Fatalf("tax row %q", r)
		}
		key := r[0] + r[1] + r[2]
		if seen[key] {
			t.Fatalf("tax row %q repeated", r)
		}
		seen[key] = true
	}
	for _, r := range w.rows[KindIZEnterprises] {
		if w.employers[r[0]] == nil && w.registry[r[0]] == nil {
			t.Fatalf("zone row %q: unknown tax code", r)
		}
	}
	for _, r := range w.rows[KindLaborForce] {
		y := int(mustInt(t, r[1]))
		if y < from.Year() || y > through.Year() {
			t.Fatalf("labor force %q: year out of range", r)
		}
		if (y >= 2025 && w.newComm[r[0]] == "") || (y < 2025 && !w.oldComm[r[0]]) {
			t.Fatalf("labor force %q: unit not of that year's structure", r)
		}
		if mustInt(t, r[2]) < 0 || mustInt(t, r[3]) < 0 {
			t.Fatalf("labor force %q", r)
		}
	}
}
