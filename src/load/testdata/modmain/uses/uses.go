package uses

import (
	_ "example.com/Upper/pkg"
	_ "example.com/dep/sub"
	_ "example.com/gone/pkg"
	_ "example.com/local/lib"
	_ "example.com/swapped"
	_ "golang.org/x/sync/errgroup"
	_ "example.com/modmain/nested"
)
