// Near misses: shared maps that are ordered or locked. Nothing here is reported.
package maprace

import (
	"maps"
	"sync"
)

type SafeCache struct {
	mu    sync.RWMutex
	items map[string]string
}

func (c *SafeCache) Get(k string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.items[k]
}

func (c *SafeCache) Put(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items[k] = v
}

func (c *SafeCache) Len() int {
	c.mu.RLock()
	n := len(c.items)
	c.mu.RUnlock()
	return n
}

// Snapshot copies under the lock; the copy is the caller's alone.
func (c *SafeCache) Snapshot() map[string]string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return maps.Clone(c.items)
}

// Drain swaps the map out under the lock and ranges over the old one alone.
func (c *SafeCache) Drain() int {
	c.mu.Lock()
	old := c.items
	c.items = map[string]string{}
	c.mu.Unlock()
	n := 0
	for range old {
		n++
	}
	return n
}

// putLocked is called with c.mu held.
func (c *SafeCache) putLocked(k, v string) {
	c.items[k] = v
}

func (c *SafeCache) PutAll(kv map[string]string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, v := range kv {
		c.putLocked(k, v)
	}
}

// Build, then only read from goroutines, then wait.
func readOnlyFanOut(keys []string) int {
	index := make(map[string]int)
	for i, k := range keys {
		index[k] = i
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v := index[k]
			mu.Lock()
			total += v
			mu.Unlock()
		}()
	}
	wg.Wait()
	index["done"] = 1
	return total
}

// Spawn, write in the goroutine, wait, then read.
func writeThenWait() int {
	m := map[string]int{}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		m["a"] = 1
	}()
	wg.Wait()
	return m["a"]
}

// The goroutine fills the map and signals by closing a channel.
func handoffByClose() int {
	m := map[int]int{}
	ready := make(chan struct{})
	go func() {
		m[1] = 1
		close(ready)
	}()
	<-ready
	return len(m)
}

// Each goroutine owns its map and sends it when done.
func perGoroutineMaps(batches [][]string) map[string]int {
	out := make(chan map[string]int, len(batches))
	for _, b := range batches {
		go func() {
			local := map[string]int{}
			for _, w := range b {
				local[w]++
			}
			out <- local
		}()
	}
	merged := map[string]int{}
	for range batches {
		for k, v := range <-out {
			merged[k] += v
		}
	}
	return merged
}

var (
	defaultsOnce sync.Once
	defaults     map[string]string
)

func loadDefaults() {
	defaults = map[string]string{"region": "eu"}
	defaults["tier"] = "free"
}

func Default(k string) string {
	defaultsOnce.Do(loadDefaults)
	return defaults[k]
}

func parallelDefaults() {
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = Default("region")
		}()
	}
	wg.Wait()
}

// A buffered channel of capacity one used as a lock.
type Budget struct {
	sem  chan struct{}
	used map[string]int
}

func NewBudget() *Budget { return &Budget{sem: make(chan struct{}, 1), used: map[string]int{}} }

func (b *Budget) Charge(k string, n int) {
	b.sem <- struct{}{}
	b.used[k] += n
	<-b.sem
}

func chargeAll(b *Budget) {
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b.Charge("acme", i)
		}()
	}
	wg.Wait()
}

// Checked TryLock protects its branch.
type Stats struct {
	mu     sync.Mutex
	byCode map[int]int
}

func (s *Stats) Record(code int) {
	if !s.mu.TryLock() {
		return
	}
	defer s.mu.Unlock()
	s.byCode[code]++
}

func (s *Stats) Codes() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.byCode)
}

// A goroutine that receives the map after the sender is done with it.
func handoffBySend() int {
	ch := make(chan map[string]int)
	res := make(chan int)
	go func() {
		m := <-ch
		m["x"]++
		res <- len(m)
	}()
	m := map[string]int{"x": 1}
	ch <- m
	return <-res
}

// Unexported: only this package hands out values of tally, and it never shares one.
type tally struct {
	mu     sync.Mutex
	counts map[string]int
}

func (t *tally) Add(k string) { t.mu.Lock(); t.counts[k]++; t.mu.Unlock() }
func (t *tally) Len() int     { return len(t.counts) }

// An Index is not safe for concurrent use by multiple goroutines.
type Index struct {
	mu   sync.Mutex
	byID map[int]string
}

func (x *Index) Put(id int, v string) { x.mu.Lock(); x.byID[id] = v; x.mu.Unlock() }
func (x *Index) Size() int            { return len(x.byID) }

func freshKeys() map[string]int { return map[string]int{"a": 1} }

// A range over a map returned by a call, before anything else in the function: there is
// nothing shared to track (this once crashed the engine instead of staying quiet).
func countFreshKeys() int {
	n := 0
	for range freshKeys() {
		n++
	}
	return n
}
