package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"sync"
	"syscall"
	"time"

	"ansinh"
)

// JobLease is how long a job lock lasts without renewal: the holder renews it
// every third of it, so a crashed holder blocks the job at most this long.
const JobLease = 60 * time.Second

// JobLock is a held lock on a named job (e.g. "close", "import:employment"):
// while it is held, another AcquireJobLock of the same name is refused with a
// message naming the holder. It is renewed in the background until Release.
type JobLock struct {
	db    *DB
	name  string
	token string
	stop  chan struct{}
	done  sync.WaitGroup
	mu    sync.Mutex
	lost  error
}

// leaseClock is the wall clock of leases: a lease measures whether a process
// is alive, not the business day, so it ignores DB.Now (tests set that to a
// fixed instant).
var leaseClock = time.Now

// AcquireJobLock takes the lock of job name for holder (who runs it, shown
// to whoever is refused), or refuses with a conflict error naming the running
// job. A lock whose lease has expired (its holder crashed) is taken over.
func (db *DB) AcquireJobLock(ctx context.Context, name, holder string) (*JobLock, error) {
	token := newLockToken()
	host, _ := os.Hostname()
	err := db.Write(ctx, func(w *Writer) error {
		now := leaseClock()
		if _, err := w.Exec(`DELETE FROM job_locks WHERE name = $1 AND expires_at < $2`, name, now.UnixMilli()); err != nil {
			return err
		}
		var who, whoHost string
		var pid, since int64
		err := w.QueryRow(`SELECT holder, host, pid, acquired_at FROM job_locks WHERE name = $1`, []any{name}, &who, &whoHost, &pid, &since)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return err
		case whoHost != host || processAlive(int(pid)):
			return jobRunning(name, fmt.Sprintf("%s, pid %d@%s", who, pid, whoHost), time.UnixMilli(since))
		default: // its process is gone: a crash
			if _, err := w.Exec(`DELETE FROM job_locks WHERE name = $1`, name); err != nil {
				return err
			}
		}
		n, err := w.Exec(`INSERT INTO job_locks (name, holder, token, host, pid, acquired_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
			ON CONFLICT (name) DO NOTHING`, name, holder, token, host, int64(os.Getpid()), now.UnixMilli(), now.Add(JobLease).UnixMilli())
		if err == nil && n == 0 { // taken at the same instant by another
			return jobRunning(name, "?", now)
		}
		return err
	})
	if err != nil {
		var ae *ansinh.Error
		if errors.As(err, &ae) {
			return nil, ae
		}
		return nil, fmt.Errorf("store: lock job %s: %w", name, err)
	}
	l := &JobLock{db: db, name: name, token: token, stop: make(chan struct{})}
	l.done.Add(1)
	go l.renew()
	return l, nil
}

// processAlive reports whether a process of this host with that ID exists.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}

// jobRunning is the refusal of a job already running.
func jobRunning(name, holder string, since time.Time) *ansinh.Error {
	at := since.In(ansinh.Vietnam).Format("15:04:05 02/01/2006")
	return &ansinh.Error{Code: ansinh.ECONFLICT, Field: "job",
		Message:   fmt.Sprintf("công việc %q đang chạy (%s, bắt đầu lúc %s): hãy chờ nó xong rồi chạy lại", name, holder, at),
		MessageEN: fmt.Sprintf("job %q is running (%s, started at %s): wait for it to finish, then run again", name, holder, at)}
}

// renew extends the lease every third of it until Release.
func (l *JobLock) renew() {
	defer l.done.Done()
	t := time.NewTicker(JobLease / 3)
	defer t.Stop()
	for {
		select {
		case <-l.stop:
			return
		case <-t.C:
			n, err := l.db.W.Exec(`UPDATE job_locks SET expires_at = $1 WHERE name = $2 AND token = $3`,
				leaseClock().Add(JobLease).UnixMilli(), l.name, l.token)
			if err == nil && n != nil {
				if k, _ := n.RowsAffected(); k == 0 {
					err = fmt.Errorf("store: the lock of job %s was lost (lease expired)", l.name)
				}
			}
			if err != nil {
				l.mu.Lock()
				l.lost = err
				l.mu.Unlock()
			}
		}
	}
}

// Lost returns why the lock was lost while held (its lease could not be
// renewed in time), or nil.
func (l *JobLock) Lost() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.lost
}

// Release stops renewing the lock and removes it.
func (l *JobLock) Release(ctx context.Context) error {
	close(l.stop)
	l.done.Wait()
	_, err := l.db.W.ExecContext(ctx, `DELETE FROM job_locks WHERE name = $1 AND token = $2`, l.name, l.token)
	return err
}

// newLockToken returns a random token that identifies one holding of a lock.
func newLockToken() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// LockJob is AcquireJobLock for a domain's job in the domain's terms
// (e.g. benefits.JobLocker): release ends the holding and returns the
// error of a lock lost while held, or of the release.
func (db *DB) LockJob(ctx context.Context, name, holder string) (func() error, error) {
	l, err := db.AcquireJobLock(ctx, name, holder)
	if err != nil {
		return nil, err
	}
	return func() error {
		lost := l.Lost()
		return errors.Join(lost, l.Release(context.WithoutCancel(ctx)))
	}, nil
}
