// Counting a sync.Map with Range: a hand-made Len.
package syncmap

import (
	"sync"
	"sync/atomic"
)

type Registry struct {
	entries sync.Map
}

// Len walks every entry to count them.
func (r *Registry) Len() int {
	n := 0
	r.entries.Range(func(_, _ any) bool { // want `counting a sync\.Map with Range is a hand-made Len`
		n++
		return true
	})
	return n
}

var sessions sync.Map

func sessionCount() (count int) {
	sessions.Range(func(key, value any) bool { // want `hand-made Len: the count is stale`
		count += 1
		return true
	})
	return
}

func countPeers(peers *sync.Map) int64 {
	var total int64
	peers.Range(func(any, any) bool { // want `keep a count alongside`
		total = total + 1
		return true
	})
	return total
}

// Near misses that must stay quiet.

// A count kept alongside the map, updated where the map is written.
type CountedCache struct {
	m    sync.Map
	size atomic.Int64
}

func (c *CountedCache) Put(k string, v int) {
	if _, loaded := c.m.Swap(k, v); !loaded {
		c.size.Add(1)
	}
}

// Len is an estimate: Put and Delete race with it by design.
func (c *CountedCache) Len() int64 { return c.size.Load() }

// The walk is documented as an estimate for a metrics gauge.
func approxSessions() int {
	n := 0
	// Estimate only: sessions come and go while we count; the gauge tolerates it.
	sessions.Range(func(_, _ any) bool {
		n++
		return true
	})
	return n
}

// Counting with a filter is not a Len.
func expiredSessions() int {
	n := 0
	sessions.Range(func(_, v any) bool {
		if v.(*session).expired {
			n++
		}
		return true
	})
	return n
}

type session struct{ expired bool }

// The walk does real work; the count is a by-product.
func snapshotKeys() ([]string, int) {
	var keys []string
	n := 0
	sessions.Range(func(k, _ any) bool {
		keys = append(keys, k.(string))
		n++
		return true
	})
	return keys, n
}

// Stops early: "are there at least 10?" is not a full walk.
func atLeastTen() bool {
	n := 0
	sessions.Range(func(_, _ any) bool {
		n++
		return n < 10
	})
	return n >= 10
}

// A type of our own with a Range method is not a sync.Map.
type ring struct{ items []int }

func (r *ring) Range(f func(k, v any) bool) {
	for i, it := range r.items {
		if !f(i, it) {
			return
		}
	}
}

func ringLen(r *ring) int {
	n := 0
	r.Range(func(_, _ any) bool {
		n++
		return true
	})
	return n
}
