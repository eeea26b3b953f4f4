package auth

import (
	"net/http"
	"slices"
)

// Router is a ServeMux that remembers the patterns registered on it, so
// that the Guard and the tests can hold every route against the Policy.
type Router struct {
	mux      *http.ServeMux
	patterns []string
}

// NewRouter returns an empty router.
func NewRouter() *Router { return &Router{mux: http.NewServeMux()} }

// Handle registers a handler for a ServeMux pattern ("GET /persons/{id}").
func (r *Router) Handle(pattern string, h http.Handler) {
	r.mux.Handle(pattern, h)
	r.patterns = append(r.patterns, pattern)
}

// HandleFunc registers a handler function for a ServeMux pattern.
func (r *Router) HandleFunc(pattern string, f func(http.ResponseWriter, *http.Request)) {
	r.Handle(pattern, http.HandlerFunc(f))
}

// Patterns returns the registered patterns, sorted.
func (r *Router) Patterns() []string {
	out := slices.Clone(r.patterns)
	slices.Sort(out)
	return out
}

// ServeHTTP dispatches to the handler registered for the request.
func (r *Router) ServeHTTP(w http.ResponseWriter, req *http.Request) { r.mux.ServeHTTP(w, req) }

// match returns the pattern the request matches ("" for none: a redirect
// or a method not allowed).
func (r *Router) match(req *http.Request) string {
	_, p := r.mux.Handler(req)
	return p
}

// Pattern returns the ServeMux pattern the request matches ("" for none),
// for metrics and logs labelled by route rather than by path.
func (r *Router) Pattern(req *http.Request) string { return r.match(req) }
