package auth

import (
	"ansinh/store"
	"ansinh/store/registrydb"
)

// registryOf returns the registry of the database, where the scope checks
// look up units, employers and persons.
func registryOf(db *store.DB) *registrydb.Store { return registrydb.New(db) }
