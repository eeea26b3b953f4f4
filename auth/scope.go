package auth

import (
	"context"
	"sync"
	"time"

	"ansinh"
	"ansinh/store"
)

// Scoper turns principals into the ansinh.Scope their queries apply. The
// communes under a unit are looked up once and kept for a few minutes.
type Scoper struct {
	DB *store.DB

	mu    sync.Mutex
	cache map[string]cachedCommunes
}

type cachedCommunes struct {
	codes []string
	until time.Time
}

// communesTTL is how long the communes of a unit are kept: units change
// rarely (a reorganisation), so minutes are plenty.
const communesTTL = 10 * time.Minute

// Scope returns what the principal may see; a nil principal sees nothing.
func (s *Scoper) Scope(ctx context.Context, p *Principal) (ansinh.Scope, error) {
	if p == nil {
		return ansinh.Scope{}, nil
	}
	switch p.Role {
	case ProvinceOfficer, Leadership:
		return ansinh.Scope{All: true}, nil
	case UnitOfficer:
		var communes []string
		for _, u := range p.Scope {
			c, err := s.communes(ctx, u)
			if err != nil {
				return ansinh.Scope{}, err
			}
			communes = append(communes, c...)
		}
		return ansinh.Scope{PersonCommunes: communes, EmployerCommunes: communes}, nil
	case Agent:
		return ansinh.Scope{PersonCommunes: p.Scope}, nil
	case Employer, Inspector:
		return ansinh.Scope{TaxCodes: p.Scope}, nil
	case Citizen:
		return ansinh.Scope{PersonID: p.ScopeValue()}, nil
	}
	return ansinh.Scope{}, nil
}

func (s *Scoper) communes(ctx context.Context, unit string) ([]string, error) {
	now := s.DB.Now()
	s.mu.Lock()
	c, ok := s.cache[unit]
	s.mu.Unlock()
	if ok && now.Before(c.until) {
		return c.codes, nil
	}
	codes, err := registryOf(s.DB).CommunesUnder(ctx, unit, ansinh.Today(now))
	if err != nil {
		if ansinh.ErrorCode(err) == ansinh.ENOTFOUND {
			return nil, nil // a unit that no longer exists sees nothing
		}
		return nil, err
	}
	s.mu.Lock()
	if s.cache == nil {
		s.cache = map[string]cachedCommunes{}
	}
	s.cache[unit] = cachedCommunes{codes: codes, until: now.Add(communesTTL)}
	s.mu.Unlock()
	return codes, nil
}
