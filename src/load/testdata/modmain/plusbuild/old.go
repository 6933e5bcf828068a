// +build linux,amd64 darwin

package plusbuild
