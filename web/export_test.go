package web

import (
	"strings"

	"ansinh/auth"
)

func principalFor(role string) *auth.Principal { return &auth.Principal{Role: auth.Role(role)} }

// HasMessage reports whether the catalogue has a key.
func HasMessage(key string) bool { _, ok := catalogue[key]; return ok }

// MessageGroups returns the first parts of the catalogue's keys
// ("dashboard", "status", …).
func MessageGroups() map[string]bool {
	out := map[string]bool{}
	for k := range catalogue {
		if i := strings.IndexByte(k, '.'); i > 0 {
			out[k[:i]] = true
		}
	}
	return out
}
