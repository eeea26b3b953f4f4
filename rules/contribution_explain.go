package rules

import "fmt"

// explain writes the explanation of an assessment made by r.Assess(w).
func (r *ContributionRules) explain(w Worker, a Amounts) Explained {
	e := newExplainer()
	v := &r.v
	r.explainBases(e, w, a)
	acc, accV := r.AccidentER, v.acc
	if w.ReducedAccident {
		acc, accV = r.AccidentReduced, v.accR
	}
	uiER, uiERV := r.UIER, v.uiER
	uiNote, uiNoteEN := "", ""
	if w.EmployerKind == EmployerState {
		uiER, uiERV = r.UIERState, v.uiERS
		if uiER != r.UIER {
			uiNote = "; đơn vị nhà nước không được giảm mức đóng (Nghị quyết 116/NQ-CP)"
			uiNoteEN = "; state employers are excluded from the relief (Resolution 116/NQ-CP)"
		}
	}
	fund := func(figure string, amount int64, rate Micro, base, baseName string, ver *Version, noteVI, noteEN string) {
		e.add(figure, amount,
			fmt.Sprintf("%s%% × %s (%s) = %s, làm tròn nửa lên đến đồng%s", rate.Percent(), base, dong(baseOf(a, baseName)), dong(amount), noteVI),
			fmt.Sprintf("%s%% × %s (%d) = %d, rounded half-up to the đồng%s", rate.Percent(), baseName, baseOf(a, baseName), amount, noteEN),
			ver)
	}
	em, ee := a.Employer, a.Employee
	fund("employer.retirement", em.Retirement, r.RetirementER, "tiền lương đóng BHXH", "si_base", v.retER, " (quỹ hưu trí, tử tuất)", " (retirement & survivorship)")
	fund("employer.sickness", em.Sickness, r.SicknessER, "tiền lương đóng BHXH", "si_base", v.sick, " (quỹ ốm đau, thai sản)", " (sickness & maternity)")
	accVI, accEN := " (quỹ TNLĐ-BNN)", " (occupational accident & disease)"
	if w.ReducedAccident {
		accVI, accEN = " (quỹ TNLĐ-BNN, mức giảm đã được chấp thuận)", " (accident fund, approved reduced rate)"
	}
	fund("employer.accident", em.Accident, acc, "tiền lương đóng BHXH", "si_base", accV, accVI, accEN)
	fund("employer.ui", em.UI, uiER, "tiền lương đóng BHTN", "ui_base", uiERV, " (quỹ BHTN"+uiNote+")", " (unemployment"+uiNoteEN+")")
	fund("employer.hi", em.HI, r.HIER, "tiền lương đóng BHYT", "hi_base", v.hiER, " (BHYT)", " (health)")
	fund("employee.retirement", ee.Retirement, r.RetirementEE, "tiền lương đóng BHXH", "si_base", v.retEE, " (quỹ hưu trí, tử tuất)", " (retirement & survivorship)")
	fund("employee.ui", ee.UI, r.UIEE, "tiền lương đóng BHTN", "ui_base", v.uiEE, " (quỹ BHTN)", " (unemployment)")
	fund("employee.hi", ee.HI, r.HIEE, "tiền lương đóng BHYT", "hi_base", v.hiEE, " (BHYT)", " (health)")
	sum := "tổng các khoản đã làm tròn (quy ước của hệ thống: làm tròn từng quỹ, tổng là tổng các số đã làm tròn)"
	sumEN := "sum of the rounded amounts (our convention: each fund rounded, totals add rounded amounts)"
	e.add("employer.total", em.Total, "Đơn vị: "+sum, "Employer: "+sumEN)
	e.add("employee.total", ee.Total, "Người lao động: "+sum, "Employee: "+sumEN)
	e.add("total", a.Total, "Đơn vị + người lao động", "Employer + employee")
	if a.Flags&FlagFloorRaised != 0 {
		e.warn(WarnFloorRaised,
			fmt.Sprintf("Tiền lương %s thấp hơn mức sàn %s: căn cứ đóng được nâng lên mức sàn", dong(w.Wage), dong(a.SIBase)),
			fmt.Sprintf("Wage %d is below the floor %d: the contribution base was raised to the floor", w.Wage, a.SIBase))
	}
	if a.Flags&FlagBelowMinWage != 0 && w.KeptMinWage > r.MinWage[w.Region] {
		e.warn(WarnBelowMinWage,
			fmt.Sprintf("Tiền lương hợp đồng %s thấp hơn lương tối thiểu %s người lao động được giữ theo Nghị định 293/2025/NĐ-CP Điều 5(5): cần kiểm tra tờ khai", dong(w.Wage), dong(w.KeptMinWage)),
			fmt.Sprintf("Contract wage %d is below the minimum %d the worker keeps under Decree 293/2025 art. 5(5): check the declaration", w.Wage, w.KeptMinWage))
	} else if a.Flags&FlagBelowMinWage != 0 {
		e.warn(WarnBelowMinWage,
			fmt.Sprintf("Tiền lương hợp đồng %s thấp hơn lương tối thiểu vùng %s (%s): vi phạm Bộ luật Lao động nếu làm đủ thời gian, cần kiểm tra tờ khai",
				dong(w.Wage), w.Region, dong(r.MinWage[w.Region])),
			fmt.Sprintf("Contract wage %d is below the region %s minimum wage %d: a Labour Code breach for full-time work; check the declaration",
				w.Wage, w.Region, r.MinWage[w.Region]))
	}
	return e.done()
}

// explainBases explains si_base, ui_base and hi_base.
func (r *ContributionRules) explainBases(e *explainer, w Worker, a Amounts) {
	v := &r.v
	mwV := v.minWage[w.Region]
	var upliftV *Version
	if r.SILaw < 2024 {
		floorVI := fmt.Sprintf("lương tối thiểu vùng %s (%s)", w.Region, dong(r.MinWage[w.Region]))
		floorEN := fmt.Sprintf("the region %s minimum wage (%d)", w.Region, r.MinWage[w.Region])
		if w.Trained {
			upliftV = v.uplift
			floorVI += fmt.Sprintf(", cộng %s%% cho công việc đã qua học nghề", r.TrainedUplift.Percent())
			floorEN += fmt.Sprintf(", plus %s%% for a trained job", r.TrainedUplift.Percent())
		}
		e.add("si_base", a.SIBase,
			fmt.Sprintf("Luật BHXH 2014: tiền lương %s, không thấp hơn %s, không cao hơn %d lần mức lương cơ sở (%s)",
				dong(w.Wage), floorVI, v.siCap.Value, dong(r.SICap)),
			fmt.Sprintf("L2014: wage %d, at least %s, at most %d × base salary (%d)", w.Wage, floorEN, v.siCap.Value, r.SICap),
			v.law, mwV, upliftV, v.base, v.siCap)
	} else {
		e.add("si_base", a.SIBase,
			fmt.Sprintf("Luật BHXH 2024: tiền lương %s, không thấp hơn mức tham chiếu (%s, bằng mức lương cơ sở theo Điều 141(13)), không cao hơn %d lần mức tham chiếu (%s)",
				dong(w.Wage), dong(r.BaseSalary), v.siCap.Value, dong(r.SICap)),
			fmt.Sprintf("L2024: wage %d, at least the reference level (%d, equal to the base salary, art. 141(13)), at most %d × reference level (%d)",
				w.Wage, r.BaseSalary, v.siCap.Value, r.SICap),
			v.law, v.base, v.siCap)
	}
	capV, ref, capAmount := v.uiCapC, mwV, r.UICapContract[w.Region]
	capVI, capEN := fmt.Sprintf("%d lần lương tối thiểu vùng %s", v.uiCapC.Value, w.Region), fmt.Sprintf("%d × region %s minimum wage", v.uiCapC.Value, w.Region)
	if w.PayScale == PayState {
		capV, ref, capAmount = v.uiCapS, v.base, r.UICapState
		capVI, capEN = fmt.Sprintf("%d lần mức lương cơ sở", v.uiCapS.Value), fmt.Sprintf("%d × base salary", v.uiCapS.Value)
	}
	capVI += " (" + dong(capAmount) + ")"
	capEN += fmt.Sprintf(" (%d)", capAmount)
	if w.UIExcluded != UIBilled {
		vi, en := r.uiExclusionText(w.UIExcluded)
		e.add("ui_base", a.UIBase, vi, en, v.emp, v.uiMin)
	} else {
		r.explainUIBase(e, w, a, capVI, capEN, capV, ref)
	}
	e.add("hi_base", a.HIBase, "Tiền lương đóng BHYT bằng tiền lương đóng BHXH", "The HI base is the SI base", v.hiER)
}

// explainUIBase explains the UI base of a billed worker-month.
func (r *ContributionRules) explainUIBase(e *explainer, w Worker, a Amounts, capVI, capEN string, capV, ref *Version) {
	v := &r.v
	e.add("ui_base", a.UIBase,
		fmt.Sprintf("Tiền lương đóng BHTN là tiền lương đóng BHXH trước trần BHXH (%s), không cao hơn %s", dong(max(w.Wage, r.floorFor(w))), capVI),
		fmt.Sprintf("The UI wage is the SI wage before the SI cap (%d), at most %s", max(w.Wage, r.floorFor(w)), capEN),
		v.emp, capV, ref)
}

// floorFor returns the SI/HI floor applying to w.
func (r *ContributionRules) floorFor(w Worker) int64 {
	if w.Trained {
		return r.FloorTrained[w.Region]
	}
	return r.Floor[w.Region]
}

// baseOf returns the base named name of a.
func baseOf(a Amounts, name string) int64 {
	switch name {
	case "ui_base":
		return a.UIBase
	case "hi_base":
		return a.HIBase
	}
	return a.SIBase
}
