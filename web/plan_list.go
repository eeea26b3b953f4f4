package web

import (
	"context"
	"net/http"

	"ansinh"
	"ansinh/indicators/report"
	"ansinh/plan"
)

// planPage is the plan tracker: the tasks of section III of the plan with
// their lead agency, deadline, status, progress and latest report.
type planPage struct {
	Page
	Status    string
	Statuses  []plan.Status
	Tasks     []taskLine
	Late      int
	ExportURL string
}

// taskLine is a task with what the list says about it.
type taskLine struct {
	plan.Task
	Late       bool
	LateReason string
	LastReport *plan.Report
}

// planStatuses are the tasks' statuses, in order.
var planStatuses = []plan.Status{plan.NotStarted, plan.InProgress, plan.Done, plan.Suspended}

// ensurePlan seeds the plan's tasks the database lacks, once per process.
func (s *Server) ensurePlan(ctx context.Context) error {
	s.planOnce.Lock()
	defer s.planOnce.Unlock()
	if s.planSeeded {
		return nil
	}
	src, err := s.reportSources()
	if err != nil {
		return err
	}
	if err := report.EnsurePlan(ctx, src.Plan, "system:plan-seed"); err != nil {
		return err
	}
	s.planSeeded = true
	return nil
}

// taskLines returns the tasks, each with its latest report and whether it
// is late today.
func (s *Server) taskLines(ctx context.Context, lang string) ([]taskLine, error) {
	if err := s.ensurePlan(ctx); err != nil {
		return nil, err
	}
	tasks, err := s.db.PlanTasks(ctx)
	if err != nil {
		return nil, err
	}
	reports, err := s.db.PlanReports(ctx, "")
	if err != nil {
		return nil, err
	}
	last := map[string]*plan.Report{}
	for i := range reports {
		if _, ok := last[reports[i].TaskID]; !ok {
			last[reports[i].TaskID] = &reports[i]
		}
	}
	today := s.today()
	out := make([]taskLine, len(tasks))
	for i, t := range tasks {
		l := taskLine{Task: t, LastReport: last[t.ID]}
		var on ansinh.Date
		if l.LastReport != nil {
			on = l.LastReport.ReportedOn
		}
		var vi, en string
		l.Late, vi, en = t.Late(today, on)
		l.LateReason = vi
		if lang == "en" {
			l.LateReason = en
		}
		out[i] = l
	}
	return out, nil
}

// showPlan shows the plan's tasks (or exports them as XLSX).
func (s *Server) showPlan(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	pg := &planPage{Page: s.page(w, r, "plan.title"), Status: r.URL.Query().Get("status"), Statuses: planStatuses, ExportURL: exportURL(r.URL)}
	lines, err := s.taskLines(ctx, pg.Lang)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, err := plan.ParseStatus(pg.Status); err != nil {
		pg.Status = ""
	}
	for _, l := range lines {
		if pg.Status != "" && string(l.Status) != pg.Status {
			continue
		}
		if l.Late {
			pg.Late++
		}
		pg.Tasks = append(pg.Tasks, l)
	}
	if wantsXLSX(r) {
		s.writeXLSX(w, r, "nhiem-vu-ke-hoach", planSheet(pg.Tasks, pg.Lang))
		return
	}
	s.render(w, r, http.StatusOK, "plan", pg)
}

// planSheet is the tasks as a sheet.
func planSheet(tasks []taskLine, lang string) sheet {
	sh := sheet{Name: "plan.title", Columns: []string{"plan.id", "plan.task", "plan.lead_agency", "plan.partners", "plan.deadline",
		"plan.recurrence", "plan.status", "plan.progress", "plan.late", "plan.last_report", "plan.last_note"}}
	for _, t := range tasks {
		var on ansinh.Date
		var note string
		if t.LastReport != nil {
			on, note = t.LastReport.ReportedOn, t.LastReport.Note
		}
		sh.add(t.ID, taskTitle(lang, t.Task), t.LeadAgency, t.Partners, t.Deadline, recurrenceLabel(lang, t.Recurrence),
			label(lang, "pstatus", string(t.Status)), t.Progress, t.LateReason, on, note)
	}
	return sh
}

// taskTitle returns a task's title in a language (the Vietnamese one when
// there is no English one).
func taskTitle(lang string, t plan.Task) string {
	if lang == "en" && t.TitleEN != "" {
		return t.TitleEN
	}
	return t.Title
}

// recurrenceLabel names a task's recurrence in a language.
func recurrenceLabel(lang string, r plan.Recurrence) string {
	if r == plan.Once {
		return translate(lang, "recurrence.once")
	}
	return label(lang, "recurrence", string(r))
}
