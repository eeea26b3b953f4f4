package main

import (
	"strings"
	"testing"
	"time"

	"ansinh/importer"
)

func TestProgressLine(t *testing.T) {
	cases := []struct {
		p    importer.Progress
		want []string
	}{
		{importer.Progress{Kind: "employment", Rows: 500000, Bytes: 25, Size: 100, Elapsed: 10 * time.Second},
			[]string{"employment: 500.000 dòng/rows", "50.000 dòng/giây", "25%", "about 30s left"}},
		{importer.Progress{Kind: "persons", Rows: 1200, Elapsed: 2 * time.Second, Done: true},
			[]string{"1.200 dòng/rows", "600 dòng/giây", "read in 2s", "committing"}},
	}
	for _, c := range cases {
		got := progressLine(c.p)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%q lacks %q", got, w)
			}
		}
	}
}
