//go:build linux
// +build windows

// With a //go:build line the +build lines are not read.

package plusbuild
