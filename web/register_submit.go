package web

import (
	"net/http"
	"slices"
	"strings"

	"ansinh"
	"ansinh/auth"
	"ansinh/registry"
)

// submitRegister records an employer's registration, pending approval.
func (s *Server) submitRegister(w http.ResponseWriter, r *http.Request) {
	pg, err := s.registerPage(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := registerForm{
		TaxCode: strings.TrimSpace(r.PostFormValue("tax_code")), Name: strings.Join(strings.Fields(r.PostFormValue("name")), " "),
		Kind: r.PostFormValue("kind"), CommuneCode: r.PostFormValue("commune_code"),
		Contact: strings.TrimSpace(r.PostFormValue("contact")), Login: strings.ToLower(strings.TrimSpace(r.PostFormValue("login"))),
	}
	pg.Form = f
	lang := pg.Lang
	bad := func(field string, e error) { pg.Errors[field] = ansinh.ErrorMessage(e, lang) }
	tax, reason := ansinh.CheckTaxCode(f.TaxCode)
	if reason != ansinh.IDValid {
		bad("tax_code", ansinh.Invalid("tax_code", "Mã số thuế "+reason.MessageVI()+".", "The tax code "+reason.MessageEN()+"."))
	}
	if f.Name == "" {
		bad("name", ansinh.Invalid("name", "Hãy nhập tên đơn vị.", "Enter the employer's name."))
	}
	if !slices.Contains(employerKinds, f.Kind) {
		bad("kind", ansinh.Invalid("kind", "Hãy chọn loại hình đơn vị.", "Choose the kind of employer."))
	}
	if !slices.ContainsFunc(pg.Communes, func(u registry.Unit) bool { return u.Code == f.CommuneCode }) {
		bad("commune_code", ansinh.Invalid("commune_code", "Hãy chọn xã, phường nơi đơn vị đặt trụ sở.", "Choose the commune of the employer's seat."))
	}
	if err := auth.CheckLogin(f.Login); err != nil {
		bad("login", err)
	}
	password := r.PostFormValue("password")
	if password != r.PostFormValue("password2") {
		bad("password2", ansinh.Invalid("password2", "Hai lần nhập mật khẩu không khớp.", "The two passwords differ."))
	}
	hash, err := auth.HashPassword(password, s.cfg.PasswordCost)
	if err != nil {
		bad("password", err)
	}
	if len(pg.Errors) > 0 {
		s.render(w, r, http.StatusBadRequest, "register", pg)
		return
	}
	reg, err := s.reg.RegisterEmployer(r.Context(),
		registry.Registration{TaxCode: tax, Name: f.Name, Kind: f.Kind, CommuneCode: f.CommuneCode, Contact: f.Contact},
		registry.Account{Login: f.Login, PasswordHash: hash, DisplayName: f.Name, CreatedBy: "register:" + f.Login})
	if ansinh.ErrorCode(err) == ansinh.ECONFLICT {
		field := "login"
		if e, ok := err.(*ansinh.Error); ok && e.Field != "" {
			field = e.Field
		}
		bad(field, err)
		s.render(w, r, http.StatusConflict, "register", pg)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg.Done = &reg
	s.render(w, r, http.StatusOK, "register", pg)
}
