package authdb

import (
	"context"
	"fmt"
	"time"

	"ansinh/auth"
	"ansinh/store"
)

// RecordAttempt records one sign-in attempt.
func (s *Store) RecordAttempt(ctx context.Context, a auth.Attempt) error {
	_, err := s.db.W.ExecContext(ctx, `INSERT INTO login_attempts (at, login, ip, outcome) VALUES ($1, $2, $3, $4)`,
		s.db.Stamp(a.At), a.Login, a.IP, a.Outcome)
	if err != nil {
		return fmt.Errorf("record login attempt: %w", err)
	}
	return nil
}

// Failures counts the failed sign-ins since the instant: of the login from
// the address (only those after the login's last success), and from the
// address over every login, with the number of logins and the time of the
// latest failure of each.
func (s *Store) Failures(ctx context.Context, login, ip string, since time.Time) (auth.Failures, error) {
	var f auth.Failures
	at := s.db.Stamp(since)
	err := s.db.R.QueryRowContext(ctx, `SELECT count(*), max(at) FROM login_attempts
		WHERE login = $1 AND ip = $2 AND outcome = 'failure' AND at > $3
		AND at > coalesce((SELECT max(at) FROM login_attempts WHERE login = $1 AND outcome = 'success'), $3)`,
		login, ip, at).Scan(&f.Pair, store.ScanTime(&f.PairLast))
	if err != nil {
		return f, fmt.Errorf("count login failures: %w", err)
	}
	err = s.db.R.QueryRowContext(ctx, `SELECT count(*), count(DISTINCT login), max(at) FROM login_attempts
		WHERE ip = $1 AND outcome = 'failure' AND at > $2`, ip, at).Scan(&f.Address, &f.AddressLogins, store.ScanTime(&f.AddressLast))
	if err != nil {
		return f, fmt.Errorf("count login failures: %w", err)
	}
	return f, nil
}
