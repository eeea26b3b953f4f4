package authdb_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"ansinh"
	"ansinh/auth"
	"ansinh/store/authdb"
	"ansinh/store/storetest"

	"golang.org/x/crypto/bcrypt"
)

// The contract of auth.Store, run on every engine (SQLite, and PostgreSQL
// when ANSINH_TEST_POSTGRES is set; under CI a missing PostgreSQL fails).

var t0 = time.Date(2026, 3, 16, 2, 0, 0, 0, time.UTC)

func each(t *testing.T, fn func(t *testing.T, s *authdb.Store)) {
	for _, e := range storetest.Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			db := storetest.Open(t, e)
			db.Now = func() time.Time { return t0 }
			fn(t, authdb.New(db))
		})
	}
}

func newUser(t *testing.T, s *authdb.Store, login, role string) auth.User {
	t.Helper()
	id, err := s.CreateUser(context.Background(), auth.User{Login: login, PasswordHash: "x", Role: role,
		Status: auth.UserActive, CreatedBy: "test", CreatedAt: t0})
	if err != nil {
		t.Fatal(err)
	}
	u, err := s.FindUserByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestUsers(t *testing.T) {
	each(t, func(t *testing.T, s *authdb.Store) {
		ctx := context.Background()
		u := newUser(t, s, "canbo", string(auth.ProvinceOfficer))
		newUser(t, s, "thanhtra", string(auth.Inspector))
		if _, err := s.CreateUser(ctx, auth.User{Login: "canbo", PasswordHash: "y", Role: "citizen", Status: auth.UserActive}); !errors.Is(err, auth.ErrLoginTaken) {
			t.Fatalf("duplicate login: %v", err)
		}
		got, err := s.FindUserByLogin(ctx, "canbo")
		if err != nil || got != u || !got.CreatedAt.Equal(t0) {
			t.Fatalf("by login %+v %v, by id %+v", got, err, u)
		}
		if _, err := s.FindUserByLogin(ctx, "khong-co"); ansinh.ErrorCode(err) != ansinh.ENOTFOUND {
			t.Fatalf("missing login: %v", err)
		}
		list, more, err := s.ListUsers(ctx, auth.UserFilter{Role: string(auth.Inspector)})
		if err != nil || more || len(list) != 1 || list[0].Login != "thanhtra" {
			t.Fatalf("inspectors %+v %v %v", list, more, err)
		}
		list, more, _ = s.ListUsers(ctx, auth.UserFilter{Limit: 1})
		if !more || len(list) != 1 || list[0].Login != "canbo" {
			t.Fatalf("first page %+v %v", list, more)
		}
		if err := s.SetUserStatus(ctx, u.ID, auth.UserDisabled, "user:admin"); err != nil {
			t.Fatal(err)
		}
		if err := s.SetUserPassword(ctx, u.ID, "new-hash", "user:admin"); err != nil {
			t.Fatal(err)
		}
		got, _ = s.FindUserByID(ctx, u.ID)
		if got.Status != auth.UserDisabled || got.PasswordHash != "new-hash" {
			t.Fatalf("after changes %+v", got)
		}
		if err := s.SetUserStatus(ctx, 999999, auth.UserActive, "x"); ansinh.ErrorCode(err) != ansinh.ENOTFOUND {
			t.Fatalf("status of a missing account: %v", err)
		}
		audit, _, _ := s.ListAudit(ctx, auth.AuditFilter{Object: "user:canbo"})
		if len(audit) != 3 || audit[0].Action != "user.password" || audit[1].Action != "user.status" || audit[2].Action != "user.create" {
			t.Fatalf("audit %+v", audit)
		}
	})
}

func TestSessions(t *testing.T) {
	each(t, func(t *testing.T, s *authdb.Store) {
		ctx := context.Background()
		u := newUser(t, s, "donvi", string(auth.Employer))
		se := auth.Session{TokenHash: "h1", UserID: u.ID, CSRF: "c", CreatedAt: t0, ExpiresAt: t0.Add(time.Hour), LastSeen: t0, IP: "192.0.2.1"}
		if err := s.CreateSession(ctx, se); err != nil {
			t.Fatal(err)
		}
		got, gu, err := s.FindSession(ctx, "h1", t0.Add(time.Minute))
		if err != nil || got != se && !got.ExpiresAt.Equal(se.ExpiresAt) || gu.Login != "donvi" {
			t.Fatalf("session %+v %+v %v", got, gu, err)
		}
		if _, _, err := s.FindSession(ctx, "h1", t0.Add(2*time.Hour)); ansinh.ErrorCode(err) != ansinh.ENOTFOUND {
			t.Fatalf("expired session: %v", err)
		}
		if err := s.TouchSession(ctx, "h1", t0.Add(time.Hour), t0.Add(3*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.FindSession(ctx, "h1", t0.Add(2*time.Hour)); err != nil {
			t.Fatalf("touched session: %v", err)
		}
		if err := s.SetUserStatus(ctx, u.ID, auth.UserDisabled, "test"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.FindSession(ctx, "h1", t0); ansinh.ErrorCode(err) != ansinh.ENOTFOUND {
			t.Fatalf("session of a disabled account: %v", err)
		}
		s.SetUserStatus(ctx, u.ID, auth.UserActive, "test")
		for i, exp := range []time.Duration{time.Minute, 2 * time.Minute, time.Hour} {
			s.CreateSession(ctx, auth.Session{TokenHash: "e" + string(rune('a'+i)), UserID: u.ID, CreatedAt: t0, ExpiresAt: t0.Add(exp), LastSeen: t0})
		}
		if n, err := s.DeleteExpiredSessions(ctx, t0.Add(5*time.Minute)); err != nil || n != 2 {
			t.Fatalf("expired sessions removed: %d %v", n, err)
		}
		if err := s.DeleteSession(ctx, "ec"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.FindSession(ctx, "ec", t0); ansinh.ErrorCode(err) != ansinh.ENOTFOUND {
			t.Fatalf("deleted session: %v", err)
		}
	})
}

func TestAPITokens(t *testing.T) {
	each(t, func(t *testing.T, s *authdb.Store) {
		ctx := context.Background()
		u := newUser(t, s, "doitac", string(auth.Partner))
		if _, err := s.CreateAPIToken(ctx, auth.APIToken{TokenHash: "t1", UserID: u.ID, Name: "feed", CreatedAt: t0}, "cli:root"); err != nil {
			t.Fatal(err)
		}
		s.CreateAPIToken(ctx, auth.APIToken{TokenHash: "t2", UserID: u.ID, Name: "short", CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}, "cli:root")
		tok, tu, err := s.FindAPIToken(ctx, "t1", t0.Add(1000*time.Hour))
		if err != nil || tok.Name != "feed" || tu.Login != "doitac" || !tok.LastUsed.IsZero() {
			t.Fatalf("token %+v %+v %v", tok, tu, err)
		}
		if _, _, err := s.FindAPIToken(ctx, "t2", t0.Add(2*time.Hour)); ansinh.ErrorCode(err) != ansinh.ENOTFOUND {
			t.Fatalf("expired token: %v", err)
		}
		if err := s.TouchAPIToken(ctx, tok.ID, t0.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		tok, _, _ = s.FindAPIToken(ctx, "t1", t0)
		if !tok.LastUsed.Equal(t0.Add(time.Minute)) {
			t.Fatalf("last used %v", tok.LastUsed)
		}
		if n, err := s.CountAPITokens(ctx, u.ID); err != nil || n != 2 {
			t.Fatalf("count %d %v", n, err)
		}
		if audit, _, _ := s.ListAudit(ctx, auth.AuditFilter{Action: "token.create"}); len(audit) != 2 || audit[0].Actor != "cli:root" {
			t.Fatalf("audit %+v", audit)
		}
	})
}

// TestFailures: the failures of a login from an address count after the
// login's last success; the address's count every login.
func TestFailures(t *testing.T) {
	each(t, func(t *testing.T, s *authdb.Store) {
		ctx := context.Background()
		at := func(sec int) time.Time { return t0.Add(time.Duration(sec) * time.Second) }
		rec := func(sec int, login, ip, outcome string) {
			t.Helper()
			if err := s.RecordAttempt(ctx, auth.Attempt{At: at(sec), Login: login, IP: ip, Outcome: outcome}); err != nil {
				t.Fatal(err)
			}
		}
		const a, b = "192.0.2.1", "192.0.2.2"
		for i, o := range []string{auth.AttemptFailure, auth.AttemptFailure, auth.AttemptSuccess, auth.AttemptFailure, auth.AttemptFailure, auth.AttemptLocked} {
			rec(i, "an", a, o)
		}
		rec(7, "an", b, auth.AttemptFailure)
		rec(10, "binh", a, auth.AttemptFailure)
		f, err := s.Failures(ctx, "an", a, at(-60))
		if err != nil {
			t.Fatal(err)
		}
		want := auth.Failures{Pair: 2, PairLast: at(4), Address: 5, AddressLogins: 2, AddressLast: at(10)}
		if f.Pair != want.Pair || !f.PairLast.Equal(want.PairLast) || f.Address != want.Address ||
			f.AddressLogins != want.AddressLogins || !f.AddressLast.Equal(want.AddressLast) {
			t.Fatalf("failures %+v, want %+v", f, want)
		}
		if f, _ = s.Failures(ctx, "an", b, at(-60)); f.Pair != 1 || f.Address != 1 {
			t.Fatalf("from the other address %+v", f)
		}
		if f, _ = s.Failures(ctx, "an", a, at(3)); f.Pair != 1 || f.Address != 2 {
			t.Fatalf("since 3 s %+v", f)
		}
	})
}

// TestLockoutFromOneAddressLeavesOthers: an account under repeated
// failures from one address is refused there, even with the right
// password, and signs in from another address with it; the lock is
// audited; once the delay passes, the first address may try again. On
// both engines.
func TestLockoutFromOneAddressLeavesOthers(t *testing.T) {
	each(t, func(t *testing.T, s *authdb.Store) {
		ctx := context.Background()
		hash, _ := auth.HashPassword("mật khẩu đúng của chủ", bcrypt.MinCost)
		if _, err := s.CreateUser(ctx, auth.User{Login: "donvi", PasswordHash: hash, Role: "employer", Status: auth.UserActive, CreatedBy: "test"}); err != nil {
			t.Fatal(err)
		}
		now := t0
		clocked := &clockStore{Store: s, now: &now}
		var locks []string
		a := &auth.Authenticator{Store: clocked, Cost: bcrypt.MinCost, OnLock: func(scope string) { locks = append(locks, scope) }}
		const attacker, owner = "203.0.113.66", "198.51.100.7"
		for i := 0; i < 50; i++ {
			_, err := a.SignIn(ctx, "donvi", "đoán mò", attacker)
			if i < 3 && !errors.Is(err, auth.ErrBadCredentials) || i >= 3 && !errors.Is(err, auth.ErrLocked) {
				t.Fatalf("attempt %d: %v", i+1, err)
			}
			now = now.Add(time.Second)
		}
		if _, err := a.SignIn(ctx, "donvi", "mật khẩu đúng của chủ", attacker); !errors.Is(err, auth.ErrLocked) {
			t.Fatalf("the right password from the attacker's address: %v", err)
		}
		if u, err := a.SignIn(ctx, "donvi", "mật khẩu đúng của chủ", owner); err != nil || u.Login != "donvi" {
			t.Fatalf("the owner from another address: %v", err)
		}
		// 50 tries in 50 s: 3 free, then a pause of 30 s, then one more
		// failure and a pause of a minute.
		if len(locks) != 2 || locks[0] != auth.LockAccountAddress || locks[1] != auth.LockAccountAddress {
			t.Fatalf("locks %v", locks)
		}
		audit, _, _ := s.ListAudit(ctx, auth.AuditFilter{Action: "signin.lock.account_address"})
		if len(audit) != 2 || audit[0].Object != "user:donvi" {
			t.Fatalf("audit %+v", audit)
		}
		now = now.Add(time.Minute)
		if _, err := a.SignIn(ctx, "donvi", "mật khẩu đúng của chủ", attacker); err != nil {
			t.Fatalf("after the delay: %v", err)
		}
	})
}

// TestDelaysGrow: an address that keeps failing for one login is let
// through to fail again only when the pause has passed; each pause is
// twice the last, up to the maximum.
func TestDelaysGrow(t *testing.T) {
	each(t, func(t *testing.T, s *authdb.Store) {
		ctx := context.Background()
		now := t0
		var lockedAt []time.Time
		a := &auth.Authenticator{Store: &clockStore{Store: s, now: &now}, Cost: bcrypt.MinCost,
			OnLock: func(string) { lockedAt = append(lockedAt, now) }}
		for len(lockedAt) < 7 && now.Before(t0.Add(time.Hour)) {
			a.SignIn(ctx, "khongco", "sai", "192.0.2.9")
			now = now.Add(5 * time.Second)
		}
		if len(lockedAt) == 0 || !lockedAt[0].Equal(t0.Add(15*time.Second)) {
			t.Fatalf("first lock at %v, want after 3 free failures", lockedAt)
		}
		want := []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute, 15 * time.Minute}
		var pauses []time.Duration
		for i := 1; i < len(lockedAt); i++ {
			pauses = append(pauses, lockedAt[i].Sub(lockedAt[i-1]))
		}
		if len(pauses) != len(want) {
			t.Fatalf("pauses %v, want %v", pauses, want)
		}
		for i := range want {
			if pauses[i] != want[i] {
				t.Fatalf("pauses %v, want %v", pauses, want)
			}
		}
	})
}

// clockStore is the store with a clock the test moves.
type clockStore struct {
	*authdb.Store
	now *time.Time
}

func (c *clockStore) Now() time.Time { return *c.now }
