// Suggested fixes: the lock taken at the top of the method that forgot it, marked safe
// only when nothing can hold it already and the method cannot take it again.
package datarace

import (
	"fmt"
	"sync"
	"time"
)

// Meter: a read-only method of a type guarded by an RWMutex gets RLock; it calls
// nothing and no code here calls it, so the fix is safe.
type Meter struct {
	mu    sync.RWMutex
	value int64
	unit  string
}

func (g *Meter) Set(v int64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.value = v
}

func (g *Meter) Snapshot() int64 {
	v := g.value // want `g.value without a lock races with the write g.value = v in \(\*Meter\).Set`
	return v
}

// Describe calls fmt, which may call back into the Meter: unsafe.
func (g *Meter) Describe() string {
	return fmt.Sprintf("%d %s", g.value, g.unit) // want `g.value without a lock races with the write g.value = v in \(\*Meter\).Set`
}

// Ledger: Balance is called by Audit while Audit holds the lock, so locking in
// Balance would deadlock Audit: the fix is offered but marked unsafe.
type Ledger struct {
	mu      sync.Mutex
	balance int
	audited bool
}

func (l *Ledger) Deposit(n int) {
	l.mu.Lock()
	l.balance += n
	l.mu.Unlock()
}

func (l *Ledger) Balance() int {
	return l.balance // want `l.balance without a lock races with the write l.balance \+= n in \(\*Ledger\).Deposit`
}

func (l *Ledger) Audit() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.audited = true
	return l.Balance() >= 0
}

// Reset takes the lock for part of its body already: no fix (where the lock belongs
// is for the reader to decide).
func (l *Ledger) Reset() {
	l.balance = 0 // want `l.balance = 0 without a lock races with the write l.balance \+= n in \(\*Ledger\).Deposit`
	l.mu.Lock()
	l.audited = false
	l.mu.Unlock()
}

// Config: Deadline calls time.Now, so its fix is unsafe; Conn.Peer returns early, which
// the deferred unlock covers, and calls nothing: safe.
type Config struct {
	mu      sync.Mutex
	Timeout time.Duration
	Retries int
}

func (c *Config) SetTimeout(d time.Duration) {
	c.mu.Lock()
	c.Timeout = d
	c.mu.Unlock()
}

func (c *Config) Deadline() time.Time {
	return time.Now().Add(c.Timeout) // want `c.Timeout without a lock races with the write c.Timeout = d in \(\*Config\).SetTimeout`
}

type Conn struct {
	mu     sync.Mutex
	closed bool
	peer   *Conn
}

func (c *Conn) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	c.peer = nil
}

func (c *Conn) Peer() *Conn {
	if c.closed { // want `c.closed without a lock races with the write c.closed = true`
		return nil
	}
	return c.peer // want `c.peer without a lock races with the write c.peer = nil`
}

// Tally: String calls nothing and no code names it, but report holds t.tmu while it
// hands t to fmt, which calls String: locking in String would deadlock report. Unsafe.
type Tally struct {
	tmu sync.Mutex
	n   int
}

func (t *Tally) Add() {
	t.tmu.Lock()
	t.n++
	t.tmu.Unlock()
}

func (t *Tally) String() string {
	return string(rune('0' + t.n)) // want `t.n without a lock races with the write t.n\+\+ in \(\*Tally\).Add`
}

func report(t *Tally) string {
	t.tmu.Lock()
	defer t.tmu.Unlock()
	return fmt.Sprint(t)
}

// Index: Stats has a map race (map-race's to fix) and a data race; the lock fix comes
// with the map-race finding only, so that applying every fix locks Stats once.
type Index struct {
	mu   sync.Mutex
	m    map[string]int
	hits int
}

func (x *Index) Put(k string) {
	x.mu.Lock()
	x.m[k]++
	x.hits++
	x.mu.Unlock()
}

func (x *Index) Stats() (int, int) {
	return len(x.m), x.hits // want `x.hits without a lock races with the write x.hits\+\+ in \(\*Index\).Put`
}
