// hitcounter: an HTTP handler counting hits in a plain map. net/http serves
// every connection on its own goroutine, so two requests in flight write
// h.hits at the same time. Run `racewatch check ./hitcounter`; `go run
// ./hitcounter` serves on localhost:8080.
package main

import (
	"log"
	"net/http"
)

// Hits counts requests per path.
type Hits struct {
	hits map[string]int
}

func (h *Hits) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_, _ = w.Write([]byte("hello\n"))
	h.hits[r.URL.Path]++ // race
}

func main() {
	h := &Hits{hits: make(map[string]int)}
	log.Fatal(http.ListenAndServe("localhost:8080", h))
}
