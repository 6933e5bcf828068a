// A sync.Map copied by value.
package syncmap

import "sync"

var cache sync.Map

func fill(m sync.Map) {}

func passByValue() {
	fill(cache) // want `sync\.Map copied by value: cache is copied into parameter m of fill`
}

func assignCopy() {
	snapshot := cache // want `cache is copied into snapshot`
	snapshot.Store("k", 1)
}

type Index struct {
	name string
	byID sync.Map
}

func (ix *Index) Entries() sync.Map {
	return ix.byID // want `ix\.byID is copied into the result of Entries`
}

func rangeCopy(indexes []Index) int {
	n := 0
	for _, ix := range indexes { // want `range copies each Index \(holding a sync\.Map in field byID\) into ix`
		if ix.name != "" {
			n++
		}
	}
	return n
}

func derefCopy(p *Index) string {
	ix := *p // want `\*p \(an Index holding a sync\.Map in field byID\) is copied into ix`
	return ix.name
}

type Holder struct{ m sync.Map }

func wrap() *Holder {
	return &Holder{m: cache} // want `cache is copied into field m`
}

func (ix Index) Name() string { // want `value receiver: every call copies the Index`
	return ix.name
}

// Near misses that must stay quiet.

func fillPtr(m *sync.Map) {}

func passByPointer() { fillPtr(&cache) }

func pointerCopy(p *Index) *Index {
	q := p
	return q
}

func (ix *Index) Table() *sync.Map { return &ix.byID }

func rangePointers(indexes []*Index) int {
	n := 0
	for _, ix := range indexes {
		n += len(ix.name)
	}
	return n
}

func rangeIndexOnly(indexes []Index) int {
	n := 0
	for i := range indexes {
		n += len(indexes[i].name)
	}
	return n
}

func fresh() *Index {
	ix := Index{name: "fresh"}
	return &ix
}

func newMap() *sync.Map { return new(sync.Map) }

func zero() {
	var m sync.Map
	m.Store(1, 2)
}
