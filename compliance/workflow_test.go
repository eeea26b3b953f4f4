package compliance

import (
	"testing"

	"ansinh"
)

// TestCaseWorkflowDecisions: the case workflow's rules, before the store
// writes anything.
func TestCaseWorkflowDecisions(t *testing.T) {
	open := CaseState{ID: "TT-1", Status: StatusOpen, Inspector: "a"}
	resolved := CaseState{ID: "TT-1", Status: StatusResolved, Inspector: "a", HasResult: true}
	inspected := CaseState{ID: "TT-1", Status: StatusInspected, Inspector: "a", HasResult: true}
	for _, tt := range []struct {
		name   string
		decide func() (CaseChange, error)
		code   string // "" ok
		action string // "" no change
	}{
		{"assign", func() (CaseChange, error) { return assign(open, "b") }, "", "case.assign"},
		{"assign to the same inspector: nothing", func() (CaseChange, error) { return assign(open, "a") }, "", ""},
		{"assign a resolved case", func() (CaseChange, error) { return assign(resolved, "b") }, ansinh.ECONFLICT, ""},
		{"forward", func() (CaseChange, error) { return transition(open, StatusContacted, " gọi điện ") }, "", "case.transition"},
		{"backward", func() (CaseChange, error) { return transition(inspected, StatusOpen, "") }, ansinh.ECONFLICT, ""},
		{"resolve without a result", func() (CaseChange, error) { return transition(open, StatusResolved, "") }, ansinh.ECONFLICT, ""},
		{"resolve with a result", func() (CaseChange, error) { return transition(inspected, StatusResolved, "") }, "", "case.transition"},
		{"a result", func() (CaseChange, error) { return recordResult(open, CaseResult{Fine: 1_000_000}) }, "", "case.result"},
		{"a result on a resolved case", func() (CaseChange, error) { return recordResult(resolved, CaseResult{Fine: 1}) }, ansinh.ECONFLICT, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ch, err := tt.decide()
			if got := ansinh.ErrorCode(err); got != tt.code && !(tt.code == "" && err == nil) {
				t.Fatalf("error %v, want code %q", err, tt.code)
			}
			if ch.Action != tt.action {
				t.Errorf("action %q, want %q", ch.Action, tt.action)
			}
		})
	}
	ch, _ := transition(open, StatusContacted, " gọi điện ")
	if ch.Detail != "open → contacted: gọi điện" || ch.Status != StatusContacted {
		t.Errorf("transition %+v", ch)
	}
}
