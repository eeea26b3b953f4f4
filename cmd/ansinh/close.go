package main

import (
	"context"
	"errors"
)

// runClose is not built yet.
func runClose(_ context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "close", "", "chưa có / not built yet")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return errors.New("close: chưa có / not built yet")
}
