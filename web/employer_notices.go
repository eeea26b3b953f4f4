package web

import (
	"net/http"
)

// employerNoticesPage is the employer's notices (form C12), each to
// download as PDF, with its balance now.
type employerNoticesPage struct {
	Page
	Payer      string
	Collection payerView
	ExportURL  string
}

// showEmployerNotices lists the signed-in employer's notices (or exports
// them as XLSX).
func (s *Server) showEmployerNotices(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	e, _, err := s.ownEmployer(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg := &employerNoticesPage{Page: s.page(w, r, "notices.title"), Payer: e.TaxCode, ExportURL: exportURL(r.URL)}
	if pg.Collection, err = s.payerView(ctx, e.TaxCode); err != nil {
		s.fail(w, r, err)
		return
	}
	if wantsXLSX(r) {
		s.writeXLSX(w, r, "thong-bao-"+e.TaxCode, noticesSheet(e.TaxCode, pg.Collection.Notices, pg.Lang),
			debtsSheet(e.TaxCode, pg.Collection.Balance.Debts, pg.Lang))
		return
	}
	s.render(w, r, http.StatusOK, "employer_notices", pg)
}

// showOwnNoticePDF downloads one of the signed-in employer's notices.
func (s *Server) showOwnNoticePDF(w http.ResponseWriter, r *http.Request) {
	e, _, err := s.ownEmployer(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.sendNoticePDF(w, r, e.TaxCode)
}
