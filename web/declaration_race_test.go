package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"ansinh/auth"
	"ansinh/store/storetest"
	"ansinh/web/webtest"
)

// raceRounds is how many times each race of issue 17.2 is run.
const raceRounds = 10

// raceEnv drives the API of a server with one token per employer.
type raceEnv struct {
	t    *testing.T
	e    *webtest.Env
	toks map[string]string
}

func newRaceEnv(t *testing.T, e *webtest.Env) *raceEnv {
	r := &raceEnv{t: t, e: e, toks: map[string]string{}}
	for tax, login := range map[string]string{webtest.TaxA: webtest.LoginEmployerA, webtest.TaxB: webtest.LoginEmployerB} {
		tok, err := auth.IssueAPIToken(context.Background(), e.Auth, userID(t, e, login), "race", 0, "test")
		if err != nil {
			t.Fatal(err)
		}
		r.toks[tax] = tok
	}
	return r
}

// hire returns the body of a declaration hiring a man born in 1995 with the
// personal ID.
func hireBody(id, start string) string {
	return `{"lines":[{"change":"hire","person_id":"` + id + `","full_name":"Đỗ Minh Khôi","birth_date":"1995-03-12","sex":"male",` +
		`"wage":7500000,"start_month":"` + start + `","contract":"fixed"}]}`
}

// declare posts a declaration as the employer.
func (r *raceEnv) declare(tax, body string) *webtest.Response {
	req := httptest.NewRequest(http.MethodPost, "/api/v1/declarations", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+r.toks[tax])
	req.Header.Set("Content-Type", "application/json")
	return r.e.Client(r.t).Do(req)
}

// race posts the declarations at the same instant and returns the
// responses.
func (r *raceEnv) race(reqs ...[2]string) []*webtest.Response {
	out := make([]*webtest.Response, len(reqs))
	var start, done sync.WaitGroup
	start.Add(1)
	for i, q := range reqs {
		done.Add(1)
		go func() {
			defer done.Done()
			start.Wait()
			out[i] = r.declare(q[0], q[1])
		}()
	}
	start.Done()
	done.Wait()
	return out
}

// count runs a counting query.
func (r *raceEnv) count(q string, args ...any) int {
	var n int
	if err := r.e.DB.R.QueryRowContext(context.Background(), q, args...).Scan(&n); err != nil {
		r.t.Fatal(err)
	}
	return n
}

// raceTally counts what the races did.
type raceTally struct{ errors, accepted, rejected int }

func (t *raceTally) add(res []*webtest.Response) {
	for _, r := range res {
		switch {
		case r.Status != http.StatusCreated:
			t.errors++
		case strings.Contains(r.Body, `"status": "accepted"`):
			t.accepted++
		default:
			t.rejected++
		}
	}
}

// TestDeclarationsThatRace runs the three races of issue 17.2 through the
// API, on both engines: two employers hiring the same new person at the same
// instant (both succeed: a second job is legitimate); the same hire sent
// twice at once (one line accepted, one rejected); the same employer hiring
// the same known person twice at once with different start months (one
// accepted, one rejected). Never an error, never two open spells.
func TestDeclarationsThatRace(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			r := newRaceEnv(t, webtest.New(t, engine, webtest.Options{}))
			var twoEmployers, twice, twoStarts raceTally
			for i := range raceRounds {
				id := fmt.Sprintf("0240950%05d", 100+3*i)
				twoEmployers.add(r.race([2]string{webtest.TaxA, hireBody(id, "2026-03")}, [2]string{webtest.TaxB, hireBody(id, "2026-03")}))
				id = fmt.Sprintf("0240950%05d", 101+3*i)
				twice.add(r.race([2]string{webtest.TaxA, hireBody(id, "2026-03")}, [2]string{webtest.TaxA, hireBody(id, "2026-03")}))
				id = fmt.Sprintf("0240950%05d", 102+3*i)
				if res := r.declare(webtest.TaxB, hireBody(id, "2026-01")); res.Status != http.StatusCreated {
					t.Fatalf("hire at B: %d %s", res.Status, res.Body)
				}
				twoStarts.add(r.race([2]string{webtest.TaxA, hireBody(id, "2026-02")}, [2]string{webtest.TaxA, hireBody(id, "2026-03")}))
			}
			open := r.count(`SELECT count(*) FROM (SELECT tax_code, person_id FROM employment WHERE end_month IS NULL
				GROUP BY tax_code, person_id HAVING count(*) > 1) x`)
			t.Logf("two employers: %+v; same hire twice: %+v; two start months: %+v; employer-person pairs with 2 open spells: %d",
				twoEmployers, twice, twoStarts, open)
			if twoEmployers != (raceTally{accepted: 2 * raceRounds}) {
				t.Errorf("two employers hiring one new person: %+v", twoEmployers)
			}
			for name, got := range map[string]raceTally{"same hire twice": twice, "two start months": twoStarts} {
				if got != (raceTally{accepted: raceRounds, rejected: raceRounds}) {
					t.Errorf("%s: %+v", name, got)
				}
			}
			if open != 0 {
				t.Errorf("%d employer-person pairs have two open spells", open)
			}
			if strings.Contains(r.e.Log.String(), "level=ERROR") {
				t.Errorf("server errors:\n%s", r.e.Log.String())
			}
		})
	}
}
