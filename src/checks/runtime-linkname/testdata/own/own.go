// Package own pulls from a sibling package of the same module: quiet.
package own

import (
	_ "unsafe"

	_ "example.com/linkname/own/inner"
)

//go:linkname hidden example.com/linkname/own/inner.hidden
func hidden() int

func Hidden() int { return hidden() }
