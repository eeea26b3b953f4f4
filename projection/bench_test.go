package projection

import (
	"context"
	"math/rand/v2"
	"testing"

	"ansinh"
	"ansinh/rules"
)

// syntheticState builds, in memory, the start state of a province of n
// workers (and a voluntary membership, pensioners, a year's entrants and
// exits in proportion), aggregated as the Store would aggregate it.
func syntheticState(n int) StartState {
	rng := rand.New(rand.NewPCG(2026, 12))
	type key struct {
		sch      Scheme
		cat      rules.Category
		sex      rules.Sex
		age, svc int
	}
	members, entrants := map[key]*MemberGroup{}, map[key]*MemberGroup{}
	flows := map[key]int64{}
	add := func(m map[key]*MemberGroup, k key, amount int64) {
		g := m[k]
		if g == nil {
			g = &MemberGroup{Scheme: k.sch, Category: k.cat, Sex: k.sex, Age: k.age, ServiceYears: k.svc}
			m[k] = g
		}
		g.Count++
		g.Amount += amount
	}
	for i := 0; i < n+n/30; i++ {
		k := key{sch: Mandatory, cat: rules.CategoryOther, sex: rules.Sex(1 + rng.IntN(2)), age: 18 + rng.IntN(45)}
		if i >= n {
			k.sch, k.cat = Voluntary, rules.Category(rng.IntN(4))
		}
		k.svc = rng.IntN(k.age - 17)
		amount := int64(5_000_000 + rng.IntN(20_000_000))
		add(members, k, amount)
		if k.svc == 0 {
			add(entrants, k, amount)
		}
		flows[key{sch: k.sch, sex: k.sex, age: k.age}]++
	}
	st := StartState{Month: ansinh.NewPeriod(2026, 12)}
	for _, g := range members {
		st.Members = append(st.Members, *g)
	}
	for _, g := range entrants {
		st.Entrants = append(st.Entrants, *g)
	}
	for k, c := range flows {
		st.YearBefore = append(st.YearBefore, FlowGroup{Scheme: k.sch, Sex: k.sex, Age: k.age, Count: c})
		st.Exits = append(st.Exits, FlowGroup{Scheme: k.sch, Sex: k.sex, Age: k.age, Count: c / 20})
	}
	for a := 56; a <= MaxAge; a++ {
		for _, s := range []rules.Sex{rules.Male, rules.Female} {
			c := int64(n / 400)
			st.Beneficiaries = append(st.Beneficiaries, BeneficiaryGroup{Sex: s, Age: a, Count: c, Monthly: c * 6_500_000})
		}
	}
	st.LabourForce = []LabourForceYear{{Year: 2025, LabourForce: int64(n) * 19 / 10}, {Year: 2026, LabourForce: int64(n) * 2}}
	return st
}

// BenchmarkProjection1M projects a province of 1,000,000 workers to 2075
// under the plan and the trend (one op = both scenarios); the start state
// is generated in memory and aggregated beforehand (the SQL aggregation is
// measured by store/projectiondb's BenchmarkStartState).
func BenchmarkProjection1M(b *testing.B) {
	st := syntheticState(1_000_000)
	scs, err := Shipped()
	if err != nil {
		b.Fatal(err)
	}
	p := rules.Default()
	b.ReportAllocs()
	for b.Loop() {
		for _, sc := range scs {
			r, err := Run(context.Background(), sc, p, st)
			if err != nil {
				b.Fatal(err)
			}
			if len(r.Years) != 50 {
				b.Fatalf("%d years", len(r.Years))
			}
		}
	}
}
