package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"ansinh"
	"ansinh/auth"
	"ansinh/compliance"
)

// casePage is an inspection case: its employer, status, inspector, the
// findings with their evidence, the result, the history, and the forms
// that work it (assignment for the province, transitions and the result
// for the province and the assigned inspector).
type casePage struct {
	Page
	Case       compliance.CaseDetail
	Findings   []findingView
	Next       []compliance.Status
	MayWork    bool
	MayAssign  bool
	Inspectors []auth.User
	Result     resultForm
	Errors     map[string]string
	ExportURL  string
}

// findingView is a finding with what its evidence says in words.
type findingView struct {
	compliance.Finding
	Summary string
	Basis   string
	Factors []scoreFactor
	// MonthsText lists the finding's months of every match, as runs of
	// mm/yyyy.
	MonthsText string
}

// monthsText writes months as runs: "01/2024–09/2024, 12/2024".
func monthsText(ms []compliance.MonthStake) string {
	var parts []string
	mmyyyy := func(p ansinh.Period) string { return fmt.Sprintf("%02d/%d", p.Month(), p.Year()) }
	for i := 0; i < len(ms); {
		j := i
		for j+1 < len(ms) && ms[j+1].Month == ms[j].Month.Add(1) {
			j++
		}
		if j == i {
			parts = append(parts, mmyyyy(ms[i].Month))
		} else {
			parts = append(parts, mmyyyy(ms[i].Month)+"–"+mmyyyy(ms[j].Month))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// scoreFactor is one factor of a finding's score, in the page's language.
type scoreFactor struct {
	Text  string
	Value float64
}

// resultForm is the result form's fields as typed.
type resultForm struct {
	Workers, Recovered, Fine, Note string
	NoAction                       bool
}

// showCase shows a case the caller may see; the read is audited (the
// findings name workers).
func (s *Server) showCase(w http.ResponseWriter, r *http.Request) {
	pg, err := s.casePage(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if wantsXLSX(r) {
		hist := sheet{Name: "case.history", Columns: []string{"case.id", "audit.at", "audit.actor", "audit.action", "audit.detail"}}
		for _, e := range pg.Case.History {
			hist.add(pg.Case.ID, e.At, e.Actor, label(pg.Lang, "caction", e.Action), e.Detail)
		}
		s.writeXLSX(w, r, "ho-so-"+pg.Case.ID, casesSheet([]compliance.Case{pg.Case.Case}, pg.Lang), findingsSheet(pg.Case.FindingList, pg.Lang), hist)
		return
	}
	if d := r.URL.Query().Get("done"); d != "" {
		pg.Flash = translate(pg.Lang, "case.done")
	}
	s.render(w, r, http.StatusOK, "case", pg)
}

// casePage gathers a case's page and audits the read.
func (s *Server) casePage(w http.ResponseWriter, r *http.Request) (*casePage, error) {
	ctx := r.Context()
	p := auth.From(ctx)
	d, err := s.visibleCase(ctx, r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	if err := auth.Audit(ctx, s.accounts, "case.read", "case:"+d.ID, "findings="+strconv.Itoa(len(d.FindingList))); err != nil {
		return nil, err
	}
	history := d.History[:0:0]
	for _, e := range d.History {
		if e.Action != "case.read" { // the history is of changes
			history = append(history, e)
		}
	}
	d.History = history
	pg := &casePage{Page: s.page(w, r, "case.title"), Case: d, Errors: map[string]string{}, ExportURL: exportURL(r.URL)}
	pg.MayWork = mayWorkCase(p, d.Case) && d.Status != compliance.StatusResolved
	pg.MayAssign = s.policy["POST /cases/{id}/assign"].Allows(p.Role) && d.Status != compliance.StatusResolved
	if pg.MayWork {
		pg.Next = compliance.Transitions(d.Status)
	}
	if pg.MayAssign {
		if pg.Inspectors, _, err = s.accounts.ListUsers(ctx, auth.UserFilter{Role: string(auth.Inspector), Status: auth.UserActive, Limit: 500}); err != nil {
			return nil, err
		}
	}
	if res := d.Result; res != nil {
		pg.Result = resultForm{Workers: strconv.Itoa(res.WorkersRegistered), Recovered: groupOrEmpty(res.AmountRecovered),
			Fine: groupOrEmpty(res.Fine), Note: res.Note, NoAction: res.ClosedWithoutAction}
	}
	for _, f := range d.FindingList {
		v := findingView{Finding: f, MonthsText: monthsText(f.MonthStakes)}
		if ev, err := compliance.ParseEvidence(f.Evidence); err == nil {
			v.Summary, v.Basis = ev.SummaryVI, ev.Stake.BasisVI
			if pg.Lang == "en" {
				v.Summary, v.Basis = ev.SummaryEN, ev.Stake.BasisEN
			}
			for _, x := range ev.Score.Factors {
				t := x.VI
				if pg.Lang == "en" {
					t = x.EN
				}
				v.Factors = append(v.Factors, scoreFactor{Text: t, Value: x.Value})
			}
		}
		pg.Findings = append(pg.Findings, v)
	}
	return pg, nil
}

// groupOrEmpty writes an amount with dots, "" for zero.
func groupOrEmpty(m int64) string {
	if m == 0 {
		return ""
	}
	return ansinh.GroupDigits(m, '.')
}
