package web

import (
	"net/http"
	"strconv"
	"strings"

	"ansinh"
	"ansinh/auth"
	"ansinh/registry"
)

// submitDeclaration checks the form's lines, receipts the declaration and
// processes it, then shows its receipt.
func (s *Server) submitDeclaration(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := auth.From(ctx)
	e, _, err := s.ownEmployer(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	n, _ := strconv.Atoi(r.PostFormValue("lines"))
	n = min(max(n, 1), maxLines)
	pg := s.declarationNewPage(w, r, e, n)
	var lines []registry.DeclarationLine
	for i := range pg.Lines {
		f := readLineForm(r, i+1)
		pg.Lines[i] = f
		if f.empty() {
			continue
		}
		l, field, err := f.line()
		if err == nil {
			err = l.Check()
			if e, ok := err.(*ansinh.Error); ok {
				field = e.Field
			}
		}
		if err != nil {
			pg.Errors[strconv.Itoa(f.N)+"."+field] = ansinh.ErrorMessage(err, pg.Lang)
			continue
		}
		lines = append(lines, l)
	}
	if len(lines) == 0 && len(pg.Errors) == 0 {
		pg.Errors["form"] = translate(pg.Lang, "declaration.err.empty")
	}
	if len(pg.Errors) > 0 {
		pg.Error = translate(pg.Lang, "form.has_errors")
		s.render(w, r, http.StatusBadRequest, "declaration_new", pg)
		return
	}
	d, err := s.reg.SubmitDeclaration(ctx, registry.Submission{TaxCode: e.TaxCode, Channel: registry.ChannelOnline,
		UserID: p.UserID, Actor: p.Actor(), Lines: lines})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	redirect(w, r, "/employer/declarations/"+strconv.FormatInt(d.ID, 10)+"?new=1")
}

// readLineForm reads block n of the form.
func readLineForm(r *http.Request, n int) lineForm {
	v := func(f string) string { return strings.TrimSpace(r.PostFormValue("l" + strconv.Itoa(n) + "_" + f)) }
	return lineForm{N: n, Change: v("change"), PersonID: v("person_id"), FullName: v("full_name"), BirthDate: v("birth_date"),
		Sex: v("sex"), Wage: v("wage"), Start: v("start_month"), End: v("end_month"), Contract: v("contract")}
}

// empty reports whether nothing identifying was typed in the block.
func (f lineForm) empty() bool { return f.PersonID == "" && f.FullName == "" && f.Wage == "" }

// line converts the block to a declaration line, or names the field that
// cannot be read.
func (f lineForm) line() (registry.DeclarationLine, string, error) {
	l := registry.DeclarationLine{Change: f.Change, PersonID: f.PersonID, FullName: f.FullName, Sex: f.Sex, Contract: f.Contract}
	var err error
	if f.BirthDate != "" {
		if l.BirthDate, err = parseDate(f.BirthDate); err != nil {
			return l, "birth_date", ansinh.Invalid("birth_date", "Ngày sinh phải có dạng dd/mm/yyyy.", "The birth date must be dd/mm/yyyy.")
		}
	}
	if f.Wage != "" {
		wage, ok := parseMoney(f.Wage)
		if !ok {
			return l, "wage", ansinh.Invalid("wage", "Tiền lương phải là số đồng.", "The wage must be a number of đồng.")
		}
		l.Wage = wage
	}
	if f.Start != "" {
		if l.Start, err = parseMonth(f.Start); err != nil {
			return l, "start_month", ansinh.Invalid("start_month", "Tháng phải có dạng mm/yyyy.", "The month must be mm/yyyy.")
		}
	}
	if f.End != "" {
		if l.End, err = parseMonth(f.End); err != nil {
			return l, "end_month", ansinh.Invalid("end_month", "Tháng phải có dạng mm/yyyy.", "The month must be mm/yyyy.")
		}
	}
	return l, "", nil
}

// parseDate reads "YYYY-MM-DD" (a date input) or "dd/mm/yyyy".
func parseDate(s string) (ansinh.Date, error) {
	if d, m, ok := strings.Cut(s, "/"); ok {
		if m, y, ok := strings.Cut(m, "/"); ok && len(d) <= 2 && len(m) <= 2 {
			s = y + "-" + pad2(m) + "-" + pad2(d)
		}
	}
	return ansinh.ParseDate(s)
}

// parseMonth reads "YYYY-MM" (a month input) or "mm/yyyy".
func parseMonth(s string) (ansinh.Period, error) {
	if m, y, ok := strings.Cut(s, "/"); ok && len(m) <= 2 {
		s = y + "-" + pad2(m)
	}
	return ansinh.ParsePeriod(s)
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}
