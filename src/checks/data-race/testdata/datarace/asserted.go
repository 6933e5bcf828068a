// Assertions that do not keep two methods apart.
package datarace

import "sync"

// The same split, but Rebase can turn a base into an instance after the fact: the
// assertions no longer keep AddMethod and Expanded apart.
type Form struct {
	mu      sync.Mutex
	base    *Form
	methods []string
}

func (f *Form) Rebase(o *Form) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.base = o
}

func (f *Form) AddMethod(name string) {
	assert(f.base == nil)               // want `f.base without a lock races with the write f.base = o in \(\*Form\).Rebase`
	f.methods = append(f.methods, name) // want `f.methods = append\(f.methods, name\) without a lock races with the write f.methods = append`
}

func (f *Form) Expanded(i int) string {
	assert(f.base != nil) // want `f.base without a lock races with the write f.base = o in \(\*Form\).Rebase`
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.methods) == 0 {
		f.methods = append(f.methods, f.base.methods...)
	}
	return f.methods[i]
}

// Only one side asserts: Names may run on a base while AddMethod does.
type Kind struct {
	mu      sync.Mutex
	base    *Kind
	methods []string
}

func (k *Kind) AddMethod(name string) {
	assert(k.base == nil)
	k.methods = append(k.methods, name) // want `k.methods = append\(k.methods, name\) without a lock races with the read k.methods`
}

func (k *Kind) Names() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return append([]string(nil), k.methods...)
}

// Opposite assertions on a field no method assigns, but a package function stores a
// whole new value over a Grade (and with it a nil base): the assertions keep nothing apart.
type Grade struct {
	mu      sync.Mutex
	origin  *Grade
	methods []string
}

func Retire(g *Grade) { *g = Grade{} }

func (g *Grade) AddMethod(name string) {
	assert(g.origin == nil)
	g.methods = append(g.methods, name) // want `g.methods = append\(g.methods, name\) without a lock races with the write g.methods = append`
}

func (g *Grade) Expanded(i int) string {
	assert(g.origin != nil)
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.methods) == 0 {
		g.methods = append(g.methods, g.origin.methods...)
	}
	return g.methods[i]
}
