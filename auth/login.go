package auth

import (
	"context"
	"fmt"
	"strings"
	"time"

	"ansinh"
)

// Limits throttle sign-in failures so that no one can lock an account
// against its owner. Failures are counted per login and address together:
// a login failing from one address is slowed there only, and stays usable
// from an address that has not failed. An address failing across many
// logins is locked as a whole, with a higher bar (an office shares one
// address). Failures are read from the recorded attempts, so the limits
// hold across restarts and servers.
type Limits struct {
	// PairFree is the number of failures of a login from one address that
	// cost nothing; each further one locks the pair for a delay.
	PairFree int
	// PairDelay is the first delay; it doubles with each further failure
	// up to PairMaxDelay.
	PairDelay    time.Duration
	PairMaxDelay time.Duration
	// AddressFailures is the number of failures from one address, over at
	// least AddressLogins different logins, that locks the address for
	// AddressLock.
	AddressFailures int
	AddressLogins   int
	AddressLock     time.Duration
	// Window is how far back failures are counted.
	Window time.Duration
}

// DefaultLimits: 3 free failures per login and address, then 30 s, 1, 2,
// 4, 8 and 15 minutes; 30 failures from an address over 3 or more logins
// lock the address for 15 minutes; failures count for an hour.
var DefaultLimits = Limits{PairFree: 3, PairDelay: 30 * time.Second, PairMaxDelay: 15 * time.Minute,
	AddressFailures: 30, AddressLogins: 3, AddressLock: 15 * time.Minute, Window: time.Hour}

// pairDelay is the lock after the n-th failure of a login from an address
// (0 while n is within PairFree).
func (l Limits) pairDelay(n int) time.Duration {
	extra := n - l.PairFree
	if extra <= 0 {
		return 0
	}
	d := l.PairDelay
	for i := 1; i < extra && d < l.PairMaxDelay; i++ {
		d *= 2
	}
	return min(d, l.PairMaxDelay)
}

// addressLocked reports whether the failures lock the address.
func (l Limits) addressLocked(f Failures) bool {
	return f.Address >= l.AddressFailures && f.AddressLogins >= l.AddressLogins
}

// lockedUntil returns when the lock of a login from an address (and of the
// address) ends; the zero time when there is none.
func (l Limits) lockedUntil(f Failures) time.Time {
	var until time.Time
	if d := l.pairDelay(f.Pair); d > 0 {
		until = f.PairLast.Add(d)
	}
	if l.addressLocked(f) {
		if a := f.AddressLast.Add(l.AddressLock); a.After(until) {
			until = a
		}
	}
	return until
}

// Sign-in errors. Their messages are shown to the person signing in.
var (
	ErrBadCredentials = &ansinh.Error{Code: ansinh.EUNAUTHORIZED,
		Message: "Sai tên đăng nhập hoặc mật khẩu.", MessageEN: "Wrong login or password."}
	ErrLocked = &ansinh.Error{Code: ansinh.EFORBIDDEN,
		Message:   "Đăng nhập sai nhiều lần từ địa chỉ này: tạm dừng ít phút. Hãy thử lại sau.",
		MessageEN: "Too many failed sign-ins from this address: paused for a few minutes. Try again later."}
	ErrPending = &ansinh.Error{Code: ansinh.EFORBIDDEN,
		Message:   "Tài khoản đang chờ cơ quan bảo hiểm xã hội duyệt.",
		MessageEN: "The account is waiting for approval by the social insurance agency."}
	ErrDisabled = &ansinh.Error{Code: ansinh.EFORBIDDEN,
		Message: "Tài khoản đã bị khoá.", MessageEN: "The account is disabled."}
)

// Lock scopes, as recorded in the audit log and given to OnLock.
const (
	LockAccountAddress = "account_address" // a login from one address
	LockAddress        = "address"         // an address across logins
)

// Authenticator checks sign-ins against the stored accounts with the
// lockout limits.
type Authenticator struct {
	Store  Store
	Limits Limits
	// Cost is the bcrypt cost of the stored passwords (0: DefaultCost),
	// used to make an unknown login take as long as a known one.
	Cost int
	// OnLock, when set, is told of each lock imposed (for the metrics).
	OnLock func(scope string)
}

func (a *Authenticator) limits() Limits {
	if a.Limits.Window == 0 {
		return DefaultLimits
	}
	return a.Limits
}

// SignIn checks a login and password from an address and returns the
// account. Every attempt is recorded. While the login is locked from this
// address (or the address is), the attempt is refused with ErrLocked
// before the password is checked; a wrong login or password gives
// ErrBadCredentials (the two are not told apart, and take the same time),
// or ErrLocked when it starts a lock, which is audited; a pending or
// disabled account is told so only once its password is right.
func (a *Authenticator) SignIn(ctx context.Context, login, password, ip string) (User, error) {
	login = strings.ToLower(strings.TrimSpace(login))
	now := a.Store.Now()
	lim := a.limits()
	f, err := a.Store.Failures(ctx, login, ip, now.Add(-lim.Window))
	if err != nil {
		return User{}, err
	}
	if now.Before(lim.lockedUntil(f)) {
		return User{}, a.record(ctx, now, login, ip, AttemptLocked, ErrLocked)
	}
	u, ok, err := a.check(ctx, login, password)
	if err != nil {
		return User{}, err
	}
	if !ok {
		return User{}, a.fail(ctx, now, login, ip, f)
	}
	if err := a.record(ctx, now, login, ip, AttemptSuccess, nil); err != nil {
		return User{}, err
	}
	switch u.Status {
	case UserPending:
		return User{}, ErrPending
	case UserDisabled:
		return User{}, ErrDisabled
	}
	return u, nil
}

// check finds the account and checks its password, taking as long for an
// unknown login as for a known one.
func (a *Authenticator) check(ctx context.Context, login, password string) (User, bool, error) {
	u, err := a.Store.FindUserByLogin(ctx, login)
	if isNotFound(err) {
		checkDummy(password, a.Cost)
		return User{}, false, nil
	}
	if err != nil {
		return User{}, false, err
	}
	return u, CheckPassword(u.PasswordHash, password), nil
}

// fail records a failure, and the locks it starts, and returns the error
// to show: ErrLocked when a lock starts, ErrBadCredentials otherwise.
func (a *Authenticator) fail(ctx context.Context, now time.Time, login, ip string, before Failures) error {
	if err := a.record(ctx, now, login, ip, AttemptFailure, nil); err != nil {
		return err
	}
	lim := a.limits()
	after, err := a.Store.Failures(ctx, login, ip, now.Add(-lim.Window))
	if err != nil {
		return err
	}
	locked := false
	if d := lim.pairDelay(after.Pair); d > 0 {
		locked = true
		detail := fmt.Sprintf("address=%s failures=%d until=%s", ip, after.Pair, now.Add(d).UTC().Format(time.RFC3339))
		if err := a.lock(ctx, now, LockAccountAddress, "user:"+login, detail); err != nil {
			return err
		}
	}
	if lim.addressLocked(after) && !lim.addressLocked(before) {
		locked = true
		detail := fmt.Sprintf("failures=%d logins=%d until=%s", after.Address, after.AddressLogins,
			now.Add(lim.AddressLock).UTC().Format(time.RFC3339))
		if err := a.lock(ctx, now, LockAddress, "ip:"+ip, detail); err != nil {
			return err
		}
	}
	if locked {
		return ErrLocked
	}
	return ErrBadCredentials
}

// lock audits a lock and tells OnLock.
func (a *Authenticator) lock(ctx context.Context, now time.Time, scope, object, detail string) error {
	if a.OnLock != nil {
		a.OnLock(scope)
	}
	return a.Store.Audit(ctx, AuditEntry{At: now, Actor: "system:signin", Action: "signin.lock." + scope,
		Object: object, Detail: detail})
}

// record records an attempt and returns then (or the recording's error).
func (a *Authenticator) record(ctx context.Context, now time.Time, login, ip, outcome string, then error) error {
	if err := a.Store.RecordAttempt(ctx, Attempt{At: now, Login: login, IP: ip, Outcome: outcome}); err != nil {
		return err
	}
	return then
}
