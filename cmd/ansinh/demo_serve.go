package main

import (
	"context"
	"fmt"
	"strings"

	"ansinh/auth"
	"ansinh/store"
	"ansinh/store/authdb"
)

// demoServe creates one demo account per role, prints them, and serves the
// web console.
func demoServe(ctx context.Context, env *Env, db *store.DB, addr string) error {
	accs, err := auth.CreateDemoAccounts(ctx, authdb.New(db), authdb.NewRegistry(db), auth.DemoOptions{})
	if err != nil {
		return err
	}
	url := "http://" + addr
	if strings.HasPrefix(addr, ":") {
		url = "http://localhost" + addr
	}
	fmt.Fprintf(env.Stdout, "\nTài khoản mẫu / demo accounts (%s):\n", url)
	fmt.Fprintf(env.Stdout, "  %-16s %-18s %-24s %s\n", "đăng nhập/login", "vai trò/role", "phạm vi/scope", "mật khẩu/password")
	for _, a := range accs {
		fmt.Fprintf(env.Stdout, "  %-16s %-18s %-24s %s\n", a.Login, a.Role, a.Scope, a.Password)
	}
	return serveHTTP(ctx, env, db, addr)
}
