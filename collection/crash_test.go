package collection_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"ansinh"
	"ansinh/store"
)

// run runs the ansinh binary against the SQLite file and fails the test on
// an error.
func run(t *testing.T, bin, dsn string, env []string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(append(os.Environ(), "ANSINH_DB="+dsn), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("ansinh %v: %v\n%s", args, err, out)
	}
	return out
}

// prepare makes a SQLite file with the province imported by the binary.
func prepare(t *testing.T, bin string, paths map[string]string) string {
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "ansinh.db")
	run(t, bin, dsn, nil, "migrate")
	for _, kind := range []string{"units", "employers", "persons", "employment", "voluntary", "payments"} {
		run(t, bin, dsn, nil, "import", kind, paths[kind])
	}
	return dsn
}

// exportsOf returns every notices and assessments export of the province's
// months, made by the binary.
func exportsOf(t *testing.T, bin, dsn string) map[string][]byte {
	out := map[string][]byte{}
	for p := smallProvince.From; p <= smallProvince.Through; p++ {
		for _, kind := range []string{"notices", "assessments", "arrears"} {
			out[kind+" "+p.String()] = run(t, bin, dsn, nil, "export", kind, "--period", p.String())
		}
	}
	return out
}

// A close killed (SIGKILL) in the middle of a month, after at least one
// batch was committed, and run again, gives the same exports as a close
// that was never interrupted.
func TestKilledCloseResumes(t *testing.T) {
	bin := binary(t)
	paths := writeFixture(t, smallProvince)
	through := smallProvince.Through.String()
	from := smallProvince.From.String()

	clean := prepare(t, bin, paths)
	run(t, bin, clean, nil, "close", "--through", through, "--from", from, "--batch", "3")
	want := exportsOf(t, bin, clean)

	dsn := prepare(t, bin, paths)
	cmd := exec.Command(bin, "close", "--through", through, "--from", from, "--batch", "3")
	cmd.Env = append(os.Environ(), "ANSINH_DB="+dsn, "ANSINH_CLOSE_BATCH_PAUSE=150ms")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Wait until a month is closed and the next one is running with at
	// least one batch committed, then kill the process.
	deadline := time.Now().Add(2 * time.Minute)
	var period string
	for {
		var closed, done int64
		db.R.QueryRow(`SELECT count(*) FROM collection_periods WHERE status = 'closed'`).Scan(&closed)
		db.R.QueryRow(`SELECT coalesce(max(r.period), ''), count(b.batch_no) FROM close_runs r JOIN close_batches b ON b.run_id = r.id
			WHERE r.status = 'running' AND b.status = 'done'`).Scan(&period, &done)
		if closed >= 2 && done >= 1 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("the close never reached the middle of a month\n%s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	var pending int64
	db.R.QueryRow(`SELECT count(*) FROM close_batches b JOIN close_runs r ON r.id = b.run_id WHERE r.status = 'running' AND b.status = 'pending'`).Scan(&pending)
	t.Logf("killed during the close of %s with %d batches pending", period, pending)
	if pending == 0 {
		t.Fatal("the kill came after the last batch: nothing left to resume")
	}

	out := run(t, bin, dsn, nil, "close", "--through", through)
	if !bytes.Contains(out, []byte("resumed")) {
		t.Errorf("the second run did not say it resumed:\n%s", out)
	}
	got := exportsOf(t, bin, dsn)
	for k, v := range want {
		if !bytes.Equal(got[k], v) {
			t.Errorf("%s differs from the uninterrupted close", k)
		}
	}
	if n := len(want["notices "+ansinh.MustParsePeriod(through).String()]); n < 200 {
		t.Fatalf("the notices export is too small to mean anything (%d bytes)", n)
	}
}
