package compliance

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"ansinh"
	"ansinh/rules"
)

// key names a finding in the tests.
func key(k Kind, tax, pid string) string { return string(k) + "/" + tax + "/" + pid }

func keys(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, key(f.Kind, f.TaxCode, f.PersonID))
	}
	slices.Sort(out)
	return out
}

func concat[T any](parts ...[]T) []T {
	var out []T
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// declaredOn returns the spell declared on the day.
func declaredOn(s Spell, day string) Spell {
	s.DeclaredOn = ansinh.MustParseDate(day)
	return s
}

// bonus returns rows with one month's wage multiplied (a Tết bonus).
func bonus(rows []TaxRow, month string, factor int64) []TaxRow {
	for i := range rows {
		if rows[i].Month == mo(month) {
			rows[i].Wage *= factor
		}
	}
	return rows
}

func TestMatch(t *testing.T) {
	const w = 10_000_000
	tests := []struct {
		name    string
		reg     func(*Registry)
		taxes   []TaxRow
		spells  []Spell
		period  string // the match's period (default: the package's)
		arrears []EmployerArrears
		want    []string
	}{
		{name: "insured all year, a Tết bonus: nothing",
			taxes:  bonus(months(empA, person, "2025-12", "2026-11", w*11/10), "2026-02", 3),
			spells: []Spell{spell(empA, person, "2020-01", "", w)}},
		{name: "final pay recorded the month after leaving: nothing",
			taxes:  months(empA, person, "2026-01", "2026-07", w),
			spells: []Spell{spell(empA, person, "2020-01", "2026-06", w)}},
		{name: "final pay two months after leaving: one stray month, nothing",
			taxes:  concat(months(empA, person, "2026-01", "2026-06", w), months(empA, person, "2026-08", "2026-08", w)),
			spells: []Spell{spell(empA, person, "2020-01", "2026-06", w)}},
		{name: "wage income without a spell: unregistered worker",
			taxes: months(empA, person, "2026-03", "2026-07", w),
			want:  []string{key(EvasionUnregisteredWorker, empA, person)}},
		{name: "unregistered for two months, within the 60 days after the registration deadline: not yet evasion",
			taxes: months(empA, person, "2026-10", "2026-11", w),
			want:  []string{key(UnregisteredWorker, empA, person)}},
		{name: "unregistered in 2024, before the 2024 Law: not evasion by its art. 39",
			taxes:  months(empA, person, "2024-01", "2024-09", w),
			period: "2024-12",
			want:   []string{key(UnregisteredWorker, empA, person)}},
		{name: "declared five months late: late declaration",
			taxes:  months(empA, person, "2026-03", "2026-11", w),
			spells: []Spell{declaredOn(spell(empA, person, "2026-03", "", w), "2026-08-10")},
			want:   []string{key(LateDeclaration, empA, person)}},
		{name: "declared the month after: honest",
			taxes:  months(empA, person, "2026-03", "2026-11", w),
			spells: []Spell{declaredOn(spell(empA, person, "2026-03", "", w), "2026-04-15")}},
		{name: "a wage below the reference level: below the minimum and below the contribution base",
			taxes:  months(empA, person, "2025-12", "2026-11", 2_000_000),
			spells: []Spell{spell(empA, person, "2025-01", "", 2_000_000)},
			want:   []string{key(BelowContributionBase, empA, person), key(BelowMinimumWage, empA, person)}},
		{name: "declared after three months: the months before are unregistered",
			taxes:  months(empA, person, "2026-03", "2026-11", w),
			spells: []Spell{spell(empA, person, "2026-06", "", w)},
			want:   []string{key(EvasionUnregisteredWorker, empA, person)}},
		{name: "two jobs, both insured: nothing",
			taxes: concat(months(empA, person, "2025-12", "2026-11", w), months(empB, person, "2026-02", "2026-11", w*6/10)),
			spells: []Spell{spell(empA, person, "2019-01", "", w*9/10), spell(empB, person, "2026-02", "", w*6/10),
				spell(empA, "001090000002", "2019-01", "", w)}},
		{name: "taxable wage persistently 1.6 times the declared: underdeclared",
			taxes:  months(empA, person, "2025-12", "2026-11", w*16/10),
			spells: []Spell{spell(empA, person, "2019-01", "", w)},
			want:   []string{key(UnderdeclaredWage, empA, person)}},
		{name: "allowances at 1.2 times and two bonus months: nothing",
			taxes:  bonus(bonus(months(empA, person, "2025-12", "2026-11", w*12/10), "2026-01", 2), "2026-02", 3),
			spells: []Spell{spell(empA, person, "2019-01", "", w)}},
		{name: "hired two months ago, one of them a bonus: nothing",
			taxes:  bonus(months(empA, person, "2026-10", "2026-11", w), "2026-11", 3),
			spells: []Spell{spell(empA, person, "2026-10", "", w)}},
		{name: "wages paid by an unknown enterprise in the business registry: unregistered employer",
			reg: func(r *Registry) {
				r.Business = []BusinessRow{{TaxCode: unreg, Name: "CONG TY TNHH AN PHAT", CommuneCode: "09427",
					RegisteredOn: ansinh.MustParseDate("2019-03-01"), Status: "active", Employees: 2, Version: 8}}
			},
			taxes: concat(months(unreg, person, "2026-01", "2026-11", w), months(unreg, "001090000002", "2026-05", "2026-11", w)),
			want:  []string{key(UnregisteredEmployer, unreg, "")}},
		{name: "an enterprise with no employees, a dissolved one and a new one: nothing",
			reg: func(r *Registry) {
				r.Business = []BusinessRow{
					{TaxCode: unreg, Name: "Công ty A", CommuneCode: "09427", RegisteredOn: ansinh.MustParseDate("2019-03-01"), Status: "active"},
					{TaxCode: "0102030413", Name: "Công ty B", CommuneCode: "09427", RegisteredOn: ansinh.MustParseDate("2019-03-01"), Status: "dissolved", Employees: 5},
					{TaxCode: "0102030421", Name: "Công ty C", CommuneCode: "09427", RegisteredOn: ansinh.MustParseDate("2026-11-10"), Status: "active", Employees: 5},
				}
			}},
		{name: "in an industrial zone with employees: unregistered employer",
			reg: func(r *Registry) {
				r.Zones = []ZoneRow{{TaxCode: unreg, Zone: "KCN Quế Võ", Employees: 120, Version: 9}}
			},
			want: []string{key(UnregisteredEmployer, unreg, "")}},
		{name: "the registry's name without diacritics for a registered employer under another code: score lowered",
			reg: func(r *Registry) {
				r.Business = []BusinessRow{{TaxCode: unreg, Name: "CONG TY TNHH HOA BINH", CommuneCode: "09427",
					RegisteredOn: ansinh.MustParseDate("2019-03-01"), Status: "active", Employees: 3}}
			}},
		{name: "a branch whose parent is registered: score lowered",
			reg: func(r *Registry) {
				r.Zones = []ZoneRow{{TaxCode: empA + "-001", Zone: "KCN Tiên Sơn", Employees: 40}}
			}},
		{name: "arrears past the evasion threshold: evasion",
			arrears: []EmployerArrears{{TaxCode: empA, Source: "estimate", AsOf: period.Last(), Months: []MonthDebt{
				{Month: mo("2026-06"), BilledIn: mo("2026-06"), Assessed: 5_000_000, Unpaid: 5_000_000},
				{Month: mo("2026-07"), BilledIn: mo("2026-07"), Assessed: 5_000_000, Unpaid: 5_000_000},
				{Month: mo("2026-10"), BilledIn: mo("2026-10"), Assessed: 5_000_000, Unpaid: 5_000_000}}}},
			want: []string{key(EvasionArrears, empA, "")}},
		{name: "late payment, not yet evasion, and months declared late just billed: nothing",
			arrears: []EmployerArrears{{TaxCode: empA, Source: "estimate", AsOf: period.Last(), Months: []MonthDebt{
				{Month: mo("2026-03"), BilledIn: mo("2026-10"), Assessed: 5_000_000, Unpaid: 5_000_000},
				{Month: mo("2026-09"), BilledIn: mo("2026-09"), Assessed: 5_000_000, Unpaid: 5_000_000},
				{Month: mo("2026-10"), BilledIn: mo("2026-10"), Assessed: 5_000_000, Unpaid: 5_000_000}}}},
		},
		{name: "a remainder of a few thousand đồng past the threshold: nothing",
			arrears: []EmployerArrears{{TaxCode: empA, Source: "estimate", AsOf: period.Last(), Months: []MonthDebt{
				{Month: mo("2026-05"), BilledIn: mo("2026-05"), Assessed: 5_000_000, Unpaid: 3_000}}}},
		},
		{name: "a contract wage below the regional minimum: below minimum wage",
			taxes:  months(empA, person, "2025-12", "2026-11", 4_000_000),
			spells: []Spell{spell(empA, person, "2025-01", "", 4_000_000)},
			want:   []string{key(BelowMinimumWage, empA, person)}},
		{name: "a state pay scale below the regional minimum: nothing",
			spells: []Spell{spell(empS, person, "2025-01", "", 4_000_000)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg := baseRegistry()
			if tt.reg != nil {
				tt.reg(&reg)
			}
			src := &memSource{reg: reg, taxes: tt.taxes, spells: tt.spells}
			p := period
			if tt.period != "" {
				p = mo(tt.period)
			}
			res, err := Match(context.Background(), src, memArrears(tt.arrears), rules.Default(), DefaultConfig(p))
			if err != nil {
				t.Fatal(err)
			}
			if got := keys(res.Findings); !slices.Equal(got, tt.want) {
				t.Errorf("findings %v, want %v", got, tt.want)
				for _, f := range res.Findings {
					t.Log(f.Evidence)
				}
			}
			for _, f := range res.Findings {
				checkFinding(t, f)
			}
		})
	}
}

// checkFinding checks what every finding must carry: an ID from its key, a
// score in range, contributions at stake and evidence naming rows.
func checkFinding(t *testing.T, f Finding) {
	t.Helper()
	if f.ID != FindingID(f.Kind, f.TaxCode, f.PersonID) {
		t.Errorf("%s: id is not derived from the key", f.ID)
	}
	if f.Score < 0.5 || f.Score > 1 {
		t.Errorf("%s: score %v", f.ID, f.Score)
	}
	if f.Stake.Total <= 0 || f.Stake.PerMonth() <= 0 || f.Stake.Months <= 0 {
		t.Errorf("%s: stake %+v", f.ID, f.Stake)
	}
	ev, err := ParseEvidence(f.Evidence)
	if err != nil {
		t.Fatalf("%s: evidence: %v", f.ID, err)
	}
	if ev.Kind != f.Kind || ev.SummaryVI == "" || ev.SummaryEN == "" || ev.Score.Value != f.Score || len(ev.Score.Factors) == 0 {
		t.Errorf("%s: evidence header %+v", f.ID, ev)
	}
	if len(ev.Registry) == 0 {
		t.Errorf("%s: no registry record", f.ID)
	}
	for _, r := range ev.FeedRows {
		if r.Version == 0 || r.Key.TaxCode == "" {
			t.Errorf("%s: feed row without version or key: %+v", f.ID, r)
		}
		if !slices.ContainsFunc(ev.FeedVersions, func(v FeedVersionRef) bool { return v.Version == r.Version }) {
			t.Errorf("%s: feed row of version %d whose version is not cited", f.ID, r.Version)
		}
	}
	registryOnly := f.Kind == EvasionArrears || f.Kind == BelowMinimumWage || f.Kind == LateDeclaration || f.Kind == BelowContributionBase
	if !registryOnly && len(ev.FeedRows) == 0 {
		t.Errorf("%s: no feed row", f.ID)
	}
}

func TestMatchEvidence(t *testing.T) {
	const w = 8_000_000
	src := &memSource{reg: baseRegistry(),
		taxes:   concat(months(empA, person, "2026-03", "2026-07", w), months(empA, "001090000002", "2025-12", "2026-11", w*2)),
		spells:  []Spell{spell(empB, person, "2026-01", "", w), spell(empA, "001090000002", "2019-01", "", w)},
		persons: map[string]Person{person: {PersonID: person, Name: "Nguyễn Văn An", Version: 4}}}
	res, err := Match(context.Background(), src, nil, rules.Default(), DefaultConfig(period))
	if err != nil {
		t.Fatal(err)
	}
	byKind := map[Kind]Finding{}
	for _, f := range res.Findings {
		byKind[f.Kind.Base()] = f
	}
	uw, ok := byKind[UnregisteredWorker]
	if !ok {
		t.Fatalf("no unregistered worker in %v", keys(res.Findings))
	}
	ev, _ := ParseEvidence(uw.Evidence)
	if len(ev.FeedRows) != 5 || ev.FeedRows[0].Key != (RowKey{TaxCode: empA, PersonID: person, Month: "2026-03"}) || ev.FeedRows[0].WageIncome != w {
		t.Errorf("feed rows %+v", ev.FeedRows)
	}
	if len(ev.FeedVersions) != 1 || ev.FeedVersions[0].Version != 7 || ev.FeedVersions[0].SHA256 == "" || ev.FeedVersions[0].File == "" {
		t.Errorf("feed versions %+v", ev.FeedVersions)
	}
	var tables []string
	for _, r := range ev.Registry {
		tables = append(tables, r.Table)
	}
	if want := []string{"employers", "persons", "employment"}; !slices.Equal(tables, want) {
		t.Errorf("registry records %v, want %v (the employer, the person, the spell at the other employer)", tables, want)
	}
	// insured at another employer in every uncovered month: 5 months (1) ×
	// income (1) × elsewhere (0.7)
	if uw.Score != 0.7 {
		t.Errorf("score %v, want 0.7", uw.Score)
	}
	// 5 months × the contributions on 8,000,000 (32% in 2026): 2,560,000 a month
	if uw.Stake.Months != 5 || uw.Stake.PerMonth() != 2_560_000 || uw.Stake.Total != 5*2_560_000 {
		t.Errorf("stake %+v", uw.Stake)
	}
	ud := byKind[UnderdeclaredWage]
	// 12 months × (contributions on 16,000,000 − on 8,000,000) = 12 × 2,560,000
	if ud.Stake.Months != 12 || ud.Stake.PerMonth() != 2_560_000 || ud.Score != 1 {
		t.Errorf("underdeclared %+v score %v", ud.Stake, ud.Score)
	}
	// the same inputs give the same bytes
	again, err := Match(context.Background(), src, nil, rules.Default(), DefaultConfig(period))
	if err != nil {
		t.Fatal(err)
	}
	for i := range res.Findings {
		if res.Findings[i].Evidence != again.Findings[i].Evidence {
			t.Fatalf("evidence of %s differs between runs", res.Findings[i].ID)
		}
	}
	if slices.Contains(res.Kinds, EvasionArrears) {
		t.Error("without an arrears source the match claims to look for evasion")
	}
}

func TestMatchOutOfOrder(t *testing.T) {
	src := &badOrder{memSource{reg: baseRegistry(), taxes: months(empB, person, "2026-01", "2026-03", 1)}}
	_, err := Match(context.Background(), src, nil, rules.Default(), DefaultConfig(period))
	if err == nil || !strings.Contains(err.Error(), "out of order") {
		t.Fatalf("error %v, want out of order", err)
	}
}

// badOrder hands the tax rows out of order.
type badOrder struct{ memSource }

func (b *badOrder) TaxWages(_ context.Context, _, _ ansinh.Period, fn func([]TaxRow) error) error {
	rows := concat(months(empB, person, "2026-01", "2026-03", 1), months(empA, person, "2026-01", "2026-03", 1))
	return fn(rows)
}

func TestConfigCheck(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Config)
		ok   bool
	}{
		{"defaults", func(*Config) {}, true},
		{"no period", func(c *Config) { c.Period = 0 }, false},
		{"window too long", func(c *Config) { c.WindowMonths = 200 }, false},
		{"ratio not above 1", func(c *Config) { c.UnderRatio = 1 }, false},
		{"more months than the window", func(c *Config) { c.UnderMinMonths = 13 }, false},
		{"score above 1", func(c *Config) { c.MinScore = 1.5 }, false},
		{"a grace of 3 months", func(c *Config) { c.LateTaxGrace = 3 }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := DefaultConfig(period)
			tt.edit(&c)
			err := c.Check()
			if (err == nil) != tt.ok {
				t.Fatalf("Check() = %v, want ok %v", err, tt.ok)
			}
			if err != nil && ansinh.ErrorCode(err) != ansinh.EINVALID {
				t.Errorf("code %s", ansinh.ErrorCode(err))
			}
		})
	}
}

func TestFindingID(t *testing.T) {
	a := FindingID(UnregisteredWorker, empA, person)
	if a != FindingID(UnregisteredWorker, empA, person) || !strings.HasPrefix(a, "UW-") || len(a) != 15 {
		t.Errorf("id %q", a)
	}
	if a == FindingID(UnderdeclaredWage, empA, person) || a == FindingID(UnregisteredWorker, empB, person) {
		t.Error("ids collide across kinds or employers")
	}
}

func TestEvidenceJSONStable(t *testing.T) {
	ev := Evidence{Kind: UnregisteredEmployer, Period: "2026-11", Registry: []RegistryRecord{{Table: "employers", Key: RowKey{TaxCode: unreg}}}}
	b, _ := json.Marshal(ev)
	if !strings.Contains(string(b), `"found":false`) {
		t.Errorf("an absent record must say so: %s", b)
	}
}

func TestUnregisteredEmployerScore(t *testing.T) {
	const w = 9_000_000
	tests := []struct {
		name  string
		bizOf string // the business registry's name for the unregistered code
		taxed bool
		want  float64
	}{
		{"wages and the registry", "CONG TY TNHH AN PHAT", true, 0.96},
		{"wages, and the name of a registered employer", "CONG TY TNHH HOA BINH", true, 0.576},
		{"the registry only", "Công ty TNHH An Phát", false, 0.6},
		{"the registry only, the name of a registered employer", "Công ty TNHH Hoà Bình", false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg := baseRegistry()
			reg.Business = []BusinessRow{{TaxCode: unreg, Name: tt.bizOf, CommuneCode: "09427",
				RegisteredOn: ansinh.MustParseDate("2019-03-01"), Status: "active", Employees: 2, Version: 8}}
			src := &memSource{reg: reg}
			if tt.taxed {
				src.taxes = months(unreg, person, "2026-01", "2026-11", w)
			}
			res, err := Match(context.Background(), src, nil, rules.Default(), DefaultConfig(period))
			if err != nil {
				t.Fatal(err)
			}
			got := 0.0
			for _, f := range res.Findings {
				got = f.Score
			}
			if got != tt.want {
				t.Errorf("score %v, want %v", got, tt.want)
			}
		})
	}
}
