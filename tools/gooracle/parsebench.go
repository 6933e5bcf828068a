package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"sync"
	"time"
)

// parsebench parses every file (read into memory first, as racewatch's benchmark
// does) with go/parser, spread over -cpu goroutines, and prints one JSON line.
func parsebenchMain(args []string) {
	fs := flag.NewFlagSet("parsebench", flag.ExitOnError)
	cpu := fs.Int("cpu", 1, "goroutines parsing in parallel")
	rounds := fs.Int("rounds", 1, "how many times to parse the whole set (the best round is reported)")
	from := fs.String("files-from", "", "read file paths, one per line, from this file (- for stdin)")
	fs.Parse(args)
	paths := readFileList(*from, fs.Args())
	srcs := make([][]byte, 0, len(paths))
	total := 0
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		srcs = append(srcs, b)
		total += len(b)
	}
	best := time.Duration(1<<63 - 1)
	errorsSeen := 0
	for r := 0; r < *rounds; r++ {
		start := time.Now()
		var wg sync.WaitGroup
		var mu sync.Mutex
		next := 0
		errs := 0
		for w := 0; w < *cpu; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					mu.Lock()
					i := next
					next++
					mu.Unlock()
					if i >= len(srcs) {
						return
					}
					fset := token.NewFileSet()
					if _, err := parser.ParseFile(fset, paths[i], srcs[i], parser.ParseComments|parser.SkipObjectResolution); err != nil {
						mu.Lock()
						errs++
						mu.Unlock()
					}
				}
			}()
		}
		wg.Wait()
		if d := time.Since(start); d < best {
			best = d
		}
		errorsSeen = errs
	}
	secs := best.Seconds()
	out, _ := json.Marshal(map[string]any{
		"files": len(srcs), "bytes": total, "seconds": secs, "cpu": *cpu,
		"mbPerSecond": float64(total) / 1e6 / secs, "errors": errorsSeen,
	})
	fmt.Println(string(out))
}
