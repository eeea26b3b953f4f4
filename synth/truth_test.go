package synth

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"ansinh"
)

// TestGroundTruth checks that every listed violation is in the data, that
// every violation a plain detector finds is listed, and that the honest
// noise is present and not listed.
func TestGroundTruth(t *testing.T) {
	seeds := []int64{11, 12}
	if v := os.Getenv("SYNTH_SEEDS"); v != "" {
		n, _ := strconv.Atoi(v)
		seeds = nil
		for i := 1; i <= n; i++ {
			seeds = append(seeds, int64(i))
		}
	}
	for _, seed := range seeds {
		t.Run(strconv.FormatInt(seed, 10), func(t *testing.T) { groundTruth(t, testConfig(8000, seed)) })
	}
}

func groundTruth(t *testing.T, cfg Config) {
	s, _ := generate(t, cfg)
	w := index(t, cfg, s)
	spells := spellsOf(t, w)
	listed := map[string]map[[2]string]string{}
	for _, r := range w.rows[KindViolations] {
		if listed[r[0]] == nil {
			listed[r[0]] = map[[2]string]string{}
		}
		listed[r[0]][[2]string{r[1], r[2]}] = r[3]
	}
	for _, k := range []string{"unregistered_employer", "unregistered_worker", "underdeclared_wage", "unpaid_arrears"} {
		if len(listed[k]) == 0 {
			t.Errorf("no %s violation injected", k)
		}
	}
	for k := range listed {
		switch k {
		case "unregistered_employer", "unregistered_worker", "underdeclared_wage", "unpaid_arrears", "late_declaration":
		default:
			t.Errorf("unknown violation kind %q", k)
		}
	}
	// Tax rows by employer and person.
	type taxMonth struct {
		m      ansinh.Period
		income int64
	}
	tax := map[[2]string][]taxMonth{}
	for _, r := range w.rows[KindTaxWages] {
		key := [2]string{r[0], r[1]}
		tax[key] = append(tax[key], taxMonth{mustPeriod(t, r[2]), mustInt(t, r[3])})
	}
	covering := func(key [2]string, m ansinh.Period) *spell {
		for i, sp := range spells[key] {
			if sp.start <= m && m <= sp.end {
				return &spells[key][i]
			}
		}
		return nil
	}
	var bonus, finalPay int
	for key, months := range tax {
		if w.employers[key[0]] == nil {
			continue // an unregistered employer: listed as such
		}
		sort.Slice(months, func(i, j int) bool { return months[i].m < months[j].m })
		uncovered, highRun, maxUncovered, maxHigh := 0, 0, 0, 0
		prev := ansinh.Period(0)
		for _, tm := range months {
			if prev != 0 && tm.m != prev+1 {
				uncovered, highRun = 0, 0
			}
			prev = tm.m
			sp := covering(key, tm.m)
			if sp == nil {
				uncovered++
				highRun = 0
				if covering(key, tm.m-1) != nil {
					finalPay++
				}
			} else {
				uncovered = 0
				if tm.income*10 >= sp.wage*13 {
					highRun++
					if tm.m.Month() <= 2 && tm.income >= sp.wage*18/10 {
						bonus++
					}
				} else {
					highRun = 0
				}
			}
			maxUncovered = max(maxUncovered, uncovered)
			maxHigh = max(maxHigh, highRun)
		}
		_, isUnreg := listed["unregistered_worker"][key]
		switch {
		case maxUncovered >= 2 && !isUnreg:
			t.Errorf("%v: %d uncovered months in a row, not listed", key, maxUncovered)
		case isUnreg && maxUncovered < 3:
			t.Errorf("%v: listed unregistered worker with only %d uncovered months in a row", key, maxUncovered)
		}
		_, isUnder := listed["underdeclared_wage"][key]
		switch {
		case maxHigh >= 2 && !isUnder:
			t.Errorf("%v: %d months in a row of tax income ≥ 1.3 × SI wage, not listed", key, maxHigh)
		case isUnder && maxHigh < 6:
			t.Errorf("%v: listed underdeclared wage with only %d months in a row", key, maxHigh)
		}
	}
	for key := range listed["unregistered_worker"] {
		if tax[key] == nil {
			t.Errorf("%v: listed unregistered worker without tax income", key)
		}
	}
	for key := range listed["underdeclared_wage"] {
		if tax[key] == nil {
			t.Errorf("%v: listed underdeclared wage without tax income", key)
		}
	}
	if bonus == 0 || finalPay == 0 {
		t.Errorf("noise missing: %d Tết bonus months, %d final pays", bonus, finalPay)
	}
	checkUnregisteredEmployers(t, w, tax != nil, listed["unregistered_employer"])
	checkArrears(t, w, spells, listed["unpaid_arrears"])
	checkNoise(t, w, spells)
}

func checkUnregisteredEmployers(t *testing.T, w *world, _ bool, listed map[[2]string]string) {
	evidence := map[string]bool{}
	for _, r := range w.rows[KindTaxWages] {
		evidence[r[0]] = true
	}
	for _, r := range w.rows[KindIZEnterprises] {
		evidence[r[0]] = true
	}
	idle := 0
	for code, r := range w.registry {
		if r[4] == "active" && r[5] != "0" {
			evidence[code] = true
		}
		if w.employers[code] == nil && r[5] == "0" {
			idle++
		}
	}
	for code := range evidence {
		_, isListed := listed[[2]string{code, ""}]
		if w.employers[code] == nil && !isListed {
			t.Errorf("%s: employees but no registration, not listed", code)
		}
	}
	for key := range listed {
		if w.employers[key[0]] != nil || !evidence[key[0]] {
			t.Errorf("%s: listed unregistered employer, but registered or without employees", key[0])
		}
	}
	if idle == 0 {
		t.Error("noise missing: no enterprise without employees in the registry")
	}
}

// checkArrears recomputes each employer's dues from its spells (a month is
// billed when it is declared) and checks that an employer has dues unpaid
// 60 days past the deadline (the end of the month after the billing month)
// if and only if it is listed.
func checkArrears(t *testing.T, w *world, spells map[[2]string][]spell, listed map[[2]string]string) {
	through := w.cfg.Through
	due := map[string]map[ansinh.Period]int64{}
	for key, list := range spells {
		emp := w.employers[key[0]]
		for _, sp := range list {
			for m := sp.start; m <= sp.end; m++ {
				billed := max(m, sp.declared.Period())
				if due[key[0]] == nil {
					due[key[0]] = map[ansinh.Period]int64{}
				}
				due[key[0]][billed] += testDue(m, sp.wage, w.newComm[emp[3]], emp[2])
			}
		}
	}
	type pay struct {
		on     ansinh.Date
		amount int64
	}
	paid := map[string][]pay{}
	for _, r := range w.rows[KindPayments] {
		if w.employers[r[1]] != nil {
			paid[r[1]] = append(paid[r[1]], pay{mustDate(t, r[3]), mustInt(t, r[2])})
		}
	}
	for code, byMonth := range due {
		var months []ansinh.Period
		for m := range byMonth {
			months = append(months, m)
		}
		sort.Slice(months, func(i, j int) bool { return months[i] < months[j] })
		owed, late := int64(0), false
		for _, b := range months {
			owed += byMonth[b]
			check := b.Add(1).Last().AddDays(60)
			if check > through.Last() {
				break
			}
			got := int64(0)
			for _, p := range paid[code] {
				if p.on <= check {
					got += p.amount
				}
			}
			if got < owed {
				if _, ok := listed[[2]string{code, ""}]; !ok {
					t.Logf("%s: billing month %s, owed %d, paid %d by %s", code, b, owed, got, check)
				}
				late = true
				break
			}
		}
		_, isListed := listed[[2]string{code, ""}]
		if late != isListed {
			t.Errorf("%s: unpaid 60 days past the deadline %v, listed %v", code, late, isListed)
		}
	}
}

// checkNoise looks for the honest patterns: two jobs at once, names
// without diacritics in the registry.
func checkNoise(t *testing.T, w *world, spells map[[2]string][]spell) {
	jobs := map[string][]spell{}
	for key, list := range spells {
		jobs[key[1]] = append(jobs[key[1]], list...)
	}
	twoJobs := 0
	for _, list := range jobs {
		for i := range list {
			for j := i + 1; j < len(list); j++ {
				if list[i].start <= list[j].end && list[j].start <= list[i].end {
					twoJobs++
				}
			}
		}
	}
	folded := 0
	for _, r := range w.registry {
		if emp := w.employers[r[0]]; emp != nil && r[1] != emp[1] && asciiFold(emp[1]) == asciiFold(r[1]) ||
			emp != nil && strings.EqualFold(asciiFold(emp[1]), r[1]) {
			folded++
		}
	}
	if twoJobs == 0 || folded == 0 {
		t.Errorf("noise missing: %d overlapping jobs, %d folded names", twoJobs, folded)
	}
}

// TestCoverage checks that the province's indicators land near the plan.
func TestCoverage(t *testing.T) {
	cfg := testConfig(20000, 7)
	s, _ := generate(t, cfg)
	w := index(t, cfg, s)
	active := func(rows [][]string, si, ei int, m ansinh.Period) map[string]bool {
		out := map[string]bool{}
		for _, r := range rows {
			start, end := mustPeriod(t, r[si]), cfg.Through
			if r[ei] != "" {
				end = mustPeriod(t, r[ei])
			}
			if start <= m && m <= end {
				out[r[1]] = true
			}
		}
		return out
	}
	lf, ora := map[int]int64{}, map[int]int64{}
	for _, r := range w.rows[KindLaborForce] {
		y := int(mustInt(t, r[1]))
		lf[y] += mustInt(t, r[2])
		ora[y] += mustInt(t, r[3])
	}
	for _, y := range []int{2021, 2025} {
		m := ansinh.NewPeriod(y, 12)
		mand := len(active(w.rows[KindEmployment], 2, 3, m))
		vol := 0
		for _, r := range w.rows[KindVoluntary] {
			start, end := mustPeriod(t, r[1]), cfg.Through
			if r[2] != "" {
				end = mustPeriod(t, r[2])
			}
			if start <= m && m <= end {
				vol++
			}
		}
		ben := 0
		for _, r := range w.rows[KindBeneficiaries] {
			start, end := mustPeriod(t, r[2]), cfg.Through
			if r[3] != "" {
				end = mustPeriod(t, r[3])
			}
			if start <= m && m <= end {
				ben++
			}
		}
		cov := float64(mand+vol) / float64(lf[y])
		vs := float64(vol) / float64(lf[y])
		bs := float64(ben) / float64(ora[y])
		t.Logf("%d: coverage %.1f%% (voluntary %.2f%%), beneficiaries %.1f%% of %d past retirement age", y, 100*cov, 100*vs, 100*bs, ora[y])
		if cov < 0.40 || cov > 0.60 || bs < 0.40 || bs > 0.62 || vs < 0.005 || vs > 0.04 {
			t.Errorf("%d: indicators out of the plausible range", y)
		}
	}
}

func TestCSVSink(t *testing.T) {
	dir := t.TempDir()
	sink, err := NewCSVSink(dir)
	if err != nil {
		t.Fatal(err)
	}
	counts, err := Generate(t.Context(), testConfig(1000, 3), sink)
	if err != nil {
		t.Fatal(err)
	}
	if err := sink.Close(); err != nil {
		t.Fatal(err)
	}
	if err := sink.Row(KindUnits, make([]string, 7)); err == nil {
		t.Error("row accepted after Close")
	}
	for _, k := range Kinds() {
		b, err := os.ReadFile(filepath.Join(dir, k+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(string(b), "\ufeff") || strings.Contains(string(b), "\r") {
			t.Errorf("%s: BOM or CR", k)
		}
		recs, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		if strings.Join(recs[0], ",") != strings.Join(Columns(k), ",") {
			t.Errorf("%s: header %q", k, recs[0])
		}
		if len(recs)-1 != counts[k] {
			t.Errorf("%s: %d rows in the file, %d counted", k, len(recs)-1, counts[k])
		}
	}
}

func TestCSVQuoting(t *testing.T) {
	dir := t.TempDir()
	sink, err := NewCSVSink(dir)
	if err != nil {
		t.Fatal(err)
	}
	rec := []string{"1", `Công ty "A", chi nhánh`, "province", " x", "line\nbreak", "", "I"}
	if err := sink.Row(KindUnits, rec); err != nil {
		t.Fatal(err)
	}
	if err := sink.Row(KindUnits, rec[:3]); err == nil {
		t.Error("short row accepted")
	}
	if err := sink.Row("nope", rec); err == nil {
		t.Error("unknown kind accepted")
	}
	if err := sink.Close(); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(filepath.Join(dir, "units.csv"))
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[1], "|") != strings.Join(rec, "|") {
		t.Fatalf("read back %q", recs[1])
	}
}

func TestOtherProvince(t *testing.T) {
	cfg := testConfig(1500, 5)
	cfg.Province = "01"
	s, counts := generate(t, cfg)
	w := index(t, cfg, s)
	for _, r := range w.rows[KindEmployers] {
		if w.newComm[r[3]] == "" {
			t.Fatalf("employer %q outside Hà Nội", r)
		}
	}
	if counts[KindIZEnterprises] == 0 {
		t.Error("no industrial zone")
	}
}
