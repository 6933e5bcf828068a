// reflect.StringHeader only read: a safe fix exists.
package header

import (
	"reflect"
	"unsafe"
)

func stringAddr(s string) (uintptr, int) {
	sh := (*reflect.StringHeader)(unsafe.Pointer(&s)) // want `reflect\.StringHeader is deprecated .* unsafe\.StringData`
	return sh.Data, sh.Len
}
