package importer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestParallelRowsImportAsSerialRows: a CSV file of many chunks, with bad
// cells, unknown references, duplicate keys, unreadable and blank lines
// among good rows, gives the same report, the same reject file and the same
// rows to the load, in the same order, checked on several goroutines as
// checked one row after the other.
func TestParallelRowsImportAsSerialRows(t *testing.T) {
	var b strings.Builder
	b.WriteString(employmentHeader + "\n")
	taxes, persons := []string{tax1, tax2}, []string{person1, person2, person3}
	for i := range 5000 {
		tax, person := taxes[i%2], persons[(i/2)%3]
		month := fmt.Sprintf("%04d-%02d", 1950+i/6/12, 1+i/6%12)
		wage := "5000000"
		switch {
		case i%7 == 3:
			wage = "năm triệu"
		case i%13 == 5:
			person = personUnknown
		case i%11 == 9: // the key of row i-6 (one month earlier... the same month as row i-6's)
			month = fmt.Sprintf("%04d-%02d", 1950+(i-6)/6/12, 1+(i-6)/6%12)
		case i%101 == 50:
			b.WriteString("\n")
		case i%211 == 100:
			b.WriteString(tax + ",\"" + person + "\"x,,,,,\n")
			continue
		}
		fmt.Fprintf(&b, "%s,%s,%s,,%s,indefinite,2024-01-05\n", tax, person, month, wage)
	}
	content := b.String()
	k := mustKind(t, "employment")
	type outcome struct {
		rep    Report
		rows   [][]any
		reject string
	}
	importAs := func(parallel bool) outcome {
		defer func(old bool) { checkInParallel = old }(checkInParallel)
		checkInParallel = parallel
		reject := filepath.Join(t.TempDir(), "reject.csv")
		load := &memLoader{}
		rep, err := ImportReader(context.Background(), k, "employment.csv", strings.NewReader(content), CSV, load, newRefs(),
			Options{RejectFile: reject, MaxErrors: 1000})
		if err != nil {
			t.Fatal(err)
		}
		out, err := os.ReadFile(reject)
		if err != nil {
			t.Fatal(err)
		}
		rep.RejectFile = ""
		return outcome{rep, load.rows, string(out)}
	}
	serial, parallel := importAs(false), importAs(true)
	if serial.rep.Good < 3000 || serial.rep.Bad < 1000 || serial.rep.MoreErrors == 0 {
		t.Fatalf("the file should hold thousands of good rows and of bad ones: %d good, %d bad, %d errors left out",
			serial.rep.Good, serial.rep.Bad, serial.rep.MoreErrors)
	}
	if !reflect.DeepEqual(serial.rep, parallel.rep) {
		t.Errorf("reports differ:\nserial   %+v\nparallel %+v", serial.rep, parallel.rep)
	}
	if !reflect.DeepEqual(serial.rows, parallel.rows) {
		t.Errorf("loads differ: %d rows serially, %d in parallel", len(serial.rows), len(parallel.rows))
	}
	if serial.reject != parallel.reject {
		t.Errorf("reject files differ: %d bytes serially, %d in parallel", len(serial.reject), len(parallel.reject))
	}
}
