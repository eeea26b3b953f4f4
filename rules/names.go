package rules

import "strconv"

// Parameter names, as in data/params.csv.
const (
	pLawSI            = "law.si"
	pLawEmployment    = "law.employment"
	pRetirementER     = "si.retirement.employer"
	pRetirementEE     = "si.retirement.employee"
	pSicknessER       = "si.sickness.employer"
	pAccidentER       = "si.accident.employer"
	pAccidentReduced  = "si.accident.employer_reduced"
	pUIER             = "ui.employer"
	pUIERState        = "ui.employer_state"
	pUIEE             = "ui.employee"
	pHIER             = "hi.employer"
	pHIEE             = "hi.employee"
	pUnpaidDays       = "si.unpaid_days_limit"
	pBaseSalary       = "base_salary"
	pTrainedUplift    = "min_wage.trained_uplift"
	pSICap            = "si.cap_multiple"
	pUICapContract    = "ui.cap_multiple.contract"
	pUICapState       = "ui.cap_multiple.state"
	pUIMinContract    = "ui.min_contract_months"
	pVolRate          = "vol.rate"
	pVolCap           = "vol.cap_multiple"
	pPovertyLine      = "rural_poverty_line"
	pVolMaxMonths     = "vol.support.max_months"
	pProvinceShare    = "province.vol_support_share"
	pProvinceTopUp    = "province.social_pension_topup"
	pRetireAgeMale    = "retirement_age.male"
	pRetireAgeFemale  = "retirement_age.female"
	pPensionMinYears  = "pension.min_years"
	pPensionBaseRate  = "pension.base_rate"
	pPensionBaseYrsF  = "pension.base_years.female"
	pPensionBaseYrsM  = "pension.base_years.male"
	pPensionStep      = "pension.step_rate"
	pPensionMax       = "pension.max_rate"
	pPensionShortBase = "pension.short.base_rate"
	pPensionShortStep = "pension.short.step_rate"
	pPensionLumpSum   = "pension.lump_sum_per_year"
	pPensionMinimumYr = "pension.minimum.min_years"
	pWithdrawBefore   = "withdrawal.per_year_before_2014"
	pWithdrawFrom     = "withdrawal.per_year_from_2014"
	pWithdrawUnder1y  = "withdrawal.max_under_one_year"
	pUIBRate          = "ui_benefit.rate"
	pUIBCap           = "ui_benefit.cap_multiple"
	pUIBMinMonths     = "ui_benefit.min_months"
	pUIBBase          = "ui_benefit.base_duration"
	pUIBBaseUpto      = "ui_benefit.base_duration_upto"
	pUIBExtraEvery    = "ui_benefit.extra_every"
	pUIBMax           = "ui_benefit.max_duration"
	pDeadline         = "deadline.months_after"
	pLateDaily        = "late.daily_rate"
	pLateL2014        = "late.l2014.yearly_rate"
	pEvasionDays      = "evasion.days_after_deadline"
	pSocialAge        = "social_pension.age"
	pSocialAgePoor    = "social_pension.age_poor"
	pSocialAmount     = "social_pension.amount"
	pStateYears       = "average.state_years"          // keyed by the day the person joined SI
	pStateByBase      = "average.state_by_base_salary" // keyed by the day the person joined SI
)

// Prefixes of the parameters an overlay may add: a province's own
// parameters, and the revaluation coefficient of a new contribution year.
const (
	provincePrefix    = "province."
	revaluationPrefix = "revaluation."
)

// requiredParams must exist in every table the calculators run on.
var requiredParams = []string{
	pLawSI, pLawEmployment, pRetirementER, pRetirementEE, pSicknessER, pAccidentER, pAccidentReduced,
	pUIER, pUIERState, pUIEE, pHIER, pHIEE, pUnpaidDays, pBaseSalary, pTrainedUplift, pSICap,
	pUICapContract, pUICapState, pUIMinContract, pVolRate, pVolCap, pPovertyLine, pVolMaxMonths, pProvinceShare,
	pProvinceTopUp, pRetireAgeMale, pRetireAgeFemale, pPensionMinYears, pPensionBaseRate,
	pPensionBaseYrsF, pPensionBaseYrsM, pPensionStep, pPensionMax, pPensionShortBase, pPensionShortStep,
	pPensionLumpSum, pPensionMinimumYr, pWithdrawBefore, pWithdrawFrom, pWithdrawUnder1y, pUIBRate,
	pUIBCap, pUIBMinMonths, pUIBBase, pUIBBaseUpto, pUIBExtraEvery, pUIBMax, pDeadline, pLateDaily,
	pLateL2014, pEvasionDays, pSocialAge, pSocialAgePoor, pSocialAmount, pStateYears, pStateByBase,
	minWageParam(RegionI), minWageParam(RegionII), minWageParam(RegionIII), minWageParam(RegionIV),
	supportParam(CategoryPoor), supportParam(CategoryNearPoor), supportParam(CategoryEthnicMinority),
	supportParam(CategoryIsland), supportParam(CategoryOther), revaluationParam(1994),
}

// minWageParam names the regional minimum wage of r.
func minWageParam(r Region) string {
	return [...]string{"", "min_wage.I", "min_wage.II", "min_wage.III", "min_wage.IV"}[min(r, RegionIV)]
}

// supportParam names the state support share of c.
func supportParam(c Category) string {
	return [...]string{"vol.support.other", "vol.support.poor", "vol.support.near_poor",
		"vol.support.ethnic_minority", "vol.support.island"}[min(c, CategoryIsland)]
}

// revaluationParam names the revaluation coefficient of contribution year y;
// years up to 1994 share one coefficient.
func revaluationParam(y int) string {
	if y <= 1994 {
		return "revaluation.le1994"
	}
	return revaluationPrefix + strconv.Itoa(y)
}
