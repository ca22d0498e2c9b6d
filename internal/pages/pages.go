// Package pages makes a write the first touch of freshly made memory. Go does not clear memory
// it has just got from the system, and the first touch of a new slice is often a read: while
// the collector runs, its write barrier reads every pointer a store replaces. The system then
// maps the page to its shared zero page, and the write that follows copies that page and
// flushes the other CPUs' address caches, an interrupt each. In a load of 100,000 stories such
// copies took 3% of the CPU (see PERFORMANCE.md). It knows nothing of what the memory is for.
package pages

import "unsafe"

// minPageSize is the smallest page size of the systems Go runs on: a step of it reaches every
// page of larger ones too.
const minPageSize = 4096

// Make is make([]T, n, c) with every page of the new array written to, before anything reads
// it.
func Make[T any](n, c int) []T {
	s := make([]T, n, c)
	if size := uintptr(c) * unsafe.Sizeof(*new(T)); size > 0 {
		// A zero byte written over the zeros make gave: nothing s holds changes.
		touch(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s[:c]))), size))
	}
	return s
}

// touch writes a zero to b's first byte, to every minPageSize-th after it, and to its last: a
// byte in every page b is part of.
func touch(b []byte) {
	for i := 0; i < len(b); i += minPageSize {
		b[i] = 0
	}
	b[len(b)-1] = 0
}
