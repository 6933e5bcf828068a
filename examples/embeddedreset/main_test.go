package main

import (
	"sync"
	"testing"
)

// The refresher replaces the embedded map while a request reads it.
func TestRaceEmbeddedReset(t *testing.T) {
	r := &Resolver{routeTable: routeTable{routes: map[string]string{"a": "1"}}}
	next := map[string]string{"a": "2"}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		r.refresh(next)
	}()
	_ = r.Backend("a")
	wg.Wait()
}
