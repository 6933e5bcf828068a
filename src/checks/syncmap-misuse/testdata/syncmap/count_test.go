package syncmap

import (
	"sync"
	"testing"
)

// A test counting entries after its goroutines are done: an exact number, not a Len.
func TestAllStored(t *testing.T) {
	var m sync.Map
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m.Store(i, i)
		}()
	}
	wg.Wait()
	n := 0
	m.Range(func(_, _ any) bool {
		n++
		return true
	})
	if n != 4 {
		t.Fatalf("got %d entries, want 4", n)
	}
}
