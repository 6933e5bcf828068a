// Package docpkg pretends to be documentation.
package documentation
