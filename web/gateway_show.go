package web

import (
	"context"
	"net/http"

	"ansinh/auth"
	"ansinh/collection"
)

// gatewayPage is the payment gateway's confirmation page.
type gatewayPage struct {
	Page
	Order collection.PaymentOrder
}

// ownOrder returns the order if the caller created it, else ErrNotFound.
func (s *Server) ownOrder(ctx context.Context, id string) (collection.PaymentOrder, error) {
	o, err := s.coll.FindPaymentOrder(ctx, id)
	if err != nil {
		return o, err
	}
	if o.UserID != auth.From(ctx).UserID {
		return collection.PaymentOrder{}, collection.ErrNoOrder
	}
	return o, nil
}

// showGateway shows the gateway's page for an order of the caller.
func (s *Server) showGateway(w http.ResponseWriter, r *http.Request) {
	o, err := s.ownOrder(r.Context(), r.PathValue("order"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if o.Status == "paid" {
		redirect(w, r, "/payments/"+o.ID)
		return
	}
	s.render(w, r, http.StatusOK, "gateway", &gatewayPage{Page: s.page(w, r, "gateway.title"), Order: o})
}
