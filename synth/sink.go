package synth

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// Sink receives generated rows. kind is a formats.md kind name (see Kinds);
// rec holds the values as text in exactly the column order of Columns(kind).
//
// The generator reuses the rec slice between calls: a sink must not keep the
// slice itself, but it may keep the strings in it. Row is called from one
// goroutine at a time. An error stops the generation and is returned by
// Generate.
type Sink interface {
	Row(kind string, rec []string) error
}

const (
	csvChunk    = 256 << 10 // bytes gathered per file before a write
	csvInFlight = 16        // chunks queued for the writing goroutine
)

// csvWrite is a chunk of one file handed to the writing goroutine.
type csvWrite struct {
	kind int
	buf  []byte
}

// CSVSink writes each kind to DIR/<kind>.csv: UTF-8, comma separated, a
// header row, no byte-order mark, "\n" line endings, fields quoted only when
// they hold a comma, a quote, a line break or a leading space. Every file is
// created, with its header, when the sink is made, so a kind without rows is
// an empty table rather than a missing file.
//
// Rows are encoded into per-file chunks that a second goroutine writes, so
// that generating and writing overlap. Call Close to flush; a CSVSink must
// not be used from several goroutines at once.
type CSVSink struct {
	files  [nKinds]*os.File
	bufs   [nKinds][]byte
	queue  chan csvWrite
	free   chan []byte
	done   chan struct{}
	mu     sync.Mutex
	werr   error // first error of the writing goroutine
	err    error
	closed bool
}

// NewCSVSink creates dir if needed and the files of every kind in it,
// replacing files of the same names.
func NewCSVSink(dir string) (*CSVSink, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	s := &CSVSink{queue: make(chan csvWrite, csvInFlight), free: make(chan []byte, csvInFlight+nKinds),
		done: make(chan struct{})}
	for k := 0; k < nKinds; k++ {
		f, err := os.Create(filepath.Join(dir, kindNames[k]+".csv"))
		if err != nil {
			for _, f := range s.files {
				if f != nil {
					f.Close()
				}
			}
			return nil, err
		}
		s.files[k] = f
		s.bufs[k] = appendCSVRecord(make([]byte, 0, csvChunk+4096), kindColumns[k])
	}
	go s.writeLoop()
	return s, nil
}

// writeLoop writes the queued chunks and recycles their buffers.
func (s *CSVSink) writeLoop() {
	defer close(s.done)
	for w := range s.queue {
		if s.writeErr() == nil {
			if _, err := s.files[w.kind].Write(w.buf); err != nil {
				s.mu.Lock()
				s.werr = err
				s.mu.Unlock()
			}
		}
		select {
		case s.free <- w.buf[:0]:
		default:
		}
	}
}

func (s *CSVSink) writeErr() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.werr
}

// Row writes one record to the file of kind.
func (s *CSVSink) Row(kind string, rec []string) error {
	if s.err != nil {
		return s.err
	}
	if s.closed {
		return errors.New("synth: row written to a closed CSV sink")
	}
	k := kindIndex(kind)
	if k < 0 {
		return fmt.Errorf("synth: unknown kind %q", kind)
	}
	if len(rec) != len(kindColumns[k]) {
		return fmt.Errorf("synth: %s row has %d fields, want %d", kind, len(rec), len(kindColumns[k]))
	}
	s.bufs[k] = appendCSVRecord(s.bufs[k], rec)
	if len(s.bufs[k]) >= csvChunk {
		if err := s.writeErr(); err != nil {
			s.err = err
			return err
		}
		s.queue <- csvWrite{k, s.bufs[k]}
		select {
		case b := <-s.free:
			s.bufs[k] = b
		default:
			s.bufs[k] = make([]byte, 0, csvChunk+4096)
		}
	}
	return nil
}

// Close writes what is left, closes every file and returns the first error
// met while writing or closing.
func (s *CSVSink) Close() error {
	if s.closed {
		return s.err
	}
	s.closed = true
	for k := 0; k < nKinds; k++ {
		if len(s.bufs[k]) > 0 {
			s.queue <- csvWrite{k, s.bufs[k]}
			s.bufs[k] = nil
		}
	}
	close(s.queue)
	<-s.done
	if err := s.writeErr(); err != nil && s.err == nil {
		s.err = err
	}
	for _, f := range s.files {
		if err := f.Close(); err != nil && s.err == nil {
			s.err = err
		}
	}
	return s.err
}

// appendCSVRecord appends one CSV line to b.
func appendCSVRecord(b []byte, rec []string) []byte {
	for i, f := range rec {
		if i > 0 {
			b = append(b, ',')
		}
		if !needsQuotes(f) {
			b = append(b, f...)
			continue
		}
		b = append(b, '"')
		for j := 0; j < len(f); j++ {
			if f[j] == '"' {
				b = append(b, '"')
			}
			b = append(b, f[j])
		}
		b = append(b, '"')
	}
	return append(b, '\n')
}

// needsQuotes reports whether a field must be quoted (RFC 4180, plus a
// leading space, as encoding/csv does). It tests eight bytes at a time.
func needsQuotes(f string) bool {
	if f == "" {
		return false
	}
	if f[0] == ' ' || f[0] == '\t' {
		return true
	}
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(f); i += 8 {
		x := uint64(f[i]) | uint64(f[i+1])<<8 | uint64(f[i+2])<<16 | uint64(f[i+3])<<24 |
			uint64(f[i+4])<<32 | uint64(f[i+5])<<40 | uint64(f[i+6])<<48 | uint64(f[i+7])<<56
		if zeroByte(x^(ones*','), ones, highs)|zeroByte(x^(ones*'"'), ones, highs)|
			zeroByte(x^(ones*'\n'), ones, highs)|zeroByte(x^(ones*'\r'), ones, highs) != 0 {
			return true
		}
	}
	for ; i < len(f); i++ {
		switch f[i] {
		case ',', '"', '\n', '\r':
			return true
		}
	}
	return false
}

// zeroByte is non-zero when some byte of x is zero.
func zeroByte(x, ones, highs uint64) uint64 { return (x - ones) &^ x & highs }
