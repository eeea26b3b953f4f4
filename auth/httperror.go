package auth

import (
	"encoding/json"
	"net/http"

	"ansinh"
)

// statusOf is the one table from error code to HTTP status.
var statusOf = map[string]int{
	ansinh.EINVALID:      http.StatusBadRequest,
	ansinh.ENOTFOUND:     http.StatusNotFound,
	ansinh.ECONFLICT:     http.StatusConflict,
	ansinh.EUNAUTHORIZED: http.StatusUnauthorized,
	ansinh.EFORBIDDEN:    http.StatusForbidden,
	ansinh.EINTERNAL:     http.StatusInternalServerError,
	ansinh.ETOOLARGE:     http.StatusRequestEntityTooLarge,
}

// HTTPStatus returns the HTTP status of an error's code.
func HTTPStatus(err error) int {
	if s, ok := statusOf[ansinh.ErrorCode(err)]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// JSONError is the body of every error the JSON API returns.
type JSONError struct {
	Error JSONErrorBody `json:"error"`
}

// JSONErrorBody is the error itself: its code, the field concerned and its
// safe message in Vietnamese and English.
type JSONErrorBody struct {
	Code      string `json:"code"`
	Field     string `json:"field,omitempty"`
	Message   string `json:"message"`
	MessageEN string `json:"message_en"`
}

// WriteJSONError writes err as a JSON error with its status. Only the safe
// message of a coded error is written; any other error is "internal".
func WriteJSONError(w http.ResponseWriter, err error) {
	body := JSONErrorBody{Code: ansinh.ErrorCode(err), Message: ansinh.ErrorMessage(err, "vi"),
		MessageEN: ansinh.ErrorMessage(err, "en")}
	if e, ok := err.(*ansinh.Error); ok {
		body.Field = e.Field
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(HTTPStatus(err))
	json.NewEncoder(w).Encode(JSONError{Error: body})
}

// Errors the guard answers with.
var (
	ErrSignInRequired = &ansinh.Error{Code: ansinh.EUNAUTHORIZED,
		Message: "Bạn cần đăng nhập.", MessageEN: "You need to sign in."}
	ErrNotAllowed = &ansinh.Error{Code: ansinh.EFORBIDDEN,
		Message: "Bạn không có quyền thực hiện thao tác này.", MessageEN: "You are not allowed to do this."}
	ErrBadCSRF = &ansinh.Error{Code: ansinh.EFORBIDDEN,
		Message:   "Phiên làm việc của biểu mẫu đã hết hạn. Hãy tải lại trang và thử lại.",
		MessageEN: "The form's session has expired. Reload the page and try again."}
	ErrTooLarge = &ansinh.Error{Code: ansinh.ETOOLARGE,
		Message:   "Tệp gửi lên vượt quá giới hạn kích thước. Hãy chia tệp thành nhiều tệp nhỏ hơn.",
		MessageEN: "The upload is over the size limit. Split the file into smaller files."}
	ErrInternal = &ansinh.Error{Code: ansinh.EINTERNAL, Message: "Lỗi hệ thống.", MessageEN: "Internal error."}
)
