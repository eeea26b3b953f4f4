package web

// routes registers the pages and actions; their rules are in
// auth.DefaultPolicy.
func (s *Server) routes() {
	r := s.router
	r.HandleFunc("/", s.showNotFound)
	r.HandleFunc("GET /{$}", s.showHome)
	r.Handle("GET /static/", staticHandler())
	r.HandleFunc("GET /healthz", s.healthz) // answered before the guard (Handler); listed for the policy
	r.HandleFunc("GET /login", s.showLogin)
	r.HandleFunc("POST /login", s.submitLogin)
	r.HandleFunc("POST /logout", s.submitLogout)
	r.HandleFunc("GET /register", s.showRegister)
	r.HandleFunc("POST /register", s.submitRegister)

	// Officers' console.
	r.HandleFunc("GET /dashboard", s.showDashboard)
	r.HandleFunc("GET /search", s.showSearch)
	r.HandleFunc("GET /persons/{id}", s.showPerson)
	r.HandleFunc("GET /employers/{tax}", s.showEmployer)
	r.HandleFunc("GET /employers/{tax}/notices/{period}", s.showEmployerNoticePDF)
	r.HandleFunc("GET /arrears", s.showArrears)
	r.HandleFunc("GET /targets", s.showTargets)
	r.HandleFunc("POST /targets", s.submitTargets)
	r.HandleFunc("GET /plan", s.showPlan)
	r.HandleFunc("GET /plan/{id}", s.showPlanTask)
	r.HandleFunc("POST /plan/{id}", s.updatePlanTask)
	r.HandleFunc("POST /plan/{id}/reports", s.addPlanReport)
	r.HandleFunc("GET /reports", s.showReports)
	r.HandleFunc("GET /reports/download", s.downloadReport)
	r.HandleFunc("GET /projection", s.showProjection)
	r.HandleFunc("GET /findings", s.showFindings)
	r.HandleFunc("GET /cases", s.showCases)
	r.HandleFunc("GET /cases/{id}", s.showCase)
	r.HandleFunc("POST /cases/{id}/assign", s.assignCase)
	r.HandleFunc("POST /cases/{id}/status", s.moveCase)
	r.HandleFunc("POST /cases/{id}/result", s.recordCaseResult)
	r.HandleFunc("GET /imports", s.showImports)
	r.HandleFunc("POST /imports", s.uploadImport)
	r.HandleFunc("GET /audit", s.showAudit)
	r.HandleFunc("GET /users", s.showUsers)
	r.HandleFunc("POST /users/{id}/status", s.changeUserStatus)
	r.HandleFunc("POST /registrations/{id}", s.decideRegistration)
	r.HandleFunc("GET /inspector", s.showInspector)
	r.HandleFunc("GET /agent", s.showAgent)
	r.HandleFunc("POST /agent/enrol", s.submitAgentEnrolment)
	r.HandleFunc("GET /partner", s.showPartner)
	r.HandleFunc("POST /partner/feeds", s.uploadPartnerFeed)

	// Employer portal.
	r.HandleFunc("GET /employer", s.showEmployerHome)
	r.HandleFunc("GET /employer/workers", s.showEmployerWorkers)
	r.HandleFunc("GET /employer/notices", s.showEmployerNotices)
	r.HandleFunc("GET /employer/notices/{period}", s.showOwnNoticePDF)
	r.HandleFunc("GET /employer/declarations", s.showDeclarations)
	r.HandleFunc("GET /employer/declarations/new", s.showNewDeclaration)
	r.HandleFunc("POST /employer/declarations", s.submitDeclaration)
	r.HandleFunc("GET /employer/declarations/{id}", s.showDeclaration)
	r.HandleFunc("GET /employer/pay", s.showEmployerPay)
	r.HandleFunc("POST /employer/pay", s.submitPay)

	// Citizen portal.
	r.HandleFunc("GET /me", s.showCitizenHome)
	r.HandleFunc("GET /me/voluntary", s.showVoluntary)
	r.HandleFunc("POST /me/voluntary", s.submitVoluntary)
	r.HandleFunc("GET /me/pay", s.showCitizenPay)
	r.HandleFunc("POST /me/pay", s.submitPay)

	// Both portals: procedures and their surveys, online payment.
	r.HandleFunc("GET /procedures", s.showProcedures)
	r.HandleFunc("GET /procedures/{id}/survey", s.showSurvey)
	r.HandleFunc("POST /procedures/{id}/survey", s.submitSurvey)
	r.HandleFunc("GET /gateway/pay/{order}", s.showGateway)
	r.HandleFunc("POST /gateway/pay/{order}", s.confirmGateway)
	r.HandleFunc("POST /gateway/callback", s.gatewayCallback)
	r.HandleFunc("GET /payments/{order}", s.showPayment)

	// Benefits: claims and the payroll.
	s.benefitRoutes()
}
