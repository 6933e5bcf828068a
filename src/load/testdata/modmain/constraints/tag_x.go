//go:build x

package constraints
