// Package cputime tells how much CPU time the process has used, for the benchmarks that report
// CPU seconds beside the wall clock (a load keeps both cores busy, so the two differ). It
// knows nothing else.
package cputime
