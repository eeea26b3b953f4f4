package main

import (
	"context"
	"fmt"
	"strings"

	"ansinh"
	"ansinh/auth"
	"ansinh/compliance"
	"ansinh/rules"
	"ansinh/store"
	"ansinh/store/authdb"
)

// demoServe creates one demo account per role, prints them, and serves the
// web console.
func demoServe(ctx context.Context, env *Env, db *store.DB, addr string) error {
	accs, err := auth.CreateDemoAccounts(ctx, authdb.New(db), authRegistry(db), auth.DemoOptions{})
	if err != nil {
		return err
	}
	if err := assignDemoCases(ctx, db, accs); err != nil {
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

// assignDemoCases assigns the inspector's demo account an unassigned open
// case of each employer in its scope, as the province officer would, so that
// the inspector's page has work; a case already assigned is left alone.
func assignDemoCases(ctx context.Context, db *store.DB, accs []auth.DemoAccount) error {
	svc := complianceService(db, rules.Default())
	for _, a := range accs {
		if a.Role != auth.Inspector {
			continue
		}
		for _, tax := range auth.SplitScope(a.Scope) {
			cases, _, err := svc.ListCases(ctx, compliance.CaseFilter{Scope: ansinh.Scope{All: true}, TaxCode: tax,
				Unassigned: true, Statuses: []compliance.Status{compliance.StatusOpen}, Limit: 1})
			if err != nil {
				return err
			}
			for _, c := range cases {
				if err := svc.AssignCase(ctx, c.ID, a.Login, "demo"); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
