package synth

import (
	"math"
	"math/bits"
	"math/rand/v2"
)

// Stream salts: each kind of entity draws from its own family of PCG
// streams, so that adding draws for one kind never shifts another.
const (
	streamSetup uint64 = iota + 1
	streamGeo
	streamEmployer
	streamPerson
	streamVoluntary
	streamBeneficiary
	streamUnregistered
	streamCompany
)

// rng is a PCG stream of math/rand/v2 with the few draws the generator
// needs. It is a value, so an entity can carry its own stream without an
// allocation.
type rng struct{ p rand.PCG }

// newRNG returns the stream id of family stream under seed.
func newRNG(seed int64, stream, id uint64) rng {
	var r rng
	r.p.Seed(splitmix(uint64(seed)^splitmix(stream)), splitmix(id^(stream<<56)))
	return r
}

// splitmix is the SplitMix64 finaliser, used to spread seeds.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

func (r *rng) u64() uint64 { return r.p.Uint64() }

// intn returns a number in [0, n); n must be positive. The tiny bias of the
// multiply-shift method is irrelevant here, and it keeps one draw per call.
func (r *rng) intn(n int) int {
	hi, _ := bits.Mul64(r.u64(), uint64(n))
	return int(hi)
}

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + r.intn(hi-lo+1)
}

// float returns a number in [0, 1).
func (r *rng) float() float64 { return float64(r.u64()>>11) / (1 << 53) }

// uniform returns a number in [lo, hi).
func (r *rng) uniform(lo, hi float64) float64 { return lo + (hi-lo)*r.float() }

// chance returns true with probability p.
func (r *rng) chance(p float64) bool { return r.float() < p }

// norm returns a standard normal number (Box–Muller, one of the pair).
func (r *rng) norm() float64 {
	u := 1 - r.float() // (0, 1]
	v := r.float()
	return math.Sqrt(-2*math.Log(u)) * math.Cos(2*math.Pi*v)
}

// logUniform returns a number between lo and hi whose logarithm is uniform.
func (r *rng) logUniform(lo, hi float64) float64 {
	return math.Exp(r.uniform(math.Log(lo), math.Log(hi)))
}

// cumulative is a table for weighted choice: cum[i] is the sum of the
// weights of items 0..i.
type cumulative []float64

func newCumulative(weights []float64) cumulative {
	c := make(cumulative, len(weights))
	sum := 0.0
	for i, w := range weights {
		sum += w
		c[i] = sum
	}
	return c
}

// pick returns an index with probability proportional to its weight.
func (c cumulative) pick(r *rng) int {
	x := r.float() * c[len(c)-1]
	lo, hi := 0, len(c)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if c[mid] > x {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// band is an inclusive integer range with a weight, for piecewise
// distributions such as ages.
type band struct {
	lo, hi int
	weight float64
}

// bands is a weighted list of ranges.
type bands struct {
	b   []band
	cum cumulative
}

func newBands(b ...band) bands {
	w := make([]float64, len(b))
	for i, x := range b {
		w[i] = x.weight
	}
	return bands{b: b, cum: newCumulative(w)}
}

// draw picks a band by weight, then a number in it uniformly.
func (b bands) draw(r *rng) int {
	x := b.b[b.cum.pick(r)]
	return r.between(x.lo, x.hi)
}
