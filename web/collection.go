package web

import (
	"bytes"
	"context"
	"net/http"
	"slices"

	"ansinh"
	"ansinh/collection"
	"ansinh/rules"
)

// payerView is a payer's position in the monthly close (package
// collection): its balance now, its notices, and what it owes by age.
type payerView struct {
	// Closed is false until a month is closed: there is no notice yet.
	Closed  bool
	Balance collection.Balance
	Notices []collection.Notice
	// Aging sums the debts by age bucket (collection.Buckets), oldest
	// last; Overdue adds them up.
	Aging   []agingRow
	Overdue int64
}

// agingRow is what a payer owes in one age bucket.
type agingRow struct {
	Bucket    string
	Months    int // debts (months owed) in the bucket
	Principal int64
	Interest  int64
}

// Total returns principal and interest.
func (a agingRow) Total() int64 { return a.Principal + a.Interest }

// payerView reads a payer's balance, notices and debts. The caller has
// checked that the payer is within its scope.
func (s *Server) payerView(ctx context.Context, payer string) (payerView, error) {
	var v payerView
	var err error
	if v.Balance, err = collection.PayerBalance(ctx, s.coll, payer); err != nil {
		return v, err
	}
	v.Closed = !v.Balance.AsOf.IsZero()
	if v.Notices, err = collection.NoticesOf(ctx, s.coll, payer); err != nil {
		return v, err
	}
	by := map[string]*agingRow{}
	for _, d := range v.Balance.Debts {
		if d.Bucket == "" {
			continue // not yet due
		}
		a := by[d.Bucket]
		if a == nil {
			a = &agingRow{Bucket: d.Bucket}
			by[d.Bucket] = a
		}
		a.Months++
		a.Principal += d.Principal
		a.Interest += d.Interest
		v.Overdue += d.Principal + d.Interest
	}
	for _, b := range collection.Buckets {
		if a := by[b]; a != nil {
			v.Aging = append(v.Aging, *a)
		}
	}
	return v, nil
}

// params returns the legal parameters of printed notices.
func (s *Server) params() *rules.Params {
	if s.cfg.Params != nil {
		return s.cfg.Params
	}
	return rules.Default()
}

// sendNoticePDF answers with the printed notice (form C12) of an employer
// for a month, which must have a notice.
func (s *Server) sendNoticePDF(w http.ResponseWriter, r *http.Request, tax string) {
	period, err := ansinh.ParsePeriod(r.PathValue("period"))
	if err != nil {
		s.fail(w, r, collection.ErrNoNotice)
		return
	}
	var buf bytes.Buffer
	if err := collection.WriteNoticePDF(r.Context(), s.coll, s.params(), tax, period, &buf); err != nil {
		s.fail(w, r, err)
		return
	}
	sendFile(w, "thong-bao-C12-"+tax+"-"+period.String()+".pdf", "application/pdf", buf.Bytes())
}

// showEmployerNoticePDF is an officer's download of an employer's notice:
// the employer must be within the caller's scope.
func (s *Server) showEmployerNoticePDF(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	scope, err := s.scope(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	e, err := s.reg.FindEmployer(ctx, r.PathValue("tax"), scope)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.sendNoticePDF(w, r, e.TaxCode)
}

// noticesSheet is a payer's notices as a sheet.
func noticesSheet(tax string, notices []collection.Notice, lang string) sheet {
	sh := sheet{Name: "notices.title", Columns: []string{"employer.tax_code", "notice.period", "notice.opening", "notice.assessed",
		"notice.retroactive", "notice.interest", "notice.paid", "notice.closing", "notice.overdue", "notice.months_overdue", "notice.status"}}
	for _, n := range notices {
		sh.add(tax, n.Period, n.OpeningBalance, n.Assessed, n.Retroactive, n.Interest, n.Paid, n.ClosingBalance, n.Overdue,
			n.MonthsOverdue, label(lang, "standing", n.Status))
	}
	return sh
}

// debtsSheet is a payer's debts as a sheet.
func debtsSheet(tax string, debts []collection.Debt, lang string) sheet {
	sh := sheet{Name: "debts.title", Columns: []string{"employer.tax_code", "debt.period", "debt.billed_in", "debt.due", "debt.principal",
		"debt.interest", "debt.months_overdue", "arrears.bucket"}}
	for _, d := range debts {
		sh.add(tax, d.Period, d.BilledIn, d.Due, d.Principal, d.Interest, d.MonthsOverdue, bucketLabel(lang, d.Bucket))
	}
	return sh
}

// bucketLabel names an age bucket ("" : not yet due).
func bucketLabel(lang, b string) string {
	if b == "" {
		return translate(lang, "arrears.not_due")
	}
	return label(lang, "bucket", b)
}

// validBucket reports whether b is an age bucket.
func validBucket(b string) bool { return slices.Contains(collection.Buckets, b) }
