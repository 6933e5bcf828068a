// Copies reached through every kind of name: the copies search asks the types only
// about expressions whose names may hold a sync.Map (results, fields, channels,
// elements, aliases, closures, local types), so each of these must still be found.
package syncmap

import (
	"strings"
	"sync"
)

type Catalog struct {
	primary Index
	byName  map[string]Index
	updates chan Index
}

func keep(ix Index) {}

func snapshot(r *Catalog) Index {
	return r.primary // want `r\.primary .* is copied into the result of snapshot`
}

func fromResult(r *Catalog) {
	s := snapshot(r)
	t := s // want `s .* is copied into t`
	_ = t.name
}

func fromElement(r *Catalog) {
	e := r.byName["a"] // want `r\.byName\["a"\] .* is copied into e`
	_ = e.name
}

func fromChannel(r *Catalog) {
	v := <-r.updates
	keep(v) // want `v .* is copied into parameter ix of keep`
}

func fromTypeSwitch(a any) {
	switch v := a.(type) {
	case Index:
		keep(v) // want `v .* is copied into parameter ix of keep`
	}
}

type IndexAlias = Index

func fromAlias(a *IndexAlias) {
	b := *a // want `\*a .* is copied into b`
	_ = b.name
}

func fromClosure() {
	use := func(ix Index) {
		keep(ix) // want `ix .* is copied into parameter ix of keep`
	}
	_ = use
}

type Embedded struct{ sync.Map }

func (e *Embedded) Clone() Embedded {
	return *e // want `\*e .* is copied into the result of Clone`
}

var shards [2]sync.Map

func fromArray() {
	all := shards // want `shards .* is copied into all`
	_ = len(all)
}

var state struct{ m sync.Map }

func fromAnonymousStruct() {
	s := state // want `state .* is copied into s`
	_ = s
}

func fromArrayPointer(p *[2]Index) {
	for _, v := range p { // want `range copies each Index`
		_ = v.name
	}
}

func fromLocalType() {
	type local struct{ m sync.Map }
	var a local
	b := a // want `a .* is copied into b`
	_ = b
}

func shadowedImport(r *Catalog) string {
	strings := r
	copied := strings.primary // want `strings\.primary .* is copied into copied`
	_ = copied
	return ""
}

func usesStrings() string { return strings.ToUpper("x") }
