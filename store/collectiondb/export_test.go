package collectiondb

// The statements the tests check the plans of.
var (
	NoticesOfSQL     = noticesOf
	AllocationsOfSQL = allocationsOf
)
