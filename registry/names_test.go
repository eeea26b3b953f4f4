package registry

import (
	"slices"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestSearchKey(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Nguyễn Văn An", "nguyen van an"},
		{"nguyen van an", "nguyen van an"},
		{norm.NFD.String("Nguyễn Văn An"), "nguyen van an"},
		{"  Đặng   Thị  Hoà ", "dang thi hoa"},
		{"Đặng Thị Hòa", "dang thi hoa"},
		{"TRẦN ƯỚC", "tran uoc"},
		{"Ỷ Lan", "y lan"},
	} {
		if got := SearchKey(c.in); got != c.want {
			t.Errorf("SearchKey(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if n := len(FoldTable()); n != 134 {
		t.Errorf("fold table has %d letters, want 134 (66 vowels and đ, in two cases)", n)
	}
}

func TestSameName(t *testing.T) {
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"Nguyễn Văn An", "Nguyễn Văn An", true},
		{"Nguyễn Văn An", norm.NFD.String("nguyễn  văn an "), true},
		{"Lê Thị Hoà", "Lê Thị Hòa", true},
		{"Nguyễn Thuý", "Nguyễn Thúy", true},
		{"Nguyễn Văn An", "Nguyên Văn An", false},
		{"Nguyễn Văn An", "Nguyen Van An", false},
		{"Nguyễn Văn An", "Trần Văn Bình", false},
	} {
		if got := SameName(c.a, c.b); got != c.same {
			t.Errorf("SameName(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

func TestVietnameseOrder(t *testing.T) {
	got := []string{"Trạm", "Đa Mai", "Tân", "Dung", "Anh", "Ân", "Ăn", "Bình", "Đông", "Yên"}
	SortStrings(got)
	want := []string{"Anh", "Ăn", "Ân", "Bình", "Dung", "Đa Mai", "Đông", "Tân", "Trạm", "Yên"}
	if !slices.Equal(got, want) {
		t.Fatalf("order = %q, want %q", got, want)
	}
}

func TestClean(t *testing.T) {
	if got := Clean("  Lê \t Thị  " + norm.NFD.String("Hoà") + " "); got != "Lê Thị Hoà" || !norm.NFC.IsNormalString(got) {
		t.Fatalf("Clean = %q", got)
	}
}

func TestSortSpells(t *testing.T) {
	spells := []Spell{{FullName: "Trạm Văn Long", PersonID: "3"}, {FullName: "Đỗ Mai", PersonID: "2"}, {FullName: "Tân Phúc", PersonID: "1"},
		{FullName: "Dương Nam", PersonID: "5"}, {FullName: "Đỗ Mai", PersonID: "0"}}
	SortSpells(spells)
	var got []string
	for _, s := range spells {
		got = append(got, s.FullName+" "+s.PersonID)
	}
	want := []string{"Dương Nam 5", "Đỗ Mai 0", "Đỗ Mai 2", "Tân Phúc 1", "Trạm Văn Long 3"}
	if !slices.Equal(got, want) {
		t.Fatalf("order = %q", got)
	}
}

func BenchmarkSortSpells(b *testing.B) {
	given := []string{"Văn An", "Thị Bích", "Văn Cường", "Thị Dung", "Minh Đức", "Thu Hà", "Quốc Huy", "Ngọc Lan"}
	surnames := []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng"}
	base := make([]Spell, 20000)
	for i := range base {
		base[i] = Spell{FullName: surnames[i%6] + " " + given[(i/6)%8], PersonID: string(rune('0' + i%10))}
	}
	spells := make([]Spell, len(base))
	for b.Loop() {
		copy(spells, base)
		SortSpells(spells)
	}
}
