package rules

import (
	"math/rand/v2"
	"testing"
)

// benchWorkers is a spread of worker-months like a province's: wages from
// below the floor to above every cap, all regions, kinds and scales.
func benchWorkers() []Worker {
	rng := rand.New(rand.NewPCG(7, 11))
	ws := make([]Worker, 4096)
	for i := range ws {
		ws[i] = Worker{
			Wage: 2_000_000 + rng.Int64N(60_000_000), Region: Region(1 + rng.IntN(4)), PayScale: PayScale(rng.IntN(8) / 7),
			EmployerKind: EmployerKind(rng.IntN(6)), ReducedAccident: rng.IntN(10) == 0,
		}
	}
	return ws
}

// BenchmarkAssess is the monthly close's hot path: one worker-month.
func BenchmarkAssess(b *testing.B) {
	r, err := Default().ContributionRules(mp("2026-03"))
	if err != nil {
		b.Fatal(err)
	}
	ws := benchWorkers()
	b.ReportAllocs()
	var total int64
	i := 0
	for b.Loop() {
		a, err := r.Assess(ws[i&4095])
		if err != nil {
			b.Fatal(err)
		}
		total += a.Total
		i++
	}
	if total <= 0 {
		b.Fatal("nothing assessed")
	}
}

// BenchmarkContributionRules resolves one month's parameters (once a month
// per run of the close).
func BenchmarkContributionRules(b *testing.B) {
	p := Default()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.ContributionRules(mp("2026-03")); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkContribution is the explained path, for comparison.
func BenchmarkContribution(b *testing.B) {
	p := Default()
	ws := benchWorkers()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := p.Contribution(ContributionInput{Month: mp("2026-03"), Worker: ws[i&4095]}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
