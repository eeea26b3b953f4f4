package web

import (
	"crypto/rand"
	"encoding/hex"
	"math"
	"net/http"
	"strings"

	"ansinh"
	"ansinh/auth"
	"ansinh/collection"
)

// submitPay creates a payment order for the caller and sends the browser
// to the payment gateway.
func (s *Server) submitPay(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := auth.From(ctx)
	amount, ok := parseMoney(r.PostFormValue("amount"))
	bound := collection.CheckAmount("amount", amount)
	if !ok && tooLarge(r.PostFormValue("amount")) {
		ok, bound = true, collection.CheckAmount("amount", math.MaxInt64)
	}
	if !ok || bound != nil {
		pg, err := s.payPage(w, r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		pg.Amount = r.PostFormValue("amount")
		pg.Errors["amount"] = translate(pg.Lang, "pay.err.amount")
		if ok { // a number, out of bounds: say which
			pg.Errors["amount"] = ansinh.ErrorMessage(bound, pg.Lang)
		}
		s.render(w, r, http.StatusBadRequest, "pay", pg)
		return
	}
	purpose := "voluntary"
	if p.Is(auth.Employer) {
		purpose = "contributions"
	}
	o, err := collection.CreatePaymentOrder(ctx, s.coll, collection.PaymentOrder{ID: newOrderID(s.today()), Payer: p.ScopeValue(), Amount: amount,
		Purpose: purpose, UserID: p.UserID}, p.Actor())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	redirect(w, r, "/gateway/pay/"+o.ID)
}

// tooLarge reports an amount typed as digits (with or without separators)
// too large for an int64.
func tooLarge(s string) bool {
	s = strings.NewReplacer(".", "", ",", "", " ", "", "đ", "").Replace(strings.TrimSpace(s))
	return len(s) > 18 && strings.Trim(s, "0123456789") == ""
}

// newOrderID returns a new order number: "TT", the day, and 8 random hex
// digits.
func newOrderID(day ansinh.Date) string {
	var b [4]byte
	rand.Read(b[:])
	return "TT" + strings.ReplaceAll(day.String(), "-", "") + strings.ToUpper(hex.EncodeToString(b[:]))
}
