package store

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"ansinh"
)

func TestSortedByKey(t *testing.T) {
	p := ansinh.MustParsePeriod
	cases := []struct {
		name string
		rows [][]any
		key  []int
		want []int32
	}{
		{"text then month", [][]any{
			{"b", "x", p("2024-01")}, {"a", "y", p("2024-02")}, {"a", "y", p("2023-12")}, {"a", "x", p("2025-01")},
		}, []int{0, 1, 2}, []int32{3, 2, 1, 0}},
		{"a prefix first", [][]any{{"ab"}, {"a"}, {"a\u00e0"}, {""}}, []int{0}, []int32{3, 1, 0, 2}},
		{"null first, numbers by value", [][]any{{int64(5)}, {nil}, {int64(-7)}, {int64(1 << 40)}}, []int{0}, []int32{1, 2, 0, 3}},
		{"equal keys keep their order", [][]any{{"k", 1}, {"a", 2}, {"k", 3}, {"k", 4}}, []int{0}, []int32{1, 0, 2, 3}},
		{"dates", [][]any{{ansinh.MustParseDate("2024-03-01")}, {ansinh.MustParseDate("1999-12-31")}}, []int{0}, []int32{1, 0}},
		{"key not first", [][]any{{"z", "b"}, {"a", "c"}, {"m", "a"}}, []int{1}, []int32{2, 0, 1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got, _ := sortedByKey(c.rows, c.key); !slices.Equal(got, c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
		})
	}
}

// TestSortedByKeyAgreesWithComparingWholeKeys sorts random keys that share
// long prefixes, are prefixes of one another or repeat, and compares the
// order with one that compares whole keys.
func TestSortedByKeyAgreesWithComparingWholeKeys(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	texts := []string{"", "0", "00", "0101234567", "0101234567000", "01012345670001", "0101234567000100", "01012345670001000", "0101234567\x01", "a"}
	rows := make([][]any, 5000)
	for i := range rows {
		rows[i] = []any{texts[rng.IntN(len(texts))], texts[rng.IntN(len(texts))] + strconv.Itoa(rng.IntN(3)), int64(rng.IntN(5) - 2)}
	}
	key := []int{0, 1, 2}
	got, keys := sortedByKey(rows, key)
	want := make([]int32, len(rows))
	for i := range want {
		want[i] = int32(i)
	}
	slices.SortStableFunc(want, func(x, y int32) int { return bytes.Compare(keys.of(x), keys.of(y)) })
	if !slices.Equal(got, want) {
		t.Fatal("the order differs from the order of the whole keys")
	}
}
