package web

import (
	"ansinh"
)

// today returns the civil day in the province.
func (s *Server) today() ansinh.Date { return ansinh.Today(s.now()) }

// thisMonth returns the current month in the province.
func (s *Server) thisMonth() ansinh.Period { return s.today().Period() }
