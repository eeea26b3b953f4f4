package importer

// keyIndex remembers the keys of the rows read so far, as hashes, to find
// duplicate keys in a file of any length without keeping the keys: 16 bytes
// per slot, at most three quarters full.
//
// A key is identified by two independent 64-bit hashes: the first places it
// and is stored whole, 32 bits of the second tell apart the rare keys whose
// first hashes are equal. Two different keys are taken for the same only if
// 96 bits of their hashes agree: for 10 million keys, a chance of about one in
// 10^15.
//
// Lookups touch only the first hashes (8 bytes a slot), so that a miss, the
// usual case, costs one cache line.
type keyIndex struct {
	hashes []uint64 // first hashes; 0 marks an empty slot
	more   []uint64 // per slot: line<<32 | low 32 bits of the second hash
	n      int
	mask   uint64
}

// newKeyIndex returns an empty index sized for about hint keys.
func newKeyIndex(hint int) *keyIndex {
	size := 1 << 10
	for 3*size < 4*hint && size < 1<<30 {
		size *= 2
	}
	return &keyIndex{hashes: make([]uint64, size), more: make([]uint64, size), mask: uint64(size - 1)}
}

// add records a key at line, unless an equal key is already there: it then
// returns that key's line.
func (x *keyIndex) add(h1, h2 uint64, line int) (int, bool) {
	if h1 == 0 {
		h1 = 1
	}
	check := h2 & 0xffffffff
	for i := h1 & x.mask; ; i = (i + 1) & x.mask {
		switch x.hashes[i] {
		case 0:
			x.hashes[i] = h1
			x.more[i] = uint64(line)<<32 | check
			x.n++
			if 4*x.n > 3*len(x.hashes) {
				x.grow()
			}
			return 0, false
		case h1:
			if m := x.more[i]; m&0xffffffff == check {
				return int(m >> 32), true
			}
		}
	}
}

// grow doubles the table.
func (x *keyIndex) grow() {
	hashes, more := x.hashes, x.more
	size := 2 * len(hashes)
	x.hashes, x.more, x.mask = make([]uint64, size), make([]uint64, size), uint64(size-1)
	for j, h := range hashes {
		if h == 0 {
			continue
		}
		i := h & x.mask
		for x.hashes[i] != 0 {
			i = (i + 1) & x.mask
		}
		x.hashes[i], x.more[i] = h, more[j]
	}
}

// touch reads the slots where the batch's keys start, and returns a value
// that depends on them: the reads' cache misses overlap, and the lookups
// that follow find the slots in cache.
func (x *keyIndex) touch(batch []row) uint64 {
	var sum uint64
	for i := range batch {
		if batch[i].keyed {
			sum += x.hashes[batch[i].h1&x.mask]
		}
	}
	return sum
}
