// Maps shared with goroutines the function starts.
package maprace

import (
	"encoding/json"
	"fmt"
	"maps"
	"sync"
	"time"
)

func fetchAll(urls []string) map[string]int {
	sizes := make(map[string]int)
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sizes[u] = len(u) // want `sizes\[u\] = len\(u\) without a lock races with itself: the goroutine started at line 17`
		}()
	}
	wg.Wait()
	return sizes
}

func countWords(words []string) map[string]int {
	counts := map[string]int{}
	done := make(chan bool)
	for _, w := range words {
		go func() {
			counts[w]++ // want `counts\[w\]\+\+ without a lock races with itself`
			done <- true
		}()
	}
	for range words {
		<-done
	}
	return counts
}

func readBeforeWait() int {
	seen := map[int]bool{}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		seen[1] = true
	}()
	n := len(seen) // want `len\(seen\) without a lock races with the write seen\[1\] = true`
	wg.Wait()
	return n
}

func writeAfterDone() bool {
	flags := map[string]bool{}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		wg.Done()
		flags["late"] = true
	}()
	wg.Wait()
	return flags["late"] // want `flags\["late"\] without a lock races with the write flags\["late"\] = true`
}

func store(m map[string]string, k, v string) {
	m[k] = v // want `m\[k\] = v without a lock races with itself: the goroutine started at line 75`
}

func parallelStores(keys []string) {
	shared := make(map[string]string)
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			store(shared, k, "x")
		}()
	}
	wg.Wait()
}

func printWhileWriting() {
	state := map[string]int{"a": 1}
	go func() {
		state["b"] = 2
	}()
	fmt.Println(state) // want `fmt.Println\(state\) without a lock races with the write state\["b"\] = 2 in the goroutine started at line 85`
}

func marshalWhileWriting() ([]byte, error) {
	doc := map[string]any{}
	go func() {
		doc["ts"] = time.Now().Unix()
	}()
	return json.Marshal(doc) // want `json.Marshal\(doc\) without a lock races with the write doc\["ts"\] = time.Now\(\).Unix\(\)`
}

func mergeInBackground(dst, src map[string]int) int {
	go maps.Copy(dst, src)
	go func() {
		maps.Copy(dst, src)
	}()
	return len(dst) // want `len\(dst\) without a lock races with the write maps.Copy\(dst, src\)`
}

func expireLater(pending map[string]bool) {
	time.AfterFunc(time.Second, func() {
		delete(pending, "req") // want `delete\(pending, "req"\) without a lock races with the write pending\["next"\] = true`
	})
	pending["next"] = true
}

type Refresher struct {
	mu    sync.Mutex
	cache map[string][]byte
}

func (r *Refresher) refresh() {
	r.cache = map[string][]byte{}
	r.cache["index"] = []byte("fresh")
}

// Start spawns the refresher while the caller keeps reading through Get.
func (r *Refresher) Start() {
	go r.refresh()
	_ = r.cache["index"] // want `r.cache\["index"\] without a lock races with the write r.cache = map\[string\]\[\]byte\{\}`
}
