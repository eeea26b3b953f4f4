package main

import (
	"context"
	"errors"
)

// runImport is not built yet.
func runImport(_ context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "import", "", "chưa có / not built yet")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return errors.New("import: chưa có / not built yet")
}
