package registry

import (
	"context"
	"fmt"

	"ansinh"
)

// ErrAlreadyEnrolled is returned when a person enrols in voluntary social
// insurance while an enrolment is open.
var ErrAlreadyEnrolled = &ansinh.Error{Code: ansinh.ECONFLICT,
	Message:   "Bạn đang tham gia bảo hiểm xã hội tự nguyện; không cần đăng ký lại.",
	MessageEN: "You are already enrolled in voluntary social insurance."}

// ErrInCompulsory is returned when a person enrols in voluntary social
// insurance while covered by compulsory social insurance in the months
// enrolled: the two cannot overlap.
var ErrInCompulsory = &ansinh.Error{Code: ansinh.ECONFLICT,
	Message:   "Bạn đang tham gia bảo hiểm xã hội bắt buộc trong thời gian này nên không thể tham gia tự nguyện.",
	MessageEN: "You are covered by compulsory social insurance for these months, so you cannot enrol in voluntary insurance."}

// Enrolment is an enrolment in voluntary social insurance as submitted.
type Enrolment struct {
	VoluntarySpell
	Channel string
	UserID  int64
	Actor   string
}

// EnrolVoluntary records an enrolment in voluntary social insurance (open
// from its start month) with its procedure and an audit entry, and returns
// the procedure's id. The person must exist; an open or later enrolment
// (ErrAlreadyEnrolled), or a compulsory spell open in the start month
// (ErrInCompulsory), is refused.
func (s *Service) EnrolVoluntary(ctx context.Context, e Enrolment) (int64, error) {
	e.PersonID, e.AgentCode = Clean(e.PersonID), Clean(e.AgentCode)
	var proc int64
	err := s.store.Update(ctx, func(tx Tx) error {
		var err error
		proc, err = s.enrol(ctx, tx, e)
		return err
	})
	return proc, err
}

func (s *Service) enrol(ctx context.Context, tx Tx, e Enrolment) (int64, error) {
	if _, known, err := tx.Person(ctx, e.PersonID); err != nil || !known {
		return 0, orNotFound(err)
	}
	if n, err := tx.VoluntaryFrom(ctx, e.PersonID, e.Start); err != nil || n > 0 {
		return 0, orErr(err, ErrAlreadyEnrolled)
	}
	if n, err := tx.EmploymentFrom(ctx, e.PersonID, e.Start); err != nil || n > 0 {
		return 0, orErr(err, ErrInCompulsory)
	}
	now := s.store.Now()
	proc, err := tx.AddProcedure(ctx, Procedure{Kind: ProcVoluntary, Subject: e.PersonID, Ref: e.Start.String(),
		Channel: e.Channel, UserID: e.UserID, Status: "received", SubmittedAt: now})
	if err != nil {
		return 0, err
	}
	e.End = 0
	if err := tx.AddVoluntary(ctx, e.VoluntarySpell); err != nil {
		return 0, err
	}
	if err := tx.FinishProcedure(ctx, proc, "completed", "", s.store.Now()); err != nil {
		return 0, err
	}
	return proc, tx.Audit(ctx, AuditEntry{At: now, Actor: e.Actor, Action: "voluntary.enrol", Object: "person:" + e.PersonID,
		Detail: fmt.Sprintf("from=%s income=%d mode=%s category=%s channel=%s", e.Start, e.Income, e.Mode, e.Category, e.Channel)})
}

// orNotFound returns err, or ErrNotFound when it is nil.
func orNotFound(err error) error { return orErr(err, ErrNotFound) }

// orErr returns err, or alt when it is nil.
func orErr(err, alt error) error {
	if err != nil {
		return err
	}
	return alt
}

// PersonCategories returns the categories of voluntary support a person
// belongs to in a year, from the registry: "poor" or "near_poor" by the
// household's status that year (or the latest year before), and
// "ethnic_minority"; none when no category applies. ErrNotFound when the
// person is unknown.
func (s *Service) PersonCategories(ctx context.Context, id string, year int) ([]string, error) {
	p, err := s.store.FindPerson(ctx, id, ansinh.Scope{All: true})
	if err != nil {
		return nil, err
	}
	status, err := s.store.HouseholdStatus(ctx, id, year)
	if err != nil {
		return nil, err
	}
	var out []string
	if status == "poor" || status == "near_poor" {
		out = append(out, status)
	}
	if p.EthnicMinority {
		out = append(out, "ethnic_minority")
	}
	return out, nil
}

// AgentEnrolments returns the latest enrolments made by the agent.
func (s *Service) AgentEnrolments(ctx context.Context, agent string, limit int) ([]AgentEnrolment, error) {
	if limit <= 0 {
		limit = 20
	}
	return s.store.AgentEnrolments(ctx, agent, limit)
}
