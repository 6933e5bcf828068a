// Package xstore is called from package xuser: its map races only through the
// goroutines of its callers, which the engine sees by following calls across packages.
package xstore

// Index maps names to ids. It has no lock: callers must hold one of their own.
type Index struct{ ids map[string]int }

func NewIndex() *Index { return &Index{ids: map[string]int{}} }

func (x *Index) Set(name string, id int) { x.ids[name] = id } // want `x.ids\[name\] = id without a lock races with itself: the goroutine started at line 14`

func (x *Index) Len() int { return len(x.ids) } // want `len\(x.ids\) without a lock races with the write x.ids\[name\] = id in \(\*xstore.Index\).Set`
