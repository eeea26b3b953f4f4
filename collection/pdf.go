package collection

import (
	"context"
	"fmt"
	"io"

	"ansinh"
	"ansinh/pdfdoc"
	"ansinh/rules"

	"github.com/go-pdf/fpdf"
)

// NoticeDocument is what the printed notice of an employer shows.
type NoticeDocument struct {
	Notice
	Name      string      // the employer's name
	Commune   string      // its commune's name
	Deadline  ansinh.Date // the deadline of the month's contributions
	IssuedOn  ansinh.Date // the close's last day (the notice's date)
	Debts     []Debt
	Employees int64 // workers assessed for the month
}

// FindNoticeDocument gathers the printed notice of an employer for a closed
// month, or ErrNoNotice.
func FindNoticeDocument(ctx context.Context, s Store, p *rules.Params, taxCode string, period ansinh.Period) (NoticeDocument, error) {
	if p == nil {
		p = rules.Default()
	}
	n, err := s.FindNotice(ctx, taxCode, period)
	if err != nil {
		return NoticeDocument{}, err
	}
	d := NoticeDocument{Notice: n, IssuedOn: period.Last()}
	if d.Name, d.Commune, d.Employees, err = s.NoticeHeading(ctx, taxCode, period); err != nil {
		return d, err
	}
	if d.Deadline, err = p.Deadline(period); err != nil {
		return d, err
	}
	d.Debts, err = Debts(ctx, s, taxCode, period)
	return d, err
}

// statusVI names a status in Vietnamese.
var statusVI = map[string]string{"current": "Đóng đúng hạn", "late": "Chậm đóng", "evasion": "Trốn đóng"}

// money writes an amount as "1.234.567 đ".
func money(m int64) string { return ansinh.FormatMoney(m) }

// RenderNotice writes the one-page Vietnamese notice (after form C12-TS) as
// a PDF to w, dated the close's last day (never the wall clock).
func RenderNotice(w io.Writer, d NoticeDocument) error {
	pdf := pdfdoc.New("P")
	pdf.SetCreationDate(d.IssuedOn.Time()) // the notice's own date: the same notice, the same bytes
	pdf.SetModificationDate(d.IssuedOn.Time())
	pdf.SetMargins(18, 15, 18)
	pdf.SetAutoPageBreak(false, 10)
	pdf.AddPage()
	noticeHeader(pdf, d)
	noticeAmounts(pdf, d)
	noticeDebts(pdf, d)
	noticeFooter(pdf, d)
	b, err := pdfdoc.Bytes(pdf)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// noticeLine writes one labelled line of the notice.
func noticeLine(pdf *fpdf.Fpdf, label, value string) {
	pdf.SetFont(pdfdoc.Font, "", 10)
	pdf.CellFormat(55, 6, label, "", 0, "L", false, 0, "")
	pdf.SetFont(pdfdoc.Font, "B", 10)
	pdf.CellFormat(0, 6, value, "", 1, "L", false, 0, "")
}

// noticeHeader writes the notice's heading and the employer.
func noticeHeader(pdf *fpdf.Fpdf, d NoticeDocument) {
	pdf.SetFont(pdfdoc.Font, "B", 10)
	pdf.CellFormat(90, 5, "BẢO HIỂM XÃ HỘI TỈNH", "", 0, "L", false, 0, "")
	pdf.CellFormat(84, 5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "", 1, "R", false, 0, "")
	pdf.SetFont(pdfdoc.Font, "", 9)
	pdf.CellFormat(90, 5, "Mẫu C12-TS", "", 0, "L", false, 0, "")
	pdf.CellFormat(84, 5, "Độc lập - Tự do - Hạnh phúc", "", 1, "R", false, 0, "")
	pdf.Ln(6)
	pdf.SetFont(pdfdoc.Font, "B", 13)
	pdf.CellFormat(0, 7, "THÔNG BÁO KẾT QUẢ ĐÓNG BHXH, BHYT, BHTN", "", 1, "C", false, 0, "")
	pdf.SetFont(pdfdoc.Font, "", 10)
	pdf.CellFormat(0, 6, fmt.Sprintf("Tháng %02d năm %d", d.Period.Month(), d.Period.Year()), "", 1, "C", false, 0, "")
	pdf.Ln(4)
	noticeLine(pdf, "Đơn vị:", d.Name)
	noticeLine(pdf, "Mã số thuế:", d.Payer)
	noticeLine(pdf, "Địa chỉ:", d.Commune)
	noticeLine(pdf, "Số lao động tham gia:", fmt.Sprintf("%d người", d.Employees))
	noticeLine(pdf, "Hạn đóng tiền tháng này:", d.Deadline.Display())
	pdf.Ln(3)
}

// noticeAmounts writes the table of the month's amounts and the standing.
func noticeAmounts(pdf *fpdf.Fpdf, d NoticeDocument) {
	rows := []struct {
		label string
		v     int64
	}{
		{"1. Số dư đầu kỳ (+ còn nợ / − thừa)", d.OpeningBalance},
		{"2. Phải đóng phát sinh trong tháng", d.Assessed},
		{"3. Phải đóng truy thu (kê khai chậm)", d.Retroactive},
		{"4. Lãi chậm đóng tính trong tháng", d.Interest},
		{"5. Số tiền đã nộp trong tháng", d.Paid},
		{"6. Số dư cuối kỳ (1 + 2 + 3 + 4 − 5)", d.ClosingBalance},
		{"   trong đó: đã quá hạn đóng", d.Overdue},
	}
	pdf.SetFillColor(235, 235, 235)
	pdf.SetFont(pdfdoc.Font, "B", 10)
	pdf.CellFormat(120, 7, "Chỉ tiêu", "1", 0, "L", true, 0, "")
	pdf.CellFormat(54, 7, "Số tiền", "1", 1, "R", true, 0, "")
	for _, r := range rows {
		pdf.SetFont(pdfdoc.Font, "", 10)
		if r.label[0] == '6' {
			pdf.SetFont(pdfdoc.Font, "B", 10)
		}
		pdf.CellFormat(120, 7, r.label, "1", 0, "L", false, 0, "")
		pdf.CellFormat(54, 7, money(r.v), "1", 1, "R", false, 0, "")
	}
	pdf.Ln(3)
	noticeLine(pdf, "Số tháng chậm đóng:", fmt.Sprintf("%d", d.MonthsOverdue))
	noticeLine(pdf, "Tình trạng:", statusVI[d.Status])
	if d.ClosingBalance < 0 {
		noticeLine(pdf, "Số tiền thừa chuyển kỳ sau:", money(-d.ClosingBalance))
	}
}

// noticeDebts writes the months still owed (the latest 14 the page holds).
func noticeDebts(pdf *fpdf.Fpdf, d NoticeDocument) {
	if len(d.Debts) == 0 {
		return
	}
	pdf.Ln(3)
	pdf.SetFont(pdfdoc.Font, "B", 10)
	pdf.CellFormat(0, 6, "Chi tiết số còn phải đóng", "", 1, "L", false, 0, "")
	pdf.SetFont(pdfdoc.Font, "B", 9)
	for _, h := range []struct {
		w float64
		s string
	}{{30, "Tháng"}, {30, "Hạn đóng"}, {40, "Tiền đóng"}, {40, "Tiền lãi"}, {34, "Quá hạn"}} {
		pdf.CellFormat(h.w, 6, h.s, "1", 0, "C", true, 0, "")
	}
	pdf.Ln(-1)
	pdf.SetFont(pdfdoc.Font, "", 9)
	shown := d.Debts
	if len(shown) > 14 {
		shown = shown[len(shown)-14:] // the page holds the latest months; the balance counts them all
	}
	for _, x := range shown {
		age := "chưa đến hạn"
		if x.Bucket != "" {
			age = fmt.Sprintf("%d tháng", x.MonthsOverdue)
		}
		pdf.CellFormat(30, 6, fmt.Sprintf("%02d/%d", x.Period.Month(), x.Period.Year()), "1", 0, "C", false, 0, "")
		pdf.CellFormat(30, 6, x.Due.Display(), "1", 0, "C", false, 0, "")
		pdf.CellFormat(40, 6, money(x.Principal), "1", 0, "R", false, 0, "")
		pdf.CellFormat(40, 6, money(x.Interest), "1", 0, "R", false, 0, "")
		pdf.CellFormat(34, 6, age, "1", 1, "C", false, 0, "")
	}
}

// noticeFooter writes the notes, the date and the signature.
func noticeFooter(pdf *fpdf.Fpdf, d NoticeDocument) {
	pdf.Ln(4)
	pdf.SetFont(pdfdoc.Font, "", 8)
	notes := []string{
		"Tiền nộp được phân bổ cho tháng nợ cũ nhất trước: tiền lãi của tháng đó rồi đến tiền đóng; số thừa chuyển kỳ sau.",
		"Lãi chậm đóng 0,03%/ngày trên số tiền chậm đóng từ ngày 01/07/2025 (Luật BHXH 2024, Điều 40), tính từ ngày sau hạn đóng đến hết ngày nộp.",
	}
	if d.UnratedDays > 0 {
		notes = append(notes, fmt.Sprintf("Có %d ngày chậm đóng trước 01/07/2025 chưa tính lãi: tỉnh chưa nạp lãi suất theo Luật BHXH 2014.", d.UnratedDays))
	}
	for _, s := range notes {
		pdf.MultiCell(0, 4, s, "", "L", false)
	}
	pdf.Ln(4)
	pdf.SetFont(pdfdoc.Font, "", 10)
	pdf.CellFormat(0, 6, fmt.Sprintf("Ngày %s", d.IssuedOn.Display()), "", 1, "R", false, 0, "")
	pdf.SetFont(pdfdoc.Font, "B", 10)
	pdf.CellFormat(0, 6, "GIÁM ĐỐC BẢO HIỂM XÃ HỘI TỈNH", "", 1, "R", false, 0, "")
}

// WriteNoticePDF renders the notice of an employer for a closed month.
func WriteNoticePDF(ctx context.Context, s Store, p *rules.Params, taxCode string, period ansinh.Period, w io.Writer) error {
	d, err := FindNoticeDocument(ctx, s, p, taxCode, period)
	if err != nil {
		return err
	}
	return RenderNotice(w, d)
}
