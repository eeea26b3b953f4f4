package store

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"testing"
)

// TestKeySetReadInParts: a SQLite table with rowids read in parts at the
// same time gives the same set as one read: every value present (repeats
// included), none of the rows deleted, whatever the gaps in the rowids.
func TestKeySetReadInParts(t *testing.T) {
	if runtime.NumCPU() < 2 {
		t.Skip("one core: KeySet reads in one part")
	}
	ctx := context.Background()
	db, err := Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.W.Exec(`CREATE TABLE k (v TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	// v0000 … v0049, then v0000 … v0999: the last rowids hold values
	// stored once.
	for i := range 1050 {
		v := i - 50
		if i < 50 {
			v = i
		}
		if _, err := db.W.Exec(`INSERT INTO k (v) VALUES ($1)`, fmt.Sprintf("v%04d", v)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.W.Exec(`DELETE FROM k WHERE v BETWEEN 'v0100' AND 'v0199' OR v = 'v0899'`); err != nil {
		t.Fatal(err)
	}
	defer func(old int64) { keyPartRows = old }(keyPartRows)
	keyPartRows = 100
	parts, err := db.keyParts(ctx, "k", "v")
	if err != nil {
		t.Fatal(err)
	}
	if len(parts) < 2 {
		t.Fatalf("read in %d part(s), want several", len(parts))
	}
	in, err := db.KeySet(ctx, "k", "v")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 1000 {
		v := fmt.Sprintf("v%04d", i)
		want := (i < 100 || i > 199) && i != 899
		if in(v) != want {
			t.Errorf("%s in the set: %v, want %v", v, in(v), want)
		}
	}
	if in("v1000") || in("") {
		t.Error("a value never stored is in the set")
	}
}

// TestKeySetHoldsExactlyItsKeys: a set filled to its limit, with repeats,
// the empty key and keys that are prefixes of one another, holds those keys
// and no other.
func TestKeySetHoldsExactlyItsKeys(t *testing.T) {
	const n = 5000
	s := newKeySet(n)
	for i := range n {
		s.add(fmt.Appendf(nil, "%d", i*7)) // "0", "7", …: "7" a prefix of "70"
		s.add(fmt.Appendf(nil, "%d", i*7)) // again: kept once
	}
	s.add([]byte{})
	if filled := func() (k int) {
		for _, v := range s.slots {
			if v != [2]uint64{} {
				k++
			}
		}
		return k
	}(); filled != n+1 {
		t.Fatalf("%d slots filled, want %d", filled, n+1)
	}
	for i := range 7 * n {
		if want := i%7 == 0; s.has(fmt.Sprint(i)) != want {
			t.Errorf("%d in the set: %v, want %v", i, !want, want)
		}
	}
	for _, k := range []string{"", "0"} {
		if !s.has(k) {
			t.Errorf("%q not in the set", k)
		}
	}
	for _, k := range []string{"00", " 7", "7 ", "-7", "x"} {
		if s.has(k) {
			t.Errorf("%q in the set", k)
		}
	}
}
