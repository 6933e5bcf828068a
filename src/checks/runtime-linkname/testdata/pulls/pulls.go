// Package pulls reaches into the standard library's internals in every way the check
// knows. A //go:linkname directive cannot carry a trailing comment (the compiler
// rejects extra fields), so each expectation sits on the line above as "want+1".
package pulls

import (
	"unsafe"
)

// want+1 `pulls runtime.maplen from the runtime into maplen: since Go 1.23 the linker rejects .*; use len\(m\) instead \(len\(m\) does not call runtime.maplen`
//go:linkname maplen runtime.maplen
func maplen(m map[string]int) int

// want+1 `runtime.fastrand .*use math/rand/v2 \(rand.Uint32\) instead$`
//go:linkname fastrand runtime.fastrand
func fastrand() uint32

// want+1 `runtime.nanotime .*use time.Now and time.Since`
//go:linkname nanotime runtime.nanotime
func nanotime() int64

// want+1 `runtime.procPin .*; there is no supported equivalent: sync.Pool`
//go:linkname procPin runtime.procPin
func procPin() int

// want+1 `runtime.memhash .*hash/maphash`
//go:linkname memhash runtime.memhash
func memhash(p unsafe.Pointer, h, s uintptr) uintptr

// want+1 `pulls internal/runtime/maps.\(\*Map\).Get from an internal package of the standard library into mapGet`
//go:linkname mapGet internal/runtime/maps.(*Map).Get
func mapGet(m unsafe.Pointer, key unsafe.Pointer) (unsafe.Pointer, bool)

// want+1 `sync.runtime_Semacquire .*channels or sync.Mutex`
//go:linkname semacquire sync.runtime_Semacquire
func semacquire(addr *uint32)

// want+1 `pulls time.now from the standard library into now: .*use time.Now instead$`
//go:linkname now time.now
func now() (sec int64, nsec int32, mono int64)

// A variable can be pulled too.
// want+1 `pulls runtime.zeroVal from the runtime into zeroVal: since Go 1.23 the linker rejects [^;]*$`
//go:linkname zeroVal runtime.zeroVal
var zeroVal [1024]byte

// want+1 `defines throw as runtime.throw, a symbol of the runtime: .*use panic \(or log.Fatal\) instead`
//go:linkname throw runtime.throw
func throw(s string) { panic(s) }

// want+1 `reflect.unsafe_New .*use reflect.New instead`
//go:linkname unsafeNew reflect.unsafe_New
func unsafeNew(t unsafe.Pointer) unsafe.Pointer

// No supported replacement is known for this one: the message stops after the rule.
// want+1 `pulls net/http.\(\*Transport\).roundTrip from the standard library into roundTrip: since Go 1.23 [^;]*$`
//go:linkname roundTrip net/http.(*Transport).roundTrip
func roundTrip(t unsafe.Pointer, req unsafe.Pointer) (unsafe.Pointer, error)

// want+1 `pulls runtime/pprof.runtime_cyclesPerSecond from the runtime`
//go:linkname cyclesPerSecond runtime/pprof.runtime_cyclesPerSecond
func cyclesPerSecond() int64

// Extra blanks between the fields change nothing.
// want+1 `pulls internal/poll.runtime_pollWait from an internal package`
//go:linkname  pollWait   internal/poll.runtime_pollWait
func pollWait(ctx uintptr, mode int) int

func Use(m map[string]int) int {
	return maplen(m) + int(fastrand()) + int(nanotime())
}
