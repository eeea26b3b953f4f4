package refdata

import "testing"

func TestUnits(t *testing.T) {
	units, err := Units()
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, u := range units {
		key := u.Level
		if u.ValidTo == 0 {
			key += " new"
		}
		count[key]++
		if u.Level == "commune" && u.Region == "" {
			t.Fatalf("commune %s has no region", u.Code)
		}
	}
	want := map[string]int{"province": 63, "district": 696, "commune": 10035, "province new": 34, "commune new": 3321}
	for k, v := range want {
		if count[k] != v {
			t.Errorf("%s: %d units, want %d", k, count[k], v)
		}
	}
}

func TestSuccessors(t *testing.T) {
	s, err := Successors()
	if err != nil {
		t.Fatal(err)
	}
	if len(s) != 10599+63 {
		t.Fatalf("%d successor rows", len(s))
	}
	split := 0
	for _, x := range s {
		if x.Targets > 1 {
			split++
		}
	}
	if split == 0 {
		t.Fatal("no split communes")
	}
}

func TestNames(t *testing.T) {
	n, err := LoadNames()
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Surnames) < 100 || len(n.Given["M"]) < 500 || len(n.Given["F"]) < 500 || len(n.Single["F"]) < 100 {
		t.Fatalf("names: %d surnames, %d/%d given", len(n.Surnames), len(n.Given["M"]), len(n.Given["F"]))
	}
}

// TestRegions: every commune of the new structure has its region from
// Decree 293/2025 (I 440 · II 435 · III 799 · IV 1,647, data/README.md);
// the old structure keeps the unconfirmed placeholder.
func TestRegions(t *testing.T) {
	units, err := Units()
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, u := range units {
		if u.Level != "commune" {
			continue
		}
		if u.ValidTo == 0 {
			if !u.RegionSure {
				t.Fatalf("new commune %s without the decree's region", u.Code)
			}
			count[u.Region]++
		} else if u.RegionSure {
			t.Fatalf("old commune %s flagged sure", u.Code)
		}
	}
	if count["I"] != 440 || count["II"] != 435 || count["III"] != 799 || count["IV"] != 1647 {
		t.Errorf("regions %v", count)
	}
	lists, err := RegionLists()
	if err != nil {
		t.Fatal(err)
	}
	if len(lists) != 3 || lists[2].From != Decree293From || !lists[2].Sure || lists[1].Sure || lists[0].Sure {
		t.Fatalf("lists %d", len(lists))
	}
	for code, want := range map[string]string{"00004": "I", "03390": "IV", "03388": "III"} { // Ba Đình (Hà Nội); Bình Lư, Đoàn Kết (Lai Châu)
		if got := lists[2].ByCommune[code]; got != want {
			t.Errorf("commune %s: region %q, want %s", code, got, want)
		}
	}
	if lists[1].ByCommune["00004"] != "I" || lists[1].To != Decree293From.AddDays(-1) {
		t.Errorf("2025 placeholder of Ba Đình: %q", lists[1].ByCommune["00004"])
	}
}
