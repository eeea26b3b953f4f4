package ansinh

import (
	"errors"
	"fmt"
)

// Error codes. Each maps to one HTTP status in the web and API layers.
const (
	EINVALID      = "invalid"      // the input breaks a rule; the message says which
	ENOTFOUND     = "not_found"    // the thing asked for does not exist (or is not visible)
	ECONFLICT     = "conflict"     // the change conflicts with the current state
	EUNAUTHORIZED = "unauthorized" // the caller is not signed in
	EFORBIDDEN    = "forbidden"    // the caller may not do this
	EINTERNAL     = "internal"     // anything else: details are logged, never shown
	ETOOLARGE     = "too_large"    // the request's body is over the size limit
)

// ErrNotFound is the not-found error of every layer: a record does not
// exist or is outside the caller's scope. The two are not told apart, so
// that a caller cannot probe for records it may not see. The store core's
// ErrNotFound is this value, so errors.Is matches it across the layers.
var ErrNotFound = &Error{Code: ENOTFOUND, Message: "Không tìm thấy.", MessageEN: "Not found."}

// Error is AnSinh's one application error: a machine code, the field it
// concerns (if any) and a safe message in Vietnamese with an English variant.
// Its messages may be shown to users; internal details never go in them.
type Error struct {
	Code      string
	Field     string
	Message   string // Vietnamese, with full diacritics
	MessageEN string // English
}

// Error returns the Vietnamese message, prefixed by the field.
func (e *Error) Error() string {
	if e.Field != "" {
		return e.Field + ": " + e.Message
	}
	return e.Message
}

// Invalid returns an EINVALID error for field with a Vietnamese and an English
// message.
func Invalid(field, vi, en string) *Error {
	return &Error{Code: EINVALID, Field: field, Message: vi, MessageEN: en}
}

// Errorf returns an error with the given code; the same text serves both
// languages (use it for messages that are codes or numbers only).
func Errorf(code, format string, args ...any) *Error {
	msg := fmt.Sprintf(format, args...)
	return &Error{Code: code, Message: msg, MessageEN: msg}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the safe message of err in the language lang ("vi" or
// "en"): the message of the first *Error in its chain, or a generic message
// for any other error, whose text is never shown.
func ErrorMessage(err error, lang string) string {
	var e *Error
	if errors.As(err, &e) {
		if lang == "en" && e.MessageEN != "" {
			return e.MessageEN
		}
		return e.Message
	}
	if lang == "en" {
		return "Internal error."
	}
	return "Lỗi hệ thống."
}
