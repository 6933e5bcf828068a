// Near misses: shared state that is ordered or locked. Nothing here is reported.
package datarace

import (
	"errors"
	"sync"
	"sync/atomic"
)

type Counter struct {
	mu sync.Mutex
	n  int
}

func (c *Counter) Inc() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
}

func (c *Counter) Value() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

type Hits struct {
	n atomic.Int64
	m int64
}

func (h *Hits) Add()        { h.n.Add(1); atomic.AddInt64(&h.m, 1) }
func (h *Hits) Load() int64 { return h.n.Load() + atomic.LoadInt64(&h.m) }

func atomicCounters() int64 {
	h := &Hits{}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h.Add()
		}()
	}
	wg.Wait()
	return h.Load()
}

// Go 1.22: each iteration has its own i.
func perIteration() {
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = i * 2
		}()
	}
	wg.Wait()
}

func distinctSlots(n int) []int {
	out := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = i * i
		}()
	}
	wg.Wait()
	return out
}

func writeBeforeSpawn() {
	name := "worker"
	done := make(chan struct{})
	go func() {
		_ = name
		close(done)
	}()
	<-done
	name = "idle"
}

func waitThenRead() int {
	result := 0
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		result = 42
	}()
	wg.Wait()
	return result
}

type job struct{ state string }

func handoffPointer() string {
	ch := make(chan *job)
	back := make(chan *job)
	go func() {
		j := <-ch
		j.state = "done"
		back <- j
	}()
	j := &job{state: "new"}
	ch <- j
	j = <-back
	return j.state
}

var (
	settingsOnce sync.Once
	settings     *Counter
)

func Settings() *Counter {
	settingsOnce.Do(func() { settings = &Counter{} })
	return settings
}

type feed struct {
	ready atomic.Bool
	items []string
}

func publish() {
	f := &feed{}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for !f.ready.Load() {
		}
		_ = len(f.items)
	}()
	f.items = []string{"a"}
	f.ready.Store(true)
	wg.Wait()
}

func goroutineLocals() {
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sum := 0
			for j := 0; j < i; j++ {
				sum += j
			}
			_ = sum
		}()
	}
	wg.Wait()
}

func synchronousCallback(each func(func())) int {
	n := 0
	apply := func() { n++ }
	apply()
	apply()
	return n
}

func byValue(limit int) {
	var wg sync.WaitGroup
	for k := 0; k < 2; k++ {
		wg.Add(1)
		go func(l int) {
			defer wg.Done()
			l++
			_ = l
		}(limit)
	}
	limit = 0
	wg.Wait()
}

func closeBeforeRead() int {
	v := 0
	done := make(chan struct{})
	go func() {
		v = 7
		close(done)
	}()
	select {
	case <-done:
	}
	return v
}

type Pool struct {
	mu    sync.Mutex
	idle  []int
	limit int
}

func (p *Pool) Put(c int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.idle) >= p.limit {
		return
	}
	p.idle = append(p.idle, c)
}

func (p *Pool) Get() (int, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.idle) == 0 {
		return 0, false
	}
	c := p.idle[len(p.idle)-1]
	p.idle = p.idle[:len(p.idle)-1]
	return c, true
}

type Gauge struct {
	mu    sync.RWMutex
	value float64
}

func (g *Gauge) Set(v float64) {
	g.mu.Lock()
	g.value = v
	g.mu.Unlock()
}

func (g *Gauge) Get() float64 {
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.value
}

type Queue struct {
	mu    sync.Mutex
	cond  *sync.Cond
	items []string
}

func (q *Queue) Push(s string) {
	q.mu.Lock()
	q.items = append(q.items, s)
	q.mu.Unlock()
	q.cond.Signal()
}

func (q *Queue) Pop() string {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 {
		q.cond.Wait()
	}
	s := q.items[0]
	q.items = q.items[1:]
	return s
}

// An unexported type never reaches a caller outside the package, so its exported
// methods are not assumed to run concurrently (Peek would race with Add otherwise).
type meter struct {
	mu sync.Mutex
	n  int
}

func (m *meter) Add()      { m.mu.Lock(); m.n++; m.mu.Unlock() }
func (m *meter) Peek() int { return m.n }

// A Builder is not safe for concurrent use: callers keep it on one goroutine.
type Builder struct {
	mu    sync.Mutex
	parts []string
	n     int
}

func (b *Builder) Add(s string) { b.mu.Lock(); b.parts = append(b.parts, s); b.n++; b.mu.Unlock() }
func (b *Builder) Reset()       { b.n = 0 }

type Session struct {
	mu    sync.Mutex
	state int
}

func (s *Session) Touch() { s.mu.Lock(); s.state++; s.mu.Unlock() }

// Close must be called only from the goroutine that created the session.
func (s *Session) Close() { s.state = -1 }

// A write made under a read lock shows the RWMutex does not guard that field (other
// readers hold it at the same time), so the entry assumption has nothing to go on.
type Cursor struct {
	mu   sync.RWMutex
	hold bool
	row  int
}

func (c *Cursor) Scan() int {
	if c.hold {
		return -1
	}
	c.mu.RLock()
	c.hold = true
	return c.row
}

func (c *Cursor) Next() {
	if c.hold {
		c.hold = false
		c.mu.RUnlock()
	}
}

// Release/acquire through an atomic flag: the plain writes come before the atomic store,
// and the plain reads run only once the atomic load has seen it.
type snapshot struct {
	ready int32
	rows  []string
	total int
}

func publishThenRead() int {
	s := &snapshot{}
	done := make(chan struct{})
	go func() {
		s.rows = []string{"a", "b"}
		s.total = 2
		atomic.StoreInt32(&s.ready, 1)
		close(done)
	}()
	n := 0
	if atomic.LoadInt32(&s.ready) == 1 {
		n = s.total + len(s.rows)
	}
	<-done
	return n
}

// A package variable set inside once.Do: every goroutine that goes through the same Do
// before reading it sees the completed initialisation, even when the Do sits in a
// callee that skips it on some paths.
var limits []int

var limitsOnce sync.Once

func limitFor(i int) int {
	if i < 0 {
		return 0
	}
	limitsOnce.Do(func() { limits = []int{1, 2, 3} })
	return limits[i%len(limits)]
}

func limitsFromWorkers() int {
	done := make(chan int)
	go func() { done <- limitFor(1) }()
	n := limitFor(2)
	n += len(limits)
	return n + <-done
}

// The sweeper starts only when wake is nil, and wake is set under the same lock before
// the start: one sweeper at a time, however often the loop comes round.
type Sweep struct {
	mu   sync.Mutex
	wake chan struct{}
	idle int
}

func (p *Sweep) sweeper() {
	for {
		<-p.wake
		p.mu.Lock()
		if p.idle == 0 {
			p.wake = nil
			p.mu.Unlock()
			return
		}
		p.idle--
		p.mu.Unlock()
	}
}

func sweepAsNeeded(p *Sweep, n int) {
	for i := 0; i < n; i++ {
		p.mu.Lock()
		p.idle++
		if p.wake == nil {
			p.wake = make(chan struct{}, 1)
			go p.sweeper()
		}
		p.mu.Unlock()
	}
}

// The same singleton, started by a helper its callers run under the lock, with the nil
// check as one conjunct of the start condition: the body still runs only while wake is nil.
type Cleaner struct {
	mu    sync.Mutex
	wake  chan struct{}
	limit int
	open  int
}

func (c *Cleaner) clean() {
	for {
		<-c.wake
		c.mu.Lock()
		if c.open == 0 {
			c.wake = nil
			c.mu.Unlock()
			return
		}
		c.open--
		c.mu.Unlock()
	}
}

func (c *Cleaner) startLocked() {
	if c.limit > 0 && c.open > 0 && c.wake == nil {
		c.wake = make(chan struct{}, 1)
		go c.clean()
	}
}

func (c *Cleaner) opener(requests <-chan int) {
	for n := range requests {
		c.mu.Lock()
		c.open += n
		c.startLocked()
		c.mu.Unlock()
	}
}

func NewCleaner(requests <-chan int) *Cleaner {
	c := &Cleaner{limit: 1}
	go c.opener(requests)
	return c
}

// Two start sites guarded by the same token: the second start finds wake set until the
// first cleaner has reset it under the lock, so the two never run at the same time.
func (c *Cleaner) SetLimit(n int) {
	c.mu.Lock()
	c.limit = n
	c.startLocked()
	c.mu.Unlock()
}

func (c *Cleaner) AddOpen() {
	c.mu.Lock()
	c.open++
	c.startLocked()
	c.mu.Unlock()
}

func configureCleaner(c *Cleaner) {
	c.SetLimit(2)
	c.AddOpen()
}

// Queries read conn under the read lock after checking the done flag; Close sets the
// flag first, waits out running queries with an empty Lock/Unlock, then drops conn. A
// query's critical section either ended before that barrier (its read comes first) or
// began after it (it sees done and returns before reading conn).
type TxHandle struct {
	closemu sync.RWMutex
	done    atomic.Bool
	conn    *int
}

func (s *TxHandle) Query() (int, bool) {
	s.closemu.RLock()
	defer s.closemu.RUnlock()
	if s.done.Load() {
		return 0, false
	}
	return *s.conn, true
}

func (s *TxHandle) Close() {
	if !s.done.CompareAndSwap(false, true) {
		return
	}
	s.closemu.Lock()
	s.closemu.Unlock()
	s.conn = nil
}

// Start sets up the input of the goroutine it starts: a method that begins the value's
// concurrent life runs before anything else uses it, so its set-up writes need no lock.
type Pump struct {
	mu      sync.Mutex
	src     []int
	pending int
}

func (p *Pump) Start(src []int) {
	p.src = src
	go p.run()
}

func (p *Pump) run() {
	for range p.src {
		p.mu.Lock()
		p.pending++
		p.mu.Unlock()
	}
}

func (p *Pump) Pending() (int, int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.pending, len(p.src)
}

// keepResult is false and nothing assigns it: the body of `if keepResult` never runs,
// so the workers never write resultSink.
var (
	keepResult = false
	resultSink = 0
)

func busyWork(n int) {
	x := 0
	for i := 0; i < n; i++ {
		x += i
	}
	if keepResult {
		resultSink += x
	}
}

func busyWorkers() {
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			busyWork(100)
		}()
	}
	wg.Wait()
}

// Each round starts the worker and waits for its signal before the next round, even when
// the rounds loop sits in a helper: one worker at a time writes result.
type Rounds struct {
	done   chan bool
	n      int
	result int
}

func (r *Rounds) work() {
	defer func() { r.done <- true }()
	r.result = r.n * 2
}

func (r *Rounds) once() int {
	go r.work()
	<-r.done
	return r.result
}

func (r *Rounds) repeat(k int) int {
	total := 0
	for i := 0; i < k; i++ {
		total += r.once()
	}
	return total
}

func runRounds(r *Rounds) int {
	return r.repeat(3)
}

// Harness is set up through its methods, then run.
//
// Harness methods can only be called before [Harness.Run].
type Harness struct {
	mu     sync.Mutex
	failed bool
	ran    bool
}

func (h *Harness) Fail() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.failed = true
}

// Run runs the harness. It must be called exactly once, after any call to Fail.
func (h *Harness) Run() {
	if h.failed {
		return
	}
	h.ran = true
}

// The deferred cleanup drops the pipes only when the start failed; the watcher starts
// only after started is set, and started never goes back to false.
type Job struct {
	pipes   []int
	watched chan struct{}
}

func (j *Job) watch() {
	<-j.watched
	_ = len(j.pipes)
}

func (j *Job) Start(fail bool) error {
	started := false
	defer func() {
		if !started {
			j.pipes = nil
		}
	}()
	if fail {
		return errJobStart
	}
	started = true
	go j.watch()
	return nil
}

var errJobStart = errors.New("job: cannot start")

// Taking the address of one field reads nothing of the struct: it does not overlap the
// goroutine's locked write of another field.
var board struct {
	mu    sync.Mutex
	score int
	name  string
}

func hasAddr(p *int) bool { return p != nil }

func renameBoard() bool {
	go func() {
		board.mu.Lock()
		board.name = "final"
		board.mu.Unlock()
	}()
	return hasAddr(&board.score)
}

// The callback is called at the bottom of a recursion: it runs during the call, so the
// goroutine's send follows its write of v.
func deepThen(n int, f func()) {
	if n == 0 {
		f()
		return
	}
	deepThen(n-1, f)
}

func readyAfterDeepCall() int {
	ready := make(chan struct{})
	var v int
	go func() {
		v = 42
		deepThen(3, func() { ready <- struct{}{} })
	}()
	<-ready
	return v
}

// Rows is first summarised deep inside this chain, where the depth bound leaves out its
// call to load; as an entry method it is still analysed with load's acquiring check.
func tableChain1(t *Table) []int { return tableChain2(t) }
func tableChain2(t *Table) []int { return tableChain3(t) }
func tableChain3(t *Table) []int { return tableChain4(t) }
func tableChain4(t *Table) []int { return tableChain5(t) }
func tableChain5(t *Table) []int { return t.Rows() }

// Table loads its rows once, under the lock, and publishes them with an atomic state
// store that readers load before they read rows.
type Table struct {
	mu    sync.Mutex
	state atomic.Uint32
	rows  []int
}

func (t *Table) load() {
	if t.state.Load() != 0 {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.state.Load() != 0 {
		return
	}
	t.rows = []int{1, 2, 3}
	t.state.Store(1)
}

func (t *Table) Rows() []int {
	t.load()
	return t.rows
}

func (t *Table) Count() int {
	t.load()
	return len(t.rows)
}

// A lazy initialisation that the constructor has already run: by the time the
// goroutines start, r.state is set, and nothing ever sets it back to nil, so their
// `if r.state == nil` never takes the branch. Also through a method that returns its
// receiver (or nil with an error).
type lazyState struct{ hits int }

type Renderer struct {
	mu    sync.Mutex
	state *lazyState
}

func (r *Renderer) ensure() {
	if r.state == nil {
		s := new(lazyState)
		r.state = s
	}
}

func NewRenderer() *Renderer {
	r := &Renderer{}
	r.ensure()
	return r
}

func (r *Renderer) Configure(name string) (*Renderer, error) {
	r.ensure()
	if name == "" {
		return nil, errors.New("no name")
	}
	return r, nil
}

func (r *Renderer) Render() int {
	r.ensure()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.state.hits++
	return r.state.hits
}

func renderInParallel() error {
	r, err := NewRenderer().Configure("page")
	if err != nil {
		return err
	}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.Render()
		}()
	}
	wg.Wait()
	return nil
}

func assert(ok bool) {
	if !ok {
		panic("assertion failed")
	}
}

// A Shape is a base (orig == nil), whose methods are added while it is set up, or an
// instance of one, whose method list is filled lazily under mu. orig is only ever set
// when the object is made, so AddMethod and Expanded never run on one object.
type Shape struct {
	mu      sync.Mutex
	orig    *Shape
	methods []string
}

func NewInstance(orig *Shape) *Shape { return &Shape{orig: orig} }

func (s *Shape) AddMethod(name string) {
	assert(s.orig == nil)
	s.methods = append(s.methods, name)
}

func (s *Shape) Expanded(i int) string {
	assert(s.orig != nil)
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.methods) == 0 {
		s.methods = append(s.methods, s.orig.methods...)
	}
	return s.methods[i]
}
