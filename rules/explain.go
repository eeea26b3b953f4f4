package rules

import (
	"fmt"

	"ansinh"
)

// ParamRef is one parameter version as an explanation cites it.
type ParamRef struct {
	Name        string `json:"name"`                  // parameter name
	Value       string `json:"value"`                 // in the unit: "14%", "5.81", "2340000"
	Unit        string `json:"unit"`                  // unit of the value
	From        string `json:"from"`                  // first day, YYYY-MM-DD
	To          string `json:"to,omitempty"`          // last day; empty: open
	Source      string `json:"source"`                // legal document and article
	Confidence  string `json:"confidence"`            // H, M or U
	Unconfirmed bool   `json:"unconfirmed,omitempty"` // the version is flagged U
}

// Explanation says how one figure of a result was obtained: the rule, in
// Vietnamese and English, and every parameter version behind it.
type Explanation struct {
	Figure string     `json:"figure"`  // the result field, e.g. "employer.retirement"
	Value  string     `json:"value"`   // the figure as computed
	Rule   string     `json:"rule"`    // the rule, in Vietnamese
	RuleEN string     `json:"rule_en"` // the rule, in English
	Params []ParamRef `json:"params"`  // every parameter version behind the figure
}

// Warning flags something a reader must know about a result: a base raised
// to its floor, an unconfirmed parameter used, a convention of ours.
type Warning struct {
	Code      string `json:"code"`            // one of the Warn… codes
	Message   string `json:"message"`         // Vietnamese
	MessageEN string `json:"message_en"`      // English
	Param     string `json:"param,omitempty"` // the parameter concerned, if any
}

// Warning codes.
const (
	WarnUnconfirmed   = "unconfirmed_param"  // a U parameter was used
	WarnFloorRaised   = "floor_raised"       // the SI/HI base was raised to the floor
	WarnBelowMinWage  = "below_minimum_wage" // a contract wage below the regional minimum (Labour Code)
	WarnConvention    = "convention"         // a rule of ours where the law sets none
	WarnCallerConcern = "caller_concern"     // a condition the caller must check
)

// Explained is the explanation part of every result.
type Explained struct {
	Explain  []Explanation `json:"explain"`  // one explanation per figure
	Warnings []Warning     `json:"warnings"` // what the reader must know; empty when nothing
}

// explainer collects explanations and warnings, flagging each unconfirmed
// parameter version once.
type explainer struct {
	out  Explained
	seen map[*Version]bool
}

func newExplainer() *explainer {
	return &explainer{out: Explained{Explain: []Explanation{}, Warnings: []Warning{}}, seen: map[*Version]bool{}}
}

// add records figure = value by the rule (vi, en) from the versions vs (nil
// entries are skipped).
func (e *explainer) add(figure string, value any, vi, en string, vs ...*Version) {
	x := Explanation{Figure: figure, Value: fmt.Sprint(value), Rule: vi, RuleEN: en, Params: []ParamRef{}}
	for _, v := range vs {
		if v == nil {
			continue
		}
		x.Params = append(x.Params, v.Ref())
		if v.Unconfirmed() && !e.seen[v] {
			e.seen[v] = true
			e.out.Warnings = append(e.out.Warnings, Warning{
				Code: WarnUnconfirmed, Param: v.Name,
				Message: fmt.Sprintf("%s dùng tham số chưa được xác nhận %s = %s (từ %s, %s); có thể thay bằng giá trị tỉnh nạp",
					figure, v.Name, v.Display(), v.From.Display(), v.Source),
				MessageEN: fmt.Sprintf("%s uses the unconfirmed parameter %s = %s (from %s, %s); the province may override it",
					figure, v.Name, v.Display(), v.From, v.Source),
			})
		}
	}
	e.out.Explain = append(e.out.Explain, x)
}

// warn records a warning.
func (e *explainer) warn(code, vi, en string) {
	e.out.Warnings = append(e.out.Warnings, Warning{Code: code, Message: vi, MessageEN: en})
}

// done returns what was collected.
func (e *explainer) done() Explained { return e.out }

// dong formats an amount for a rule text: "2.340.000 đ".
func dong(v int64) string { return ansinh.FormatMoney(v) }
