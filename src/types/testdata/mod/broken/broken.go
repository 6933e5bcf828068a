// Package broken does not type-check: checks must get unknown types, never an exception.
package broken

import (
	"example.com/nowhere/missing"
	"sync"
)

type T struct {
	mu   sync.Mutex
	data map[string]int
	ext  missing.Thing
}

func (t *T) Do() {
	t.mu.Lock()
	t.data["x"] = undefinedName
	t.ext.Call(1, 2, 3)
	x := missing.New()
	x.Field.Method()
	len(1, 2)
	var y int = "string"
	t.nope()
	_ = y
	for k, v := range 3.5 {
		_, _ = k, v
	}
	t.mu.Unlock()
}

func (t *T) Broken(
