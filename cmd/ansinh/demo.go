package main

import (
	"bufio"
	"cmp"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"ansinh"
	"ansinh/importer"
	"ansinh/rules"
	"ansinh/store"
	"ansinh/synth"
)

// runDemo generates a synthetic province into the database and serves it.
func runDemo(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "demo", "",
		"Sinh một tỉnh tổng hợp vào CSDL (áp dụng lược đồ trước), nộp và giải quyết hồ sơ hưởng chế độ của người lao động\n"+
			"kèm chi trả hằng tháng, in số dòng theo loại, tạo tài khoản mẫu rồi phục vụ web.\n"+
			"Generate a synthetic province into the database (migrating it first), file and decide its workers' benefit\n"+
			"claims with a payroll each month, print the counts per kind, create one demo account per role, then serve the web console.")
	dsn := dbFlag(fs, env)
	sf := addSynthFlags(fs, 20000)
	noServe := fs.Bool("no-serve", false, "dừng sau khi nạp và in số dòng / stop after loading and printing the counts")
	addr := fs.String("addr", ":8080", "địa chỉ web / listen address")
	keep := fs.String("keep", "", "giữ các tệp đã sinh (kể cả violations.csv; khoản nộp trước khi mở sổ ở payments_before_books.csv) trong thư mục này / keep the generated files here (payments before the books in payments_before_books.csv)")
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
	if *months > 0 {
		if err := keepBooksPayments(dir, cfg.Through.Add(-*months)); err != nil {
			return err
		}
	}
	counts, err := loadDir(ctx, env, db, dir, synth.KindPersonDeaths)
	if err != nil {
		return err
	}
	if err := runDemoClaims(ctx, env, db, dir, cfg, counts); err != nil {
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

// loadDir imports every exchange file found in dir, in dependency order,
// but the kinds later (loaded afterwards with loadKind), and returns the
// number of rows of each kind's table. The kinds others refer to are
// loaded first, one after the other; the rest refer to nothing but those,
// and one of their files is read and checked while the one before it is
// written (the largest first: their writing is what the reading of the
// next can hide behind).
func loadDir(ctx context.Context, env *Env, db *store.DB, dir string, later ...string) (map[string]int, error) {
	counts := map[string]int{}
	var rest []*importer.Kind
	referred := referredTables()
	for _, k := range importer.Kinds() {
		switch {
		case slices.Contains(later, k.Name):
		case referred[k.Table]:
			if err := loadKind(ctx, env, db, dir, k, counts); err != nil {
				return nil, err
			}
		default:
			rest = append(rest, k)
		}
	}
	if err := loadOverlapped(ctx, env, db, dir, bySizeDown(dir, rest), counts); err != nil {
		return nil, err
	}
	if len(counts) == 0 {
		return nil, ansinh.Errorf(ansinh.EINVALID, "không có tệp nào để nạp trong %s", dir)
	}
	return counts, nil
}

// referredTables returns the tables some kind's column refers to.
func referredTables() map[string]bool {
	out := map[string]bool{}
	for _, k := range importer.Kinds() {
		for _, c := range k.Columns {
			if c.Ref != nil {
				out[c.Ref.Table] = true
			}
		}
	}
	return out
}

// bySizeDown orders kinds by the size of their file in dir, largest first
// (a kind without a file last).
func bySizeDown(dir string, kinds []*importer.Kind) []*importer.Kind {
	size := map[string]int64{}
	for _, k := range kinds {
		if fi, err := os.Stat(filepath.Join(dir, k.Name+".csv")); err == nil {
			size[k.Name] = fi.Size()
		}
	}
	out := slices.Clone(kinds)
	slices.SortStableFunc(out, func(a, b *importer.Kind) int { return cmp.Compare(size[b.Name], size[a.Name]) })
	return out
}

// loadOverlapped imports the files of kinds that refer to none of each
// other, in order, reading one while the one before it is written (the
// store takes its writer only to commit): at most one file is read at a
// time and at most two are held in memory. It stops at the first error,
// once the imports begun have ended.
func loadOverlapped(ctx context.Context, env *Env, db *store.DB, dir string, kinds []*importer.Kind, counts map[string]int) error {
	var (
		mu       sync.Mutex
		first    error
		wg       sync.WaitGroup
		inFlight = make(chan struct{}, 2)
		reading  = make(chan struct{}, 1)
	)
	failed := func() bool { mu.Lock(); defer mu.Unlock(); return first != nil }
	shared := *env
	shared.Stderr = &lockedWriter{w: env.Stderr}
	env = &shared
	for _, k := range kinds {
		inFlight <- struct{}{}
		reading <- struct{}{}
		if failed() {
			<-reading
			<-inFlight
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-inFlight }()
			read := sync.OnceFunc(func() { <-reading })
			defer read()
			err := loadKindThen(ctx, env, db, dir, k, func(n int) {
				mu.Lock()
				counts[k.Name] = n
				mu.Unlock()
			}, read)
			if err != nil {
				mu.Lock()
				if first == nil {
					first = err
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return first
}

// lockedWriter lets goroutines write whole lines to one writer.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// loadKind imports dir's file of kind k, if there is one, and sets its
// table's number of rows in counts.
func loadKind(ctx context.Context, env *Env, db *store.DB, dir string, k *importer.Kind, counts map[string]int) error {
	return loadKindThen(ctx, env, db, dir, k, func(n int) { counts[k.Name] = n }, func() {})
}

// loadKindThen imports dir's file of kind k, if there is one, calls read
// once the file is read and checked (or has failed), and gives count its
// table's number of rows.
func loadKindThen(ctx context.Context, env *Env, db *store.DB, dir string, k *importer.Kind, count func(int), read func()) error {
	defer read()
	path := filepath.Join(dir, k.Name+".csv")
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	began := time.Now()
	fmt.Fprintf(env.Stderr, "Đang nạp / loading %s…\n", k.Name)
	progress := importProgress(env.Stderr)
	rep, err := importFile(ctx, db, k, path, "demo", importer.Options{MaxErrors: 20, Progress: func(p importer.Progress) {
		progress(p)
		if p.Done {
			read()
		}
	}})
	if err != nil {
		printReport(env.Stderr, rep, "vi")
		return err
	}
	n, err := db.Count(ctx, k.Table)
	if err != nil {
		return err
	}
	count(int(n))
	fmt.Fprintf(env.Stderr, "  %s: %s dòng/rows sau / in %s\n", k.Name, ansinh.GroupDigits(n, '.'), time.Since(began).Round(100*time.Millisecond))
	return nil
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
	quiet.Stdout = io.Discard // the jobs' progress goes to standard error
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

// beforeBooksFile names the file, beside the generated ones, that keeps the
// payments the demo does not load.
const beforeBooksFile = "payments_before_books.csv"

// keepBooksPayments leaves in dir's payments file only the payments for the
// months of the books that start in month first: those made after the
// payment deadline of the month before first (collection's books cutoff,
// before which the close allocates nothing) whose reference does not name
// an earlier month (the generator's references name the month paid for,
// "KY202607-2"). The others settled months the books do not hold; loaded,
// they would stay unallocated for ever, or be allocated to later months,
// and show as a credit of years of contributions. They are moved to
// beforeBooksFile, not lost.
func keepBooksPayments(dir string, first ansinh.Period) error {
	cutoff, err := rules.Default().Deadline(first.Add(-1))
	if err != nil {
		return err
	}
	path := filepath.Join(dir, "payments.csv")
	rows, err := readPaymentsCSV(path)
	if err != nil || len(rows) == 0 {
		return err
	}
	col, refCol := slices.Index(rows[0], "paid_on"), slices.Index(rows[0], "ref")
	if col < 0 || refCol < 0 {
		return fmt.Errorf("%s: no ref or paid_on column", path)
	}
	keep, before := [][]string{rows[0]}, [][]string{rows[0]}
	for _, r := range rows[1:] {
		d, err := ansinh.ParseDate(r[col])
		if err != nil {
			return fmt.Errorf("%s: paid_on %q: %w", path, r[col], err)
		}
		if m, ok := refMonth(r[refCol]); d > cutoff && (!ok || m >= first) {
			keep = append(keep, r)
		} else {
			before = append(before, r)
		}
	}
	if err := writePaymentsCSV(filepath.Join(dir, beforeBooksFile), before); err != nil {
		return err
	}
	return writePaymentsCSV(path, keep)
}

// refMonth returns the month a generated payment's reference names: two
// letters then YYYYMM, optionally followed by "-N".
func refMonth(ref string) (ansinh.Period, bool) {
	if len(ref) < 8 || (len(ref) > 8 && ref[8] != '-') {
		return 0, false
	}
	p, err := ansinh.ParsePeriod(ref[2:6] + "-" + ref[6:8])
	return p, err == nil
}

// readPaymentsCSV reads every record of a CSV file.
func readPaymentsCSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return csv.NewReader(bufio.NewReader(f)).ReadAll()
}

// writePaymentsCSV writes records to a CSV file, replacing it.
func writePaymentsCSV(path string, rows [][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	if err := w.WriteAll(rows); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
