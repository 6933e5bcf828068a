//go:build !cgo

package constraints
