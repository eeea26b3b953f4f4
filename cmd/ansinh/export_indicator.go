package main

import "context"

// indicatorExporters registers the indicator exports (none yet).
func indicatorExporters(map[string]func(context.Context, *Env, []string) error) {}
