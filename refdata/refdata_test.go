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
