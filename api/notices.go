package api

import (
	"net/http"

	"ansinh/auth"
	"ansinh/collection"
)

// Notices is an employer's position in the monthly close: its balance now,
// its notices (form C12), newest first, and the months it still owes.
type Notices struct {
	TaxCode string   `json:"tax_code"`
	Balance Balance  `json:"balance"`
	Notices []Notice `json:"notices"`
	Debts   []Debt   `json:"debts"`
}

// Balance is what a payer owes now: the closing balance of its last
// notice less the payments recorded since (negative: a credit).
type Balance struct {
	AsOf          *string `json:"as_of"` // the last closed month, null before any close
	Closing       int64   `json:"closing"`
	PaidSince     int64   `json:"paid_since"`
	Current       int64   `json:"current"`
	Status        string  `json:"status"`
	MonthsOverdue int     `json:"months_overdue"`
}

// Notice is one month's notice.
type Notice struct {
	Period         string `json:"period"`
	OpeningBalance int64  `json:"opening_balance"`
	Assessed       int64  `json:"assessed"`
	Retroactive    int64  `json:"retroactive"`
	Interest       int64  `json:"interest"`
	Paid           int64  `json:"paid"`
	ClosingBalance int64  `json:"closing_balance"`
	Overdue        int64  `json:"overdue"`
	MonthsOverdue  int    `json:"months_overdue"`
	Status         string `json:"status"`
}

// Debt is a month still owed after the last close.
type Debt struct {
	Period        string `json:"period"`
	BilledIn      string `json:"billed_in"`
	Due           string `json:"due"`
	Principal     int64  `json:"principal"`
	Interest      int64  `json:"interest"`
	MonthsOverdue int    `json:"months_overdue"`
	Bucket        string `json:"bucket,omitempty"` // "" while not yet due
}

// notices returns an employer's balance, notices and debts, within the
// caller's scope; the read is audited.
func (a *API) notices(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	scope, err := a.scope(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	e, err := a.reg.FindEmployer(ctx, r.PathValue("tax"), scope)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	bal, err := collection.PayerBalance(ctx, a.coll, e.TaxCode)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	ns, err := collection.NoticesOf(ctx, a.coll, e.TaxCode)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if err := auth.Audit(ctx, a.audit, "employer.notices.read", "employer:"+e.TaxCode, "api"); err != nil {
		a.fail(w, r, err)
		return
	}
	out := Notices{TaxCode: e.TaxCode, Notices: []Notice{}, Debts: []Debt{},
		Balance: Balance{AsOf: month(bal.AsOf), Closing: bal.Closing, PaidSince: bal.PaidSince, Current: bal.Current,
			Status: bal.Status, MonthsOverdue: bal.MonthsOverdue}}
	for _, n := range ns {
		out.Notices = append(out.Notices, Notice{Period: n.Period.String(), OpeningBalance: n.OpeningBalance, Assessed: n.Assessed,
			Retroactive: n.Retroactive, Interest: n.Interest, Paid: n.Paid, ClosingBalance: n.ClosingBalance, Overdue: n.Overdue,
			MonthsOverdue: n.MonthsOverdue, Status: n.Status})
	}
	for _, d := range bal.Debts {
		out.Debts = append(out.Debts, Debt{Period: d.Period.String(), BilledIn: d.BilledIn.String(), Due: d.Due.String(),
			Principal: d.Principal, Interest: d.Interest, MonthsOverdue: d.MonthsOverdue, Bucket: d.Bucket})
	}
	writeJSON(w, http.StatusOK, out)
}
