package registry

import (
	"context"
	"fmt"
	"time"

	"ansinh"
)

// Registration is an employer's request to transact online: the unit's
// details and the account it asked for, pending until a province officer
// decides.
type Registration struct {
	ID          int64
	UserID      int64
	ProcedureID int64
	Login       string
	TaxCode     string
	Name        string
	Kind        string
	CommuneCode string
	Contact     string
	Status      string // pending, approved, rejected
	SubmittedAt time.Time
	DecidedBy   string
	DecidedAt   time.Time
}

// Account is the account a registration asks for: pending until approved.
type Account struct {
	Login        string
	PasswordHash string
	DisplayName  string
	Role         string
	Scope        string
	Status       string
	CreatedAt    time.Time
	CreatedBy    string
}

// The statuses of an account the registry sets.
const (
	AccountActive   = "active"
	AccountPending  = "pending"
	AccountDisabled = "disabled"
)

// ErrLoginTaken is returned when the login of a new account is in use.
var ErrLoginTaken = &ansinh.Error{Code: ansinh.ECONFLICT, Field: "login",
	Message: "Tên đăng nhập đã được dùng.", MessageEN: "This login is already taken."}

// ErrAlreadyRegistered is returned when an employer that already has an
// account, or a registration waiting for a decision, registers again.
var ErrAlreadyRegistered = &ansinh.Error{Code: ansinh.ECONFLICT, Field: "tax_code",
	Message:   "Đơn vị này đã có tài khoản giao dịch điện tử hoặc hồ sơ đăng ký đang chờ duyệt.",
	MessageEN: "This employer already has an online account or a registration awaiting a decision."}

// ErrAlreadyDecided is returned when a registration was decided before.
var ErrAlreadyDecided = &ansinh.Error{Code: ansinh.ECONFLICT,
	Message: "Hồ sơ đăng ký đã được xử lý.", MessageEN: "The registration was already decided."}

// clean normalises the registration's text.
func (r *Registration) clean() {
	r.TaxCode, r.Name, r.Kind = Clean(r.TaxCode), Clean(r.Name), Clean(r.Kind)
	r.CommuneCode, r.Contact, r.Login = Clean(r.CommuneCode), Clean(r.Contact), Clean(r.Login)
}

// RegisterEmployer records a registration with its pending account and its
// procedure. An employer that already has an account (active or pending) or
// a pending registration is refused with ErrAlreadyRegistered.
func (s *Service) RegisterEmployer(ctx context.Context, r Registration, a Account) (Registration, error) {
	r.clean()
	a.Login, a.DisplayName = Clean(a.Login), Clean(a.DisplayName)
	out := r
	err := s.store.Update(ctx, func(tx Tx) error {
		out = r
		return s.register(ctx, tx, &out, a)
	})
	return out, err
}

func (s *Service) register(ctx context.Context, tx Tx, r *Registration, a Account) error {
	n, err := tx.EmployerAccounts(ctx, r.TaxCode)
	if err != nil {
		return err
	}
	if n > 0 {
		return ErrAlreadyRegistered
	}
	now := s.store.Now()
	a.Status, a.CreatedAt, a.Scope, a.Role = AccountPending, now, r.TaxCode, "employer"
	if a.CreatedBy == "" {
		a.CreatedBy = "user:" + a.Login
	}
	if r.UserID, err = tx.AddAccount(ctx, a); err != nil {
		return err
	}
	r.ProcedureID, err = tx.AddProcedure(ctx, Procedure{Kind: ProcRegistration, Subject: r.TaxCode,
		Channel: ChannelOnline, UserID: r.UserID, Status: "received", SubmittedAt: now})
	if err != nil {
		return err
	}
	r.Status, r.SubmittedAt, r.Login = "pending", now, a.Login
	if err := tx.AddRegistration(ctx, r); err != nil {
		return err
	}
	return tx.Audit(ctx, AuditEntry{At: now, Actor: "user:" + a.Login, Action: "registration.submit",
		Object: "employer:" + r.TaxCode, Detail: r.Name})
}

// ListRegistrations returns the registrations with the status ("" for all),
// latest first.
func (s *Service) ListRegistrations(ctx context.Context, status string, limit int) ([]Registration, error) {
	if limit <= 0 {
		limit = 50
	}
	return s.store.ListRegistrations(ctx, status, limit)
}

// DecideRegistration approves or rejects a pending registration. Approval
// adds the employer to the registry when it is new (registered on the day)
// and activates the account; rejection disables it. The procedure is
// completed either way, and the decision audited with actor.
func (s *Service) DecideRegistration(ctx context.Context, id int64, approve bool, day ansinh.Date, actor string) error {
	return s.store.Update(ctx, func(tx Tx) error {
		r, err := tx.Registration(ctx, id)
		if err != nil {
			return err
		}
		if r.Status != "pending" {
			return ErrAlreadyDecided
		}
		now := s.store.Now()
		status, account, proc := "approved", AccountActive, "completed"
		if !approve {
			status, account, proc = "rejected", AccountDisabled, "rejected"
		} else if err := tx.AddEmployer(ctx, Employer{TaxCode: r.TaxCode, Name: r.Name, Kind: r.Kind,
			CommuneCode: r.CommuneCode, RegisteredOn: day}); err != nil {
			return err
		}
		if err := tx.DecideRegistration(ctx, id, status, actor, now); err != nil {
			return err
		}
		if err := tx.SetAccountStatus(ctx, r.UserID, account); err != nil {
			return err
		}
		if err := tx.FinishProcedure(ctx, r.ProcedureID, proc, "", now); err != nil {
			return err
		}
		return tx.Audit(ctx, AuditEntry{At: now, Actor: actor, Action: "registration." + status,
			Object: "employer:" + r.TaxCode, Detail: fmt.Sprintf("registration=%d", id)})
	})
}
