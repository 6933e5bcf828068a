// Package fmt (racewatch stub).
package fmt

import "io"

type Stringer interface {
	String() string
}

type GoStringer interface {
	GoString() string
}

func Print(a ...any) (n int, err error)                               { return 0, nil }
func Println(a ...any) (n int, err error)                             { return 0, nil }
func Printf(format string, a ...any) (n int, err error)               { return 0, nil }
func Sprint(a ...any) string                                          { return "" }
func Sprintln(a ...any) string                                        { return "" }
func Sprintf(format string, a ...any) string                          { return "" }
func Fprint(w io.Writer, a ...any) (n int, err error)                 { return 0, nil }
func Fprintln(w io.Writer, a ...any) (n int, err error)               { return 0, nil }
func Fprintf(w io.Writer, format string, a ...any) (n int, err error) { return 0, nil }
func Errorf(format string, a ...any) (err error)                      { return nil }
func Append(b []byte, a ...any) []byte                                { return b }
func Appendf(b []byte, format string, a ...any) []byte                { return b }
func Appendln(b []byte, a ...any) []byte                              { return b }
