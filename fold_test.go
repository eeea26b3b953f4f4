package ansinh

import "testing"

func TestFoldSearch(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Nguyễn Văn An", "nguyen van an"},
		{"ĐẶNG THỊ HOÀ", "dang thi hoa"},
		{"Ỷ Lan  Ça", "y lan  Ça"}, // other letters and spaces unchanged
	} {
		if got := FoldSearch(c.in); got != c.want {
			t.Errorf("FoldSearch(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if n := len(SearchFoldTable()); n != 134 {
		t.Errorf("fold table has %d letters, want 134", n)
	}
}
