package importer

import (
	"runtime"
	"sync"
)

// checkInParallel lets CSV files be checked on several cores (a variable
// for tests).
var checkInParallel = true

// chunkRows is the number of rows read before they are checked together,
// on one of the checking goroutines.
const chunkRows = 1024

// chunk is rows read from the file, checked by a checker and flushed, in
// file order, by the importing goroutine.
type chunk struct {
	rows    []row
	n       int           // the rows read into rows
	offset  int64         // the bytes of the file read at its end
	checked chan struct{} // closed once its rows are checked
	added   bool          // rows were handed to the load, which may keep their values
}

// parallelRows reads, checks and loads every row after the header, as
// serialRows does, with the checking of the cells (their values, the
// references, the key's hashes) shared among goroutines, one a core: one
// goroutine reads the file into chunks, the checkers check whole chunks,
// and this goroutine flushes the chunks in the order of the file, so that
// duplicate keys, row reports, the reject file and the load see the rows as
// serialRows gives them.
func (im *importRun) parallelRows() error {
	workers := max(runtime.NumCPU(), 2)
	toCheck := make(chan *chunk, workers)
	inOrder := make(chan *chunk, 2*workers)
	free := make(chan *chunk, 3*workers+2)
	stop := make(chan struct{})
	var readErr error
	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(toCheck)
		defer close(inOrder)
		readErr = im.readChunks(toCheck, inOrder, free, stop)
	})
	for range workers {
		wg.Go(func() {
			var buf []byte
			for c := range toCheck {
				for i := range c.rows[:c.n] {
					if r := &c.rows[i]; r.rec != nil {
						im.check(r, &buf)
					}
				}
				close(c.checked)
			}
		})
	}
	err := im.flushChunks(inOrder, free)
	if err != nil {
		close(stop)
		for c := range inOrder { // let the reader end
			<-c.checked
		}
	}
	wg.Wait()
	if err != nil {
		return err
	}
	if readErr != nil {
		return im.readError(readErr)
	}
	im.progress(true, im.src.offset())
	return nil
}

// readChunks reads the file into chunks (taken from free, or new), each sent
// to be checked and to be flushed, until the file ends or stop is closed;
// it returns the error that stopped the reading, if any.
func (im *importRun) readChunks(toCheck, inOrder chan<- *chunk, free <-chan *chunk, stop <-chan struct{}) error {
	src := im.src
	var c *chunk
	send := func() bool {
		c.offset = src.offset()
		select {
		case inOrder <- c:
		case <-stop:
			return false
		}
		toCheck <- c
		c = nil
		return true
	}
	for src.next() {
		if c == nil {
			c = im.newChunk(free)
		}
		if !im.readRow(&c.rows[c.n]) {
			continue
		}
		if c.n++; c.n == len(c.rows) && !send() {
			return nil
		}
	}
	if c != nil && c.n > 0 && !send() {
		return nil
	}
	return src.err()
}

// newChunk returns a chunk from free, or a new one, ready to be read into.
// A chunk whose rows were handed to the load gets new values.
func (im *importRun) newChunk(free <-chan *chunk) *chunk {
	var c *chunk
	select {
	case c = <-free:
	default:
		c = &chunk{rows: make([]row, chunkRows), added: true}
	}
	if c.added {
		newValues(c.rows, len(im.k.Columns))
	}
	c.n, c.added, c.checked = 0, false, make(chan struct{})
	return c
}

// flushChunks flushes the chunks in the order they were read, each once
// checked, in batches of batchSize rows, and gives them back to be read
// into again.
func (im *importRun) flushChunks(inOrder <-chan *chunk, free chan<- *chunk) error {
	for c := range inOrder {
		<-c.checked
		for i := 0; i < c.n; i += batchSize {
			batch := c.rows[i:min(i+batchSize, c.n)]
			im.rep.Rows += len(batch)
			added, err := im.flush(batch)
			c.added = c.added || added
			if err != nil {
				return err
			}
		}
		im.progress(false, c.offset)
		select {
		case free <- c:
		default:
		}
	}
	return nil
}
