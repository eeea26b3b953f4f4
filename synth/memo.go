package synth

// dueMemo remembers, for one month, the contribution of each distinct
// (wage, region, employer kind): most worker-months share one with others,
// and the injected rules engine need not be asked twice. It is an
// open-addressing table whose entries belong to the month of a stamp, so
// that starting a new month clears it in constant time.
type dueMemo struct {
	keys   []uint64
	vals   []int64
	stamps []uint32
	stamp  uint32
	n      int
	shift  uint
}

func newDueMemo() *dueMemo {
	m := &dueMemo{stamp: 1}
	m.alloc(1 << 12)
	return m
}

func (m *dueMemo) alloc(size int) {
	m.keys = make([]uint64, size)
	m.vals = make([]int64, size)
	m.stamps = make([]uint32, size)
	m.shift = 64
	for s := size; s > 1; s >>= 1 {
		m.shift--
	}
	m.n = 0
}

// reset forgets every entry.
func (m *dueMemo) reset() {
	m.stamp++
	m.n = 0
	if m.stamp == 0 { // wrapped: clear the stamps for real
		clear(m.stamps)
		m.stamp = 1
	}
}

// slot returns the slot of key and whether it holds the key.
func (m *dueMemo) slot(key uint64) (int, bool) {
	mask := len(m.keys) - 1
	i := int((key * 0x9e3779b97f4a7c15) >> m.shift)
	for {
		if m.stamps[i] != m.stamp {
			return i, false
		}
		if m.keys[i] == key {
			return i, true
		}
		i = (i + 1) & mask
	}
}

// get returns the value of key, if known this month.
func (m *dueMemo) get(key uint64) (int64, bool) {
	if i, ok := m.slot(key); ok {
		return m.vals[i], true
	}
	return 0, false
}

// put stores the value of key for this month.
func (m *dueMemo) put(key uint64, v int64) {
	if 2*(m.n+1) > len(m.keys) {
		m.grow()
	}
	i, ok := m.slot(key)
	if !ok {
		m.n++
	}
	m.keys[i], m.vals[i], m.stamps[i] = key, v, m.stamp
}

func (m *dueMemo) grow() {
	keys, vals, stamps, stamp := m.keys, m.vals, m.stamps, m.stamp
	m.alloc(2 * len(keys))
	m.stamp = stamp
	if m.stamp == 0 {
		m.stamp = 1
	}
	for i, k := range keys {
		if stamps[i] == stamp {
			j, _ := m.slot(k)
			m.keys[j], m.vals[j], m.stamps[j] = k, vals[i], m.stamp
			m.n++
		}
	}
}
