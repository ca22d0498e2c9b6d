// Command synth writes synthetic story libraries for benchmarks and manual testing:
//
//	go run ./cmd/synth -n 100000 -seed 1 -huge 1 -out /tmp/lib100k
//	go run ./cmd/synth -hostile -out /tmp/hostile
//
// It prints what it wrote on one line (the hostile library: one line per file).
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"newsread/synth"
)

func main() {
	var opt synth.Options
	flag.IntVar(&opt.N, "n", 1000, "number of stories")
	flag.Uint64Var(&opt.Seed, "seed", 1, "random seed: the same seed gives the same bytes")
	flag.IntVar(&opt.Huge, "huge", 0, "how many of the stories are huge")
	flag.IntVar(&opt.HugeBytes, "huge-bytes", synth.DefaultHugeBytes, "size of a huge story")
	flag.Float64Var(&opt.Markdown, "md", synth.DefaultMarkdown, "fraction of markdown stories (negative: none)")
	hostile := flag.Bool("hostile", false, "write the hostile library instead")
	out := flag.String("out", "", "output folder (required)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: synth [-n N] [-seed S] [-huge H] [-md F] -out DIR | synth -hostile -out DIR")
		os.Exit(2)
	}
	start := time.Now()
	if *hostile {
		m, err := synth.Hostile(*out)
		if err != nil {
			fmt.Fprintln(os.Stderr, "synth:", err)
			os.Exit(1)
		}
		for _, f := range m.Files {
			fmt.Printf("%-32s %-7s %s\n", f.Name, f.Outcome(), f.Why)
		}
		return
	}
	st, err := synth.Generate(*out, opt)
	if err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		os.Exit(1)
	}
	fmt.Printf("%s elapsed=%s\n", st, time.Since(start).Round(time.Millisecond))
}
