package report

import "ansinh/collection"

// MonthsOverdue is the payers overdue for a number of whole months (of
// each payer's oldest unpaid deadline) and what they owe past their
// deadlines.
type MonthsOverdue struct {
	Months         int
	Payers, Amount int64
}

// AgeBuckets groups the payers overdue by months into collection's age
// buckets (the same five as the arrears page and the API), every bucket
// present, in order.
func AgeBuckets(byMonths []MonthsOverdue) []Bucket {
	out := make([]Bucket, len(collection.Buckets))
	index := map[string]int{}
	for i, b := range collection.Buckets {
		out[i].LabelVI = collection.BucketLabels[b][0]
		index[b] = i
	}
	for _, m := range byMonths {
		b := &out[index[collection.Bucket(m.Months)]]
		b.Payers += m.Payers
		b.Amount += m.Amount
	}
	return out
}
