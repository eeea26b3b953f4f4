package benefits

import (
	"fmt"
	"io"
	"strings"

	"ansinh"
	"ansinh/pdfdoc"

	"github.com/go-pdf/fpdf"
)

// kindTitleVI names a kind of claim in a decision's title.
var kindTitleVI = map[Kind]string{
	KindPension:    "hưởng lương hưu hằng tháng",
	KindWithdrawal: "hưởng bảo hiểm xã hội một lần",
	KindUI:         "hưởng trợ cấp thất nghiệp",
	KindSocial:     "hưởng trợ cấp hưu trí xã hội",
}

// RenderDecision writes the claim's decision document (Vietnamese, PDF) to
// w: the decision, every figure, and each figure's rule and legal basis. It
// is dated the decision's day in Vietnam (never the wall clock).
func RenderDecision(w io.Writer, c Claim) error {
	if c.Status != StatusApproved && c.Status != StatusRejected && c.Status != StatusInPayment && c.Status != StatusStopped {
		return errStatus(c.Status)
	}
	pdf := pdfdoc.New("P")
	day := ansinh.Today(c.DecidedAt)
	pdf.SetCreationDate(day.Time())
	pdf.SetModificationDate(day.Time())
	pdf.SetMargins(18, 15, 18)
	pdf.SetAutoPageBreak(true, 15)
	pdf.AddPage()
	decisionHeader(pdf, c, day)
	decisionFigures(pdf, c)
	decisionBasis(pdf, c)
	pdf.Ln(4)
	pdf.SetFont(pdfdoc.Font, "", 9)
	pdf.MultiCell(0, 5, fmt.Sprintf("Người kiểm tra: %s. Người phê duyệt: %s. Nộp ngày %s (%s), quyết định ngày %s.",
		c.CheckedBy, c.DecidedBy, ansinh.Today(c.FiledAt).Display(), channelVI(c.Channel), day.Display()), "", "L", false)
	b, err := pdfdoc.Bytes(pdf)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// channelVI names a channel.
func channelVI(ch Channel) string {
	if ch == ChannelOnline {
		return "trực tuyến"
	}
	return "tại quầy"
}

// decisionHeader prints the heading and the decision.
func decisionHeader(pdf *fpdf.Fpdf, c Claim, day ansinh.Date) {
	pdf.SetFont(pdfdoc.Font, "B", 10)
	pdf.CellFormat(90, 5, "BẢO HIỂM XÃ HỘI TỈNH", "", 0, "L", false, 0, "")
	pdf.CellFormat(84, 5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "", 1, "R", false, 0, "")
	pdf.SetFont(pdfdoc.Font, "", 9)
	pdf.CellFormat(90, 5, fmt.Sprintf("Số: %d/QĐ-BHXH", c.ID), "", 0, "L", false, 0, "")
	pdf.CellFormat(84, 5, "Độc lập - Tự do - Hạnh phúc", "", 1, "R", false, 0, "")
	pdf.Ln(6)
	pdf.SetFont(pdfdoc.Font, "B", 13)
	pdf.CellFormat(0, 7, "QUYẾT ĐỊNH", "", 1, "C", false, 0, "")
	pdf.SetFont(pdfdoc.Font, "B", 11)
	verb := "Về việc " + kindTitleVI[c.Kind]
	pdf.CellFormat(0, 6, verb, "", 1, "C", false, 0, "")
	pdf.Ln(4)
	pdf.SetFont(pdfdoc.Font, "", 10)
	pdf.MultiCell(0, 6, fmt.Sprintf("Họ và tên: %s. Mã định danh: %s.", c.PersonName, c.PersonID), "", "L", false)
	pdf.SetFont(pdfdoc.Font, "B", 10)
	if c.Status == StatusRejected {
		pdf.MultiCell(0, 6, "Điều 1. Không giải quyết hồ sơ. Lý do: "+c.Reason, "", "L", false)
		return
	}
	text := fmt.Sprintf("Điều 1. Giải quyết %s từ tháng %02d/%d.", kindTitleVI[c.Kind], c.Start.Month(), c.Start.Year())
	if c.Monthly > 0 {
		text += " Mức hưởng hằng tháng: " + ansinh.FormatMoney(c.Monthly) + "."
	}
	if c.LumpSum > 0 {
		text += " Số tiền một lần: " + ansinh.FormatMoney(c.LumpSum) + "."
	}
	if !c.End.IsZero() {
		text += fmt.Sprintf(" Hưởng đến hết tháng %02d/%d.", c.End.Month(), c.End.Year())
	}
	pdf.MultiCell(0, 6, text, "", "L", false)
}

// decisionFigures prints the table of figures.
func decisionFigures(pdf *fpdf.Fpdf, c Claim) {
	pdf.Ln(3)
	pdf.SetFont(pdfdoc.Font, "B", 10)
	pdf.CellFormat(0, 6, "Điều 2. Các số liệu làm căn cứ", "", 1, "L", false, 0, "")
	pdf.SetFillColor(235, 235, 235)
	pdf.CellFormat(114, 7, "Chỉ tiêu", "1", 0, "L", true, 0, "")
	pdf.CellFormat(60, 7, "Giá trị", "1", 1, "R", true, 0, "")
	pdf.SetFont(pdfdoc.Font, "", 9)
	for _, f := range c.Assessment.Figures {
		pdf.CellFormat(114, 6, f.Label, "1", 0, "L", false, 0, "")
		pdf.CellFormat(60, 6, f.Value, "1", 1, "R", false, 0, "")
	}
}

// decisionBasis prints each figure's rule and legal basis, and warnings.
func decisionBasis(pdf *fpdf.Fpdf, c Claim) {
	pdf.Ln(3)
	pdf.SetFont(pdfdoc.Font, "B", 10)
	pdf.CellFormat(0, 6, "Điều 3. Cách tính và căn cứ pháp lý", "", 1, "L", false, 0, "")
	for _, x := range c.Assessment.Explained.Explain {
		var src []string
		for _, p := range x.Params {
			s := p.Source
			if p.Unconfirmed {
				s += " (chưa xác nhận)"
			}
			src = append(src, s)
		}
		pdf.SetFont(pdfdoc.Font, "", 9)
		pdf.MultiCell(0, 5, fmt.Sprintf("• %s = %s: %s. Căn cứ: %s.", x.Figure, x.Value, x.Rule, strings.Join(dedupe(src), "; ")), "", "L", false)
	}
	for _, w := range c.Assessment.Explained.Warnings {
		pdf.MultiCell(0, 5, "Lưu ý: "+w.Message, "", "L", false)
	}
}

// dedupe drops repeated strings, keeping the first.
func dedupe(ss []string) []string {
	seen := map[string]bool{}
	out := ss[:0]
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
