// Package io (racewatch stub): the interfaces other stubs need.
package io

import "errors"

type Reader interface {
	Read(p []byte) (n int, err error)
}

type Writer interface {
	Write(p []byte) (n int, err error)
}

type Closer interface {
	Close() error
}

type ReadWriter interface {
	Reader
	Writer
}

type ReadCloser interface {
	Reader
	Closer
}

type WriteCloser interface {
	Writer
	Closer
}

type ReadWriteCloser interface {
	Reader
	Writer
	Closer
}

type StringWriter interface {
	WriteString(s string) (n int, err error)
}

var EOF = errors.New("EOF")

var ErrUnexpectedEOF = errors.New("unexpected EOF")

var Discard Writer

func ReadAll(r Reader) ([]byte, error) { return nil, nil }

func Copy(dst Writer, src Reader) (written int64, err error) { return 0, nil }

func WriteString(w Writer, s string) (n int, err error) { return 0, nil }

func NopCloser(r Reader) ReadCloser { return nil }
