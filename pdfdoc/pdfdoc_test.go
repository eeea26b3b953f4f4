package pdfdoc

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func TestVietnameseTextRoundTrip(t *testing.T) {
	pdf := New("")
	pdf.AddPage()
	pdf.SetFont(Font, "B", 14)
	pdf.Cell(0, 10, "Thông báo kết quả đóng BHXH, BHYT, BHTN")
	pdf.Ln(12)
	pdf.SetFont(Font, "", 10)
	pdf.Cell(0, 8, "Số tiền phải đóng: 1.234.567 đ — Phường Đa Mai, tỉnh Bắc Ninh")
	b, err := Bytes(pdf)
	if err != nil {
		t.Fatal(err)
	}
	text, err := Text(b)
	if errors.Is(err, ErrNoPdftotext) && os.Getenv("CI") == "" {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Thông báo kết quả đóng BHXH", "1.234.567 đ", "Phường Đa Mai, tỉnh Bắc Ninh"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q:\n%s", want, text)
		}
	}
	if n, err := Pages(b); err != nil || n != 1 {
		t.Errorf("pages = %d, %v", n, err)
	}
}
