package web

import (
	"ansinh"
	"ansinh/auth"
)

// today returns the civil day in the province.
func (s *Server) today() ansinh.Date { return ansinh.DateOf(s.now().In(auth.Vietnam)) }

// thisMonth returns the current month in the province.
func (s *Server) thisMonth() ansinh.Period { return s.today().Period() }
