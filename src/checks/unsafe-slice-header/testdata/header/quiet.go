// Near misses that must stay quiet.
package header

import (
	"math"
	"reflect"
	"unsafe"
)

func viewString(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

func viewBytes(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

func first(b []byte) *byte { return unsafe.SliceData(b) }

// A slice header read as a string header: the words read (data pointer, len) match.
func bytesToString(b []byte) string {
	return *(*string)(unsafe.Pointer(&b))
}

// Same header layout: only the element type changes.
func asInt8(b []byte) []int8 {
	return *(*[]int8)(unsafe.Pointer(&b))
}

// The two words of an interface, both read as what they are.
func ifaceWords(v any) [2]unsafe.Pointer {
	return *(*[2]unsafe.Pointer)(unsafe.Pointer(&v))
}

// Not a header at all.
func bits(f float64) uint64 {
	return *(*uint64)(unsafe.Pointer(&f))
}

func quad(a *[4]byte) uint32 {
	return *(*uint32)(unsafe.Pointer(a))
}

// A header mirror whose data word is a pointer the GC can see.
type sliceHeader struct {
	data     unsafe.Pointer
	len, cap int
}

func header(s []uint16) sliceHeader {
	return *(*sliceHeader)(unsafe.Pointer(&s))
}

// The address of the data, asked for as an integer.
func address(b []byte) uintptr {
	return *(*uintptr)(unsafe.Pointer(&b))
}

// A hash table of our own whose fields look like the runtime's: not read from a map.
type table struct {
	count   int
	B       uint8
	buckets unsafe.Pointer
}

func (t *table) load() int { return (*table)(unsafe.Pointer(t)).count }

func elem(b []byte) *byte { return (*byte)(unsafe.Pointer(&b[0])) }

var _ = math.Pi

// A type parameter is not an interface value, whatever its constraint.
func orBits[F ~float32 | ~float64](x, y F) F {
	switch unsafe.Sizeof(x) {
	case 4:
		*(*uint32)(unsafe.Pointer(&x)) |= *(*uint32)(unsafe.Pointer(&y))
	case 8:
		*(*uint64)(unsafe.Pointer(&x)) |= *(*uint64)(unsafe.Pointer(&y))
	}
	return x
}

// The type word read as a typed pointer: a deliberate look at the type descriptor.
type typeDescriptor struct{ size, ptrdata uintptr }

func descriptorOf(v any) *typeDescriptor {
	return *(**typeDescriptor)(unsafe.Pointer(&v))
}

// Zero headers used only for their type: nothing is built.
func headerTypes() []string {
	return []string{reflect.TypeOf(reflect.SliceHeader{}).Name(), reflect.TypeOf(reflect.StringHeader{}).Name()}
}
