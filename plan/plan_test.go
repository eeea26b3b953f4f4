package plan_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"ansinh"
	"ansinh/plan"
)

var space = regexp.MustCompile(`\s+`)

// TestSeedQuotesThePlan checks that every task's text is the plan's own
// (data/seed-section-III.txt is section III as the seed has it).
func TestSeedQuotesThePlan(t *testing.T) {
	b, err := os.ReadFile("data/seed-section-III.txt")
	if err != nil {
		t.Fatal(err)
	}
	seed := space.ReplaceAllString(strings.ReplaceAll(string(b), "**", ""), " ")
	tasks, err := plan.Seed()
	if err != nil {
		t.Fatal(err)
	}
	if len(tasks) != 12 {
		t.Fatalf("%d tasks", len(tasks))
	}
	for _, task := range tasks {
		if !strings.Contains(seed, space.ReplaceAllString(task.Body, " ")) {
			t.Errorf("%s: text not found in section III", task.ID)
		}
		if task.LeadAgency == "" || task.Title == "" || task.TitleEN == "" || !strings.HasPrefix(task.Source, plan.Source+"III") {
			t.Errorf("%s: incomplete %+v", task.ID, task)
		}
	}
	if tasks[8].ID != "III.3a" || tasks[8].Deadline != ansinh.MustParseDate("2018-09-30") {
		t.Errorf("III.3a = %+v", tasks[8])
	}
	if last := tasks[len(tasks)-1]; last.ID != "III.5" || last.Recurrence != plan.Yearly {
		t.Errorf("III.5 = %+v", last)
	}
}

func TestLate(t *testing.T) {
	d := ansinh.MustParseDate
	due := plan.Task{Deadline: d("2018-09-30"), Status: plan.InProgress}
	yearly := plan.Task{Recurrence: plan.Yearly, Status: plan.InProgress}
	tests := []struct {
		name       string
		task       plan.Task
		asOf, last ansinh.Date
		late       bool
	}{
		{"before its deadline", due, d("2018-09-30"), 0, false},
		{"after its deadline", due, d("2018-10-01"), 0, true},
		{"done is never late", plan.Task{Deadline: d("2018-09-30"), Status: plan.Done}, d("2026-01-01"), 0, false},
		{"ongoing has no deadline", plan.Task{Recurrence: plan.Ongoing}, d("2026-01-01"), 0, false},
		{"yearly without report", yearly, d("2026-03-01"), 0, true},
		{"yearly reported last year", yearly, d("2026-03-01"), d("2025-12-20"), false},
		{"yearly reported this year", yearly, d("2026-03-01"), d("2026-01-15"), false},
		{"yearly reported two years ago", yearly, d("2026-03-01"), d("2024-12-20"), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if late, _, _ := tc.task.Late(tc.asOf, tc.last); late != tc.late {
				t.Errorf("late = %v", late)
			}
		})
	}
}

func TestChange(t *testing.T) {
	done, bad := plan.Done, plan.Status("finished")
	p50, p120 := 50, 120
	empty := "  "
	tests := []struct {
		name   string
		change plan.Change
		ok     bool
		check  func(plan.Task) bool
	}{
		{"done sets progress to 100", plan.Change{Status: &done}, true, func(t plan.Task) bool { return t.Progress == 100 }},
		{"progress", plan.Change{Progress: &p50}, true, func(t plan.Task) bool { return t.Progress == 50 }},
		{"progress over 100", plan.Change{Progress: &p120}, false, nil},
		{"unknown status", plan.Change{Status: &bad}, false, nil},
		{"empty lead agency", plan.Change{LeadAgency: &empty}, false, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			task := plan.Task{Status: plan.NotStarted, LeadAgency: "Sở"}
			err := tc.change.Apply(&task)
			if (err == nil) != tc.ok {
				t.Fatalf("err = %v", err)
			}
			if tc.ok && !tc.check(task) {
				t.Errorf("task %+v", task)
			}
		})
	}
}
