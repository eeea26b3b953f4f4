package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"ansinh"
	"ansinh/importer"
	"ansinh/store"
)

// runDemo generates a synthetic province into the database and serves it.
func runDemo(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "demo", "",
		"Sinh một tỉnh tổng hợp vào CSDL (áp dụng lược đồ trước), in số dòng theo loại, tạo tài khoản mẫu rồi phục vụ web.\n"+
			"Generate a synthetic province into the database (migrating it first), print the counts per kind,\n"+
			"create one demo account per role, then serve the web console.")
	dsn := dbFlag(fs, env)
	sf := addSynthFlags(fs, 20000)
	noServe := fs.Bool("no-serve", false, "dừng sau khi nạp và in số dòng / stop after loading and printing the counts")
	addr := fs.String("addr", ":8080", "địa chỉ web / listen address")
	keep := fs.String("keep", "", "giữ các tệp đã sinh (kể cả violations.csv) trong thư mục này / keep the generated files here")
	months := fs.Int("close-months", 3, "khóa sổ bấy nhiêu tháng gần nhất, đối chiếu và tính chỉ tiêu (0: không) / close this many recent months, match and refresh indicators (0: none)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := sf.config(env)
	if err != nil {
		return err
	}
	if !*noServe {
		if err := portFree(*addr); err != nil {
			return err
		}
	}
	fmt.Fprintf(env.Stderr, "Đang mở và cập nhật lược đồ CSDL %s… / opening and migrating the database…\n", redactDSN(*dsn))
	db, _, err := openAndMigrate(ctx, env, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()

	dir := *keep
	if dir == "" {
		tmp, err := os.MkdirTemp("", "ansinh-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	fmt.Fprintf(env.Stderr, "Đang sinh tỉnh %s, %d lao động, hạt giống %d, đến %s… / generating…\n", cfg.Province, cfg.Workers, cfg.Seed, cfg.Through)
	began := time.Now()
	if _, err := generateFiles(ctx, cfg, dir); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "  đã sinh sau / generated in %s\n", time.Since(began).Round(100*time.Millisecond))
	counts, err := loadDir(ctx, env, db, dir)
	if err != nil {
		return err
	}
	printCounts(env, db.String(), counts)
	if *months > 0 {
		if err := demoJobs(ctx, env, *dsn, cfg.Through, *months); err != nil {
			return err
		}
	}
	if *noServe {
		return nil
	}
	return demoServe(ctx, env, db, *addr)
}

// loadDir imports every exchange file found in dir, in dependency order, and
// returns the number of rows of each kind's table.
func loadDir(ctx context.Context, env *Env, db *store.DB, dir string) (map[string]int, error) {
	counts := map[string]int{}
	for _, k := range importer.Kinds() {
		path := filepath.Join(dir, k.Name+".csv")
		if _, err := os.Stat(path); err != nil {
			continue
		}
		began := time.Now()
		fmt.Fprintf(env.Stderr, "Đang nạp / loading %s…\n", k.Name)
		rep, err := importFile(ctx, db, k, path, "demo", importer.Options{MaxErrors: 20, Progress: importProgress(env.Stderr)})
		if err != nil {
			printReport(env.Stderr, rep, "vi")
			return nil, err
		}
		n, err := db.Count(ctx, k.Table)
		if err != nil {
			return nil, err
		}
		counts[k.Name] = int(n)
		fmt.Fprintf(env.Stderr, "  %s: %s dòng/rows sau / in %s\n", k.Name, ansinh.GroupDigits(n, '.'), time.Since(began).Round(100*time.Millisecond))
	}
	if len(counts) == 0 {
		return nil, ansinh.Errorf(ansinh.EINVALID, "không có tệp nào để nạp trong %s", dir)
	}
	return counts, nil
}

// portFree checks, before anything is loaded, that the demo will be able to
// serve on addr.
func portFree(addr string) error {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return ansinh.Invalid("addr", fmt.Sprintf("không mở được cổng %s (có chương trình khác đang dùng?); dùng --addr để chọn cổng khác", addr),
			fmt.Sprintf("cannot listen on %s (is another program using it?); choose another with --addr", addr))
	}
	return l.Close()
}

// redactDSN names a database without its password.
func redactDSN(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
			return u.String()
		}
	}
	return dsn
}

// demoJobs runs the monthly jobs on the loaded province, as an officer would:
// the close of the last full months (the current month is not over), the
// cross-match of the partners' feeds, and the indicators.
func demoJobs(ctx context.Context, env *Env, dsn string, through ansinh.Period, months int) error {
	quiet := *env
	quiet.Stdout, quiet.Stderr = io.Discard, io.Discard
	last := through.Add(-1)
	steps := []struct {
		name string
		run  func(context.Context, *Env, []string) error
		args []string
	}{
		{"khóa sổ / close", runClose, []string{"--db", dsn, "--from", last.Add(1 - months).String(), "--through", last.String(), "--actor", "demo"}},
		{"đối chiếu / match", runMatch, []string{"--db", dsn, "--actor", "demo"}},
		{"chỉ tiêu / indicators", runIndicators, []string{"refresh", "--db", dsn, "--through", through.String(), "--actor", "demo"}},
	}
	for _, s := range steps {
		fmt.Fprintf(env.Stderr, "Đang chạy / running %s…\n", s.name)
		began := time.Now()
		if err := s.run(ctx, &quiet, s.args); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		fmt.Fprintf(env.Stdout, "  đã chạy / done: %s\n", s.name)
		fmt.Fprintf(env.Stderr, "  %s sau / in %s\n", s.name, time.Since(began).Round(100*time.Millisecond))
	}
	return nil
}
