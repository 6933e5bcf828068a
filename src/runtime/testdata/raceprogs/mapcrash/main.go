// Command mapcrash breaks Go's map rules on purpose, in the way named by its argument, so that
// racewatch's tests can triage the runtime's real fatal errors. The loops run until the runtime
// notices the conflict, which with two or more Ps happens within milliseconds.
package main

import (
	"fmt"
	"maps"
	"os"
	"runtime"
)

func fill(m map[int]int) {
	for i := 0; i < 64; i++ {
		m[i] = i
	}
}

func writeForever(m map[int]int, offset int) {
	for i := 0; ; i++ {
		m[(i+offset)%64] = i // racewatch-fixture: crash-write
	}
}

func readForever(m map[int]int) {
	sum := 0
	for i := 0; ; i++ {
		sum += m[i%64] // racewatch-fixture: crash-read
	}
}

func iterateForever(m map[int]int) {
	sum := 0
	for {
		for k, v := range m { // racewatch-fixture: crash-iterate
			sum += k + v
		}
	}
}

func cloneForever(m map[int]int) {
	for {
		_ = maps.Clone(m) // racewatch-fixture: crash-clone
	}
}

func main() {
	runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0)))
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: mapcrash writes|readwrite|iterate|clone|nilmap")
		os.Exit(2)
	}
	m := map[int]int{}
	fill(m)
	switch os.Args[1] {
	case "writes":
		go writeForever(m, 0)
		writeForever(m, 1)
	case "readwrite":
		go writeForever(m, 0)
		readForever(m)
	case "iterate":
		go writeForever(m, 0)
		iterateForever(m)
	case "clone":
		go writeForever(m, 0)
		cloneForever(m)
	case "nilmap":
		var byName map[string]int
		byName["x"] = 1 // racewatch-fixture: nil-map-write
	}
}
