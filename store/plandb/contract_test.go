package plandb_test

import (
	"context"
	"testing"

	"ansinh"
	"ansinh/plan"
	"ansinh/store"
	"ansinh/store/plandb"
	"ansinh/store/storetest"
)

// TestPlanStoreContract is the contract of plan.Store on every engine
// (SQLite, and PostgreSQL when ANSINH_TEST_POSTGRES is set; under CI a
// missing PostgreSQL fails): seeding inserts only what is missing,
// changes and reports are applied and audited.
func TestPlanStoreContract(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			ctx := context.Background()
			db := storetest.Open(t, e)
			st := plandb.New(db)
			tasks, err := plan.Seed()
			if err != nil {
				t.Fatal(err)
			}
			if n, err := st.EnsureTasks(ctx, tasks, "test"); err != nil || n != len(tasks) {
				t.Fatalf("seeded %d, %v", n, err)
			}
			done := plan.Done
			if _, err := st.UpdateTask(ctx, "III.3a", plan.Change{Status: &done}, "cli:officer"); err != nil {
				t.Fatal(err)
			}
			// Seeding again (the one seeding, plan.Ensure) keeps the
			// officer's change and inserts nothing.
			if err := plan.Ensure(ctx, st, plan.SeedActor); err != nil {
				t.Fatal(err)
			}
			if n, err := st.EnsureTasks(ctx, tasks, "test"); err != nil || n != 0 {
				t.Fatalf("second seed inserted %d, %v", n, err)
			}
			got, err := st.Task(ctx, "III.3a")
			if err != nil || got.Status != plan.Done || got.Progress != 100 || got.Deadline != ansinh.MustParseDate("2018-09-30") {
				t.Fatalf("III.3a = %+v, %v", got, err)
			}
			p := 60
			id, err := plan.AddReport(ctx, st, plan.Report{TaskID: "III.2.1", ReportedOn: ansinh.MustParseDate("2026-06-30"), Author: "cli:officer",
				Progress: &p, Status: plan.InProgress, Note: "Đã triển khai cổng dịch vụ công mức độ 4"})
			if err != nil || id == 0 {
				t.Fatalf("report %d, %v", id, err)
			}
			if _, err := plan.AddReport(ctx, st, plan.Report{TaskID: "IX.9", ReportedOn: ansinh.MustParseDate("2026-06-30"), Author: "x", Note: "x"}); ansinh.ErrorCode(err) != ansinh.ENOTFOUND {
				t.Fatalf("report on an unknown task: %v", err)
			}
			if _, err := plan.AddReport(ctx, st, plan.Report{TaskID: "III.2.1", Author: "x", Note: "x"}); ansinh.ErrorCode(err) != ansinh.EINVALID {
				t.Fatalf("report without a date: %v", err)
			}
			reps, err := st.Reports(ctx, "III.2.1")
			if err != nil || len(reps) != 1 || *reps[0].Progress != 60 || reps[0].Status != plan.InProgress {
				t.Fatalf("reports %+v, %v", reps, err)
			}
			task, _ := st.Task(ctx, "III.2.1")
			if task.Progress != 60 || task.Status != plan.InProgress {
				t.Fatalf("task after the report %+v", task)
			}
			all, err := st.Tasks(ctx)
			if err != nil || len(all) != len(tasks) || all[0].ID != "III.1" {
				t.Fatalf("tasks %d, %v", len(all), err)
			}
			audit, _, _ := db.ListAudit(ctx, store.AuditFilter{Object: "plan_task:III.2.1"})
			if len(audit) != 1 {
				t.Fatalf("audit %+v", audit)
			}
		})
	}
}
