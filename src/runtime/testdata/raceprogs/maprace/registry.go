// Package maprace holds deliberately racy code: racewatch's tests run it under the race
// detector and triage what it prints.
package maprace

// Registry counts sightings by name with no lock at all.
type Registry struct {
	seen map[string]int
}

func NewRegistry() *Registry { return &Registry{seen: map[string]int{}} }

func (r *Registry) Record(name string) {
	r.seen[name]++ // racewatch-fixture: map-write
}

func (r *Registry) Count(name string) int {
	return r.seen[name] // racewatch-fixture: map-read
}

// Gauge is updated by one goroutine while another reads it.
type Gauge struct {
	value int
}

func (g *Gauge) Set(v int) { g.value = v } // racewatch-fixture: field-write

func (g *Gauge) Get() int { return g.value } // racewatch-fixture: field-read
