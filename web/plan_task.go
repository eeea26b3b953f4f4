package web

import (
	"net/http"
	"strconv"
	"strings"

	"ansinh"
	"ansinh/auth"
	"ansinh/plan"
)

// planTaskPage is one task of the plan: its text, lead agency, partners,
// deadline, status and progress, its reports, and for the province the
// forms to change it and to file a report.
type planTaskPage struct {
	Page
	Task     taskLine
	Reports  []plan.Report
	Statuses []plan.Status
	MayEdit  bool
	Edit     taskForm
	Report   reportForm
	Errors   map[string]string
	// ExportURL downloads the task's reports as XLSX.
	ExportURL string
}

// taskForm is the change form's fields as typed.
type taskForm struct {
	Status, Progress, Deadline, Lead string
}

// reportForm is the report form's fields as typed.
type reportForm struct {
	Date, Progress, Status, Note string
}

// showPlanTask shows a task.
func (s *Server) showPlanTask(w http.ResponseWriter, r *http.Request) {
	pg, err := s.planTaskPage(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if wantsXLSX(r) {
		sh := sheet{Name: "plan.reports", Columns: []string{"plan.id", "plan.report_date", "plan.report_note", "plan.status", "plan.progress", "audit.actor"}}
		for _, rep := range pg.Reports {
			var progress any
			if rep.Progress != nil {
				progress = *rep.Progress
			}
			var st any
			if rep.Status != "" {
				st = label(pg.Lang, "pstatus", string(rep.Status))
			}
			sh.add(rep.TaskID, rep.ReportedOn, rep.Note, st, progress, rep.Author)
		}
		s.writeXLSX(w, r, "bao-cao-nhiem-vu-"+pg.Task.ID, sh)
		return
	}
	if r.URL.Query().Get("done") != "" {
		pg.Flash = translate(pg.Lang, "plan.done")
	}
	s.render(w, r, http.StatusOK, "plan_task", pg)
}

// planTaskPage gathers a task's page.
func (s *Server) planTaskPage(w http.ResponseWriter, r *http.Request) (*planTaskPage, error) {
	ctx := r.Context()
	pg := &planTaskPage{Page: s.page(w, r, "plan.task_title"), Statuses: planStatuses, Errors: map[string]string{}, ExportURL: exportURL(r.URL)}
	lines, err := s.taskLines(ctx, pg.Lang)
	if err != nil {
		return nil, err
	}
	id := r.PathValue("id")
	found := false
	for _, l := range lines {
		if l.ID == id {
			pg.Task, found = l, true
		}
	}
	if !found {
		return nil, ansinh.ErrNotFound
	}
	if pg.Reports, err = s.plans.Reports(ctx, id); err != nil {
		return nil, err
	}
	pg.MayEdit = s.policy["POST /plan/{id}"].Allows(auth.From(ctx).Role)
	t := pg.Task.Task
	pg.Edit = taskForm{Status: string(t.Status), Progress: strconv.Itoa(t.Progress), Lead: t.LeadAgency}
	if !t.Deadline.IsZero() {
		pg.Edit.Deadline = t.Deadline.String()
	}
	pg.Report = reportForm{Date: s.today().String()}
	return pg, nil
}

// updatePlanTask changes a task's status, progress, deadline or lead
// agency; the store audits it.
func (s *Server) updatePlanTask(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	f := taskForm{Status: r.PostFormValue("status"), Progress: strings.TrimSpace(r.PostFormValue("progress")),
		Deadline: strings.TrimSpace(r.PostFormValue("deadline")), Lead: strings.TrimSpace(r.PostFormValue("lead_agency"))}
	var c plan.Change
	var bad error
	if f.Status != "" {
		st, err := plan.ParseStatus(f.Status)
		if err != nil {
			bad = err
		}
		c.Status = &st
	}
	if f.Progress != "" {
		n, err := strconv.Atoi(f.Progress)
		if err != nil && bad == nil {
			bad = ansinh.Invalid("progress", "Tiến độ phải là số từ 0 đến 100.", "Progress must be a number from 0 to 100.")
		}
		c.Progress = &n
	}
	if r.PostForm.Has("deadline") {
		var d ansinh.Date
		if f.Deadline != "" {
			var err error
			if d, err = ansinh.ParseDate(f.Deadline); err != nil && bad == nil {
				bad = ansinh.Invalid("deadline", "Thời hạn không hợp lệ.", "The deadline is not a valid date.")
			}
		}
		c.Deadline = &d
	}
	if r.PostForm.Has("lead_agency") {
		c.LeadAgency = &f.Lead
	}
	if bad == nil {
		_, bad = s.plans.UpdateTask(ctx, r.PathValue("id"), c, auth.From(ctx).Actor())
		if bad == nil {
			redirect(w, r, "/plan/"+r.PathValue("id")+"?done=1")
			return
		}
	}
	s.planFormError(w, r, bad, func(pg *planTaskPage) { pg.Edit = f })
}

// addPlanReport files a progress report on a task, which may set its
// status and progress; the store audits it.
func (s *Server) addPlanReport(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := auth.From(ctx)
	f := reportForm{Date: strings.TrimSpace(r.PostFormValue("reported_on")), Progress: strings.TrimSpace(r.PostFormValue("progress")),
		Status: r.PostFormValue("status"), Note: strings.TrimSpace(r.PostFormValue("note"))}
	rep := plan.Report{TaskID: r.PathValue("id"), Author: p.Actor(), Note: f.Note, Status: plan.Status(f.Status)}
	var bad error
	if d, err := ansinh.ParseDate(f.Date); err == nil {
		rep.ReportedOn = d
	} else {
		bad = ansinh.Invalid("reported_on", "Ngày báo cáo không hợp lệ.", "The report's date is not valid.")
	}
	if f.Progress != "" {
		n, err := strconv.Atoi(f.Progress)
		if err != nil && bad == nil {
			bad = ansinh.Invalid("progress", "Tiến độ phải là số từ 0 đến 100.", "Progress must be a number from 0 to 100.")
		}
		rep.Progress = &n
	}
	if bad == nil {
		if _, bad = plan.AddReport(ctx, s.plans, rep); bad == nil {
			redirect(w, r, "/plan/"+rep.TaskID+"?done=1")
			return
		}
	}
	s.planFormError(w, r, bad, func(pg *planTaskPage) { pg.Report = f })
}

// planFormError shows the task's page again with a form's error, or the
// error page when the error is not the form's.
func (s *Server) planFormError(w http.ResponseWriter, r *http.Request, err error, keep func(*planTaskPage)) {
	if ansinh.ErrorCode(err) != ansinh.EINVALID {
		s.fail(w, r, err)
		return
	}
	pg, perr := s.planTaskPage(w, r)
	if perr != nil {
		s.fail(w, r, perr)
		return
	}
	keep(pg)
	pg.Error = ansinh.ErrorMessage(err, pg.Lang)
	pg.SwitchURL = "/plan/" + pg.Task.ID + "?lang=" + pg.OtherLang
	if e, ok := err.(*ansinh.Error); ok && e.Field != "" {
		pg.Errors[e.Field] = pg.Error
	}
	s.render(w, r, http.StatusBadRequest, "plan_task", pg)
}
