// Package plandb keeps the plan tracker's tasks and progress reports
// (plan.Store) on SQLite and PostgreSQL with the same SQL.
package plandb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"ansinh"
	"ansinh/plan"
	"ansinh/store"
)

// Store implements plan.Store over an open database.
type Store struct {
	db *store.DB
}

// New returns the plan's store over db.
func New(db *store.DB) *Store { return &Store{db: db} }

var _ plan.Store = (*Store)(nil)

// planTaskColumns are the columns PlanTasks reads.
const planTaskColumns = `id, seq, section, title, body, title_en, lead_agency, partners, deadline, recurrence, status, progress, source, updated_by, updated_at`

func scanPlanTask(r interface{ Scan(...any) error }, t *plan.Task) error {
	var rec, status string
	var deadline ansinh.Date
	if err := r.Scan(&t.ID, &t.Seq, &t.Section, &t.Title, &t.Body, &t.TitleEN, &t.LeadAgency, &t.Partners, &deadline,
		&rec, &status, &t.Progress, &t.Source, &t.UpdatedBy, store.ScanTime(&t.UpdatedAt)); err != nil {
		return err
	}
	t.Deadline, t.Recurrence, t.Status = deadline, plan.Recurrence(rec), plan.Status(status)
	return nil
}

// EnsureTasks inserts the tasks the database lacks (by id), leaving the
// others as officers changed them, and returns how many it inserted.
func (s *Store) EnsureTasks(ctx context.Context, tasks []plan.Task, actor string) (int, error) {
	tx, err := s.db.W.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	now := s.db.Stamp(s.db.Now())
	n := 0
	for _, t := range tasks {
		res, err := tx.ExecContext(ctx, `INSERT INTO plan_tasks (`+planTaskColumns+`)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT (id) DO NOTHING`,
			t.ID, t.Seq, t.Section, t.Title, t.Body, t.TitleEN, t.LeadAgency, t.Partners, s.db.Date(t.Deadline),
			string(t.Recurrence), string(t.Status), t.Progress, t.Source, actor, now)
		if err != nil {
			return 0, fmt.Errorf("seed plan task %s: %w", t.ID, err)
		}
		k, _ := res.RowsAffected()
		n += int(k)
	}
	if n > 0 {
		if err := s.db.WriteAudit(ctx, tx, ansinh.AuditEntry{Actor: actor, Action: "plan_task.seed", Object: "plan_tasks",
			Detail: fmt.Sprintf("%d tasks", n)}); err != nil {
			return 0, err
		}
	}
	return n, tx.Commit()
}

// Tasks returns the tasks in the plan's order.
func (s *Store) Tasks(ctx context.Context) ([]plan.Task, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT `+planTaskColumns+` FROM plan_tasks ORDER BY seq, id`)
	if err != nil {
		return nil, fmt.Errorf("plan tasks: %w", err)
	}
	defer rows.Close()
	var out []plan.Task
	for rows.Next() {
		var t plan.Task
		if err := scanPlanTask(rows, &t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Task returns one task (plan.ErrNoTask if none).
func (s *Store) Task(ctx context.Context, id string) (plan.Task, error) {
	var t plan.Task
	err := scanPlanTask(s.db.R.QueryRowContext(ctx, `SELECT `+planTaskColumns+` FROM plan_tasks WHERE id = $1`, id), &t)
	if err == sql.ErrNoRows {
		return t, plan.ErrNoTask
	}
	return t, err
}

// UpdateTask applies an officer's change to a task and audits it.
func (s *Store) UpdateTask(ctx context.Context, id string, c plan.Change, actor string) (plan.Task, error) {
	tx, err := s.db.W.BeginTx(ctx, nil)
	if err != nil {
		return plan.Task{}, err
	}
	defer tx.Rollback()
	var t plan.Task
	err = scanPlanTask(tx.QueryRowContext(ctx, `SELECT `+planTaskColumns+` FROM plan_tasks WHERE id = $1`, id), &t)
	if err == sql.ErrNoRows {
		return t, plan.ErrNoTask
	}
	if err != nil {
		return t, err
	}
	if err := c.Apply(&t); err != nil {
		return t, err
	}
	t.UpdatedBy, t.UpdatedAt = actor, s.db.Now()
	_, err = tx.ExecContext(ctx, `UPDATE plan_tasks SET title = $1, lead_agency = $2, partners = $3, deadline = $4, status = $5,
		progress = $6, updated_by = $7, updated_at = $8 WHERE id = $9`,
		t.Title, t.LeadAgency, t.Partners, s.db.Date(t.Deadline), string(t.Status), t.Progress, actor, s.db.Stamp(t.UpdatedAt), id)
	if err != nil {
		return t, err
	}
	detail := []string{"status=" + string(t.Status), fmt.Sprintf("progress=%d", t.Progress)}
	if !t.Deadline.IsZero() {
		detail = append(detail, "deadline="+t.Deadline.String())
	}
	if err := s.db.WriteAudit(ctx, tx, ansinh.AuditEntry{Actor: actor, Action: "plan_task.update", Object: "plan_task:" + id,
		Detail: strings.Join(detail, " ")}); err != nil {
		return t, err
	}
	return t, tx.Commit()
}

// AddReport records a progress report on a task; its status and
// progress, when given, become the task's. It returns the report's id.
func (s *Store) AddReport(ctx context.Context, r plan.Report) (int64, error) {
	tx, err := s.db.W.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var exists int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM plan_tasks WHERE id = $1`, r.TaskID).Scan(&exists); err != nil {
		return 0, err
	}
	if exists == 0 {
		return 0, plan.ErrNoTask
	}
	var progress, status any
	if r.Progress != nil {
		progress = *r.Progress
	}
	if r.Status != "" {
		status = string(r.Status)
	}
	now := s.db.Now()
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO plan_reports (task_id, reported_on, author, progress, status, note, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		r.TaskID, s.db.Date(r.ReportedOn), r.Author, progress, status, r.Note, s.db.Stamp(now)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("plan report: %w", err)
	}
	if r.Progress != nil || r.Status != "" {
		q := `UPDATE plan_tasks SET updated_by = $1, updated_at = $2`
		args := []any{r.Author, s.db.Stamp(now)}
		if r.Progress != nil {
			args = append(args, *r.Progress)
			q += fmt.Sprintf(", progress = $%d", len(args))
		}
		if r.Status != "" {
			args = append(args, string(r.Status))
			q += fmt.Sprintf(", status = $%d", len(args))
			if r.Status == plan.Done && r.Progress == nil {
				q += ", progress = 100"
			}
		}
		args = append(args, r.TaskID)
		if _, err := tx.ExecContext(ctx, q+fmt.Sprintf(" WHERE id = $%d", len(args)), args...); err != nil {
			return 0, err
		}
	}
	if err := s.db.WriteAudit(ctx, tx, ansinh.AuditEntry{Actor: r.Author, Action: "plan_report.add", Object: "plan_task:" + r.TaskID,
		Detail: fmt.Sprintf("report %d of %s", id, r.ReportedOn)}); err != nil {
		return 0, err
	}
	return id, tx.Commit()
}

// Reports returns the reports on a task ("" for all tasks), newest
// first.
func (s *Store) Reports(ctx context.Context, taskID string) ([]plan.Report, error) {
	var a store.Args
	q := `SELECT id, task_id, reported_on, author, progress, status, note, created_at FROM plan_reports`
	if taskID != "" {
		q += " WHERE task_id = " + a.Add(taskID)
	}
	q += " ORDER BY reported_on DESC, id DESC"
	rows, err := s.db.R.QueryContext(ctx, q, a.List...)
	if err != nil {
		return nil, fmt.Errorf("plan reports: %w", err)
	}
	defer rows.Close()
	var out []plan.Report
	for rows.Next() {
		var r plan.Report
		var progress sql.NullInt64
		var status string
		if err := rows.Scan(&r.ID, &r.TaskID, &r.ReportedOn, &r.Author, &progress, store.ScanNullString(&status), &r.Note, store.ScanTime(&r.Created)); err != nil {
			return nil, err
		}
		if progress.Valid {
			p := int(progress.Int64)
			r.Progress = &p
		}
		r.Status = plan.Status(status)
		out = append(out, r)
	}
	return out, rows.Err()
}
