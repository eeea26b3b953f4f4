package web

import "ansinh/auth"

func principalFor(role string) *auth.Principal { return &auth.Principal{Role: auth.Role(role)} }
