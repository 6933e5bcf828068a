// reflect.SliceHeader and reflect.StringHeader only read: safe fixes exist.
package header

import (
	"reflect"
	"unsafe"
)

func bytesData(b []byte) (unsafe.Pointer, int) {
	hdr := (*reflect.SliceHeader)(unsafe.Pointer(&b)) // want `reflect\.SliceHeader is deprecated .* unsafe\.SliceData`
	return unsafe.Pointer(hdr.Data), hdr.Len
}

func capacity(xs []int) int {
	h := (*reflect.SliceHeader)(unsafe.Pointer(&xs)) // want `reflect\.SliceHeader is deprecated`
	return h.Cap
}

func stringAddr(s string) (uintptr, int) {
	sh := (*reflect.StringHeader)(unsafe.Pointer(&s)) // want `reflect\.StringHeader is deprecated .* unsafe\.StringData`
	return sh.Data, sh.Len
}
