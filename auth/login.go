package auth

import (
	"context"
	"errors"
	"strings"
	"time"

	"ansinh"
	"ansinh/store"
)

// Limits bound sign-in attempts. Failures are counted from the
// login_attempts table, so the limits hold across restarts and servers.
type Limits struct {
	// AccountFailures is the number of failures, since the account's last
	// success and within Window, that locks the account.
	AccountFailures int
	// IPFailures is the number of failures from one address within Window
	// that locks the address (higher than AccountFailures: an office
	// shares one address).
	IPFailures int
	// Window is how far back failures are counted.
	Window time.Duration
	// Lock is how long a lock lasts after the last failure.
	Lock time.Duration
}

// DefaultLimits are 5 failures per account and 20 per address within 15
// minutes, locking for 15 minutes.
var DefaultLimits = Limits{AccountFailures: 5, IPFailures: 20, Window: 15 * time.Minute, Lock: 15 * time.Minute}

// Sign-in errors. Their messages are shown to the person signing in.
var (
	ErrBadCredentials = &ansinh.Error{Code: ansinh.EUNAUTHORIZED,
		Message: "Sai tên đăng nhập hoặc mật khẩu.", MessageEN: "Wrong login or password."}
	ErrLocked = &ansinh.Error{Code: ansinh.EFORBIDDEN,
		Message:   "Đăng nhập sai quá nhiều lần: tạm khoá 15 phút. Hãy thử lại sau.",
		MessageEN: "Too many failed sign-ins: locked for 15 minutes. Try again later."}
	ErrPending = &ansinh.Error{Code: ansinh.EFORBIDDEN,
		Message:   "Tài khoản đang chờ cơ quan bảo hiểm xã hội duyệt.",
		MessageEN: "The account is waiting for approval by the social insurance agency."}
	ErrDisabled = &ansinh.Error{Code: ansinh.EFORBIDDEN,
		Message: "Tài khoản đã bị khoá.", MessageEN: "The account is disabled."}
)

// Authenticator checks sign-ins against the stored accounts with the
// lockout limits.
type Authenticator struct {
	DB     *store.DB
	Limits Limits
	// Cost is the bcrypt cost of the stored passwords (0: DefaultCost),
	// used to make an unknown login take as long as a known one.
	Cost int
}

// SignIn checks a login and password from an address and returns the
// account. Every attempt is recorded. A locked account or address is
// refused with ErrLocked before the password is checked; a wrong login or
// password gives ErrBadCredentials (the two are not told apart, and take
// the same time); a pending or disabled account is told so only once its
// password is right.
func (a *Authenticator) SignIn(ctx context.Context, login, password, ip string) (store.User, error) {
	login = strings.ToLower(strings.TrimSpace(login))
	now := a.DB.Now()
	lim := a.Limits
	if lim.Window == 0 {
		lim = DefaultLimits
	}
	c, err := a.DB.LoginFailures(ctx, login, ip, now.Add(-lim.Window))
	if err != nil {
		return store.User{}, err
	}
	if (c.Login >= lim.AccountFailures && now.Before(c.LoginLast.Add(lim.Lock))) ||
		(c.IP >= lim.IPFailures && now.Before(c.IPLast.Add(lim.Lock))) {
		if err := a.DB.RecordLoginAttempt(ctx, now, login, ip, store.LoginLocked); err != nil {
			return store.User{}, err
		}
		return store.User{}, ErrLocked
	}
	u, err := a.DB.FindUserByLogin(ctx, login)
	switch {
	case errors.Is(err, store.ErrNotFound):
		checkDummy(password, a.Cost)
	case err != nil:
		return store.User{}, err
	}
	if err != nil || !CheckPassword(u.PasswordHash, password) {
		if err := a.DB.RecordLoginAttempt(ctx, now, login, ip, store.LoginFailure); err != nil {
			return store.User{}, err
		}
		if c.Login+1 >= lim.AccountFailures || c.IP+1 >= lim.IPFailures {
			return store.User{}, ErrLocked
		}
		return store.User{}, ErrBadCredentials
	}
	if err := a.DB.RecordLoginAttempt(ctx, now, login, ip, store.LoginSuccess); err != nil {
		return store.User{}, err
	}
	switch u.Status {
	case store.UserPending:
		return store.User{}, ErrPending
	case store.UserDisabled:
		return store.User{}, ErrDisabled
	}
	return u, nil
}
