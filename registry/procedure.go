package registry

import (
	"context"
	"fmt"
	"time"

	"ansinh"
)

// ErrSurveyAnswered is returned when a procedure's survey was answered.
var ErrSurveyAnswered = &ansinh.Error{Code: ansinh.ECONFLICT,
	Message: "Bạn đã đánh giá thủ tục này.", MessageEN: "You have already rated this procedure."}

// ErrProcedureNotDone is returned when a survey is answered before the
// procedure is completed.
var ErrProcedureNotDone = &ansinh.Error{Code: ansinh.ECONFLICT,
	Message: "Thủ tục chưa hoàn thành.", MessageEN: "The procedure is not completed yet."}

// FindProcedure returns the procedure with the id carried out by the
// account, or ErrNotFound.
func (s *Service) FindProcedure(ctx context.Context, id, userID int64) (Procedure, error) {
	return s.store.FindProcedure(ctx, id, userID)
}

// ProceduresOf returns the latest procedures carried out by the account.
func (s *Service) ProceduresOf(ctx context.Context, userID int64, limit int) ([]Procedure, error) {
	if limit <= 0 {
		limit = 20
	}
	return s.store.ProceduresOf(ctx, userID, limit)
}

// AnswerSurvey records the account's satisfaction with a completed
// procedure it carried out: a score from 1 to 5 and a comment.
func (s *Service) AnswerSurvey(ctx context.Context, procID, userID int64, score int, comment string, at time.Time, actor string) error {
	if score < 1 || score > 5 {
		return ansinh.Invalid("score", "Hãy chọn mức đánh giá từ 1 đến 5.", "Choose a score from 1 to 5.")
	}
	comment = Clean(comment)
	return s.store.Update(ctx, func(tx Tx) error {
		status, answered, err := tx.ProcedureState(ctx, procID, userID)
		switch {
		case err != nil:
			return err
		case answered:
			return ErrSurveyAnswered
		case status != "completed":
			return ErrProcedureNotDone
		}
		if err := tx.AddSurvey(ctx, procID, score, comment, at); err != nil {
			return err
		}
		return tx.Audit(ctx, AuditEntry{At: at, Actor: actor, Action: "survey.answer",
			Object: fmt.Sprintf("procedure:%d", procID), Detail: fmt.Sprintf("score=%d", score)})
	})
}
