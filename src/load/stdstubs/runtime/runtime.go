// Package runtime (racewatch stub).
package runtime

const GOOS string = "linux"

const GOARCH string = "amd64"

const Compiler = "gc"

type Error interface {
	error
	RuntimeError()
}

func Gosched()                                                     {}
func Goexit()                                                      {}
func GC()                                                          {}
func GOMAXPROCS(n int) int                                         { return 1 }
func NumCPU() int                                                  { return 1 }
func NumGoroutine() int                                            { return 1 }
func LockOSThread()                                                {}
func UnlockOSThread()                                              {}
func KeepAlive(x any)                                              {}
func SetFinalizer(obj any, finalizer any)                          {}
func Caller(skip int) (pc uintptr, file string, line int, ok bool) { return }
func Callers(skip int, pc []uintptr) int                           { return 0 }
func Stack(buf []byte, all bool) int                               { return 0 }
func Version() string                                              { return "" }
func GOROOT() string                                               { return "" }
