// doneright: the four incidents above, fixed. The cache's Len takes the lock;
// the link checker's goroutines send results to the collector instead of
// writing a shared map; the hit counter locks around its map; the resolver
// swaps its embedded table under an RWMutex. `racewatch check ./doneright`
// reports nothing, and `go test -race ./doneright` passes.
package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
)

type Cache struct {
	mu      sync.Mutex
	entries map[int]string
}

func (c *Cache) Set(id int, name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[id] = name
}

func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

type linkStatus struct {
	url  string
	code int
}

func checkLinks(urls []string) map[string]int {
	results := make(chan linkStatus)
	for _, url := range urls {
		go func() { results <- linkStatus{url, 200} }()
	}
	status := make(map[string]int, len(urls))
	for range urls {
		s := <-results
		status[s.url] = s.code
	}
	return status
}

type Hits struct {
	mu   sync.Mutex
	hits map[string]int
}

func (h *Hits) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	h.hits[r.URL.Path]++
	h.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

type routeTable struct {
	routes map[string]string
}

type Resolver struct {
	mu sync.RWMutex
	routeTable
}

func (r *Resolver) Backend(host string) string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.routes[host]
}

func (r *Resolver) refresh(next map[string]string) {
	r.mu.Lock()
	r.routes = next
	r.mu.Unlock()
}

// run exercises all four concurrently and returns a summary line.
func run() string {
	c := &Cache{entries: make(map[int]string)}
	h := &Hits{hits: make(map[string]int)}
	r := &Resolver{routeTable: routeTable{routes: map[string]string{"a": "1"}}}
	var wg sync.WaitGroup
	wg.Add(4)
	go func() { defer wg.Done(); c.Set(1, "ada") }()
	go func() { defer wg.Done(); h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil)) }()
	go func() { defer wg.Done(); r.refresh(map[string]string{"a": "2"}) }()
	go func() { defer wg.Done(); h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil)) }()
	size := c.Len()
	backend := r.Backend("a")
	links := checkLinks([]string{"https://go.dev/", "https://pkg.go.dev/"})
	wg.Wait()
	return fmt.Sprintf("cache=%d backend=%s links=%d hits=%d", size, backend, len(links), h.hits["/"])
}

func main() {
	fmt.Println(run())
}
