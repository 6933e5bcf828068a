package main

import "testing"

// All four fixed patterns, run concurrently, under the race detector.
func TestNoRaceDoneRight(t *testing.T) {
	_ = run()
}
