package importer

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"runtime"
	"strconv"
	"strings"
	"time"

	"ansinh"
)

// importRun is the state of one import.
type importRun struct {
	ctx  context.Context
	k    *Kind
	name string
	src  source
	opt  Options
	rep  Report

	load   Load
	reject *rejectWriter
	cells  cells

	header []string // the file's column names, in the file's order
	pos    []int    // per kind column: its position in the record, or -1
	refs   []func(string) bool

	batch []row    // rows checked, waiting for their key lookups
	n     int      // the number of rows in batch
	out   []string // a reject row being built
	sink  uint64   // keeps the key lookups' cache warming from being optimised away

	// The duplicate-key index, of the keys' hashes.
	seen         *keyIndex
	seed1, seed2 maphash.Seed
	keyBuf       []byte // scratch space of serialRows's checks
	keyColumns   string
	keyMask      uint64

	// Progress reports.
	size             int64
	started, lastRep time.Time
}

// problem is one problem of the current row.
type problem struct {
	column, value, vi, en string
}

// run imports the rows of src. It owns src and closes it.
func run(ctx context.Context, k *Kind, name string, src source, loader Loader, refs RefSource, opt Options) (rep Report, err error) {
	im := &importRun{ctx: ctx, k: k, name: name, src: src, opt: opt, rep: newReport(k, name, opt)}
	defer func() {
		if cerr := src.close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	if cs, ok := src.(*csvSource); ok {
		im.size = cs.size
	}
	im.started = time.Now()
	im.lastRep = im.started
	im.cells.xl = src.excel()
	im.cells.excel = im.cells.xl != nil

	if ok, err := im.readHeader(); !ok || err != nil {
		return im.rep, err
	}
	if err := im.loadRefs(refs); err != nil {
		return im.rep, err
	}
	if loader != nil {
		if im.load, err = loader.BeginLoad(ctx, k); err != nil {
			return im.rep, err
		}
	}
	if opt.RejectFile != "" {
		if im.reject, err = newRejectWriter(opt.RejectFile, im.header); err != nil {
			im.rollback()
			return im.rep, err
		}
	}
	if err := im.rows(); err != nil {
		im.rollback()
		return im.rep, err
	}
	return im.finish()
}

// readHeader reads and checks the header row. It reports false, with the
// problems in the report and an EINVALID error, when the file is refused.
func (im *importRun) readHeader() (bool, error) {
	src := im.src
	for src.next() {
		if src.rowErr() != nil {
			im.fileError(src.line(), "", "", "dòng tiêu đề không đọc được", "the header row cannot be read")
			return false, im.refuseHeader()
		}
		if !blank(src.record()) {
			return im.checkHeader(src.record(), src.line())
		}
	}
	switch err := src.err(); {
	case errors.Is(err, errUTF16):
		im.fileError(0, "", "", "tệp được lưu dạng UTF-16; hãy lưu lại dạng CSV UTF-8",
			"the file is saved as UTF-16; save it again as CSV UTF-8")
	case err != nil:
		return false, im.readError(err)
	default:
		im.fileError(0, "", "", "tệp trống: không có dòng tiêu đề", "the file is empty: there is no header row")
	}
	return false, im.refuseHeader()
}

// readError wraps an error that stopped the reading of the file: for XLSX, a
// damaged workbook, which the user must hear of.
func (im *importRun) readError(err error) error {
	if im.cells.excel {
		e := unreadableXLSX(im.name, err).(*ansinh.Error)
		im.fileError(0, "", "", e.Message, e.MessageEN)
		return fmt.Errorf("%w (%v)", e, err)
	}
	return fmt.Errorf("importer: reading %s: %w", im.name, err)
}

// checkHeader maps the header's columns to the kind's.
func (im *importRun) checkHeader(rec []string, line int) (bool, error) {
	k := im.k
	im.header = append([]string(nil), rec...)
	im.pos = make([]int, len(k.Columns))
	for i := range im.pos {
		im.pos[i] = -1
	}
	for p, name := range im.header {
		if p == 0 {
			name = strings.TrimPrefix(name, "\ufeff")
			im.header[0] = name
		}
		i := k.Column(name)
		switch {
		case name == "":
			n := strconv.Itoa(p + 1)
			im.fileError(line, "", "", "cột thứ "+n+" của dòng tiêu đề không có tên",
				"column "+n+" of the header row has no name")
		case i < 0:
			vi, en := "cột không có trong định dạng "+k.Name, "no such column in the "+k.Name+" format"
			if strings.Contains(name, ";") && len(im.header) == 1 {
				vi = "dòng tiêu đề dùng dấu chấm phẩy (;) để phân cách; định dạng yêu cầu dấu phẩy (,)"
				en = "the header row is separated by semicolons (;); the format requires commas (,)"
			} else if near := k.nearest(name); near != "" {
				vi += "; có phải là \"" + near + "\"?"
				en += "; did you mean \"" + near + "\"?"
			}
			im.fileError(line, name, name, vi, en)
		case im.pos[i] >= 0:
			im.fileError(line, name, name, "cột xuất hiện hai lần trong dòng tiêu đề", "the column appears twice in the header row")
		default:
			im.pos[i] = p
		}
	}
	for i := range k.Columns {
		if c := &k.Columns[i]; c.Required && im.pos[i] < 0 {
			im.fileError(line, c.Name, "", "thiếu cột bắt buộc", "a required column is missing")
		}
	}
	if len(im.rep.FileErrors) > 0 {
		return false, im.refuseHeader()
	}
	for _, i := range k.key {
		im.keyMask |= 1 << i
		if im.keyColumns != "" {
			im.keyColumns += ","
		}
		im.keyColumns += k.Columns[i].Name
	}
	im.seen = newKeyIndex(im.src.rowsHint())
	im.seed1, im.seed2 = maphash.MakeSeed(), maphash.MakeSeed()
	return true, nil
}

func (im *importRun) fileError(line int, column, value, vi, en string) {
	im.rep.FileErrors = append(im.rep.FileErrors, RowError{File: im.name, Line: line,
		Column: column, Value: value, Reason: vi, ReasonEN: en})
}

// refuseHeader is the error for a file refused before its rows are read.
func (im *importRun) refuseHeader() error {
	var vi, en []string
	for _, e := range im.rep.FileErrors {
		if e.Column != "" {
			vi = append(vi, "\""+e.Column+"\": "+e.Reason)
			en = append(en, "\""+e.Column+"\": "+e.ReasonEN)
		} else {
			vi = append(vi, e.Reason)
			en = append(en, e.ReasonEN)
		}
	}
	return ansinh.Invalid("", im.name+": tệp bị từ chối, không ghi dòng nào: "+strings.Join(vi, "; "),
		im.name+": file refused, nothing was committed: "+strings.Join(en, "; "))
}

// loadRefs fetches each key set the kind's references need, once.
func (im *importRun) loadRefs(refs RefSource) error {
	im.refs = make([]func(string) bool, len(im.k.Columns))
	got := map[[2]string]func(string) bool{}
	for i := range im.k.Columns {
		r := im.k.Columns[i].Ref
		if r == nil {
			continue
		}
		if refs == nil {
			return fmt.Errorf("importer: kind %s refers to %s.%s but no RefSource was given", im.k.Name, r.Table, r.Column)
		}
		key := [2]string{r.Table, r.Column}
		fn, ok := got[key]
		if !ok {
			var err error
			if fn, err = refs.KeySet(im.ctx, r.Table, r.Column, im.src.rowsHint()); err != nil {
				return fmt.Errorf("importer: keys of %s.%s: %w", r.Table, r.Column, err)
			}
			got[key] = fn
		}
		im.refs[i] = fn
	}
	return nil
}

// batchSize is the number of rows checked before their keys are looked up
// together: the lookups' cache misses then overlap instead of adding up.
const batchSize = 64

// row is a row read and checked, waiting for its key lookup.
type row struct {
	line   int
	rec    []string  // the record's fields (nil for an unreadable row)
	vals   []any     // its values, in k.Columns order
	probs  []problem // its problems so far
	h1, h2 uint64    // its key's hashes
	keyed  bool      // its key is valid and must be looked up
}

// rows reads, checks and loads every row after the header: a CSV file on
// several cores at once (parallelRows), an XLSX file (whose cells are read
// beside the source's current row) one row after the other.
func (im *importRun) rows() error {
	if !im.cells.excel && runtime.NumCPU() > 1 && checkInParallel {
		return im.parallelRows()
	}
	return im.serialRows()
}

// serialRows reads, checks and loads the rows one after the other.
func (im *importRun) serialRows() error {
	src := im.src
	im.batch = make([]row, batchSize)
	im.freshValues()
	for src.next() {
		r := &im.batch[im.n]
		if !im.readRow(r) {
			continue
		}
		if r.rec != nil {
			im.check(r, &im.keyBuf)
		}
		im.rep.Rows++
		if im.n++; im.n == batchSize {
			if err := im.flushBatch(); err != nil {
				return err
			}
		}
	}
	if err := src.err(); err != nil {
		return im.readError(err)
	}
	if err := im.flushBatch(); err != nil {
		return err
	}
	im.progress(true, src.offset())
	return nil
}

// readRow reads the source's current record into r: its line and fields,
// or why it cannot be read (r.rec nil); false for a blank line, which is no
// row.
func (im *importRun) readRow(r *row) bool {
	src := im.src
	if e := src.rowErr(); e != nil {
		r.line, r.rec, r.keyed = e.Line, nil, false
		r.probs = append(r.probs[:0], problem{vi: e.Reason, en: e.ReasonEN})
		return true
	}
	rec := src.record()
	if blank(rec) {
		return false
	}
	r.line = src.line()
	r.rec = append(r.rec[:0], rec...)
	r.probs, r.keyed = r.probs[:0], false
	return true
}

// flushBatch flushes the rows of im.batch, which get new values if the
// load was given any.
func (im *importRun) flushBatch() error {
	batch := im.batch[:im.n]
	im.n = 0
	im.progress(false, im.src.offset())
	added, err := im.flush(batch)
	if added {
		im.freshValues()
	}
	return err
}

// progress calls the Progress option about once a second, and when done,
// offset bytes of the file having been read.
func (im *importRun) progress(done bool, offset int64) {
	if im.opt.Progress == nil {
		return
	}
	now := time.Now()
	if !done && now.Sub(im.lastRep) < time.Second {
		return
	}
	im.lastRep = now
	im.opt.Progress(Progress{Kind: im.k.Name, Rows: im.rep.Rows, Bytes: offset, Size: im.size,
		Elapsed: now.Sub(im.started), Done: done})
}

// freshValues gives the batch's rows new value slices, cut from one new
// array: the rows handed to the load before are never written again, so a
// Load may keep them.
func (im *importRun) freshValues() {
	newValues(im.batch, len(im.k.Columns))
}

// newValues gives rows new value slices of cols values each, cut from one
// new array.
func newValues(rows []row, cols int) {
	all := make([]any, len(rows)*cols)
	for i := range rows {
		rows[i].vals = all[i*cols : (i+1)*cols : (i+1)*cols]
	}
}

// flush looks the keys of the batch's rows (at most batchSize) up, then
// hands the good rows to the load and records the bad ones, in file order.
// added reports that rows were handed to the load, which may keep their
// values.
func (im *importRun) flush(batch []row) (added bool, err error) {
	if err := im.ctx.Err(); err != nil {
		return false, err
	}
	im.sink += im.seen.touch(batch)
	for i := range batch {
		r := &batch[i]
		if r.keyed {
			if prev, dup := im.seen.add(r.h1, r.h2, r.line); dup {
				im.duplicate(r, prev)
			}
		}
		if len(r.probs) > 0 {
			if err := im.bad(r); err != nil {
				return added, err
			}
			continue
		}
		im.rep.Good++
		if im.load != nil && (im.reject != nil || im.rep.Bad == 0) {
			added = true
			if err := im.load.Add(r.vals); err != nil {
				return added, fmt.Errorf("importer: %s line %d: %w", im.name, r.line, err)
			}
		}
	}
	return added, nil
}

// check reads the row's cells into r.vals, collects its problems in r.probs
// and hashes its key, in scratch space buf. Rows may be checked at the same
// time, each with its own buf.
func (im *importRun) check(r *row, buf *[]byte) {
	r.probs, r.keyed = r.probs[:0], false
	k, rec := im.k, r.rec
	if len(rec) != len(im.header) {
		if !im.cells.excel {
			// Fields may be missing anywhere: the cells cannot be matched
			// to the columns.
			n, h := strconv.Itoa(len(rec)), strconv.Itoa(len(im.header))
			r.probs = append(r.probs, problem{
				vi: "dòng có " + n + " trường nhưng dòng tiêu đề có " + h,
				en: "the line has " + n + " fields but the header row has " + h})
			return
		}
		// An XLSX row leaves out its blank cells at the end; anything
		// beyond the header's columns is an error.
		for p := len(im.header); p < len(rec); p++ {
			if trim(rec[p]) != "" {
				n := strconv.Itoa(p + 1)
				r.probs = append(r.probs, problem{value: rec[p],
					vi: "ô ở cột thứ " + n + ", ngoài các cột có tiêu đề",
					en: "a cell in column " + n + ", beyond the columns with a header"})
			}
		}
	}
	var bad uint64
	for i := range k.Columns {
		c := &k.Columns[i]
		p := im.pos[i]
		raw := ""
		if p >= 0 && p < len(rec) {
			raw = rec[p]
		}
		r.vals[i] = nil
		s := trim(raw)
		if s == "" {
			if c.Required {
				r.probs = append(r.probs, problem{c.Name, raw, msgRequiredVI, msgRequiredEN})
				bad |= 1 << i
			}
			continue
		}
		v, vi, en := im.cells.read(c, s, p)
		if vi != "" {
			r.probs = append(r.probs, problem{c.Name, raw, vi, en})
			bad |= 1 << i
			continue
		}
		r.vals[i] = v
		if in := im.refs[i]; in != nil && !in(v.(string)) {
			r.probs = append(r.probs, problem{c.Name, raw, c.Ref.Reason, c.Ref.ReasonEN})
			bad |= 1 << i
		}
	}
	if bad == 0 && k.Check != nil {
		for _, pr := range k.Check(r.vals) {
			r.probs = append(r.probs, problem{pr.Column, im.raw(r, k.Column(pr.Column)), pr.Reason, pr.ReasonEN})
		}
	}
	if bad&im.keyMask == 0 && len(k.key) > 0 {
		im.hashKey(r, buf)
	}
}

// raw returns the cell of column i (in k.Columns) as found in the file.
func (im *importRun) raw(r *row, i int) string {
	if i < 0 || im.pos[i] < 0 || im.pos[i] >= len(r.rec) {
		return ""
	}
	return r.rec[im.pos[i]]
}

// hashKey computes the two hashes of the row's key, in scratch space buf.
func (im *importRun) hashKey(r *row, buf *[]byte) {
	b := (*buf)[:0]
	for _, i := range im.k.key {
		switch v := r.vals[i].(type) {
		case string:
			b = append(b, v...)
			b = append(b, 0xff) // never in UTF-8
		case int64:
			b = binary.LittleEndian.AppendUint64(b, uint64(v))
		case ansinh.Date:
			b = binary.LittleEndian.AppendUint32(b, uint32(v))
		case ansinh.Period:
			b = binary.LittleEndian.AppendUint32(b, uint32(v))
		case bool:
			if v {
				b = append(b, 1)
			} else {
				b = append(b, 0)
			}
		default:
			b = append(b, 0xfe)
		}
	}
	*buf = b
	r.h1, r.h2, r.keyed = maphash.Bytes(im.seed1, b), maphash.Bytes(im.seed2, b), true
}

// duplicate adds the problem of a row whose key an earlier row has.
func (im *importRun) duplicate(r *row, prev int) {
	vals := make([]string, len(im.k.key))
	for j, i := range im.k.key {
		vals[j] = im.raw(r, i)
	}
	l := strconv.Itoa(prev)
	r.probs = append(r.probs, problem{im.keyColumns, strings.Join(vals, ","),
		"trùng khóa (" + im.keyColumns + ") với dòng " + l,
		"the same key (" + im.keyColumns + ") as line " + l})
}

// bad records the row's problems and writes it to the reject file.
func (im *importRun) bad(r *row) error {
	im.rep.Bad++
	for _, p := range r.probs {
		if im.opt.MaxErrors > 0 && len(im.rep.Errors) >= im.opt.MaxErrors {
			im.rep.MoreErrors++
			continue
		}
		im.rep.Errors = append(im.rep.Errors, RowError{File: im.name, Line: r.line,
			Column: p.column, Value: p.value, Reason: p.vi, ReasonEN: p.en})
	}
	if im.reject == nil {
		return nil
	}
	out := im.out[:0]
	for p := range im.header {
		v := ""
		if p < len(r.rec) {
			v = r.rec[p]
		}
		out = append(out, v)
	}
	var cols, vi, en []string
	for _, p := range r.probs {
		cols = append(cols, p.column)
		vi = append(vi, p.vi)
		en = append(en, p.en)
	}
	out = append(out, strconv.Itoa(r.line), strings.Join(cols, "; "), strings.Join(vi, "; "), strings.Join(en, "; "))
	im.out = out
	return im.reject.write(out)
}

// finish commits or rolls back, and publishes the reject file.
func (im *importRun) finish() (Report, error) {
	rep := &im.rep
	if rep.Bad > 0 && im.reject == nil {
		im.rollback()
		n, b := rep.Rows, rep.Bad
		return *rep, ansinh.Invalid("",
			fmt.Sprintf("%s: tệp bị từ chối, không ghi dòng nào: %s trong %s dòng có lỗi",
				im.name, ansinh.GroupDigits(int64(b), '.'), ansinh.GroupDigits(int64(n), '.')),
			fmt.Sprintf("%s: file refused, nothing was committed: %s of %s rows are bad",
				im.name, ansinh.GroupDigits(int64(b), ','), ansinh.GroupDigits(int64(n), ',')))
	}
	if im.reject != nil {
		if err := im.reject.finish(); err != nil {
			im.rollback()
			return *rep, err
		}
	}
	if im.load != nil {
		res, err := im.load.Commit()
		if err != nil {
			if im.reject != nil {
				im.reject.abort()
			}
			return *rep, err
		}
		rep.Inserted, rep.Updated, rep.Committed = res.Inserted, res.Updated, true
	}
	if im.reject != nil {
		if err := im.reject.publish(); err != nil {
			return *rep, err
		}
		rep.RejectFile = im.opt.RejectFile
	}
	return *rep, nil
}

// rollback abandons the load and the reject file.
func (im *importRun) rollback() {
	if im.load != nil {
		_ = im.load.Rollback()
		im.load = nil
	}
	if im.reject != nil {
		im.reject.abort()
		im.reject = nil
	}
}

// blank reports whether every field of a record is empty or white space.
func blank(rec []string) bool {
	for _, f := range rec {
		if f != "" && trim(f) != "" {
			return false
		}
	}
	return true
}

// nearest returns the kind's column name closest to name, when it is close
// enough to be a typo.
func (k *Kind) nearest(name string) string {
	best, bestD := "", 3
	for i := range k.Columns {
		if d := distance(strings.ToLower(name), k.Columns[i].Name); d < bestD {
			best, bestD = k.Columns[i].Name, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
