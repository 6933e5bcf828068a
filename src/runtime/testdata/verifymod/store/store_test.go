package store

import (
	"sync"
	"testing"
)

func TestSessions(t *testing.T) {
	s := NewSessions()
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); s.Put("a", "ann") }()
	go func() { defer wg.Done(); _ = s.Lookup("a") }()
	wg.Wait()
}

func TestHits(t *testing.T) {
	var h Hits
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); h.Inc() }()
	}
	wg.Wait()
}

func TestLimits(t *testing.T) {
	l := &Limits{max: map[string]int{}}
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); l.Set("a", 1) }()
	}
	wg.Wait()
}
