package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"sort"
	"sync"
	"time"

	"ansinh"
	"ansinh/metrics"
	"ansinh/rules"
	"ansinh/synth"
)

// synthFlags are the options shared by synth and demo.
type synthFlags struct {
	workers  *int
	seed     *int64
	province *string
	through  *string
	hard     *bool
}

func addSynthFlags(fs *flag.FlagSet, defWorkers int) synthFlags {
	return synthFlags{
		workers:  fs.Int("workers", defWorkers, "số lao động tham gia BHXH bắt buộc ở tháng cuối / workers with mandatory SI at the last month"),
		seed:     fs.Int64("seed", 7, "hạt giống: cùng hạt giống cho cùng dữ liệu / seed: the same seed gives the same data"),
		province: fs.String("province", synth.DefaultProvince, "mã tỉnh (cơ cấu từ 01/07/2025) / province code (structure from 2025-07-01)"),
		through:  fs.String("through", "", "tháng cuối YYYY-MM (mặc định: tháng hiện tại) / last month (default: the current month)"),
		hard:     fs.Bool("hard", false, "tỉnh khó: vi phạm lẫn vào nhiễu trung thực, dữ liệu thuế 24 tháng / a hard province: violations inside the honest noise, a 24-month tax feed"),
	}
}

// config builds the generator's configuration, wiring in the rules engine.
func (f synthFlags) config(env *Env) (synth.Config, error) {
	through := ansinh.ThisMonth(env.Now())
	if *f.through != "" {
		p, err := ansinh.ParsePeriod(*f.through)
		if err != nil {
			return synth.Config{}, ansinh.Invalid("through", "tháng cuối phải có dạng YYYY-MM", "through must be YYYY-MM")
		}
		through = p
	}
	minWage, due := rulesForSynth(rules.Default())
	cfg := synth.Config{Workers: *f.workers, Seed: *f.seed, Province: *f.province, Through: through,
		MinWage: minWage, EmployerDue: due, Hard: *f.hard,
		Progress: counter(env.Stderr, "sinh dữ liệu / synth", "tháng/months")}
	if through == ansinh.ThisMonth(env.Now()) {
		// The current month is not over: nothing is dated after today.
		cfg.AsOf = ansinh.Today(env.Now())
	}
	return cfg, nil
}

// rulesForSynth adapts the rules engine to the generator: the regional
// minimum wage, and the total contribution of a worker-month (computed with
// the month's resolved rules, cached per month).
func rulesForSynth(p *rules.Params) (func(string, ansinh.Period) int64, func(ansinh.Period, int64, string, string) int64) {
	minWage := func(region string, m ansinh.Period) int64 {
		r, err := rules.ParseRegion(region)
		if err != nil {
			return 0
		}
		w, err := p.MinimumWage(r, m)
		if err != nil {
			return 0
		}
		return w
	}
	var mu sync.Mutex
	months := map[ansinh.Period]*rules.ContributionRules{}
	due := func(m ansinh.Period, wage int64, region, kind string) int64 {
		mu.Lock()
		cr, ok := months[m]
		if !ok {
			v, err := p.ContributionRules(m)
			if err == nil {
				cr = &v
			}
			months[m] = cr
		}
		mu.Unlock()
		r, err1 := rules.ParseRegion(region)
		k, err2 := rules.ParseEmployerKind(kind)
		if cr == nil || err1 != nil || err2 != nil {
			return 0
		}
		a, err := cr.Assess(rules.Worker{Wage: wage, Region: r, EmployerKind: k})
		if err != nil {
			return 0
		}
		return a.Total
	}
	return minWage, due
}

// runSynth writes a synthetic province as exchange files.
func runSynth(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "synth", "--out DIR",
		"Sinh dữ liệu một tỉnh tổng hợp (tệp CSV theo docs/formats.md, kèm violations.csv), cùng hạt giống cho cùng byte.\n"+
			"Write a synthetic province as exchange files (plus violations.csv); the same seed gives the same bytes.")
	sf := addSynthFlags(fs, 20000)
	out := fs.String("out", "", "thư mục ghi tệp / output directory (required)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return missingFlag(fs, "out")
	}
	cfg, err := sf.config(env)
	if err != nil {
		return err
	}
	counts, err := generateFiles(ctx, cfg, *out)
	if err != nil {
		return err
	}
	printCounts(env, "tệp / files in "+*out, counts)
	return nil
}

// generateFiles writes the province into dir.
func generateFiles(ctx context.Context, cfg synth.Config, dir string) (synth.Counts, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	sink, err := synth.NewCSVSink(dir)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	counts, err := synth.Generate(ctx, cfg, sink)
	if cerr := sink.Close(); err == nil {
		err = cerr
	}
	metrics.JobDone("synth", time.Since(start), err)
	return counts, err
}

// printCounts writes rows per kind, in the generator's kind order.
func printCounts(env *Env, title string, counts map[string]int) {
	fmt.Fprintf(env.Stdout, "Số dòng theo loại / rows per kind (%s):\n", title)
	seen := map[string]bool{}
	for _, k := range synth.Kinds() {
		if n, ok := counts[k]; ok {
			fmt.Fprintf(env.Stdout, "  %-18s %12s\n", k, ansinh.GroupDigits(int64(n), '.'))
			seen[k] = true
		}
	}
	var rest []string
	for k := range counts {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		fmt.Fprintf(env.Stdout, "  %-18s %12s\n", k, ansinh.GroupDigits(int64(counts[k]), '.'))
	}
}
