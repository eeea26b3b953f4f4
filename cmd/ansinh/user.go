package main

import (
	"context"
	"errors"
)

// runUser is not built yet.
func runUser(_ context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "user", "", "chưa có / not built yet")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return errors.New("user: chưa có / not built yet")
}
