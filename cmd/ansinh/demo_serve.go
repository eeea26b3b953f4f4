package main

import (
	"context"
	"fmt"

	"ansinh/auth"
	"ansinh/store"
)

// demoServe creates one demo account per role, prints them, and serves the
// web console.
func demoServe(ctx context.Context, env *Env, db *store.DB, addr string) error {
	accs, err := auth.CreateDemoAccounts(ctx, db, auth.DemoOptions{})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "\nTài khoản mẫu / demo accounts (http://localhost%s):\n", addr)
	fmt.Fprintf(env.Stdout, "  %-16s %-18s %-24s %s\n", "đăng nhập/login", "vai trò/role", "phạm vi/scope", "mật khẩu/password")
	for _, a := range accs {
		fmt.Fprintf(env.Stdout, "  %-16s %-18s %-24s %s\n", a.Login, a.Role, a.Scope, a.Password)
	}
	return serveHTTP(ctx, env, db, addr)
}
