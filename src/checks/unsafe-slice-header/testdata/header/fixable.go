// reflect.SliceHeader only read: a safe fix exists, and the reflect import goes with it.
package header

import (
	"reflect"
	"unsafe"
)

func bytesData(b []byte) (unsafe.Pointer, int) {
	hdr := (*reflect.SliceHeader)(unsafe.Pointer(&b)) // want `reflect\.SliceHeader is deprecated .* unsafe\.SliceData`
	return unsafe.Pointer(hdr.Data), hdr.Len
}
