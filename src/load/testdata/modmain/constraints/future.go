//go:build go1.999

package constraints
