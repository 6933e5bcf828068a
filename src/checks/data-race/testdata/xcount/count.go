// Counting through package xguard's lock helpers: quiet when every access is between
// Acquire and Release, racy when one is not.
package xcount

import (
	"sync"

	"example.com/datarace/xguard"
)

func countLocked(s *xguard.Stats, n int) int {
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			xguard.Acquire(s)
			s.Hits++
			xguard.Release(s)
		}()
	}
	xguard.Acquire(s)
	h := s.Hits
	xguard.Release(s)
	wg.Wait()
	return h
}

func countPeeking(s *xguard.Stats, n int) int {
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			xguard.Acquire(s)
			s.Hits++
			xguard.Release(s)
		}()
	}
	h := s.Hits // want `s.Hits without a lock races with the write s.Hits\+\+ in the goroutine started at line 33`
	wg.Wait()
	return h
}
