// Package xguard locks and unlocks its Stats for callers in other packages.
package xguard

import "sync"

type Stats struct {
	mu   sync.Mutex
	Hits int
}

// Acquire returns holding s's mutex.
func Acquire(s *Stats) { s.mu.Lock() }

// Release releases what Acquire took.
func Release(s *Stats) { s.mu.Unlock() }
