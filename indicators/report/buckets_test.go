package report

import (
	"testing"

	"ansinh/collection"
)

// The report's age buckets are collection's five, in order, each payer in
// the bucket of its months overdue.
func TestAgeBuckets(t *testing.T) {
	got := AgeBuckets([]MonthsOverdue{{Months: 0, Payers: 2, Amount: 10}, {Months: 1, Payers: 1, Amount: 5},
		{Months: 2, Payers: 1, Amount: 7}, {Months: 6, Payers: 3, Amount: 30}, {Months: 40, Payers: 1, Amount: 100}})
	want := []struct {
		payers, amount int64
	}{{2, 10}, {2, 12}, {0, 0}, {3, 30}, {1, 100}}
	if len(got) != len(collection.Buckets) || len(got) != 5 {
		t.Fatalf("%d buckets", len(got))
	}
	for i, w := range want {
		if got[i].Payers != w.payers || got[i].Amount != w.amount || got[i].LabelVI != collection.BucketLabels[collection.Buckets[i]][0] {
			t.Errorf("bucket %d: %+v, want %+v", i, got[i], w)
		}
	}
}
