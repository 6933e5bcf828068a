// A header read fixed in a file that still needs reflect: the import stays.
package header

import (
	"reflect"
	"unsafe"
)

func capacity(xs []int) int {
	h := (*reflect.SliceHeader)(unsafe.Pointer(&xs)) // want `reflect\.SliceHeader is deprecated`
	return h.Cap
}

func kindOf(v any) reflect.Kind { return reflect.TypeOf(v).Kind() }
