package web_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"ansinh/store/storetest"
	"ansinh/web/webtest"
)

// TestDeclarationsQueuedOnOneEmployer sends more declarations of one
// employer at once than the database has connections: each is applied in
// turn, none waits for ever (on PostgreSQL, a read on the pool inside the
// declaration's transaction used to wait for a connection that the
// transactions queued on the employer's lock all held).
func TestDeclarationsQueuedOnOneEmployer(t *testing.T) {
	const n = 40
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			r := newRaceEnv(t, webtest.New(t, engine, webtest.Options{}))
			status := make([]int, n)
			var wg sync.WaitGroup
			for i := range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					status[i] = r.declare(webtest.TaxA, hireBody(fmt.Sprintf("024095%06d", 300000+i), "2026-03")).Status
				}()
			}
			done := make(chan struct{})
			go func() { wg.Wait(); close(done) }()
			select {
			case <-done:
			case <-time.After(2 * time.Minute):
				t.Fatalf("%d declarations of one employer at once: still waiting after 2 minutes", n)
			}
			for i, s := range status {
				if s != http.StatusCreated {
					t.Errorf("declaration %d: status %d", i, s)
				}
			}
		})
	}
}
