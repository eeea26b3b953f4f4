package main

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// exporters maps each export kind to the function that writes it; each
// capability registers its kinds in its own file (export_*.go).
func exporters() map[string]func(ctx context.Context, env *Env, args []string) error {
	m := map[string]func(ctx context.Context, env *Env, args []string) error{}
	for _, reg := range []func(map[string]func(context.Context, *Env, []string) error){
		collectionExporters, complianceExporters, indicatorExporters,
	} {
		reg(m)
	}
	return m
}

// runExport writes one export: `ansinh export KIND [options]`.
func runExport(ctx context.Context, env *Env, args []string) error {
	ex := exporters()
	var kinds []string
	for k := range ex {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fmt.Fprintf(env.Stderr, "Cách dùng / usage: ansinh export KIND [tùy chọn] (ansinh export KIND --help)\nKIND: %s\n", strings.Join(kinds, ", "))
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return errHelp
		}
		return errUsage
	}
	fn, ok := ex[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "không có loại xuất %q / unknown export; có / known: %s\n", args[0], strings.Join(kinds, ", "))
		return errUsage
	}
	return fn(ctx, env, args[1:])
}
