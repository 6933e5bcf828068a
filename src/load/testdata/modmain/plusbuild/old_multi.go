// +build linux windows
// +build !386

package plusbuild
