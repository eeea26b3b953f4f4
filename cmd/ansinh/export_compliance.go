package main

import "context"

// complianceExporters registers the compliance exports (none yet).
func complianceExporters(map[string]func(context.Context, *Env, []string) error) {}
