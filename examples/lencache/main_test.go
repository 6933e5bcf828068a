package main

import (
	"sync"
	"testing"
)

// The request path writes the cache while the reporter reads its length.
func TestRaceLenCache(t *testing.T) {
	c := NewCache()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		reportSize(c, 0, 1, func(int) {})
	}()
	c.Set(1, "ada")
	wg.Wait()
}
