package web

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"ansinh"
	"ansinh/collection"
)

// The simulated payment gateway. A real gateway has its own site and
// servers; this one lives under /gateway/ so that the whole procedure can
// be carried out (and tested) end to end: the payer confirms on the
// gateway's page, and the gateway notifies AnSinh with a signed callback,
// which may arrive more than once and records one payment.

// GatewayCallback is the gateway's notification that an order was paid.
type GatewayCallback struct {
	OrderID    string       `json:"order_id"`
	Amount     ansinh.Money `json:"amount"`
	GatewayRef string       `json:"gateway_ref"`
	Signature  string       `json:"signature"` // hex HMAC-SHA256 of "order_id|amount|gateway_ref"
}

// errBadSignature is returned for a callback whose signature is wrong.
var errBadSignature = &ansinh.Error{Code: ansinh.EFORBIDDEN,
	Message: "Chữ ký của cổng thanh toán không hợp lệ.", MessageEN: "The gateway's signature is not valid."}

// SignGatewayCallback returns c signed with the gateway's secret.
func SignGatewayCallback(secret []byte, c GatewayCallback) GatewayCallback {
	c.Signature = hex.EncodeToString(gatewayMAC(secret, c))
	return c
}

func gatewayMAC(secret []byte, c GatewayCallback) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(c.OrderID + "|" + strconv.FormatInt(c.Amount, 10) + "|" + c.GatewayRef))
	return m.Sum(nil)
}

// gatewayRef is the gateway's transaction number for an order: the same
// for every confirmation of the order, as a gateway keeps one transaction.
func (s *Server) gatewayRef(order string) string {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte("ref|" + order))
	return "GW" + strings.ToUpper(hex.EncodeToString(m.Sum(nil))[:12])
}

// acceptCallback checks a callback's signature and records the payment; it
// reports whether this call recorded it (false for a repeated callback).
func (s *Server) acceptCallback(ctx context.Context, c GatewayCallback) (collection.PaymentOrder, bool, error) {
	if err := collection.CheckAmount("amount", c.Amount); err != nil {
		return collection.PaymentOrder{}, false, err
	}
	sig, err := hex.DecodeString(c.Signature)
	if err != nil || !hmac.Equal(sig, gatewayMAC(s.secret, c)) {
		return collection.PaymentOrder{}, false, errBadSignature
	}
	return s.coll.ConfirmPayment(ctx, c.OrderID, c.GatewayRef, c.Amount, s.today(), "gateway")
}
