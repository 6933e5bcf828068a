// HTTP handlers run once per request, each on its own goroutine.
package maprace

import (
	"net/http"
	"sync"
)

func serveHits(mux *http.ServeMux) {
	hits := map[string]int{}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		hits[r.URL.Path]++ // want `hits\[r.URL.Path\]\+\+ without a lock races with itself: the handler at line 11 runs more than once at the same time`
	})
}

type visitCounter struct {
	seen map[string]bool
}

func (v *visitCounter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !v.seen[r.RemoteAddr] { // want `v.seen\[r.RemoteAddr\] without a lock races with the write v.seen\[r.RemoteAddr\] = true`
		v.seen[r.RemoteAddr] = true // want `v.seen\[r.RemoteAddr\] = true without a lock races with itself: the HTTP handler \(\*visitCounter\).ServeHTTP`
	}
}

// Quiet: the handler's map is guarded.
type guardedCounter struct {
	mu   sync.Mutex
	seen map[string]int
}

func (g *guardedCounter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.seen[r.URL.Path]++
}

// Quiet: each request builds its own map.
func perRequest(w http.ResponseWriter, r *http.Request) {
	q := map[string]string{}
	for k, v := range r.URL.Query() {
		q[k] = v[0]
	}
	_ = q
}

func register() {
	http.HandleFunc("/q", perRequest)
}
