package web

import "net/http"

// confirmGateway is the payer confirming on the gateway's page: the gateway
// notifies AnSinh (the signed callback, delivered here in process) and
// returns the browser to the payment's page. Confirming twice records one
// payment.
func (s *Server) confirmGateway(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	o, err := s.ownOrder(ctx, r.PathValue("order"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c := SignGatewayCallback(s.secret, GatewayCallback{OrderID: o.ID, Amount: o.Amount, GatewayRef: s.gatewayRef(o.ID)})
	if _, _, err := s.acceptCallback(ctx, c); err != nil {
		s.fail(w, r, err)
		return
	}
	redirect(w, r, "/payments/"+o.ID)
}
