package web

import (
	"encoding/json"
	"net/http"

	"ansinh/auth"
)

// gatewayCallbackReply is the answer to the gateway.
type gatewayCallbackReply struct {
	Status   string `json:"status"`   // "ok"
	Recorded bool   `json:"recorded"` // false when the payment was already recorded
}

// gatewayCallback receives the gateway's signed notification, server to
// server. It may arrive twice: the payment is recorded once, and both
// arrivals are answered "ok".
func (s *Server) gatewayCallback(w http.ResponseWriter, r *http.Request) {
	var c GatewayCallback
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		auth.WriteJSONError(w, errBadSignature)
		return
	}
	_, recorded, err := s.acceptCallback(r.Context(), c)
	if err != nil {
		if auth.HTTPStatus(err) == http.StatusInternalServerError {
			s.log.Error("gateway callback", "order", c.OrderID, "err", err)
		}
		auth.WriteJSONError(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	json.NewEncoder(w).Encode(gatewayCallbackReply{Status: "ok", Recorded: recorded})
}
