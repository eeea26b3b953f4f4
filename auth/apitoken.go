package auth

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"
)

// tokenPrefix starts every API token, so that a leaked one is easy to
// recognise (and to search for in logs and repositories).
const tokenPrefix = "ans_"

// IssueAPIToken creates a bearer token for the account, valid for ttl (0:
// no expiry), and returns it; only its hash is stored, so it is shown once.
func IssueAPIToken(ctx context.Context, st Store, userID int64, name string, ttl time.Duration, actor string) (string, error) {
	token := tokenPrefix + newToken()
	now := st.Now()
	t := APIToken{TokenHash: hashToken(token), UserID: userID, Name: name, CreatedAt: now}
	if ttl > 0 {
		t.ExpiresAt = now.Add(ttl)
	}
	if _, err := st.CreateAPIToken(ctx, t, actor); err != nil {
		return "", err
	}
	return token, nil
}

// errBadToken is returned for an Authorization header that names no live
// token.
var errBadToken = errors.New("invalid bearer token")

// bearer returns the principal of the request's bearer token, nil when the
// request has none, and errBadToken when it names no live token.
func bearer(ctx context.Context, st Store, r *http.Request) (*Principal, error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return nil, nil
	}
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || !strings.HasPrefix(token, tokenPrefix) {
		return nil, errBadToken
	}
	now := st.Now()
	t, u, err := st.FindAPIToken(ctx, hashToken(strings.TrimSpace(token)), now)
	if isNotFound(err) {
		return nil, errBadToken
	}
	if err != nil {
		return nil, err
	}
	if now.Sub(t.LastUsed) > touchEvery {
		if err := st.TouchAPIToken(ctx, t.ID, now); err != nil {
			return nil, err
		}
	}
	p := principalOf(u)
	p.ViaToken = true
	return p, nil
}
