// Command ansinh is the one binary of AnSinh: it migrates the database,
// imports the exchange files, generates a synthetic province, computes with
// the rules engine and serves the web console and portals.
//
// Every subcommand lives in its own file as a function of the form
// runX(ctx, env, args); this file only dispatches and maps errors to exit
// codes. Nothing here is global or mutable: the environment is passed in.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
	"time"

	"ansinh"
)

// Env is what a subcommand may touch of the process: its streams, its
// environment variables and the clock.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	Now    func() time.Time
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *Env, args []string) error
}

// commands lists the subcommands in the order --help shows them.
func commands() []command {
	return []command{
		{"migrate", "áp dụng các bản chuyển đổi lược đồ CSDL / apply database migrations", runMigrate},
		{"import", "nhập tệp CSV/XLSX theo định dạng trao đổi / import an exchange file", runImport},
		{"units", "nạp danh mục đơn vị hành chính toàn quốc có sẵn / load the embedded national units", runUnits},
		{"synth", "sinh dữ liệu tỉnh tổng hợp ra tệp / write a synthetic province to files", runSynth},
		{"demo", "sinh tỉnh tổng hợp vào CSDL rồi phục vụ web / load a synthetic province and serve", runDemo},
		{"serve", "phục vụ giao diện web và API / serve the web console and API", runServe},
		{"close", "khóa sổ tháng: tính phải thu, thông báo, nợ / close a month: assessments, notices, arrears", runClose},
		{"match", "đối chiếu dữ liệu đối tác với sổ đăng ký / cross-match partners' data", runMatch},
		{"case", "hồ sơ thanh tra: xem, giao, chuyển trạng thái, ghi kết quả / work inspection cases", runCase},
		{"indicators", "chỉ tiêu, mục tiêu, giao chỉ tiêu, dự báo, nhiệm vụ / indicators, targets, allocation, forecast, plan tasks", runIndicators},
		{"report", "báo cáo Ban Thường vụ (XLSX/PDF) / Standing Committee report", runReport},
		{"export", "xuất dữ liệu (CSV/XLSX/PDF) / export data", runExport},
		{"user", "quản lý tài khoản người dùng / manage user accounts", runUser},
		{"backup", "sao lưu CSDL SQLite đang chạy / back up a live SQLite database", runBackup},
		{"restore", "khôi phục CSDL SQLite từ bản sao lưu / restore an SQLite backup", runRestore},
		{"payroll", "chi trả tháng các chế độ đang hưởng, tệp chuyển khoản / monthly benefit payroll and bank file", runPayroll},
		{"claim", "hồ sơ hưởng chế độ: ước tính, nộp, kiểm tra, duyệt, từ chối, quyết định / benefit claims", runClaim},
		{"calc", "tính toán theo quy định (JSON vào, JSON ra) / run a calculator (JSON in, JSON out)", runCalc},
		{"projection", "dự báo quỹ hưu trí đến 2075 theo kịch bản / project the pension fund to 2075 under scenarios", runProjection},
		{"version", "in phiên bản / print the version", runVersion},
	}
}

// exitError carries a process exit code for an error already reported.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	env := &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Now: time.Now}
	// ANSINH_CPUPROFILE=FILE writes a CPU profile of the command, for
	// operators measuring a slow import or close.
	if path := os.Getenv("ANSINH_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil {
			pprof.StartCPUProfile(f)
			defer f.Close()
			defer pprof.StopCPUProfile()
		}
	}
	code := run(ctx, env, os.Args[1:])
	stop()
	if code != 0 {
		pprof.StopCPUProfile()
		os.Exit(code)
	}
}

// run dispatches args to a subcommand and returns the process exit code.
func run(ctx context.Context, env *Env, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(env.Stderr, "ansinh: thiếu tên lệnh / no command given")
		usage(env.Stderr)
		return 2
	}
	if args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(env.Stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, env, args[1:])
		var ee exitError
		switch {
		case err == nil:
			return 0
		case errors.As(err, &ee):
			return ee.code
		case errors.Is(err, errHelp):
			return 0
		case errors.Is(err, errUsage):
			return 2
		}
		fmt.Fprintf(env.Stderr, "ansinh %s: %s\n", c.name, describe(err))
		return 1
	}
	fmt.Fprintf(env.Stderr, "ansinh: lệnh không tồn tại %q / unknown command\n", args[0])
	usage(env.Stderr)
	return 2
}

// describe writes an error for the operator: the safe message of a coded
// error, the full text otherwise (the operator's own terminal is not a user
// page).
func describe(err error) string {
	var e *ansinh.Error
	if errors.As(err, &e) {
		if e.MessageEN != "" && e.MessageEN != e.Message {
			return e.Error() + " / " + e.MessageEN
		}
		return e.Error()
	}
	return err.Error()
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "AnSinh — hệ thống bảo hiểm xã hội cấp tỉnh / provincial social insurance system")
	fmt.Fprintln(w, "\nCách dùng / usage: ansinh LỆNH [tùy chọn]   (ansinh LỆNH --help)")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
}

// runVersion prints the version.
func runVersion(_ context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "version", "", "in phiên bản / print the version")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, "ansinh", ansinh.Version)
	return nil
}
