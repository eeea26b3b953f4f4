package web

import (
	"context"
	"sync"
	"time"
)

// unitNamesTTL is how long the names of units are kept: units change with
// a reorganisation, rarely, and a name shown a few minutes late is fine.
const unitNamesTTL = 10 * time.Minute

// unitNameCache keeps the names of the units already asked for, as of the
// day they were read.
type unitNameCache struct {
	mu    sync.Mutex
	names map[string]string
	since time.Time
}

// unitNames returns the names of the units with the codes as of today (or
// their latest names; "" for an unknown code), from memory when read in
// the last unitNamesTTL: the registry's pages show a commune's name on
// every look-up.
func (s *Server) unitNames(ctx context.Context, codes []string) (map[string]string, error) {
	c := &s.unitNameCache
	now := s.now()
	out := make(map[string]string, len(codes))
	var missing []string
	c.mu.Lock()
	if c.names == nil || now.Sub(c.since) >= unitNamesTTL {
		c.names, c.since = map[string]string{}, now
	}
	for _, code := range codes {
		if n, ok := c.names[code]; ok {
			out[code] = n
		} else {
			missing = append(missing, code)
		}
	}
	c.mu.Unlock()
	if len(missing) == 0 {
		return out, nil
	}
	got, err := s.reg.UnitNames(ctx, missing, s.today())
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	for _, code := range missing {
		c.names[code] = got[code]
		out[code] = got[code]
	}
	c.mu.Unlock()
	return out, nil
}
