// Package context (racewatch stub).
package context

import (
	"errors"
	"time"
)

type Context interface {
	Deadline() (deadline time.Time, ok bool)
	Done() <-chan struct{}
	Err() error
	Value(key any) any
}

type CancelFunc func()

type CancelCauseFunc func(cause error)

var Canceled = errors.New("context canceled")

var DeadlineExceeded error = deadlineExceededError{}

type deadlineExceededError struct{}

func (deadlineExceededError) Error() string { return "context deadline exceeded" }

type emptyCtx struct{}

func (emptyCtx) Deadline() (deadline time.Time, ok bool) { return }
func (emptyCtx) Done() <-chan struct{}                   { return nil }
func (emptyCtx) Err() error                              { return nil }
func (emptyCtx) Value(key any) any                       { return nil }

func Background() Context { return emptyCtx{} }
func TODO() Context       { return emptyCtx{} }

func WithCancel(parent Context) (ctx Context, cancel CancelFunc) { return parent, func() {} }
func WithCancelCause(parent Context) (ctx Context, cancel CancelCauseFunc) {
	return parent, func(error) {}
}
func WithDeadline(parent Context, d time.Time) (Context, CancelFunc) { return parent, func() {} }
func WithDeadlineCause(parent Context, d time.Time, cause error) (Context, CancelFunc) {
	return parent, func() {}
}
func WithTimeout(parent Context, timeout time.Duration) (Context, CancelFunc) {
	return parent, func() {}
}
func WithTimeoutCause(parent Context, timeout time.Duration, cause error) (Context, CancelFunc) {
	return parent, func() {}
}
func WithValue(parent Context, key, val any) Context     { return parent }
func WithoutCancel(parent Context) Context               { return parent }
func AfterFunc(ctx Context, f func()) (stop func() bool) { return nil }
func Cause(c Context) error                              { return nil }
