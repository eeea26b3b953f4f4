// Package metrics counts what AnSinh does, for Prometheus: HTTP requests by
// route pattern and status with their latency, job runs and durations,
// rows imported, findings, sign-ins and lockouts.
//
// The counters live in one registry (Registry) that the web server exposes
// at /metrics with the Go and process collectors. Callers anywhere call the
// small functions below (JobDone, RowsImported, Findings, SignIn, Lockout);
// they never fail and cost a map look-up and an atomic add.
package metrics

import (
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Registry holds AnSinh's metrics, the Go runtime's and the process's.
var Registry = prometheus.NewRegistry()

var (
	requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: "ansinh", Name: "http_requests_total",
		Help: "HTTP requests by route pattern, method and status code.",
	}, []string{"route", "method", "code"})
	latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Namespace: "ansinh", Name: "http_request_duration_seconds",
		Help:    "HTTP request latency by route pattern.",
		Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
	}, []string{"route"})
	jobs = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: "ansinh", Name: "job_runs_total",
		Help: "Batch job runs (import, close, match, indicators refresh, …) by kind and result.",
	}, []string{"kind", "result"})
	jobDuration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Namespace: "ansinh", Name: "job_duration_seconds",
		Help:    "Batch job durations by kind.",
		Buckets: prometheus.ExponentialBuckets(0.1, 4, 8), // 0.1 s … about 27 min
	}, []string{"kind"})
	rows = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: "ansinh", Name: "rows_imported_total",
		Help: "Rows imported and committed, by exchange file kind.",
	}, []string{"kind"})
	findings = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: "ansinh", Name: "findings_total",
		Help: "Compliance findings produced, by kind.",
	}, []string{"kind"})
	signIns = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: "ansinh", Name: "signins_total",
		Help: "Sign-in attempts by result (success, failure, locked).",
	}, []string{"result"})
	lockouts = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: "ansinh", Name: "lockouts_total",
		Help: "Sign-in locks imposed, by what was locked (account_address, address).",
	}, []string{"scope"})
)

func init() {
	Registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		requests, latency, jobs, jobDuration, rows, findings, signIns, lockouts)
}

// Request counts one HTTP request answered with code after d, under its
// ServeMux route pattern ("" is counted as "unmatched": never the raw
// path, which would make one series per URL).
func Request(route, method string, code int, d time.Duration) {
	if route == "" {
		route = "unmatched"
	}
	requests.WithLabelValues(route, method, strconv.Itoa(code)).Inc()
	latency.WithLabelValues(route).Observe(d.Seconds())
}

// JobDone counts one run of a batch job of kind that took d and ended with
// err (nil: success).
func JobDone(kind string, d time.Duration, err error) {
	result := "success"
	if err != nil {
		result = "error"
	}
	jobs.WithLabelValues(kind, result).Inc()
	jobDuration.WithLabelValues(kind).Observe(d.Seconds())
}

// RowsImported counts n rows of kind committed by an import.
func RowsImported(kind string, n int64) {
	if n > 0 {
		rows.WithLabelValues(kind).Add(float64(n))
	}
}

// Findings counts n compliance findings of kind.
func Findings(kind string, n int) {
	if n > 0 {
		findings.WithLabelValues(kind).Add(float64(n))
	}
}

// SignIn counts a sign-in attempt by result: "success", "failure",
// "locked" (refused without checking the password), "pending" or
// "disabled".
func SignIn(result string) { signIns.WithLabelValues(result).Inc() }

// Lockout counts a lock imposed on scope: "account_address" (an account
// from one address) or "address" (an address failing across accounts).
func Lockout(scope string) { lockouts.WithLabelValues(scope).Inc() }

// Value reads the registry: the sum, over the series of the family name
// whose labels include labels, of the counters' values and the histograms'
// sample counts (0 when nothing has been counted yet).
func Value(name string, labels map[string]string) (float64, error) {
	fams, err := Registry.Gather()
	if err != nil {
		return 0, err
	}
	var sum float64
	for _, f := range fams {
		if f.GetName() != name {
			continue
		}
	series:
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				if v, ok := labels[l.GetName()]; ok && v != l.GetValue() {
					continue series
				}
			}
			if h := m.GetHistogram(); h != nil {
				sum += float64(h.GetSampleCount())
			} else {
				sum += m.GetCounter().GetValue()
			}
		}
	}
	return sum, nil
}
