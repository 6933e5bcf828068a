//go:build go1.21 && !go1.999

package constraints
