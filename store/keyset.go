package store

import (
	"hash/maphash"
	"math/bits"
)

// keySet is a set of keys, each held as a 128-bit sum of its bytes (two
// maphash seeds) in a table of sums probed in line: a look-up reads one
// slot of 16 bytes, where a map of strings reads its group, then the key's
// bytes elsewhere (an import of 1.4 million spells looks two keys up a row:
// 0.9 s of its checking went to those two misses of the cache). Two keys
// share a sum with odds of about n²/2¹²⁹ (10⁻²⁶ for a million keys); the
// database's own foreign keys would still refuse a row let through so.
type keySet struct {
	seeds [2]maphash.Seed
	slots [][2]uint64 // a zero slot is empty
	mask  uint64
}

// newKeySet returns an empty set sized for n keys (at most half full).
func newKeySet(n int) *keySet {
	size := uint64(1) << bits.Len64(uint64(max(n, 4))*2-1)
	return &keySet{seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}, slots: make([][2]uint64, size), mask: size - 1}
}

// sum returns the key's sum, never zero.
func (s *keySet) sum(k []byte) [2]uint64 {
	return nonZero([2]uint64{maphash.Bytes(s.seeds[0], k), maphash.Bytes(s.seeds[1], k)})
}

// nonZero returns h, its second half made 1 if both are zero (a zero slot
// is empty).
func nonZero(h [2]uint64) [2]uint64 {
	if h == [2]uint64{} {
		h[1] = 1
	}
	return h
}

// slot returns the slot that holds h, or the empty one where it would go.
func (s *keySet) slot(h [2]uint64) *[2]uint64 {
	for i := h[0] & s.mask; ; i = (i + 1) & s.mask {
		if v := &s.slots[i]; *v == h || *v == ([2]uint64{}) {
			return v
		}
	}
}

// add puts a key in the set.
func (s *keySet) add(k []byte) {
	h := s.sum(k)
	*s.slot(h) = h
}

// has reports whether the key is in the set.
func (s *keySet) has(k string) bool {
	h := nonZero([2]uint64{maphash.String(s.seeds[0], k), maphash.String(s.seeds[1], k)})
	return *s.slot(h) == h
}
