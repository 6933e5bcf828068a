// Package cache has a file per platform.
package cache

import "sync"

type Cache struct {
	mu    sync.RWMutex
	items map[string]int
}

func New() *Cache { return &Cache{items: map[string]int{}} }
