// +build ignore
package plusbuild
