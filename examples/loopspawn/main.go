// loopspawn: a map written by goroutines spawned in a loop. The link checker
// starts one goroutine per URL and each stores its status code in the shared
// `status` map with no lock; wg.Wait() joins them afterwards but does not
// order their writes with each other. Run `racewatch check ./loopspawn`.
package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// probe stands in for an HTTP HEAD request.
func probe(url string) int {
	if strings.Contains(url, "missing") {
		return 404
	}
	return 200
}

func checkLinks(urls []string) map[string]int {
	status := make(map[string]int)
	var wg sync.WaitGroup
	for _, url := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status[url] = probe(url) // race
		}()
	}
	wg.Wait()
	return status
}

func main() {
	status := checkLinks([]string{"https://go.dev/", "https://go.dev/missing", "https://pkg.go.dev/"})
	urls := make([]string, 0, len(status))
	for u := range status {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	for _, u := range urls {
		fmt.Println(status[u], u)
	}
}
