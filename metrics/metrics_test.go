package metrics

import (
	"errors"
	"testing"
	"time"
)

// value returns Value of the family name with the labels.
func value(t *testing.T, name string, labels map[string]string) float64 {
	t.Helper()
	v, err := Value(name, labels)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestCounters(t *testing.T) {
	Request("GET /persons/{id}", "GET", 404, time.Millisecond)
	Request("", "GET", 404, time.Millisecond)
	JobDone("close", time.Second, nil)
	JobDone("close", time.Second, errors.New("x"))
	RowsImported("persons", 120)
	RowsImported("persons", 0)
	Findings("unregistered_employer", 3)
	SignIn("failure")
	Lockout("account_address")
	cases := []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"ansinh_http_requests_total", map[string]string{"route": "GET /persons/{id}", "code": "404"}, 1},
		{"ansinh_http_requests_total", map[string]string{"route": "unmatched"}, 1},
		{"ansinh_http_request_duration_seconds", map[string]string{"route": "GET /persons/{id}"}, 1},
		{"ansinh_job_runs_total", map[string]string{"kind": "close", "result": "success"}, 1},
		{"ansinh_job_runs_total", map[string]string{"kind": "close", "result": "error"}, 1},
		{"ansinh_job_duration_seconds", map[string]string{"kind": "close"}, 2},
		{"ansinh_rows_imported_total", map[string]string{"kind": "persons"}, 120},
		{"ansinh_findings_total", map[string]string{"kind": "unregistered_employer"}, 3},
		{"ansinh_signins_total", map[string]string{"result": "failure"}, 1},
		{"ansinh_lockouts_total", map[string]string{"scope": "account_address"}, 1},
	}
	for _, c := range cases {
		if got := value(t, c.name, c.labels); got != c.want {
			t.Errorf("%s%v = %v, want %v", c.name, c.labels, got, c.want)
		}
	}
}
