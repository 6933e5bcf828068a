// lencache: the incident racewatch was built for. A cache guards its writes
// with mu.Lock(), but the metrics reporter calls Len, which reads
// len(c.entries) without the lock; len of a map is a read, and it races with
// Set's write. Run `racewatch check ./lencache` (or `go test -race ./lencache`).
package main

import (
	"fmt"
	"sync"
	"time"
)

// Cache maps user IDs to display names, filled by the request path.
type Cache struct {
	mu      sync.Mutex
	entries map[int]string
}

func NewCache() *Cache { return &Cache{entries: make(map[int]string)} }

func (c *Cache) Set(id int, name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[id] = name // race
}

func (c *Cache) Get(id int) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	name, ok := c.entries[id]
	return name, ok
}

// Len feeds the cache_entries gauge; the lock was left out "because it is
// only a number".
func (c *Cache) Len() int {
	return len(c.entries) // race
}

// reportSize runs beside the request path and publishes the gauge.
func reportSize(c *Cache, every time.Duration, rounds int, publish func(int)) {
	for i := 0; i < rounds; i++ {
		publish(c.Len())
		time.Sleep(every)
	}
}

func main() {
	c := NewCache()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		reportSize(c, time.Millisecond, 5, func(n int) { fmt.Println("cache_entries", n) })
	}()
	for id := 1; id <= 5; id++ {
		c.Set(id, fmt.Sprintf("user-%d", id))
		time.Sleep(time.Millisecond)
	}
	wg.Wait()
}
