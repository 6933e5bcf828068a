// Slice and string headers read or written through unsafe.
package header

import (
	"reflect"
	"unsafe"
)

// Building a slice by writing a header: the GC does not see Data as a pointer.
func bytesAt(p unsafe.Pointer, n int) []byte {
	var b []byte
	hdr := (*reflect.SliceHeader)(unsafe.Pointer(&b)) // want `reflect\.SliceHeader is deprecated .* unsafe\.Slice`
	hdr.Data = uintptr(p)
	hdr.Len = n
	hdr.Cap = n
	return b
}

func stringAt(p *byte, n int) string {
	h := reflect.StringHeader{Data: uintptr(unsafe.Pointer(p)), Len: n} // want `reflect\.StringHeader is deprecated .* unsafe\.String`
	return *(*string)(unsafe.Pointer(&h))
}

func truncate(b []byte, n int) []byte {
	(*reflect.SliceHeader)(unsafe.Pointer(&b)).Len = n // want `reflect\.SliceHeader is deprecated`
	return b
}

// Reading a header through a type whose layout does not match.

func length(s []int) int {
	return *(*int)(unsafe.Pointer(&s)) // want `reads the data pointer of s as int, not its len`
}

func lenCap(s []byte) (int, int) {
	h := (*[2]int)(unsafe.Pointer(&s)) // want `reads the data pointer and len of s`
	return h[0], h[1]
}

func stringBytes(s string) []byte {
	return *(*[]byte)(unsafe.Pointer(&s)) // want `a string header has 2 words \(data pointer, len\): cap is read from past the end of s`
}

func dataOf(v any) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Pointer(&v)) // want `reads the type word of v, not its data word`
}

func mapCount(m map[string]int) int {
	return *(*int)(unsafe.Pointer(&m)) // want `reads the map pointer of m as int, not its length`
}

type lenCapPair struct {
	length, capacity int
}

func pair(s []string) lenCapPair {
	return *(*lenCapPair)(unsafe.Pointer(&s)) // want `field length reads the data pointer of s`
}

// A mirror of the runtime's map header.
type hmap struct {
	count     int
	flags     uint8
	B         uint8
	noverflow uint16
	hash0     uint32
	buckets   unsafe.Pointer
}

func buckets(m map[int]int) unsafe.Pointer {
	h := *(**hmap)(unsafe.Pointer(&m)) // want `mirror of the runtime's map header .* Go 1\.24`
	return h.buckets
}

func bucketShift(m map[string]bool) uint8 {
	p := *(*unsafe.Pointer)(unsafe.Pointer(&m))
	return (*hmap)(p).B // want `mirror of the runtime's map header`
}
