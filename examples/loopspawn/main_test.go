package main

import "testing"

// Two goroutines from the loop write the shared status map.
func TestRaceLoopSpawn(t *testing.T) {
	_ = checkLinks([]string{"https://a.example/", "https://b.example/missing"})
}
