package main

import (
	"context"
	"errors"
)

// runServe is not built yet.
func runServe(_ context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "serve", "", "chưa có / not built yet")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return errors.New("serve: chưa có / not built yet")
}
