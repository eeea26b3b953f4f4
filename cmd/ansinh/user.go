package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"ansinh"
	"ansinh/auth"
	"ansinh/registry"
	"ansinh/store"
	"ansinh/store/authdb"
	"ansinh/store/registrydb"
)

// authRegistry is auth's view of the registry over db: the registry
// service answers whether the records an account's scope names exist.
func authRegistry(db *store.DB) *authdb.Registry {
	return authdb.NewRegistry(db, registry.New(registrydb.New(db), nil))
}

// runUser manages accounts: add, token, list, disable, enable.
func runUser(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, "ansinh user: thiếu lệnh con / no subcommand given\n\n"+userUsage)
		return errUsage
	}
	if args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(env.Stdout, userUsage)
		return errHelp
	}
	switch args[0] {
	case "add":
		return runUserAdd(ctx, env, args[1:])
	case "token":
		return runUserToken(ctx, env, args[1:])
	case "list":
		return runUserList(ctx, env, args[1:])
	case "disable", "enable":
		return runUserStatus(ctx, env, args[0], args[1:])
	}
	fmt.Fprintf(env.Stderr, "ansinh user: lệnh con không tồn tại %q / unknown subcommand\n%s", args[0], userUsage)
	return errUsage
}

const userUsage = `Cách dùng / usage: ansinh user LỆNH [tùy chọn]
  add      tạo tài khoản / create an account:
           --role VAI_TRÒ --scope PHẠM_VI --login TÊN [--name TÊN_HIỂN_THỊ] [--password-file TỆP]
           mật khẩu lấy từ --password-file, biến ANSINH_PASSWORD, hoặc được sinh ngẫu nhiên và in ra
           (password from --password-file, $ANSINH_PASSWORD, or generated and printed)
  token    cấp mã truy cập API / issue an API token: --login TÊN [--name GHI_CHÚ] [--ttl 2160h]
  list     liệt kê tài khoản / list accounts [--role VAI_TRÒ]
  disable  khoá tài khoản / disable an account: --login TÊN
  enable   mở khoá tài khoản / enable an account: --login TÊN

VAI_TRÒ / roles: province_officer, unit_officer (--scope mã đơn vị), agent (--scope mã xã,…),
  employer (--scope mã số thuế), citizen (--scope số định danh), partner (--scope loại dữ liệu,…),
  inspector (--scope mã số thuế,…), leadership
`

// runUserAdd creates an account.
func runUserAdd(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "user add", "", "Tạo tài khoản / create an account.")
	dsn := dbFlag(fs, env)
	role := fs.String("role", "", "vai trò / role")
	scope := fs.String("scope", "", "phạm vi, phân cách bằng dấu phẩy / scope, comma-separated")
	login := fs.String("login", "", "tên đăng nhập / login")
	name := fs.String("name", "", "tên hiển thị / display name")
	pwFile := fs.String("password-file", "", "tệp chứa mật khẩu (dòng đầu) / file holding the password (first line)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *login == "" {
		return missingFlag(fs, "login")
	}
	if *role == "" {
		return missingFlag(fs, "role")
	}
	r, ok := auth.ParseRole(*role)
	if !ok {
		return usageError(fs, "vai trò không tồn tại "+strconv.Quote(*role), "unknown role "+strconv.Quote(*role))
	}
	password, generated, err := accountPassword(env, *pwFile)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, env, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = auth.CreateAccount(ctx, authdb.New(db), authRegistry(db), auth.Account{Login: strings.ToLower(*login), Password: password, Role: r,
		Scope: auth.SplitScope(*scope), Name: *name, CreatedBy: "cli:" + env.Getenv("USER")}, 0)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "đã tạo / created %s (%s)\n", strings.ToLower(*login), r)
	if generated {
		fmt.Fprintf(env.Stdout, "mật khẩu / password: %s\n", password)
	}
	return nil
}

// accountPassword returns the password from the file, the environment, or
// a new random one (generated reports which).
func accountPassword(env *Env, file string) (password string, generated bool, err error) {
	switch {
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return "", false, err
		}
		line, _, _ := strings.Cut(string(b), "\n")
		return strings.TrimRight(line, "\r"), false, nil
	case env.Getenv("ANSINH_PASSWORD") != "":
		return env.Getenv("ANSINH_PASSWORD"), false, nil
	}
	return auth.GeneratePassword(), true, nil
}

// runUserToken issues an API token for an account and prints it once.
func runUserToken(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "user token", "", "Cấp mã truy cập API (in ra một lần) / issue an API token (printed once).")
	dsn := dbFlag(fs, env)
	login := fs.String("login", "", "tên đăng nhập / login")
	name := fs.String("name", "api", "ghi chú / label")
	ttl := fs.Duration("ttl", 90*24*time.Hour, "thời hạn (0: không hết hạn) / lifetime (0: none)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *login == "" {
		return missingFlag(fs, "login")
	}
	db, err := openDB(ctx, env, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	accounts := authdb.New(db)
	u, err := findAccount(ctx, accounts, *login)
	if err != nil {
		return err
	}
	token, err := auth.IssueAPIToken(ctx, accounts, u.ID, *name, *ttl, "cli:"+env.Getenv("USER"))
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, token)
	return nil
}

// runUserList lists the accounts.
func runUserList(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "user list", "", "Liệt kê tài khoản / list accounts.")
	dsn := dbFlag(fs, env)
	role := fs.String("role", "", "chỉ vai trò này / this role only")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := openDB(ctx, env, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "LOGIN\tROLE\tSCOPE\tSTATUS\tNAME")
	for offset := 0; ; offset += 500 {
		users, more, err := authdb.New(db).ListUsers(ctx, auth.UserFilter{Role: *role, Offset: offset, Limit: 500})
		if err != nil {
			return err
		}
		for _, u := range users {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.Login, u.Role, u.Scope, u.Status, u.DisplayName)
		}
		if !more {
			break
		}
	}
	return tw.Flush()
}

// runUserStatus disables or enables an account.
func runUserStatus(ctx context.Context, env *Env, verb string, args []string) error {
	fs := newFlagSet(env, "user "+verb, "", "Khoá hoặc mở khoá tài khoản / disable or enable an account.")
	dsn := dbFlag(fs, env)
	login := fs.String("login", "", "tên đăng nhập / login")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *login == "" {
		return missingFlag(fs, "login")
	}
	db, err := openDB(ctx, env, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	accounts := authdb.New(db)
	u, err := findAccount(ctx, accounts, *login)
	if err != nil {
		return err
	}
	status := auth.UserDisabled
	if verb == "enable" {
		status = auth.UserActive
	}
	if err := accounts.SetUserStatus(ctx, u.ID, status, "cli:"+env.Getenv("USER")); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s: %s\n", u.Login, status)
	return nil
}

// findAccount returns the account with the login, or an error naming it.
func findAccount(ctx context.Context, accounts auth.Store, login string) (auth.User, error) {
	u, err := accounts.FindUserByLogin(ctx, strings.ToLower(login))
	if ansinh.ErrorCode(err) == ansinh.ENOTFOUND {
		return u, fmt.Errorf("không có tài khoản / no account %q", login)
	}
	return u, err
}
