package rules

import (
	"fmt"

	"ansinh"
)

// RetirementAge is the retirement age of a person and the month their
// pension may start.
type RetirementAge struct {
	BirthDate    ansinh.Date   `json:"birth_date"`    // the birth date given
	Sex          string        `json:"sex"`           // male or female
	Age          YearsMonths   `json:"age"`           // the required age that applies to the person
	ReachedMonth ansinh.Period `json:"reached_month"` // month in which the person reaches it
	PensionFrom  ansinh.Period `json:"pension_from"`  // the month after: the pension's first month
	Explained
}

// RetirementAge returns the normal retirement age of a person born on birth
// (Labour Code 2019 art. 169; Decree 135/2020): the required age depends on
// the calendar year in which it is reached, and a person's age is the first
// required age they reach within the year that requires it. The pension
// starts on the first day of the following month.
func (p *Params) RetirementAge(birth ansinh.Date, sex Sex) (RetirementAge, error) {
	name := pRetireAgeMale
	switch sex {
	case Male:
	case Female:
		name = pRetireAgeFemale
	default:
		return RetirementAge{}, invalid("sex", "giới tính phải là male hoặc female", "sex must be male or female")
	}
	if birth.IsZero() {
		return RetirementAge{}, invalid("birth_date", "thiếu ngày sinh", "birth date missing")
	}
	born := birth.Period()
	for y := birth.Year() + 40; y <= birth.Year()+75; y++ {
		v, err := p.at(name, ansinh.NewDate(y, 1, 1))
		if err != nil {
			continue // before the table, or past it
		}
		reached := born.Add(int(v.Value))
		if reached.Year() != y {
			continue
		}
		out := RetirementAge{BirthDate: birth, Sex: sex.String(), Age: SplitMonths(int(v.Value)), ReachedMonth: reached, PensionFrom: reached.Add(1)}
		e := newExplainer()
		e.add("age", out.Age.String(),
			fmt.Sprintf("Tuổi nghỉ hưu yêu cầu trong năm %d là %s; người sinh %s đạt tuổi đó trong chính năm %d (tuổi đầu tiên đạt được trong năm yêu cầu)", y, out.Age.vi(), birth.Display(), y),
			fmt.Sprintf("The age required in %d is %s; a person born %s reaches it within %d (the first required age reached within its year)", y, out.Age, birth, y), v)
		e.add("reached_month", reached.String(), "Tháng sinh cộng tuổi nghỉ hưu", "Birth month plus the retirement age", v)
		e.add("pension_from", out.PensionFrom.String(), "Lương hưu hưởng từ ngày đầu tháng liền kề sau tháng đủ tuổi", "The pension starts on the first day of the following month", v)
		out.Explained = e.done()
		return out, nil
	}
	return RetirementAge{}, invalid("birth_date",
		"người sinh ngày "+birth.Display()+" đạt tuổi nghỉ hưu ngoài khoảng thời gian có bảng tuổi nghỉ hưu",
		"a person born "+birth.String()+" reaches retirement age outside the years the retirement-age table covers")
}
