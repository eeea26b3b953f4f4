package projection

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ansinh"
	"ansinh/rules"
)

func f64(v float64) *float64 { return &v }

// handScenario is a scenario with no economic movement.
func handScenario(coverage string, end int) Scenario {
	return Scenario{Name: "hand", Coverage: coverage, EndYear: end, WageGrowthPct: f64(0), CPIPct: f64(0),
		Indexation: IndexCPI, MortalityScale: f64(0)}
}

// handProvince is the small province checked by hand (see TestHandProvince).
func handProvince() StartState {
	return StartState{
		Month: ansinh.NewPeriod(2030, 1),
		Members: []MemberGroup{
			{Scheme: Mandatory, Sex: rules.Male, Age: 61, ServiceYears: 20, Count: 10, Amount: 100_000_000},
			{Scheme: Voluntary, Category: rules.CategoryOther, Sex: rules.Male, Age: 40, ServiceYears: 2, Count: 5, Amount: 10_000_000},
		},
		Beneficiaries: []BeneficiaryGroup{{Kind: Pension, Sex: rules.Male, Age: 70, Count: 4, Monthly: 20_000_000}},
		LabourForce:   []LabourForceYear{{Year: 2030, LabourForce: 100}},
	}
}

func run(t *testing.T, sc Scenario, st StartState) *Result {
	t.Helper()
	r, err := Run(context.Background(), sc, rules.Default(), st)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestHandProvince checks every figure of a small province by hand: ten
// men of 61 with 20 years at 10 million đồng, five voluntary members of 40
// at 2 million, four pensioners at 5 million; no mortality, no growth.
func TestHandProvince(t *testing.T) {
	sc := handScenario(CoverageClosed, 2032)
	sc.ProvinceSupportSharePct = f64(10)
	r := run(t, sc, handProvince())
	want := []Year{{
		// 2030: 22% × 12 × (100 + 10) million; pensions 12 × 20 million;
		// cost 240/1320; replacement (20/4)/(110/15); state support 12 ×
		// 22% × 1.5 million × 20% × 5; province 12 × 22% × 1.5 million × 10% × 5.
		Year: 2030, Mandatory: 10, Voluntary: 5, Contributors: 15, Pensioners: 4, LabourForce: 100,
		Coverage: 0.15, DependencyRatio: 4.0 / 15, Revenue: 290_400_000, PensionSpending: 240_000_000,
		Spending: 240_000_000, Balance: 50_400_000, CostRate: 240.0 / 1320, ReplacementRate: 5.0 / (110.0 / 15),
		StateSupport: 3_960_000, ProvinceSupport: 1_980_000, ContributionRate: 0.22,
	}, {
		// 2031: the men reach 62 (born mid-1969) and retire with 21 years:
		// 45% + 2% = 47% of their 10 million average = 4.7 million each.
		Year: 2031, Voluntary: 5, Contributors: 5, Pensioners: 14, NewPensioners: 10, LabourForce: 100,
		Coverage: 0.05, DependencyRatio: 14.0 / 5, Revenue: 26_400_000, PensionSpending: 804_000_000,
		Spending: 804_000_000, Balance: -777_600_000, CostRate: 804.0 / 120, ReplacementRate: (67.0 / 14) / 2,
		StateSupport: 3_960_000, ProvinceSupport: 1_980_000, ContributionRate: 0.22,
	}}
	want = append(want, want[1])
	want[2].Year, want[2].NewPensioners = 2032, 0
	if len(r.Years) != 3 {
		t.Fatalf("%d years, want 3", len(r.Years))
	}
	for i, w := range want {
		g := r.Years[i]
		for _, f := range []struct {
			name      string
			got, want float64
		}{
			{"cost", g.CostRate, w.CostRate}, {"replacement", g.ReplacementRate, w.ReplacementRate},
			{"dependency", g.DependencyRatio, w.DependencyRatio}, {"coverage", g.Coverage, w.Coverage},
			{"rate", g.ContributionRate, w.ContributionRate},
		} {
			if math.Abs(f.got-f.want) > 1e-9 {
				t.Errorf("%d %s = %v, want %v", w.Year, f.name, f.got, f.want)
			}
		}
		g.CostRate, g.ReplacementRate, g.DependencyRatio, g.Coverage, g.ContributionRate = 0, 0, 0, 0, 0
		w.CostRate, w.ReplacementRate, w.DependencyRatio, w.Coverage, w.ContributionRate = 0, 0, 0, 0, 0
		if g != w {
			t.Errorf("%d:\n got %+v\nwant %+v", w.Year, g, w)
		}
	}
}

// TestClosedZeroMortalityKeepsPeople: with no deaths, entrants or exits,
// everyone stays: contributors, deferred and pensioners, plus those who
// retired without a pension, add up to the start every year.
func TestClosedZeroMortalityKeepsPeople(t *testing.T) {
	st := handProvince()
	st.Members = append(st.Members, MemberGroup{Scheme: Mandatory, Sex: rules.Female, Age: 30, ServiceYears: 5, Count: 7, Amount: 56_000_000},
		MemberGroup{Scheme: Mandatory, Sex: rules.Female, Age: 55, ServiceYears: 3, Count: 3, Amount: 18_000_000})
	st.Deferred = []MemberGroup{{Scheme: Mandatory, Sex: rules.Male, Age: 45, ServiceYears: 16, Count: 6, Amount: 42_000_000}}
	r := run(t, handScenario(CoverageClosed, 2075), st)
	var left int64
	for _, y := range r.Years {
		left += y.WithoutPension
		if got := y.Contributors + y.Deferred + y.Pensioners + left; got != 35 {
			t.Fatalf("%d: %d people, want 35 (%+v)", y.Year, got, y)
		}
		if y.Deaths != 0 || y.Entrants != 0 || y.Exits != 0 {
			t.Fatalf("%d: deaths, entrants or exits in a closed group without mortality: %+v", y.Year, y)
		}
	}
	if y, _ := r.At(2075); y.Contributors != 0 || y.Pensioners != 4+10+5+6+7 || left != 3 {
		t.Errorf("2075: %+v, %d without pension; want everyone retired, the three women with 3 years without a pension", y, left)
	}
}

// TestDoublingRateDoublesRevenue: the same province at twice the
// contribution rate collects twice the revenue every year.
func TestDoublingRateDoublesRevenue(t *testing.T) {
	st := handProvince()
	st.Members = append(st.Members, MemberGroup{Scheme: Mandatory, Sex: rules.Female, Age: 25, ServiceYears: 1, Count: 12, Amount: 97_000_001})
	st.Entrants = []MemberGroup{{Scheme: Mandatory, Sex: rules.Female, Age: 22, Count: 3, Amount: 21_000_000}}
	sc := Scenario{Name: "x", Coverage: CoverageTrend, EndYear: 2060, ContributionRatePct: f64(22)}
	one := run(t, sc, st)
	sc.ContributionRatePct = f64(44)
	two := run(t, sc, st)
	for i := range one.Years {
		a, b := one.Years[i], two.Years[i]
		if d := b.Revenue - 2*a.Revenue; d < -1 || d > 1 {
			t.Errorf("%d: revenue %d at 44%%, %d at 22%%", a.Year, b.Revenue, a.Revenue)
		}
		if a.Contributors != b.Contributors || a.PensionSpending != b.PensionSpending {
			t.Errorf("%d: the rate changed people or spending", a.Year)
		}
	}
}

// TestStationaryPAYGIdentity: a stationary population (a constant cohort
// of men entering at 20, the WPP survival, retirement at 62, constant
// wages, no indexation) stays stationary and reproduces the PAYG identity:
// cost rate = dependency ratio × replacement rate, with the dependency
// ratio of the life table and the rules engine's replacement (75% for 42
// years of service).
func TestStationaryPAYGIdentity(t *testing.T) {
	q, err := WPP2023()
	if err != nil {
		t.Fatal(err)
	}
	const entrants, wage = 1000.0, 10_000_000.0
	var st StartState
	st.Month = ansinh.NewPeriod(2030, 1)
	st.Entrants = []MemberGroup{{Scheme: Mandatory, Sex: rules.Male, Age: 20, Count: 1000, Amount: 1000 * wage}}
	l, work, retired := 1.0, 0.0, 0.0
	var members []cell
	var paid [MaxAge + 1]float64
	for a := 20; a <= MaxAge; a++ {
		if a < 62 {
			members = append(members, cell{N: entrants * l})
			work += l
		} else {
			paid[a] = entrants * l
			retired += l
		}
		l *= 1 - q[0][a]
	}
	m, err := newModel(&Scenario{Name: "s", Coverage: CoverageTrend, EndYear: 2080, WageGrowthPct: f64(0), CPIPct: f64(0), Indexation: IndexCPI},
		rules.Default(), st)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range members {
		a, s := 20+i, i
		m.active[Mandatory][0][a][s] = cell{N: c.N, Wage: c.N * wage, Earn: c.N * wage * float64(12*s)}
	}
	for a, n := range paid {
		m.paid[0][a].N, m.paid[0][a].Monthly = n, n*0.75*wage
	}
	wantDep := retired / work
	for year := 2030; year <= 2080; year++ {
		if year > 2030 {
			if err := m.step(year); err != nil {
				t.Fatal(err)
			}
		}
		y, err := m.flows(year, ansinh.NewPeriod(year, 1))
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(y.DependencyRatio-wantDep) > 1e-9 || math.Abs(y.ReplacementRate-0.75) > 1e-9 {
			t.Fatalf("%d: dependency %v (want %v), replacement %v (want 0.75)", year, y.DependencyRatio, wantDep, y.ReplacementRate)
		}
		if math.Abs(y.CostRate-wantDep*0.75) > 1e-9 {
			t.Fatalf("%d: cost rate %v, want dependency × replacement = %v", year, y.CostRate, wantDep*0.75)
		}
	}
}

// TestSameScenarioSameBytes: running a scenario twice writes the same
// workbook and the same PDF.
func TestSameScenarioSameBytes(t *testing.T) {
	st := handProvince()
	st.Entrants = []MemberGroup{{Scheme: Voluntary, Sex: rules.Female, Age: 35, Count: 2, Amount: 4_000_000}}
	plan, err := ShippedScenario("plan")
	if err != nil {
		t.Fatal(err)
	}
	trend, _ := ShippedScenario("trend")
	out := func() ([]byte, []byte) {
		rs := []*Result{run(t, plan, st), run(t, trend, st)}
		x, err := XLSX(rs)
		if err != nil {
			t.Fatal(err)
		}
		p, err := PDF(rs)
		if err != nil {
			t.Fatal(err)
		}
		return x, p
	}
	x1, p1 := out()
	for range 5 { // map orders vary between runs: try several
		x2, p2 := out()
		if !bytes.Equal(x1, x2) {
			t.Fatal("two runs of the same scenarios gave different workbooks")
		}
		if !bytes.Equal(p1, p2) {
			t.Fatal("two runs of the same scenarios gave different PDFs")
		}
	}
}

func TestParseScenario(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"name":"a","coverage":"plan"}`, ""},
		{`{"name":"a","coverage":"plan","cpi":4}`, "unknown field"},
		{`{"name":"a","coverage":"fast"}`, "coverage"},
		{`{"coverage":"plan"}`, "name"},
		{`{"name":"a","coverage":"trend","wage_growth_pct":500}`, "wage_growth_pct"},
		{`{"name":"a","coverage":"trend","indexation":"gold"}`, "indexation"},
		{`{"name":"a","coverage":"trend"} {}`, "after"},
		{`{"name":"a",`, "f.json"},
	} {
		_, err := ParseScenario(strings.NewReader(c.in), "f.json")
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.in, err)
		case c.want != "" && (err == nil || !strings.Contains(ansinh.ErrorMessage(err, "en"), c.want)):
			t.Errorf("%s: error %v, want one mentioning %q", c.in, err, c.want)
		}
	}
	s, err := ParseScenario(strings.NewReader(`{"name":"  Kế hoạch ","coverage":"plan"}`), "f.json")
	if err != nil || s.Name != "Kế hoạch" || s.EndYear != DefaultEndYear || s.Indexation != IndexMix {
		t.Errorf("defaults: %+v %v", s, err)
	}
}

func TestRoundings(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want int64
	}{{0.5, 1}, {1.4999, 1}, {-0.5, -1}, {2.5, 3}, {1e12 + 0.49, 1e12}} {
		if Dong(c.in) != c.want || Persons(c.in) != c.want {
			t.Errorf("round %v = %d, want %d", c.in, Dong(c.in), c.want)
		}
	}
	if got := PercentText(0.2345); got != "23,45%" {
		t.Errorf("PercentText = %q", got)
	}
}

func TestWPP2023(t *testing.T) {
	q, err := WPP2023()
	if err != nil {
		t.Fatal(err)
	}
	if q[0][MaxAge] != 1 || q[1][MaxAge] != 1 || q[0][60] <= q[1][60] || q[0][0] < 0.017 || q[0][0] > 0.018 {
		t.Errorf("unexpected table: q0 %v, q60 m %v f %v", q[0][0], q[0][60], q[1][60])
	}
}

// TestDeferredPastRetirementAgeLeft: a former member already past the
// retirement age without a benefit at the start does not become a
// pensioner later; a younger one does when reaching the age.
func TestDeferredPastRetirementAgeLeft(t *testing.T) {
	st := handProvince()
	st.Deferred = []MemberGroup{
		{Scheme: Mandatory, Sex: rules.Male, Age: 70, ServiceYears: 20, Count: 3, Amount: 30_000_000},
		{Scheme: Mandatory, Sex: rules.Male, Age: 61, ServiceYears: 20, Count: 2, Amount: 20_000_000},
	}
	r := run(t, handScenario(CoverageClosed, 2031), st)
	if y := r.Years[0]; y.Deferred != 2 {
		t.Errorf("2030 deferred = %d, want 2", y.Deferred)
	}
	if y := r.Years[1]; y.NewPensioners != 12 || y.Pensioners != 16 {
		t.Errorf("2031: %d new pensioners of %d, want 12 of 16", y.NewPensioners, y.Pensioners)
	}
}

// TestRulesOverlayRetirementAge: a scenario's rules overlay replaces the
// retirement-age schedule (here 65 for men from 2029, an illustration):
// the hand province's men of 61 no longer retire in 2031.
func TestRulesOverlayRetirementAge(t *testing.T) {
	dir := t.TempDir()
	overlay := "name,unit,from,to,value,confidence,source\n" +
		"province.vol_support_share,rate,2018-01-01,,0%,H,test\n" +
		"province.social_pension_topup,dong,2025-07-01,,0,H,test\n" +
		"retirement_age.male,months,2029-01-01,,780,U,test: 65 years\n"
	os.WriteFile(filepath.Join(dir, "late.csv"), []byte(overlay), 0o644)
	file := filepath.Join(dir, "late.json")
	os.WriteFile(file, []byte(`{"name":"late","coverage":"closed","end_year":2031,"wage_growth_pct":0,"cpi_pct":0,"mortality_scale":0,"rules_overlay":"late.csv"}`), 0o644)
	sc, err := LoadScenario(file)
	if err != nil {
		t.Fatal(err)
	}
	p, err := sc.Params(rules.Default())
	if err != nil {
		t.Fatal(err)
	}
	r, err := Run(context.Background(), sc, p, handProvince())
	if err != nil {
		t.Fatal(err)
	}
	if y := r.Years[1]; y.NewPensioners != 0 || y.Mandatory != 10 {
		t.Errorf("2031 under a 65-year schedule: %d new pensioners, %d mandatory; want 0 and 10", y.NewPensioners, y.Mandatory)
	}
}

// TestPlanFillsCoverageWithoutEntrantHistory: with no entrant in the
// registry's last year, the plan still reaches its target with the
// profile of the newest members, and says so among the assumptions.
func TestPlanFillsCoverageWithoutEntrantHistory(t *testing.T) {
	st := handProvince()
	st.Month = ansinh.NewPeriod(2026, 12)
	st.Members = append(st.Members, MemberGroup{Scheme: Mandatory, Sex: rules.Female, Age: 24, ServiceYears: 1, Count: 20, Amount: 140_000_000})
	st.LabourForce = []LabourForceYear{{Year: 2026, LabourForce: 100}}
	sc := handScenario(CoveragePlan, 2035)
	r := run(t, sc, st)
	y, _ := r.At(2030)
	if y.Coverage < 0.6099 || y.Coverage > 0.6101 {
		t.Errorf("2030 coverage %v, want the plan's 61%%", y.Coverage)
	}
	if a := r.Assumptions[len(r.Assumptions)-1]; a.Name != "entrants_profile" || !a.Assumed {
		t.Errorf("last assumption %+v, want the entrants' profile", a)
	}
}
