package web

import (
	"net/http"

	"ansinh/collection"
)

// paymentPage is an order's outcome, with the survey once it is paid.
type paymentPage struct {
	Page
	Order  collection.PaymentOrder
	Survey bool
}

// showPayment shows one of the caller's orders.
func (s *Server) showPayment(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	o, err := s.ownOrder(ctx, r.PathValue("order"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg := &paymentPage{Page: s.page(w, r, "payment.title"), Order: o}
	if proc, err := s.reg.FindProcedure(ctx, o.ProcedureID, o.UserID); err == nil {
		pg.Survey = proc.Status == "completed" && proc.Score == 0
	}
	s.render(w, r, http.StatusOK, "payment", pg)
}
