package cache_test

import "example.com/modmain/internal/cache"

var _ = cache.New
