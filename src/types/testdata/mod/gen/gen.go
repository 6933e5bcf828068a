// Package gen is a fixture for generics, iterators and the rest of the expression forms.
package gen

import (
	"fmt"
	"iter"
	. "strings"
)

type Number interface {
	~int | ~int64 | ~float64
}

type List[T any] struct {
	items []T
	index map[string]T
}

func (l *List[T]) Push(v T) { l.items = append(l.items, v) }

func (l *List[T]) All() iter.Seq2[int, T] {
	return func(yield func(int, T) bool) {
		for i, v := range l.items {
			if !yield(i, v) {
				return
			}
		}
	}
}

func Sum[N Number](xs ...N) N {
	var s N
	for _, x := range xs {
		s += x
	}
	return s
}

func Keys[M ~map[K]V, K comparable, V any](m M) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

type Shape interface {
	Area() float64
}

type Square struct{ side float64 }

func (s Square) Area() float64 { return s.side * s.side }

func Use() (total int, err error) {
	l := &List[string]{index: map[string]string{}}
	l.Push("a")
	for i, v := range l.All() {
		total += i
		_ = v
	}
	for i := range 10 {
		total += i
	}
	ks := Keys(map[string]int{"a": 1})
	_ = ks
	n := Sum(1, 2, 3)
	f := Sum[float64]
	_ = f
	var sh Shape = Square{2}
	switch v := sh.(type) {
	case Square:
		_ = v.side
	case nil:
		_ = v
	}
	grid := [][]Square{{{1}, {2}}}
	byName := map[string]*Square{"x": {3}}
	ch := make(chan map[string]int, n)
	m, ok := <-ch
	_, _, _, _ = grid, byName, m, ok
	s := fmt.Sprint(ToUpper("x"))
	_ = s
	const size = 1 << 3
	var arr [size]byte
	_ = arr
outer:
	for {
		break outer
	}
	return total, nil
}
