package web

import "ansinh"

// Errors of the pages themselves.
var (
	errPageNotFound = &ansinh.Error{Code: ansinh.ENOTFOUND,
		Message: "Không tìm thấy trang này.", MessageEN: "This page does not exist."}
	errNoImporter = &ansinh.Error{Code: ansinh.EINTERNAL,
		Message: "Chức năng nhập dữ liệu chưa được bật.", MessageEN: "Importing is not enabled."}
)
