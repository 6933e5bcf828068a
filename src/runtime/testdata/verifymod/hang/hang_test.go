package hang

import (
	"testing"
	"time"
)

func TestWaitsForever(t *testing.T) {
	Mark(1)
	time.Sleep(time.Hour)
}
