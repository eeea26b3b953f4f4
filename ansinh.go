// Package ansinh holds the shared vocabulary of AnSinh, the social insurance
// system of a Vietnamese province: money in integer đồng, civil dates and
// months, coded errors with safe bilingual messages, and the identifiers
// (personal ID, employer tax code) with their validation rules.
//
// It imports nothing else of the project, so every other package can use it.
package ansinh

// Version is the program's version, set at build time with
// -ldflags "-X ansinh.Version=...".
var Version = "dev"
