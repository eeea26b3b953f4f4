package rules

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeOverlayExample loads the example overlay of data/README.md.
func TestReadmeOverlayExample(t *testing.T) {
	raw, err := os.ReadFile("data/README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(raw), "```csv\n")
	block, _, ok2 := strings.Cut(block, "```")
	if !ok || !ok2 {
		t.Fatal("no csv example in the README")
	}
	p, err := WithOverlay(strings.NewReader(block), "README.md")
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := p.ProvinceSupportShare(mp("2026-01")); s != 100_000 {
		t.Errorf("share %s", s)
	}
	if s, _ := p.ProvinceSupportShare(mp("2025-12")); s != 0 {
		t.Errorf("share before 2026: %s", s)
	}
	got, err := p.LateInterest(1_000_000, md("2024-06-30"), md("2024-09-15"))
	if err != nil || got.Interest != 20_000 { // charged on 1 Aug and 1 Sep: 1,000,000 × 2 × 12% ÷ 12
		t.Errorf("L2014 interest %+v %v", got.Interest, err)
	}
}
