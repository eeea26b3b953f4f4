package plan

import (
	"context"

	"ansinh"
)

// Store is what the plan tracker needs from storage; store/plandb
// implements it on both engines. Every write is audited in its
// transaction with the actor.
type Store interface {
	// EnsureTasks inserts the tasks the database lacks (by id), leaving
	// the others as officers changed them, and returns how many it
	// inserted.
	EnsureTasks(ctx context.Context, tasks []Task, actor string) (int, error)
	// Tasks returns the tasks in the plan's order; Task one task, or a
	// not-found error.
	Tasks(ctx context.Context) ([]Task, error)
	Task(ctx context.Context, id string) (Task, error)
	// UpdateTask applies an officer's change (Change.Apply) to a task.
	UpdateTask(ctx context.Context, id string, c Change, actor string) (Task, error)
	// AddReport records a checked progress report (CheckReport); its
	// status and progress, when given, become the task's. It returns the
	// report's id, or a not-found error for an unknown task.
	AddReport(ctx context.Context, r Report) (int64, error)
	// Reports returns the reports on a task ("" for all), newest first.
	Reports(ctx context.Context, taskID string) ([]Report, error)
}

// SeedActor is the actor of the plan's seeding in the audit log.
const SeedActor = "system:plan-seed"

// Seeder adds tasks a plan lacks (Store.EnsureTasks); a report needs no
// more of the plan's store than this to seed it.
type Seeder interface {
	EnsureTasks(ctx context.Context, tasks []Task, actor string) (int, error)
}

// Ensure seeds the plan's tasks the database lacks (Seed), leaving those
// officers changed as they are. It is the one seeding of the plan, called
// by the commands, the report and the web pages before they read the
// tasks; running it again changes nothing.
func Ensure(ctx context.Context, st Seeder, actor string) error {
	tasks, err := Seed()
	if err != nil {
		return err
	}
	_, err = st.EnsureTasks(ctx, tasks, actor)
	return err
}

// AddReport checks a progress report and records it.
func AddReport(ctx context.Context, st Store, r Report) (int64, error) {
	if err := CheckReport(r); err != nil {
		return 0, err
	}
	return st.AddReport(ctx, r)
}

// LastReports returns each task's latest report, from reports newest
// first (Store.Reports).
func LastReports(reports []Report) map[string]Report {
	last := map[string]Report{}
	for _, r := range reports {
		if _, ok := last[r.TaskID]; !ok {
			last[r.TaskID] = r
		}
	}
	return last
}

// ErrNoTask is the not-found error of an unknown task.
var ErrNoTask = &ansinh.Error{Code: ansinh.ENOTFOUND, Field: "task",
	Message: "Không có nhiệm vụ này trong kế hoạch.", MessageEN: "The plan has no such task."}
