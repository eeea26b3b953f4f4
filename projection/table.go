package projection

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// WriteTable prints the scenarios side by side for the summary years: a
// row per metric and scenario, a column per year.
func WriteTable(w io.Writer, results []*Result) error {
	years := SummaryYears(results)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := []string{"Chỉ tiêu / Indicator", "đơn vị", "kịch bản"}
	for _, y := range years {
		head = append(head, yearLabel(y))
	}
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	for _, m := range Metrics {
		for i, r := range results {
			title, unit := "", ""
			if i == 0 {
				title, unit = m.TitleVI+" / "+strings.TrimSpace(m.TitleEN), m.Unit()
			}
			cells := []string{title, unit, r.Scenario.Name}
			for _, y := range years {
				v, ok := r.At(y)
				if !ok {
					cells = append(cells, "")
					continue
				}
				cells = append(cells, m.Text(v))
			}
			fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t")
		}
	}
	return tw.Flush()
}
