// Types whose exported methods lock a mutex: callers may use them from several
// goroutines at once, so an access made without the lock races with a locked write.
package maprace

import (
	"sort"
	"sync"
)

// SessionCache: the incident racewatch exists for.
type SessionCache struct {
	mu    sync.Mutex
	items map[string]string
}

func (c *SessionCache) Put(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items[k] = v
}

// Len is "only a number", read for metrics without the lock.
func (c *SessionCache) Len() int {
	return len(c.items) // want `len\(c.items\) without a lock races with the write c.items\[k\] = v in \(\*SessionCache\).Put`
}

// Quotas: a lookup that forgot the lock.
type Quotas struct {
	mu     sync.Mutex
	limits map[string]int
}

func (q *Quotas) Set(tenant string, n int) {
	q.mu.Lock()
	q.limits[tenant] = n
	q.mu.Unlock()
}

func (q *Quotas) Limit(tenant string) (int, bool) {
	n, ok := q.limits[tenant] // want `q.limits\[tenant\] without a lock races with the write q.limits\[tenant\] = n`
	return n, ok
}

// Registry: a listing that ranges over the map without the lock.
type Registry struct {
	mu       sync.RWMutex
	services map[string]string
}

func (r *Registry) Deregister(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.services, name)
}

func (r *Registry) Names() []string {
	var out []string
	for name := range r.services { // want `range r.services without a lock races with the write delete\(r.services, name\)`
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// Counters: incrementing under the read lock is a write nobody excludes.
type Counters struct {
	mu   sync.RWMutex
	hits map[string]int
}

func (c *Counters) Hit(path string) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	c.hits[path]++ // want `c.hits\[path\]\+\+ holding c.mu \(read\) races with itself: \(\*Counters\).Hit runs more than once`
}

func (c *Counters) Count(path string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.hits[path] // want `c.hits\[path\] holding c.mu \(read\) races with the write c.hits\[path\]\+\+`
}

// Inner is embedded: its map is reset by Reset and read by Lookup without the lock.
type Inner struct {
	routes map[string]int
}

type Router struct {
	sync.Mutex
	Inner
}

func (r *Router) Reset() {
	r.Lock()
	clear(r.routes)
	r.Unlock()
}

func (r *Router) Lookup(p string) int {
	return r.routes[p] // want `r.routes\[p\] without a lock races with the write clear\(r.routes\)`
}

// Early unlock on one branch: the write after the if is unprotected on that path.
type Table struct {
	mu   sync.Mutex
	rows map[int]string
}

func (t *Table) Upsert(id int, v string) {
	t.mu.Lock()
	if v == "" {
		t.mu.Unlock()
		t.rows[id] = "<empty>" // want `t.rows\[id\] = "<empty>" without a lock races with the write t.rows\[id\] = v`
		return
	}
	t.rows[id] = v
	t.mu.Unlock()
}

// A helper that hands the map back after releasing the lock.
type Sessions struct {
	mu    sync.Mutex
	users map[string]string
}

func (s *Sessions) table() map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.users
}

func (s *Sessions) Login(token, user string) {
	s.table()[token] = user // want `s.table\(\)\[token\] = user without a lock races with the read s.users\[token\]`
}

func (s *Sessions) User(token string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.users[token]
}
