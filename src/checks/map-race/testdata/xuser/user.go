// Calls into package xstore from goroutines: racy without a lock, quiet with one.
package xuser

import (
	"sync"

	"example.com/maprace/xstore"
)

func fillUnlocked(x *xstore.Index, names []string) int {
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x.Set(n, i)
		}()
	}
	n := x.Len()
	wg.Wait()
	return n
}

func fillLocked(x *xstore.Index, names []string) int {
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			x.Set(n, i)
			mu.Unlock()
		}()
	}
	mu.Lock()
	n := x.Len()
	mu.Unlock()
	wg.Wait()
	return n
}
