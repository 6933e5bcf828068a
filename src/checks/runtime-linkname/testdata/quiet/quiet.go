// Package quiet holds near misses: nothing here pulls a standard-library internal.
package quiet

import (
	_ "unsafe"
)

// The one-argument form only marks a local symbol as linkable.
//
//go:linkname exported
func exported() int { return 1 }

// A linkname into the module's own packages is the module's business.
//
//go:linkname hidden example.com/linkname/own/inner.hidden
func hidden() int

// Into this very package.
//
//go:linkname alias example.com/linkname/quiet.exported
func alias() int

// A third-party module is not the standard library (its first path element has a dot).
//
//go:linkname thirdParty github.com/someone/fastmap.lenOf
func thirdParty(m map[string]int) int

// cgo's pseudo-package C is not the standard library.
//
//go:linkname cfunc C.strlen
func cfunc() int

// Not directives: a space after the slashes, a different word, a block comment.
// go:linkname maplen runtime.maplen
//go:linknamed maplen2 runtime.maplen
/* //go:linkname maplen3 runtime.maplen */

// Prose that merely mentions runtime.maplen or //go:linkname is not a directive.
func Describe() string {
	// Pulling runtime.maplen with //go:linkname would be a mistake.
	return "//go:linkname maplen runtime.maplen"
}

// A target without a symbol name is malformed; the compiler reports it, not racewatch.
//
//go:linkname broken runtime
func broken()

// Other compiler directives are none of this check's business.
//
//go:noinline
//go:nosplit
func Other() int { return exported() + hidden() + alias() }

//go:noescape
func escapes(p *int)
