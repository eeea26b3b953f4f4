// Package plan is the plan tracker (capability 8): the tasks of section III
// of the provincial plan to carry out Resolution 28-NQ/TW, each with its
// lead agency, deadline, status and progress reports.
//
// Nhiệm vụ của Kế hoạch (mục III "Tổ chức thực hiện"): cơ quan chủ trì,
// thời hạn, tình trạng và các báo cáo tiến độ.
//
// The tasks are seeded from the program's copy of the plan (data/tasks.csv,
// its source in data/README.md): Seed returns them, and the store inserts
// the ones it lacks, so that officers' changes are never overwritten. A
// task's status is set by officers (not_started, in_progress, done,
// suspended); whether it is late is derived from its deadline (Late): a
// task with a deadline is late when the deadline has passed and it is not
// done; a yearly task (the periodic report to the Standing Committee,
// section III.5) is late when no report was filed for the year before;
// ongoing tasks have no deadline.
package plan

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"

	"ansinh"
)

//go:embed data/tasks.csv
var tasksCSV []byte

// Source is the citation of the tasks.
const Source = "Kế hoạch thực hiện Nghị quyết số 28-NQ/TW của Tỉnh ủy, mục "

// Status is a task's state as officers set it.
type Status string

// The statuses.
const (
	NotStarted Status = "not_started"
	InProgress Status = "in_progress"
	Done       Status = "done"
	Suspended  Status = "suspended"
)

var statusNames = map[Status][2]string{
	NotStarted: {"Chưa thực hiện", "Not started"},
	InProgress: {"Đang thực hiện", "In progress"},
	Done:       {"Hoàn thành", "Done"},
	Suspended:  {"Tạm dừng", "Suspended"},
}

// ParseStatus reads a status name.
func ParseStatus(s string) (Status, error) {
	if _, ok := statusNames[Status(s)]; ok {
		return Status(s), nil
	}
	return "", ansinh.Invalid("status", fmt.Sprintf("tình trạng %q không hợp lệ (not_started, in_progress, done, suspended)", s),
		fmt.Sprintf("unknown status %q (not_started, in_progress, done, suspended)", s))
}

// VI returns the status in Vietnamese.
func (s Status) VI() string { return statusNames[s][0] }

// EN returns the status in English.
func (s Status) EN() string { return statusNames[s][1] }

// Recurrence says whether a task recurs.
type Recurrence string

// The recurrences.
const (
	Once    Recurrence = ""        // a task with a deadline
	Ongoing Recurrence = "ongoing" // continuing, without a deadline
	Yearly  Recurrence = "yearly"  // a report due every year
)

// VI returns the recurrence in Vietnamese.
func (r Recurrence) VI() string {
	switch r {
	case Ongoing:
		return "Thường xuyên"
	case Yearly:
		return "Định kỳ hằng năm"
	}
	return "Có thời hạn"
}

// Task is one task of the plan.
type Task struct {
	ID         string // the plan's numbering, e.g. "III.2.1"
	Seq        int    // order in the plan
	Section    string // the plan's item, e.g. "III.3"
	Title      string // short summary, Vietnamese
	TitleEN    string
	Body       string // the plan's text
	LeadAgency string // cơ quan chủ trì
	Partners   string // cơ quan phối hợp
	Deadline   ansinh.Date
	Recurrence Recurrence
	Status     Status
	Progress   int // percent, 0..100
	Source     string
	UpdatedBy  string
	UpdatedAt  time.Time
}

// Report is a progress report on a task.
type Report struct {
	ID         int64
	TaskID     string
	ReportedOn ansinh.Date
	Author     string
	// Progress and Status, when set, update the task.
	Progress *int
	Status   Status
	Note     string
	Created  time.Time
}

// Seed returns the plan's tasks as the program ships them, not started.
func Seed() ([]Task, error) {
	r := csv.NewReader(bytes.NewReader(tasksCSV))
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("plan: tasks.csv: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	var out []Task
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("plan: tasks.csv line %d: %w", line, err)
		}
		get := func(k string) string { return strings.TrimSpace(rec[col[k]]) }
		t := Task{ID: get("id"), Seq: len(out) + 1, Section: get("section"), Title: get("title"), TitleEN: get("title_en"),
			Body: get("body"), LeadAgency: get("lead_agency"), Partners: get("partners"),
			Recurrence: Recurrence(get("recurrence")), Status: NotStarted, Source: Source + get("section")}
		if d := get("deadline"); d != "" {
			if t.Deadline, err = ansinh.ParseDate(d); err != nil {
				return nil, fmt.Errorf("plan: tasks.csv line %d: %w", line, err)
			}
		}
		out = append(out, t)
	}
}

// Change is an officer's change to a task; nil fields are left as they
// are.
type Change struct {
	Status     *Status
	Progress   *int
	Deadline   *ansinh.Date // a zero date removes the deadline
	LeadAgency *string
	Partners   *string
	Title      *string
}

// Apply checks a change and applies it to t.
func (c Change) Apply(t *Task) error {
	if c.Status != nil {
		if _, err := ParseStatus(string(*c.Status)); err != nil {
			return err
		}
		t.Status = *c.Status
	}
	if c.Progress != nil {
		if *c.Progress < 0 || *c.Progress > 100 {
			return ansinh.Invalid("progress", "tiến độ phải từ 0 đến 100%", "progress must be between 0 and 100%")
		}
		t.Progress = *c.Progress
	}
	if c.Deadline != nil {
		t.Deadline = *c.Deadline
	}
	if c.LeadAgency != nil {
		if strings.TrimSpace(*c.LeadAgency) == "" {
			return ansinh.Invalid("lead_agency", "thiếu cơ quan chủ trì", "the lead agency is required")
		}
		t.LeadAgency = strings.TrimSpace(*c.LeadAgency)
	}
	if c.Partners != nil {
		t.Partners = strings.TrimSpace(*c.Partners)
	}
	if c.Title != nil {
		if strings.TrimSpace(*c.Title) == "" {
			return ansinh.Invalid("title", "thiếu tên nhiệm vụ", "the title is required")
		}
		t.Title = strings.TrimSpace(*c.Title)
	}
	if t.Status == Done && c.Progress == nil {
		t.Progress = 100
	}
	return nil
}

// CheckReport validates a progress report.
func CheckReport(r Report) error {
	if strings.TrimSpace(r.TaskID) == "" {
		return ansinh.Invalid("task", "thiếu nhiệm vụ", "the task is required")
	}
	if r.ReportedOn.IsZero() {
		return ansinh.Invalid("reported_on", "thiếu ngày báo cáo", "the report date is required")
	}
	if strings.TrimSpace(r.Note) == "" {
		return ansinh.Invalid("note", "thiếu nội dung báo cáo", "the report's text is required")
	}
	if strings.TrimSpace(r.Author) == "" {
		return ansinh.Invalid("author", "thiếu người báo cáo", "the author is required")
	}
	if r.Progress != nil && (*r.Progress < 0 || *r.Progress > 100) {
		return ansinh.Invalid("progress", "tiến độ phải từ 0 đến 100%", "progress must be between 0 and 100%")
	}
	if r.Status != "" {
		if _, err := ParseStatus(string(r.Status)); err != nil {
			return err
		}
	}
	return nil
}

// Late reports whether a task is late on day asOf, given the date of its
// latest report (zero if none), with the reason in Vietnamese and English.
func (t Task) Late(asOf, lastReport ansinh.Date) (bool, string, string) {
	switch {
	case t.Status == Done || t.Status == Suspended:
		return false, "", ""
	case t.Recurrence == Yearly:
		y := asOf.Year() - 1
		if lastReport.IsZero() || lastReport.Year() < y {
			return true, fmt.Sprintf("chưa có báo cáo năm %d", y), fmt.Sprintf("no report for %d", y)
		}
	case !t.Deadline.IsZero() && asOf > t.Deadline:
		return true, "quá hạn " + t.Deadline.Display(), "past its deadline " + t.Deadline.String()
	}
	return false, "", ""
}
