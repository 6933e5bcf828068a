//go:build !x && gc && !gccgo

package constraints
