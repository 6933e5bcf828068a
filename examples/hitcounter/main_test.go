package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// Two concurrent requests through a real server. Each request is held open
// after the handler ran until both have arrived, so the second cannot reuse
// the first one's connection; `arrived` orders nothing between the handlers.
func TestRaceHitCounter(t *testing.T) {
	h := &Hits{hits: make(map[string]int)}
	arrived := make(chan struct{})
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r)
		arrived <- struct{}{}
		<-release
	}))
	defer srv.Close()
	var wg sync.WaitGroup
	for _, path := range []string{"/", "/about"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := http.Get(srv.URL + path)
			if err != nil {
				t.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}()
	}
	<-arrived
	<-arrived
	close(release)
	wg.Wait()
}
