package api

import (
	_ "embed"
	"net/http"
)

// OpenAPIDocument is the API's OpenAPI 3 description, served at
// /api/openapi.json. A test loads and validates it, and checks that its
// paths are exactly the routes registered under /api.
//
//go:embed openapi.json
var OpenAPIDocument []byte

// openAPI serves the OpenAPI document.
func (a *API) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Write(OpenAPIDocument)
}
