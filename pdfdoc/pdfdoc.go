// Package pdfdoc makes the PDF documents AnSinh prints (payment notices,
// reports) with an embedded Unicode font, so that Vietnamese text with full
// diacritics prints the same on every machine, and reads their text back for
// tests.
//
// The font is DejaVu Sans (fonts/, its licence in fonts/LICENSE: the Bitstream
// Vera licence and public-domain changes, free to embed and redistribute).
package pdfdoc

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"os/exec"

	"github.com/go-pdf/fpdf"
)

//go:embed fonts/DejaVuSans.ttf
var regular []byte

//go:embed fonts/DejaVuSans-Bold.ttf
var bold []byte

// Font is the family name under which New registers the embedded font, in
// styles "" (regular) and "B" (bold).
const Font = "DejaVu"

// New returns an A4 portrait document in millimetres with the embedded font
// registered and selected at 10 pt, and a fixed creation date so that the
// same content gives the same bytes.
func New(orientation string) *fpdf.Fpdf {
	if orientation == "" {
		orientation = "P"
	}
	pdf := fpdf.New(orientation, "mm", "A4", "")
	pdf.AddUTF8FontFromBytes(Font, "", regular)
	pdf.AddUTF8FontFromBytes(Font, "B", bold)
	pdf.SetFont(Font, "", 10)
	pdf.SetCreator("AnSinh", true)
	pdf.SetCompression(true)
	return pdf
}

// Bytes renders the document.
func Bytes(pdf *fpdf.Fpdf) ([]byte, error) {
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ErrNoPdftotext is returned by Text when poppler's pdftotext is not
// installed (Debian package poppler-utils).
var ErrNoPdftotext = errors.New("pdftotext not installed (Debian package poppler-utils)")

// Text extracts the text of a PDF with poppler's pdftotext, keeping the
// layout, so that tests can read back what a document says.
func Text(pdf []byte) (string, error) {
	path, err := exec.LookPath("pdftotext")
	if err != nil {
		return "", ErrNoPdftotext
	}
	cmd := exec.Command(path, "-layout", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("pdftotext: %v: %s", err, stderr.String())
	}
	return out.String(), nil
}

// Pages returns the number of pages of a PDF, read with poppler's pdfinfo.
func Pages(pdf []byte) (int, error) {
	path, err := exec.LookPath("pdfinfo")
	if err != nil {
		return 0, ErrNoPdftotext
	}
	cmd := exec.Command(path, "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		return 0, fmt.Errorf("pdfinfo: %w", err)
	}
	var n int
	for _, line := range bytes.Split(out, []byte("\n")) {
		if bytes.HasPrefix(line, []byte("Pages:")) {
			fmt.Sscanf(string(bytes.TrimSpace(line[6:])), "%d", &n)
		}
	}
	return n, nil
}
