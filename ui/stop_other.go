//go:build !unix

package ui

// ignoreStops does nothing where there is no job control.
func ignoreStops() {}
