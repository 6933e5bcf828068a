// Package sync (racewatch stub): locks, wait groups, once, pools, conditions and sync.Map.
package sync

type noCopy struct{}

func (*noCopy) Lock()   {}
func (*noCopy) Unlock() {}

type Locker interface {
	Lock()
	Unlock()
}

type Mutex struct {
	_     noCopy
	state int32
	sema  uint32
}

func (m *Mutex) Lock()         {}
func (m *Mutex) TryLock() bool { return false }
func (m *Mutex) Unlock()       {}

type RWMutex struct {
	w           Mutex
	readerCount int32
}

func (rw *RWMutex) Lock()           {}
func (rw *RWMutex) TryLock() bool   { return false }
func (rw *RWMutex) Unlock()         {}
func (rw *RWMutex) RLock()          {}
func (rw *RWMutex) TryRLock() bool  { return false }
func (rw *RWMutex) RUnlock()        {}
func (rw *RWMutex) RLocker() Locker { return nil }

type WaitGroup struct {
	noCopy noCopy
	state  uint64
	sema   uint32
}

func (wg *WaitGroup) Add(delta int) {}
func (wg *WaitGroup) Done()         {}
func (wg *WaitGroup) Wait()         {}
func (wg *WaitGroup) Go(f func())   {}

type Once struct {
	_    noCopy
	done uint32
	m    Mutex
}

func (o *Once) Do(f func()) {}

func OnceFunc(f func()) func() { return f }

func OnceValue[T any](f func() T) func() T { return f }

func OnceValues[T1, T2 any](f func() (T1, T2)) func() (T1, T2) { return f }

type Cond struct {
	noCopy noCopy
	L      Locker
}

func NewCond(l Locker) *Cond { return &Cond{L: l} }
func (c *Cond) Wait()        {}
func (c *Cond) Signal()      {}
func (c *Cond) Broadcast()   {}

type Pool struct {
	noCopy noCopy
	New    func() any
}

func (p *Pool) Get() any  { return nil }
func (p *Pool) Put(x any) {}

type Map struct {
	_ noCopy
	m map[any]any
}

func (m *Map) Load(key any) (value any, ok bool)                    { return nil, false }
func (m *Map) Store(key, value any)                                 {}
func (m *Map) Clear()                                               {}
func (m *Map) LoadOrStore(key, value any) (actual any, loaded bool) { return nil, false }
func (m *Map) LoadAndDelete(key any) (value any, loaded bool)       { return nil, false }
func (m *Map) Delete(key any)                                       {}
func (m *Map) Swap(key, value any) (previous any, loaded bool)      { return nil, false }
func (m *Map) CompareAndSwap(key, old, new any) (swapped bool)      { return false }
func (m *Map) CompareAndDelete(key, old any) (deleted bool)         { return false }
func (m *Map) Range(f func(key, value any) bool)                    {}
