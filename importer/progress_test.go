package importer

import (
	"context"
	"testing"
)

func TestProgressReportsEveryRowWhenDone(t *testing.T) {
	k, _ := KindByName("employment")
	var got []Progress
	opt := Options{Progress: func(p Progress) { got = append(got, p) }}
	rep, err := ImportReader(context.Background(), k, "e.csv", newEmploymentFile(5000), CSV, &discardLoader{}, anyRefs{}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 {
		t.Fatal("no progress reported")
	}
	last := got[len(got)-1]
	if !last.Done || last.Rows != rep.Rows || last.Rows != 5000 || last.Kind != "employment" || last.Bytes == 0 {
		t.Fatalf("last progress %+v, report %d rows", last, rep.Rows)
	}
	for _, p := range got[:len(got)-1] {
		if p.Done {
			t.Fatalf("done reported before the end: %+v", p)
		}
	}
}
