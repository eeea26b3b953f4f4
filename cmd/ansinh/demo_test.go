package main

import (
	"net"
	"strings"
	"testing"

	"ansinh/store"
	"ansinh/store/storetest"
)

// TestDemoRefusesABusyPortBeforeLoading: the demo checks that it can serve
// before it spends minutes loading, and says what it does from the start.
func TestDemoRefusesABusyPortBeforeLoading(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	dsn := storetest.DSN(t, store.SQLite)
	code, _, errOut := runCLI(t, "demo", "--db", dsn, "--addr", l.Addr().String(), "--workers", "1000")
	if code == 0 || !strings.Contains(errOut, "--addr") {
		t.Fatalf("demo on a busy port exited %d: %s", code, errOut)
	}
	if strings.Contains(errOut, "Đang sinh") || strings.Contains(errOut, "Đang nạp") {
		t.Fatalf("the demo loaded before checking its port:\n%s", errOut)
	}
}
