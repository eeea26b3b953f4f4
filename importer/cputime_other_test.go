//go:build !unix

package importer

import "time"

// cpuTime is not measured on this system: only rows/s is reported.
func cpuTime() time.Duration { return 0 }
