// Package importer reads, validates and streams AnSinh's exchange files
// (formats.md) into the database.
//
// Every file kind (units, persons, employment, payments, the partners' feeds,
// …) is described by a [Kind]: its columns with their types and rules, the
// columns that identify a row, the references it makes to other kinds and the
// checks that span several columns. [Kinds] lists them in dependency order.
//
// [Import] reads a CSV (UTF-8, comma, header row, optional BOM) or XLSX (first
// sheet, same header row) file, checks the header, then checks every row in
// one pass and hands the good rows to a [Loader] inside one transaction. The
// file is never held in memory: rows are read, checked and passed on in
// batches of 64, and to find duplicate keys only two hashes of each row's key
// and its line are kept (16 bytes a row, in a table at most three quarters
// full).
//
// By default an import is all or nothing: when any row is bad the load is
// rolled back and the [Report] lists every bad cell with its line, column,
// value and reason (Vietnamese, with an English variant). With
// [Options.RejectFile] the good rows are committed and the bad rows are
// written to the reject file with their reasons.
//
// Validation is done in this order for each row: each cell on its own
// (required, type, enumeration, identifier check digits, references to other
// kinds), then the checks across columns (an end month not before the start
// month, a personal ID that agrees with the birth date and sex, …), then the
// duplicate-key check against the earlier rows of the file.
package importer
