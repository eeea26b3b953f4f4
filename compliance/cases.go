package compliance

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"ansinh"
)

// Status is the state of an inspection case.
type Status string

// The states of a case, in the order a case normally goes through them.
const (
	StatusOpen      Status = "open"      // made from findings, not yet acted on
	StatusContacted Status = "contacted" // the employer has been contacted
	StatusInspected Status = "inspected" // the inspection has taken place
	StatusResolved  Status = "resolved"  // worked to a result; final
)

// Statuses returns every status in order.
func Statuses() []Status {
	return []Status{StatusOpen, StatusContacted, StatusInspected, StatusResolved}
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return slices.Contains(Statuses(), s) }

// LabelVI returns the status in Vietnamese.
func (s Status) LabelVI() string {
	switch s {
	case StatusOpen:
		return "Mới mở"
	case StatusContacted:
		return "Đã liên hệ"
	case StatusInspected:
		return "Đã thanh tra, kiểm tra"
	case StatusResolved:
		return "Đã kết thúc"
	}
	return string(s)
}

// LabelEN returns the status in English.
func (s Status) LabelEN() string {
	switch s {
	case StatusOpen:
		return "Open"
	case StatusContacted:
		return "Contacted"
	case StatusInspected:
		return "Inspected"
	case StatusResolved:
		return "Resolved"
	}
	return string(s)
}

// transitions are the allowed moves: a case only moves forward (an
// inspection may come without prior contact, a case may be resolved at
// any stage once its result is recorded) and a resolved case is final.
var transitions = map[Status][]Status{
	StatusOpen:      {StatusContacted, StatusInspected, StatusResolved},
	StatusContacted: {StatusInspected, StatusResolved},
	StatusInspected: {StatusResolved},
}

// Transitions returns the statuses a case in status from may move to.
func Transitions(from Status) []Status { return slices.Clone(transitions[from]) }

// CanTransition reports whether a case may move from one status to another.
func CanTransition(from, to Status) bool { return slices.Contains(transitions[from], to) }

// CheckTransition returns an error unless a case may move from one status
// to the other; resolving needs a recorded result (hasResult).
func CheckTransition(from, to Status, hasResult bool) error {
	if !to.Valid() {
		return ansinh.Invalid("status", "trạng thái không hợp lệ: "+string(to), "unknown status: "+string(to))
	}
	if !CanTransition(from, to) {
		return &ansinh.Error{Code: ansinh.ECONFLICT, Field: "status",
			Message:   "không thể chuyển hồ sơ từ “" + from.LabelVI() + "” sang “" + to.LabelVI() + "”",
			MessageEN: "a case cannot move from " + string(from) + " to " + string(to)}
	}
	if to == StatusResolved && !hasResult {
		return &ansinh.Error{Code: ansinh.ECONFLICT, Field: "result",
			Message:   "phải ghi kết quả xử lý trước khi kết thúc hồ sơ",
			MessageEN: "record the result before resolving the case"}
	}
	return nil
}

// CaseResult is what working a case achieved. Several outcomes may come
// together (workers registered, arrears recovered and a fine); closing
// without action excludes the others.
type CaseResult struct {
	WorkersRegistered   int          `json:"workers_registered"`    // workers the employer registered
	AmountRecovered     ansinh.Money `json:"amount_recovered"`      // contributions recovered, đồng
	Fine                ansinh.Money `json:"fine"`                  // administrative fine, đồng
	ClosedWithoutAction bool         `json:"closed_without_action"` // nothing to correct
	Note                string       `json:"note,omitempty"`        // the inspector's note
}

// Check validates a result.
func (r CaseResult) Check() error {
	switch {
	case r.WorkersRegistered < 0 || r.WorkersRegistered > 1_000_000:
		return ansinh.Invalid("workers_registered", "số lao động được đăng ký phải từ 0 đến 1.000.000", "workers registered must be 0 to 1,000,000")
	case r.AmountRecovered < 0 || r.AmountRecovered > 1e15:
		return ansinh.Invalid("amount_recovered", "số tiền thu hồi phải từ 0 đồng", "the amount recovered must be 0 or more (đồng)")
	case r.Fine < 0 || r.Fine > 1e15:
		return ansinh.Invalid("fine", "số tiền phạt phải từ 0 đồng", "the fine must be 0 or more (đồng)")
	case len(r.Note) > 2000:
		return ansinh.Invalid("note", "ghi chú quá dài (tối đa 2000 ký tự)", "the note is too long (2000 characters at most)")
	}
	some := r.WorkersRegistered > 0 || r.AmountRecovered > 0 || r.Fine > 0
	if r.ClosedWithoutAction && some {
		return ansinh.Invalid("closed_without_action", "kết thúc không xử lý thì không có lao động đăng ký, tiền thu hồi hay tiền phạt",
			"a case closed without action has no workers registered, amount recovered or fine")
	}
	if !r.ClosedWithoutAction && !some {
		return ansinh.Invalid("result", "kết quả phải có lao động được đăng ký, tiền thu hồi, tiền phạt, hoặc là kết thúc không xử lý",
			"a result has workers registered, an amount recovered, a fine, or is a closing without action")
	}
	return nil
}

// Case is an inspection case: the findings about one employer, worked by an
// inspector to a result.
type Case struct {
	ID           string
	TaxCode      string
	EmployerName string
	CommuneCode  string
	Status       Status
	Inspector    string // login of the assigned inspector; "" while unassigned
	OpenedPeriod ansinh.Period
	OpenedAt     time.Time
	UpdatedAt    time.Time
	ResolvedAt   time.Time // zero until resolved
	Result       *CaseResult
	// Figures over the case's findings.
	Findings int
	Stake    int64   // total contributions at stake
	MaxScore float64 // the highest score
}

// CaseEvent is one change of a case, from the audit log.
type CaseEvent struct {
	At     time.Time
	Actor  string
	Action string
	Detail string
}

// CaseDetail is a case with its findings (and their evidence) and its
// history.
type CaseDetail struct {
	Case
	FindingList []Finding
	History     []CaseEvent
}

// Recovery sums up an employer's inspection cases, for its record: the
// results count once the case is resolved.
type Recovery struct {
	TaxCode           string       // the employer
	Cases             int          // inspection cases, all statuses
	Open              int          // not yet resolved
	Resolved          int          // resolved
	WorkersRegistered int          // over the resolved cases
	AmountRecovered   ansinh.Money // over the resolved cases, đồng
	Fines             ansinh.Money // over the resolved cases, đồng
}

// CaseID returns the identifier of the n-th case (from 1) of an employer.
func CaseID(taxCode string, n int) string {
	return "TT-" + taxCode + "-" + strconv.Itoa(n)
}

// CaseState is what the case workflow reads of a case before changing it.
type CaseState struct {
	ID        string
	Status    Status
	Inspector string
	HasResult bool
}

// CaseChange is a change to a case decided by the workflow, with its audit
// record (Action "" changes nothing).
type CaseChange struct {
	Inspector *string     // the new inspector ("" unassigns), nil: unchanged
	Status    Status      // the new status, "": unchanged
	Result    *CaseResult // the result recorded, nil: unchanged
	Action    string      // audit action: case.assign, case.transition, case.result
	Detail    string      // audit detail
}

// errCaseResolved refuses a change to a resolved case.
var errCaseResolved = &ansinh.Error{Code: ansinh.ECONFLICT, Field: "status",
	Message:   "hồ sơ đã kết thúc, không thể thay đổi",
	MessageEN: "the case is resolved and cannot change"}

// assign decides the assignment of a case to inspector: a resolved case
// cannot change; the same inspector changes nothing.
func assign(st CaseState, inspector string) (CaseChange, error) {
	switch {
	case st.Status == StatusResolved:
		return CaseChange{}, errCaseResolved
	case st.Inspector == inspector:
		return CaseChange{}, nil
	}
	return CaseChange{Inspector: &inspector, Action: "case.assign",
		Detail: fmt.Sprintf("giao cho / assigned to %q (trước đó / before: %q)", inspector, st.Inspector)}, nil
}

// transition decides a move of a case (CheckTransition), with a note.
func transition(st CaseState, to Status, note string) (CaseChange, error) {
	if err := CheckTransition(st.Status, to, st.HasResult); err != nil {
		return CaseChange{}, err
	}
	detail := string(st.Status) + " → " + string(to)
	if note = strings.TrimSpace(note); note != "" {
		detail += ": " + note
	}
	return CaseChange{Status: to, Action: "case.transition", Detail: detail}, nil
}

// recordResult decides the recording of a result: not on a resolved case.
func recordResult(st CaseState, r CaseResult) (CaseChange, error) {
	if st.Status == StatusResolved {
		return CaseChange{}, errCaseResolved
	}
	detail, _ := json.Marshal(r)
	return CaseChange{Result: &r, Action: "case.result", Detail: string(detail)}, nil
}
