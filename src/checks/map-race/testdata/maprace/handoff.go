// Maps handed over a channel: the receiver shares the map from the send on.
package maprace

import "sync"

func produceRows(handoff chan map[int]string) {
	rows := map[int]string{0: "header"}
	handoff <- rows
	rows[1] = "trailer" // the consumer reads it meanwhile
}

func consumeRows() int {
	handoff := make(chan map[int]string)
	go produceRows(handoff)
	got := <-handoff
	return len(got) // want `len\(got\) without a lock races with the write rows\[1\] = "trailer" in produceRows`
}

func rangeRows() int {
	handoff := make(chan map[int]string)
	go produceRows(handoff)
	got := <-handoff
	n := 0
	for k := range got { // want `range got without a lock races with the write rows\[1\] = "trailer" in produceRows`
		n += k
	}
	return n
}

// A fresh map after each send: the stages never share one.
func batches(events []string, out chan<- map[string]int) {
	batch := map[string]int{}
	for _, e := range events {
		batch[e]++
		if len(batch) == 2 {
			out <- batch
			batch = map[string]int{}
		}
	}
	close(out)
}

func sumBatches(events []string) int {
	out := make(chan map[string]int)
	total := 0
	done := make(chan struct{})
	go func() {
		for b := range out {
			for _, n := range b {
				total += n
			}
		}
		close(done)
	}()
	batches(events, out)
	<-done
	return total
}

// A map already shared with a goroutine before it is sent still races with it after.
func sendWhileShared(ch chan map[string]int) {
	m := map[string]int{}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		m["a"] = 1 // want `m\["a"\] = 1 without a lock races with the write m\["b"\] = 2`
	}()
	ch <- m
	m["b"] = 2
	wg.Wait()
}
