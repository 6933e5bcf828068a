// +build windows

package plusbuild
