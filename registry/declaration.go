package registry

import (
	"fmt"
	"time"

	"ansinh"
)

// The changes a declaration line can declare (form D02-TS).
const (
	ChangeHire       = "hire"        // a worker starts: opens a spell
	ChangeLeave      = "leave"       // a worker leaves: closes the open spell at End
	ChangeWageChange = "wage_change" // the wage changes from Start: closes the spell, opens a new one
)

// The outcomes of a declaration line.
const (
	LineAccepted = "accepted"
	LineRejected = "rejected"
)

// DeclarationLine is one worker's change in a declaration.
type DeclarationLine struct {
	LineNo    int
	Change    string
	PersonID  string
	FullName  string
	BirthDate ansinh.Date
	Sex       string // male, female
	Wage      ansinh.Money
	Start     ansinh.Period // hire, wage_change: the first month
	End       ansinh.Period // leave: the last month worked
	Contract  string        // indefinite, fixed, seasonal
	Status    string        // pending, accepted, rejected
	Reason    string        // why it was rejected, in Vietnamese
	ReasonEN  string
}

// Declaration is a declaration of changes in an employer's workforce: its
// receipt, channel, times and outcome, and its lines.
type Declaration struct {
	ID          int64
	ReceiptNo   string
	TaxCode     string
	ProcedureID int64
	Channel     string
	Status      string // received, processed, partial, rejected
	SubmittedBy string
	SubmittedAt time.Time
	ProcessedAt time.Time
	Accepted    int
	Rejected    int
	Lines       []DeclarationLine
}

// ProcessingTime is the time from submission to processing.
func (d Declaration) ProcessingTime() time.Duration {
	if d.ProcessedAt.IsZero() {
		return 0
	}
	return d.ProcessedAt.Sub(d.SubmittedAt)
}

// Submission is a declaration as submitted: by whom, through which channel,
// for which employer, and its lines (already checked with Check).
type Submission struct {
	TaxCode string
	Channel string
	UserID  int64
	Actor   string
	Lines   []DeclarationLine
}

var contracts = map[string]bool{"indefinite": true, "fixed": true, "seasonal": true}

// Check validates a line on its own (identifiers, required fields for its
// change, months, wage), normalises its personal ID and cleans its name
// (Clean). It returns the first problem as an *ansinh.Error whose Field
// names the form field. What depends on the registry or on the day (the
// person's identity, the month's wage floor, the age at the start, the open
// spell) is checked by Apply, as a rejected line.
func (l *DeclarationLine) Check() error {
	id, reason := ansinh.CheckPersonID(Clean(l.PersonID), l.BirthDate, l.Sex)
	if reason != ansinh.IDValid {
		return ansinh.Invalid("person_id", "Số định danh cá nhân "+reason.MessageVI()+".",
			"The personal ID "+reason.MessageEN()+".")
	}
	l.PersonID = id
	l.FullName = Clean(l.FullName)
	l.Contract = Clean(l.Contract)
	switch l.Change {
	case ChangeHire:
		return l.checkHire()
	case ChangeLeave:
		if l.End.IsZero() {
			return ansinh.Invalid("end_month", "Hãy nhập tháng kết thúc.", "Enter the end month.")
		}
		return nil
	case ChangeWageChange:
		return l.checkWageChange()
	}
	return ansinh.Invalid("change", "Hãy chọn loại biến động (tăng, giảm, điều chỉnh lương).",
		"Choose the kind of change (hire, leave, wage change).")
}

func (l *DeclarationLine) checkHire() error {
	switch {
	case l.FullName == "":
		return ansinh.Invalid("full_name", "Hãy nhập họ và tên.", "Enter the full name.")
	case l.BirthDate.IsZero():
		return ansinh.Invalid("birth_date", "Hãy nhập ngày sinh.", "Enter the birth date.")
	case l.Sex != "male" && l.Sex != "female":
		return ansinh.Invalid("sex", "Hãy chọn giới tính.", "Choose the sex.")
	case l.Start.IsZero():
		return ansinh.Invalid("start_month", "Hãy nhập tháng bắt đầu.", "Enter the start month.")
	case !l.End.IsZero() && l.End < l.Start:
		return ansinh.Invalid("end_month", "Tháng kết thúc trước tháng bắt đầu.", "The end month is before the start month.")
	case !contracts[l.Contract]:
		return ansinh.Invalid("contract", "Hãy chọn loại hợp đồng.", "Choose the contract type.")
	case l.Wage <= 0:
		return ansinh.Invalid("wage", "Tiền lương phải lớn hơn 0.", "The wage must be above zero.")
	}
	return nil
}

func (l *DeclarationLine) checkWageChange() error {
	switch {
	case l.Start.IsZero():
		return ansinh.Invalid("start_month", "Hãy nhập tháng áp dụng mức lương mới.", "Enter the month the new wage applies from.")
	case l.Wage <= 0:
		return ansinh.Invalid("wage", "Tiền lương phải lớn hơn 0.", "The wage must be above zero.")
	case l.Contract != "" && !contracts[l.Contract]:
		return ansinh.Invalid("contract", "Loại hợp đồng không hợp lệ.", "Unknown contract type.")
	}
	return nil
}

// Rejection is why a line was refused, in Vietnamese and English.
type Rejection struct{ VI, EN string }

// reject returns a rejection.
func reject(vi, en string) *Rejection { return &Rejection{VI: vi, EN: en} }

// monthVI writes a month the Vietnamese way, "mm/yyyy".
func monthVI(p ansinh.Period) string { return fmt.Sprintf("%02d/%04d", p.Month(), p.Year()) }
