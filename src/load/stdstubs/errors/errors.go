// Package errors (racewatch stub).
package errors

type errorString struct{ s string }

func (e *errorString) Error() string { return e.s }

func New(text string) error { return &errorString{text} }

func Is(err, target error) bool { return false }

func As(err error, target any) bool { return false }

func Unwrap(err error) error { return nil }

func Join(errs ...error) error { return nil }

var ErrUnsupported = New("unsupported operation")
