// Load then Delete of the same key: two goroutines can both take the value.
package syncmap

import "sync"

type job struct{ id int }

var pending sync.Map

func take(id int) (*job, bool) {
	if v, ok := pending.Load(id); ok {
		pending.Delete(id) // want `Load then Delete of the same key.*LoadAndDelete`
		return v.(*job), true
	}
	return nil, false
}

func takeFlat(id int) *job {
	v, ok := pending.Load(id)
	pending.Delete(id) // want `use LoadAndDelete`
	if !ok {
		return nil
	}
	return v.(*job)
}

func finish(m *sync.Map, id int, run func(*job)) {
	if v, ok := m.Load(id); ok {
		run(v.(*job))
		m.Delete(id) // want `Load then Delete of the same key`
	}
}

// Near misses that must stay quiet.

func takeRight(id int) *job {
	if v, ok := pending.LoadAndDelete(id); ok {
		return v.(*job)
	}
	return nil
}

func forget(id int) { pending.Delete(id) }

func moveOther(id, next int) {
	if _, ok := pending.Load(id); ok {
		pending.Delete(next)
	}
}

var pendingMu sync.Mutex

func takeLocked(id int) *job {
	pendingMu.Lock()
	defer pendingMu.Unlock()
	if v, ok := pending.Load(id); ok {
		pending.Delete(id)
		return v.(*job)
	}
	return nil
}
