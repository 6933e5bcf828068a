// Values handed over a channel: the sender's later writes race with the receiver; each
// value is received once, so receivers never share one, unless one receiver hands its
// value to several goroutines.
package datarace

import "sync"

type order struct {
	id     int
	status string
}

func dispatch(orders chan *order) {
	o := &order{id: 1}
	orders <- o
	o.status = "sent" // the receiver reads it meanwhile
}

func handle(orders chan *order, done chan string) {
	o := <-orders
	done <- o.status // want `o.status without a lock races with the write o.status = "sent" in dispatch`
}

func handleAll(orders chan *order, workers int) {
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for o := range orders {
				o.status = "done" // each order reaches one worker: quiet
			}
		}()
	}
	wg.Wait()
}

func splitWork(orders chan *order) {
	o := <-orders
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		o.status = "packed" // want `o.status = "packed" without a lock races with the write o.status = "billed"`
	}()
	go func() {
		defer wg.Done()
		o.status = "billed"
	}()
	wg.Wait()
}

func pipeline() {
	orders := make(chan *order)
	done := make(chan string)
	go handle(orders, done)
	dispatch(orders)
	<-done
}
