package main

import (
	"context"
	"errors"

	"ansinh/store"
)

// demoServe creates the demo accounts and serves the web console.
func demoServe(ctx context.Context, env *Env, db *store.DB, addr string) error {
	return errors.New("web: chưa có / not built yet")
}
