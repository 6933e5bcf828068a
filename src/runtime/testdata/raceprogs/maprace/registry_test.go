package maprace

import (
	"sync"
	"testing"
)

func TestRegistryRace(t *testing.T) {
	r := NewRegistry()
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 100; i++ {
			r.Record("a")
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 100; i++ {
			_ = r.Count("a")
		}
	}()
	wg.Wait()
}

func TestGaugeRace(t *testing.T) {
	g := &Gauge{}
	done := make(chan struct{})
	go func() {
		g.Set(42)
		close(done)
	}()
	_ = g.Get()
	<-done
}
