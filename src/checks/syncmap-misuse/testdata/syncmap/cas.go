// Compare-then-Store and read-modify-write on a sync.Map.
package syncmap

import "sync"

var states sync.Map

func advance(id string, from, to int) {
	if v, ok := states.Load(id); ok && v == from {
		states.Store(id, to) // want `compare-then-Store.*CompareAndSwap`
	}
}

func advanceTyped(id string, from int) {
	v, _ := states.Load(id)
	if v.(int) == from {
		states.Store(id, from+1) // want `compare-then-Store`
	}
}

var hits sync.Map

func hit(path string) {
	v, _ := hits.Load(path)
	n, _ := v.(int)
	hits.Store(path, n+1) // want `read-modify-write.*CompareAndSwap in a loop`
}

// Near misses that must stay quiet.

func advanceRight(id string, from, to int) bool {
	return states.CompareAndSwap(id, from, to)
}

func hitRight(path string) {
	for {
		v, loaded := hits.LoadOrStore(path, 1)
		if !loaded || hits.CompareAndSwap(path, v, v.(int)+1) {
			return
		}
	}
}

// Overwrite that does not depend on what was loaded.
func reset(path string) (old any) {
	old, _ = hits.Load(path)
	hits.Store(path, 0)
	return old
}
