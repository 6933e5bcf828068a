// Load then Store of the same key: the get-or-create two goroutines can both miss.
package syncmap

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type conn struct {
	id    string
	state int
}

var conns sync.Map

func getConn(id string) *conn {
	if v, ok := conns.Load(id); ok {
		return v.(*conn)
	}
	c := &conn{id: id}
	conns.Store(id, c) // want `Load then Store of the same key.*use LoadOrStore`
	return c
}

func newConn(id string) *conn {
	return &conn{id: id, state: 1}
}

func getConnCtor(id string) *conn {
	if v, ok := conns.Load(id); ok {
		return v.(*conn)
	}
	c := newConn(id)
	conns.Store(id, c) // want `Load then Store of the same key`
	return c
}

func counterFor(m *sync.Map, name string) *atomic.Int64 {
	v, ok := m.Load(name)
	if !ok {
		v = new(atomic.Int64)
		m.Store(name, v) // want `use LoadOrStore`
	}
	return v.(*atomic.Int64)
}

func register(waiters *sync.Map, key string) {
	if _, ok := waiters.Load(key); !ok {
		waiters.Store(key, make(chan struct{})) // want `use LoadOrStore`
	}
}

type Pool struct {
	workers sync.Map
}

func (p *Pool) worker(name string) *conn {
	w, ok := p.workers.Load(name)
	if !ok {
		fmt.Println("creating worker", name)
		w = &conn{id: name}
		p.workers.Store(name, w) // want `Load then Store of the same key`
	}
	return w.(*conn)
}

// Near misses that must stay quiet.

var mu sync.Mutex

// The mutex orders the Load and the Store.
func getConnLocked(id string) *conn {
	mu.Lock()
	defer mu.Unlock()
	if v, ok := conns.Load(id); ok {
		return v.(*conn)
	}
	c := &conn{id: id}
	conns.Store(id, c)
	return c
}

func getConnLockedExplicit(id string) *conn {
	mu.Lock()
	v, ok := conns.Load(id)
	if !ok {
		v = &conn{id: id}
		conns.Store(id, v)
	}
	mu.Unlock()
	return v.(*conn)
}

// Already LoadOrStore.
func getConnRight(id string) *conn {
	v, _ := conns.LoadOrStore(id, &conn{id: id})
	return v.(*conn)
}

// Another key.
func alias(id, alt string) {
	if _, ok := conns.Load(id); !ok {
		conns.Store(alt, &conn{id: alt})
	}
}

// The key changes between the Load and the Store.
func normalized(id string) {
	if _, ok := conns.Load(id); ok {
		return
	}
	id = "n:" + id
	conns.Store(id, &conn{id: id})
}

// Another map.
var backup sync.Map

func mirror(id string) {
	if v, ok := conns.Load(id); ok {
		backup.Store(id, v)
	}
}

// Store first, then Load.
func storeThenLoad(id string) *conn {
	conns.Store(id, &conn{id: id})
	v, _ := conns.Load(id)
	return v.(*conn)
}

// The Store runs in another function.
func loadHere(id string) bool {
	_, ok := conns.Load(id)
	return ok
}

func storeThere(id string) { conns.Store(id, &conn{id: id}) }

// A value without identity: two goroutines store equal sizes, duplicate work at worst.
var sizes sync.Map

func sizeOf(name string) int {
	if v, ok := sizes.Load(name); ok {
		return v.(int)
	}
	n := len(name) * 8
	sizes.Store(name, n)
	return n
}

// The miss is settled by LoadOrStore (a placeholder); the Store replaces the winner's placeholder.
func once(id string) *conn {
	v, loaded := conns.Load(id)
	if !loaded {
		ready := make(chan struct{})
		v, loaded = conns.LoadOrStore(id, ready)
		if !loaded {
			c := &conn{id: id}
			conns.Store(id, c)
			close(ready)
			return c
		}
	}
	if ch, ok := v.(chan struct{}); ok {
		<-ch
		v, _ = conns.Load(id)
	}
	return v.(*conn)
}

// A helper closure called with the enclosing function's lock held.
type lookupCache struct {
	sync.Mutex
	m sync.Map
}

var funcCache lookupCache

func cached(hash uint32, t *conn) *conn {
	funcCache.Lock()
	defer funcCache.Unlock()
	add := func(c *conn) *conn {
		var list []*conn
		if v, ok := funcCache.m.Load(hash); ok {
			list = v.([]*conn)
		}
		funcCache.m.Store(hash, append(list, c))
		return c
	}
	return add(t)
}

// Load and Store in different cases of one switch: they never both run.
func byMode(id string, mode int) *conn {
	switch mode {
	case 0:
		if v, ok := conns.Load(id); ok {
			return v.(*conn)
		}
	case 1:
		c := &conn{id: id}
		conns.Store(id, c)
		return c
	}
	return nil
}
