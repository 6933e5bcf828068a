//go:build linux &&

package bad
