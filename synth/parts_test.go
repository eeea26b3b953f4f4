package synth

import (
	"strings"
	"testing"

	"ansinh"
)

// The retirement-age vectors of the domain folder (rules.md §6).
func TestRetirementMonth(t *testing.T) {
	for _, v := range []struct {
		birth   string
		female  bool
		reached string
	}{
		{"1965-03-15", false, "2026-09"},
		{"1970-05-20", true, "2027-09"},
		{"1961-01-10", false, "2021-04"},
		{"1966-06-01", false, "2028-06"},
		{"1966-03-31", false, "2027-12"},
		{"1958-05-05", false, "2018-05"},
		{"1966-01-20", true, "2021-05"},
		{"1975-09-09", true, "2035-09"},
	} {
		if got := retirementMonth(ansinh.MustParseDate(v.birth), v.female); got.String() != v.reached {
			t.Errorf("born %s (female %v): retirement %s, want %s", v.birth, v.female, got, v.reached)
		}
	}
}

func TestNeedsQuotes(t *testing.T) {
	r := newRNG(1, 99, 0)
	alphabet := "ab,\"\n\r xĐ0123456789-"
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for l := r.intn(30); l > 0; l-- {
			b.WriteByte(alphabet[r.intn(len(alphabet))])
		}
		s := b.String()
		want := s != "" && (s[0] == ' ' || s[0] == '\t' || strings.ContainsAny(s, ",\"\n\r"))
		if got := needsQuotes(s); got != want {
			t.Fatalf("needsQuotes(%q) = %v", s, got)
		}
	}
}

func TestDueMemo(t *testing.T) {
	m := newDueMemo()
	r := newRNG(1, 98, 0)
	for month := 0; month < 3; month++ {
		m.reset()
		ref := map[uint64]int64{}
		for n := 0; n < 50000; n++ {
			k := uint64(r.intn(20000)) + 1
			if v, ok := m.get(k); ok != (ref[k] != 0) || v != ref[k] {
				t.Fatalf("month %d key %d: got %d %v, want %d", month, k, v, ok, ref[k])
			}
			v := int64(k)*3 + int64(month)
			m.put(k, v)
			ref[k] = v
		}
	}
}

func TestIdentifiers(t *testing.T) {
	m := newIDMaker(5)
	seen := map[string]bool{}
	for n := 0; n < 30000; n++ {
		sex := "male"
		if n%2 == 1 {
			sex = "female"
		}
		year := 1960 + n%50
		id, err := m.personID("027", year, sex)
		if err != nil {
			t.Fatal(err)
		}
		if _, reason := ansinh.CheckPersonID(id, ansinh.NewDate(year, 6, 1), sex); reason != ansinh.IDValid || seen[id] {
			t.Fatalf("personal ID %s: %v, repeated %v", id, reason, seen[id])
		}
		seen[id] = true
		tc, err := m.taxCode("23")
		if err != nil {
			t.Fatal(err)
		}
		if _, reason := ansinh.CheckTaxCode(tc); reason != ansinh.IDValid || seen[tc] || tc[:2] != "23" {
			t.Fatalf("tax code %s: %v", tc, reason)
		}
		seen[tc] = true
		lc := m.legacyCode("27")
		if len(lc) != 10 || seen[lc] {
			t.Fatalf("legacy number %s", lc)
		}
		seen[lc] = true
	}
	if _, err := m.personID("099", 1990, "male"); err == nil {
		t.Error("a code that is no province of birth was accepted")
	}
}

func TestASCIIFold(t *testing.T) {
	for in, want := range map[string]string{
		"Công ty TNHH Điện tử Hưng Thịnh": "Cong ty TNHH Dien tu Hung Thinh",
		"KCN Song Khê – Nội Hoàng":        "KCN Song Khe - Noi Hoang",
		"Ủy ban nhân dân xã Mỹ Thái":      "Uy ban nhan dan xa My Thai",
	} {
		if got := asciiFold(in); got != want {
			t.Errorf("asciiFold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPayRef(t *testing.T) {
	if got := payRef("KY", ansinh.NewPeriod(2026, 11), 2); got != "KY202611-2" {
		t.Fatal(got)
	}
	if got := payRef("TN", ansinh.NewPeriod(2019, 3), 0); got != "TN201903" {
		t.Fatal(got)
	}
}
