package main

import "context"

// collectionExporters registers the collection exports (none yet).
func collectionExporters(map[string]func(context.Context, *Env, []string) error) {}
