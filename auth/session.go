package auth

import (
	"context"
	"net/http"
	"time"
)

// Sessions keeps browser sessions server-side and in cookies.
type Sessions struct {
	Store Store
	// Secure marks cookies Secure (sent over HTTPS only) and names the
	// session cookie with the __Host- prefix. Turn it off only to serve
	// plain HTTP on localhost.
	Secure bool
	// IdleTimeout ends a session unused this long (0: 2 hours).
	IdleTimeout time.Duration
	// MaxAge ends a session this long after sign-in, used or not (0: 12
	// hours).
	MaxAge time.Duration
}

// touchEvery is how stale a session's last-seen time may get before a
// request records it: not on every request, to spare the writer.
const touchEvery = time.Minute

// CookieName is the session cookie's name.
func (s *Sessions) CookieName() string {
	if s.Secure {
		return "__Host-ansinh_session"
	}
	return "ansinh_session"
}

func (s *Sessions) idle() time.Duration {
	if s.IdleTimeout > 0 {
		return s.IdleTimeout
	}
	return 2 * time.Hour
}

func (s *Sessions) maxAge() time.Duration {
	if s.MaxAge > 0 {
		return s.MaxAge
	}
	return 12 * time.Hour
}

// Start opens a session for the account, sets its cookie, and returns the
// principal. It is audited as a sign-in.
func (s *Sessions) Start(ctx context.Context, w http.ResponseWriter, u User, ip string) (*Principal, error) {
	token := newToken()
	now := s.Store.Now()
	sess := Session{TokenHash: hashToken(token), UserID: u.ID, CSRF: newToken(), CreatedAt: now,
		ExpiresAt: now.Add(s.idle()), LastSeen: now, IP: ip}
	if err := s.Store.CreateSession(ctx, sess); err != nil {
		return nil, err
	}
	http.SetCookie(w, &http.Cookie{Name: s.CookieName(), Value: token, Path: "/", HttpOnly: true,
		Secure: s.Secure, SameSite: http.SameSiteLaxMode})
	p := principalOf(u)
	p.CSRF, p.sessionHash = sess.CSRF, sess.TokenHash
	if err := s.Store.Audit(ctx, AuditEntry{At: now, Actor: p.Actor(), Action: "session.start", Object: "user:" + u.Login, Detail: ip}); err != nil {
		return nil, err
	}
	return p, nil
}

// Load returns the principal of the request's session cookie, or nil when
// there is no live session.
func (s *Sessions) Load(ctx context.Context, r *http.Request) (*Principal, error) {
	c, err := r.Cookie(s.CookieName())
	if err != nil || c.Value == "" {
		return nil, nil
	}
	now := s.Store.Now()
	sess, u, err := s.Store.FindSession(ctx, hashToken(c.Value), now)
	if isNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if now.Sub(sess.CreatedAt) > s.maxAge() {
		return nil, s.Store.DeleteSession(ctx, sess.TokenHash)
	}
	if now.Sub(sess.LastSeen) > touchEvery {
		expires := now.Add(s.idle())
		if limit := sess.CreatedAt.Add(s.maxAge()); expires.After(limit) {
			expires = limit
		}
		if err := s.Store.TouchSession(ctx, sess.TokenHash, now, expires); err != nil {
			return nil, err
		}
	}
	p := principalOf(u)
	p.CSRF, p.sessionHash = sess.CSRF, sess.TokenHash
	return p, nil
}

// End ends the principal's session and clears its cookie.
func (s *Sessions) End(ctx context.Context, w http.ResponseWriter, p *Principal) error {
	http.SetCookie(w, &http.Cookie{Name: s.CookieName(), Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: s.Secure, SameSite: http.SameSiteLaxMode})
	if p == nil || p.sessionHash == "" {
		return nil
	}
	if err := s.Store.DeleteSession(ctx, p.sessionHash); err != nil {
		return err
	}
	return s.Store.Audit(ctx, AuditEntry{Actor: p.Actor(), Action: "session.end", Object: "user:" + p.Login})
}

func principalOf(u User) *Principal {
	return &Principal{UserID: u.ID, Login: u.Login, Name: u.DisplayName, Role: Role(u.Role), Scope: SplitScope(u.Scope)}
}
