// embeddedreset: a map inside an embedded struct, reset by one goroutine while
// another reads it. Resolver embeds routeTable; the refresher goroutine
// replaces the promoted field r.routes with a new map while request
// goroutines read r.routes[host] through the promoted method lookup.
// Run `racewatch check ./embeddedreset`.
package main

import (
	"fmt"
	"sync"
)

type routeTable struct {
	routes map[string]string // host -> backend
}

func (t *routeTable) lookup(host string) string {
	return t.routes[host] // race
}

// Resolver picks a backend for a host; refresh reloads the table.
type Resolver struct {
	routeTable
	version int
}

func (r *Resolver) Backend(host string) string {
	return r.lookup(host)
}

func (r *Resolver) refresh(next map[string]string) {
	r.routes = next // race
}

func main() {
	r := &Resolver{routeTable: routeTable{routes: map[string]string{"api.example.com": "10.0.0.1"}}}
	next := map[string]string{"api.example.com": "10.0.0.2", "www.example.com": "10.0.0.3"}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		r.refresh(next)
	}()
	fmt.Println(r.Backend("api.example.com"))
	wg.Wait()
}
