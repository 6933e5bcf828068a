// Variables, fields and slice elements shared without order or a common lock.
package datarace

import (
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

func countParallel(jobs []int) int {
	total := 0
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			total += j // want `total \+= j without a lock races with itself`
		}()
	}
	wg.Wait()
	return total
}

func collect(ids []string) []string {
	var out []string
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out = append(out, id) // want `out = append\(out, id\) without a lock races with itself`
		}()
	}
	wg.Wait()
	return out
}

func firstError(tasks []func() error) error {
	var err error
	var wg sync.WaitGroup
	for _, t := range tasks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if e := t(); e != nil {
				err = e // want `err = e without a lock races with itself`
			}
		}()
	}
	wg.Wait()
	return err
}

func pollFlag() {
	done := false
	go func() {
		time.Sleep(time.Millisecond)
		done = true
	}()
	for !done { // want `done without a lock races with the write done = true`
		time.Sleep(time.Microsecond)
	}
}

var lastRequest time.Time

func track(w http.ResponseWriter, r *http.Request) {
	lastRequest = time.Now() // want `lastRequest = time.Now\(\) without a lock races with itself: the handler track runs more than once`
}

func serve() {
	http.HandleFunc("/track", track)
}

type Transfer struct {
	bytes int64
}

func (t *Transfer) Add(n int64) { atomic.AddInt64(&t.bytes, n) }

func (t *Transfer) Report() int64 { return t.bytes } // want `t.bytes without a lock races with the write atomic.AddInt64\(&t.bytes, n\)`

func mixedAtomic() int64 {
	tr := &Transfer{}
	go tr.Add(10)
	return tr.Report()
}

func fixedSlot() []int {
	stats := make([]int, 2)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stats[0]++ // want `stats\[0\]\+\+ without a lock races with itself`
		}()
	}
	wg.Wait()
	return stats
}

type Policy struct {
	Attempts int
	Backoff  time.Duration
}

type Client struct {
	policy Policy
}

func (c *Client) SetBackoff(d time.Duration) { c.policy.Backoff = d }

func (c *Client) Policy() Policy { return c.policy } // want `c.policy without a lock races with the write c.policy.Backoff = d`

func copyWhileWriting(c *Client) Policy {
	go c.SetBackoff(time.Second)
	return c.Policy()
}

func timerWrites() int {
	attempts := 0
	time.AfterFunc(time.Millisecond, func() {
		attempts++
	})
	return attempts // want `attempts without a lock races with the write attempts\+\+ in the goroutine \(time.AfterFunc\)`
}

func pagedFetch() {
	const pageSize, total = 10, 30
	fetched := make(chan int)
	for offset := 0; offset < total; offset += pageSize { // want `offset \(copied into the next iteration\) without a lock races with the write offset = offset / pageSize \* pageSize`
		go func() {
			fetched <- offset
			offset = offset / pageSize * pageSize
		}()
		<-fetched
	}
}

type Server struct {
	mu      sync.Mutex
	handled int
	addr    string
}

func (s *Server) loop() {
	s.addr = "closed"
}

func (s *Server) Start() string {
	go s.loop()
	return s.addr // want `s.addr without a lock races with the write s.addr = "closed"`
}

var activeWorkers int

func startWorkers(n int) int {
	for i := 0; i < n; i++ {
		go func() {
			activeWorkers++ // want `activeWorkers\+\+ without a lock races with itself`
		}()
	}
	return activeWorkers // want `activeWorkers without a lock races with the write activeWorkers\+\+`
}

type Buffer struct {
	data []byte
}

func (b *Buffer) reset() { b.data = b.data[:0] }

func flushInBackground(b *Buffer) int {
	go b.reset()
	return len(b.data) // want `b.data without a lock races with the write b.data = b.data\[:0\]`
}

// An atomic flag orders only what comes before the store: this write comes after it.
func publishTooEarly() int {
	var ready int32
	total := 0
	go func() {
		atomic.StoreInt32(&ready, 1)
		total = 2
	}()
	if atomic.LoadInt32(&ready) == 1 {
		return total // want `total without a lock races with the write total = 2`
	}
	return 0
}

// The reader skips the once.Do: nothing orders it after the initialisation.
var quotas []int

var quotasOnce sync.Once

func quotasSkippingOnce() int {
	go func() {
		quotasOnce.Do(func() { quotas = []int{1} })
	}()
	return len(quotas) // want `quotas without a lock races with the write quotas = \[\]int\{1\}`
}

// Unexported, but a net.Conn: whoever holds the interface may call Write and
// SetWriteDeadline from different goroutines, as net.Conn allows.
type pipeConn struct {
	mu       sync.Mutex
	deadline time.Time
	buf      []byte
}

func (c *pipeConn) Read(p []byte) (int, error) { return 0, nil }
func (c *pipeConn) Close() error               { return nil }
func (c *pipeConn) Write(p []byte) (int, error) {
	if !c.deadline.IsZero() && time.Now().After(c.deadline) { // want `c.deadline without a lock races with the write c.deadline = t`
		return 0, nil
	}
	c.mu.Lock()
	c.buf = append(c.buf, p...)
	c.mu.Unlock()
	return len(p), nil
}
func (c *pipeConn) SetWriteDeadline(t time.Time) error {
	c.mu.Lock()
	c.deadline = t
	c.mu.Unlock()
	return nil
}

// A new drainer every time round, whether one is running or not.
type Drain struct {
	mu   sync.Mutex
	kick chan struct{}
	n    int
}

func (d *Drain) drainer() {
	for {
		<-d.kick // want `d.kick without a lock races with the write d.kick = make\(chan struct\{\}, 1\)`
		d.mu.Lock()
		if d.n == 0 {
			d.kick = nil
			d.mu.Unlock()
			return
		}
		d.n--
		d.mu.Unlock()
	}
}

func drainAlways(d *Drain, n int) {
	for i := 0; i < n; i++ {
		d.mu.Lock()
		d.n++
		d.kick = make(chan struct{}, 1)
		go d.drainer()
		d.mu.Unlock()
	}
}

// Wraps a net.Conn, so it is one: Read and Bytes may run on different goroutines.
type tapConn struct {
	net.Conn
	sync.Mutex
	seen [][]byte
}

func (c *tapConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.Lock()
	c.seen = append(c.seen, p[:n])
	c.Unlock()
	return n, err
}

func (c *tapConn) Frames() int { return len(c.seen) } // want `c.seen without a lock races with the write c.seen = append\(c.seen, p\[:n\]\)`

// The flag is set after the barrier: a query that takes the read lock between the
// barrier and the store still sees done unset and reads conn while Close drops it.
type LateTxHandle struct {
	closemu sync.RWMutex
	done    atomic.Bool
	conn    *int
}

func (s *LateTxHandle) Query() (int, bool) {
	s.closemu.RLock()
	defer s.closemu.RUnlock()
	if s.done.Load() {
		return 0, false
	}
	return *s.conn, true
}

func (s *LateTxHandle) Close() {
	s.closemu.Lock()
	s.closemu.Unlock()
	s.done.Store(true)
	s.conn = nil // want `s.conn = nil without a lock races with the read s.conn`
}

// The guard is set by a flag: the workers do write traceSink.
var (
	traceWork = false
	traceSink = 0
)

func EnableWorkTrace() { traceWork = true }

func tracedWork(n int) {
	if traceWork {
		traceSink += n // want `traceSink \+= n without a lock races with itself`
	}
}

func tracedWorkers() {
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tracedWork(i)
		}()
	}
	wg.Wait()
}

// The worker signals before it writes: the next round's worker (and the reader of
// result) overlap with the write.
type EarlyRounds struct {
	done   chan int
	n      int
	result int
}

func (r *EarlyRounds) work() {
	r.done <- r.n
	r.result = r.n * 2 // want `r.result = r.n \* 2 without a lock races with itself`
}

func (r *EarlyRounds) once() int {
	go r.work()
	<-r.done
	return r.result // want `r.result without a lock races with the write r.result = r.n \* 2`
}

func (r *EarlyRounds) repeat(k int) int {
	total := 0
	for i := 0; i < k; i++ {
		total += r.once()
	}
	return total
}

func runEarlyRounds(r *EarlyRounds) int {
	return r.repeat(3)
}

// The flag is set back to false after the watcher starts: the cleanup can run while
// the watcher reads the pipes.
type FlakyJob struct {
	pipes   []int
	watched chan struct{}
}

func (j *FlakyJob) watch() {
	<-j.watched
	_ = len(j.pipes) // want `j.pipes without a lock races with the write j.pipes = nil`
}

func (j *FlakyJob) Start(fail bool) {
	started := false
	defer func() {
		if !started {
			j.pipes = nil
		}
	}()
	started = true
	go j.watch()
	if fail {
		started = false
	}
}

// Unsynchronised lazy initialisation by concurrent workers: one finding, at the write
// (the nil check racing with it is the same race).
type LazyBox struct {
	v *int
}

func (b *LazyBox) init() {
	if b.v == nil {
		n := 1
		b.v = &n // want `b.v = &n without a lock races with itself`
	}
}

func lazyBoxWorkers(b *LazyBox) {
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b.init()
		}()
	}
	wg.Wait()
}

// The constructor initialised p.buf, but the spawner sets it back to nil while the
// goroutines run: their lazy initialisations can now run together.
type paintBuf struct{ strokes int }

type Painter struct {
	mu  sync.Mutex
	buf *paintBuf
}

func (p *Painter) ensure() {
	if p.buf == nil { // want `p.buf without a lock races with the write p.buf = nil`
		p.buf = new(paintBuf) // want `p.buf = new\(paintBuf\) without a lock races with the write p.buf = nil`
	}
}

func NewPainter() *Painter {
	p := &Painter{}
	p.ensure()
	return p
}

func (p *Painter) Paint() {
	p.ensure()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.buf.strokes++
}

func paintWhileReset() {
	p := NewPainter()
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.Paint()
		}()
	}
	p.buf = nil // want `p.buf = nil without a lock races with the read p.buf`
	wg.Wait()
}

// The constructor initialised s.pad, but code we cannot see (a function value) gets the
// sketch before the goroutines start and may have cleared it.
type sketchPad struct{ lines int }

type Sketch struct {
	mu  sync.Mutex
	pad *sketchPad
}

func (s *Sketch) ensure() {
	if s.pad == nil {
		s.pad = new(sketchPad) // want `s.pad = new\(sketchPad\) without a lock races with itself`
	}
}

func NewSketch() *Sketch {
	s := &Sketch{}
	s.ensure()
	return s
}

func (s *Sketch) Draw() {
	s.ensure()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pad.lines++
}

func drawAfterHook(hook func(*Sketch)) {
	s := NewSketch()
	hook(s)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.Draw()
		}()
	}
	wg.Wait()
}

// Both books are made with a page, but the spare's is discarded (by a method, inlined as a
// run of its accesses) before the current book takes it: the current book holds nil when
// the readers start, so their lazy initialisations run together. Knowing that takes the
// discarding write inside the run, which makes the spare's page unknown again.
type bookPage struct{ words int }

type Book struct {
	page *bookPage
}

func (b *Book) ensure() {
	if b.page == nil {
		b.page = new(bookPage) // want `b.page = new\(bookPage\) without a lock races with itself`
	}
}

func NewBook() *Book {
	b := &Book{}
	b.ensure()
	return b
}

func (b *Book) Discard() { b.page = nil }

func (b *Book) Read() int {
	b.ensure()
	return b.page.words // want `b.page without a lock races with the write b.page = new\(bookPage\)`
}

func readTakenPage() {
	cur := NewBook()
	spare := NewBook()
	spare.Discard()
	cur.page = spare.page
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cur.Read()
		}()
	}
	wg.Wait()
}
