// Package store is racy on purpose: racewatch verify's tests run it under the race detector.
package store

import "sync"

// Sessions maps a session id to a user with no lock: Put and Lookup race.
type Sessions struct {
	byID map[string]string
}

func NewSessions() *Sessions { return &Sessions{byID: map[string]string{}} }

func (s *Sessions) Put(id, user string) {
	s.byID[id] = user // racewatch-fixture: sessions-write
}

func (s *Sessions) Lookup(id string) string {
	return s.byID[id] // racewatch-fixture: sessions-read
}

// Hits is a counter bumped from several goroutines without synchronisation.
type Hits struct {
	n int
}

func (h *Hits) Inc() { h.n++ } // racewatch-fixture: hits-inc

// Limits is guarded correctly; a static finding here cannot be reproduced.
type Limits struct {
	mu  sync.Mutex
	max map[string]int
}

func (l *Limits) Set(k string, v int) {
	l.mu.Lock()
	l.max[k] = v // racewatch-fixture: limits-write
	l.mu.Unlock()
}
