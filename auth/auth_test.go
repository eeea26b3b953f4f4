package auth_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"ansinh"
	"ansinh/auth"
	"ansinh/registry"
	"ansinh/store"
	"ansinh/store/authdb"
	"ansinh/store/registrydb"
	"ansinh/store/storetest"
	"ansinh/web/webtest"

	"golang.org/x/crypto/bcrypt"
)

func TestPasswords(t *testing.T) {
	if _, err := auth.HashPassword("ngắn", bcrypt.MinCost); err != auth.ErrWeakPassword {
		t.Fatalf("short password: %v", err)
	}
	h, err := auth.HashPassword("một mật khẩu đủ dài", bcrypt.MinCost)
	if err != nil || !strings.HasPrefix(h, "$2a$") {
		t.Fatalf("hash = %q, %v", h, err)
	}
	if !auth.CheckPassword(h, "một mật khẩu đủ dài") || auth.CheckPassword(h, "một mật khẩu đủ dàI") {
		t.Fatal("CheckPassword")
	}
	seen := map[string]bool{}
	for i := 0; i < 100; i++ {
		p := auth.GeneratePassword()
		if len(p) != 16 || seen[p] || strings.ContainsAny(p, "0O1lI") {
			t.Fatalf("generated %q", p)
		}
		seen[p] = true
	}
}

func TestCheckLogin(t *testing.T) {
	for login, ok := range map[string]bool{"canbo.tinh": true, "a@b.vn": true, "ab": false, "Hoa": false, "có-dấu": false, "a b": false} {
		if (auth.CheckLogin(login) == nil) != ok {
			t.Errorf("CheckLogin(%q)", login)
		}
	}
}

func TestAccessAllows(t *testing.T) {
	a := auth.Access{Roles: []auth.Role{auth.Employer}}
	if !a.Allows(auth.Employer) || a.Allows(auth.Citizen) || a.Allows("") {
		t.Fatal("roles")
	}
	if !(auth.Access{Public: true}).Allows("") || (auth.Access{Authenticated: true}).Allows("") || !(auth.Access{Authenticated: true}).Allows(auth.Partner) {
		t.Fatal("public / authenticated")
	}
}

// TestGuardRefusesRoutesWithoutARule: deny unless a rule allows.
func TestGuardRefusesRoutesWithoutARuleAndHidesPanics(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	r := auth.NewRouter()
	r.HandleFunc("GET /api/v1/forgotten", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("secret")) })
	r.HandleFunc("GET /api/v1/boom", func(w http.ResponseWriter, r *http.Request) { panic("database password is hunter2") })
	var logged strings.Builder
	g := &auth.Guard{Router: r, Policy: auth.Policy{"GET /api/v1/boom": {Public: true}}, Sessions: &auth.Sessions{Store: authdb.New(db)},
		Store: authdb.New(db), Log: slog.New(slog.NewTextHandler(&logged, nil))}
	rec := httptest.NewRecorder()
	g.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/forgotten", nil))
	if rec.Code != http.StatusForbidden || strings.Contains(rec.Body.String(), "secret") {
		t.Fatalf("route without a rule: %d %s", rec.Code, rec.Body)
	}
	rec = httptest.NewRecorder()
	g.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/boom", nil))
	body, _ := io.ReadAll(rec.Result().Body)
	if rec.Code != http.StatusInternalServerError || strings.Contains(string(body), "hunter2") || !strings.Contains(string(body), "Lỗi hệ thống") {
		t.Fatalf("panic: %d %s", rec.Code, body)
	}
	if !strings.Contains(logged.String(), "hunter2") {
		t.Fatal("the panic was not logged")
	}
}

func TestCheckScope(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	ctx := context.Background()
	if err := webtest.Seed(ctx, db); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		role  auth.Role
		scope string
		ok    bool
	}{
		{auth.ProvinceOfficer, "", true},
		{auth.ProvinceOfficer, "24", false},
		{auth.UnitOfficer, webtest.CommuneA, true},
		{auth.UnitOfficer, webtest.Province, true},
		{auth.UnitOfficer, "99999", false},
		{auth.Agent, webtest.CommuneA + "," + webtest.CommuneB, true},
		{auth.Agent, webtest.Province, false},
		{auth.Employer, webtest.TaxA, true},
		{auth.Employer, "2401000019", false},
		{auth.Employer, "0101234565", false}, // valid but not registered
		{auth.Citizen, webtest.Citizen, true},
		{auth.Citizen, "024190000203", false},
		{auth.Partner, "tax_wages,iz_enterprises", true},
		{auth.Partner, "persons", false},
		{auth.Inspector, webtest.TaxA + "," + webtest.TaxB, true},
	} {
		_, err := auth.CheckScope(ctx, authdb.NewRegistry(db, registry.New(registrydb.New(db), nil)), ansinh.Today(db.Now()), c.role, auth.SplitScope(c.scope))
		if (err == nil) != c.ok {
			t.Errorf("%s %q: %v", c.role, c.scope, err)
		}
		if err != nil && ansinh.ErrorCode(err) != ansinh.EINVALID {
			t.Errorf("%s %q: code %s", c.role, c.scope, ansinh.ErrorCode(err))
		}
	}
}

func TestCreateDemoAccountsIsIdempotent(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			db := storetest.Open(t, engine)
			ctx := context.Background()
			if err := webtest.Seed(ctx, db); err != nil {
				t.Fatal(err)
			}
			first, err := auth.CreateDemoAccounts(ctx, authdb.New(db), authdb.NewRegistry(db, registry.New(registrydb.New(db), nil)), auth.DemoOptions{Cost: bcrypt.MinCost})
			if err != nil {
				t.Fatal(err)
			}
			if len(first) != len(auth.Roles) {
				t.Fatalf("%d accounts, want one per role: %+v", len(first), first)
			}
			byRole := map[auth.Role]auth.DemoAccount{}
			for _, a := range first {
				byRole[a.Role] = a
			}
			if byRole[auth.Employer].Scope != webtest.TaxA || byRole[auth.UnitOfficer].Scope != webtest.CommuneA ||
				byRole[auth.Citizen].Scope != webtest.Citizen || byRole[auth.Agent].Scope != webtest.CommuneC {
				t.Fatalf("scopes = %+v", byRole)
			}
			again, err := auth.CreateDemoAccounts(ctx, authdb.New(db), authdb.NewRegistry(db, registry.New(registrydb.New(db), nil)), auth.DemoOptions{Cost: bcrypt.MinCost})
			if err != nil || len(again) != len(first) {
				t.Fatalf("again: %d, %v", len(again), err)
			}
			users, _, _ := authdb.New(db).ListUsers(ctx, auth.UserFilter{Limit: 100})
			if len(users) != len(first) {
				t.Fatalf("%d users after two runs", len(users))
			}
			a := &auth.Authenticator{Store: authdb.New(db), Cost: bcrypt.MinCost}
			for _, acc := range again {
				if _, err := a.SignIn(ctx, acc.Login, acc.Password, "127.0.0.1"); err != nil {
					t.Errorf("%s cannot sign in with the printed password: %v", acc.Login, err)
				}
			}
			if _, err := a.SignIn(ctx, first[0].Login, first[0].Password, "127.0.0.1"); err == nil && first[0].Password != again[0].Password {
				t.Error("the first run's password still works")
			}
		})
	}
}
