// Package cache is a fixture for the type checker: maps, locks and embedding.
package cache

import (
	"net/http"
	"sync"
	"sync/atomic"
)

type inner struct {
	sync.Mutex
	hits map[string]int
}

type Cache struct {
	mu    sync.RWMutex
	items map[string]*http.Cookie
	inner
	*stats
	m     sync.Map
	wg    sync.WaitGroup
	count atomic.Int64
	ch    chan<- int
}

type stats struct{ misses int }

func (s *stats) Miss() { s.misses++ }

func New() *Cache {
	return &Cache{items: make(map[string]*http.Cookie), stats: &stats{}, ch: make(chan int, 4)}
}

func (c *Cache) Get(k string) (*http.Cookie, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, ok := c.items[k]
	if !ok {
		c.Miss()
	}
	return v, ok
}

func (c *Cache) Put(k string, v *http.Cookie) {
	c.mu.Lock()
	c.items[k] = v
	c.mu.Unlock()
	c.Lock()
	c.hits[k]++
	c.Unlock()
	c.m.Store(k, v)
	c.count.Add(1)
}

func (c *Cache) Len() int {
	n := len(c.items)
	get := c.Get
	put := (*Cache).Put
	_, _ = get, put
	for k, v := range c.items {
		_, _ = k, v
	}
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		c.ch <- n
	}()
	c.wg.Wait()
	return n
}
