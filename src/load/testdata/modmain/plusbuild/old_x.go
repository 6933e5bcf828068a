// +build x

package plusbuild
