package store

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortSumsOrdersAsACompareSort: sums with random halves, some sharing
// their first half, some zero, come out in the order of a comparison sort,
// each with its row.
func TestSortSumsOrdersAsACompareSort(t *testing.T) {
	for _, n := range []int{0, 1, 2, 1000, 50_000} {
		r := rand.New(rand.NewPCG(uint64(n), 7))
		entries := make([]sumEntry, n)
		for i := range entries {
			entries[i] = sumEntry{[2]uint64{r.Uint64(), r.Uint64()}, int32(i)}
			switch i % 10 {
			case 3: // the first half of an earlier one
				entries[i].sum[0] = entries[i/2].sum[0]
			case 7:
				entries[i].sum = [2]uint64{}
			}
		}
		want := slices.Clone(entries)
		slices.SortStableFunc(want, func(a, b sumEntry) int { return compareSums(a.sum, b.sum) })
		sortSums(entries)
		for i := range entries {
			if entries[i].sum != want[i].sum {
				t.Fatalf("%d sums: at %d %x, want %x", n, i, entries[i].sum, want[i].sum)
			}
		}
		rows := map[int32]bool{}
		for _, e := range entries {
			rows[e.row] = true
		}
		if len(rows) != n {
			t.Fatalf("%d sums: %d rows after the sort", n, len(rows))
		}
	}
}
