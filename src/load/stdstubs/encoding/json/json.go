// Package json (racewatch stub).
package json

import "io"

func Marshal(v any) ([]byte, error)                              { return nil, nil }
func MarshalIndent(v any, prefix, indent string) ([]byte, error) { return nil, nil }
func Unmarshal(data []byte, v any) error                         { return nil }
func Valid(data []byte) bool                                     { return false }

type Marshaler interface {
	MarshalJSON() ([]byte, error)
}

type Unmarshaler interface {
	UnmarshalJSON([]byte) error
}

type RawMessage []byte

func (m RawMessage) MarshalJSON() ([]byte, error)     { return m, nil }
func (m *RawMessage) UnmarshalJSON(data []byte) error { return nil }

type Encoder struct {
	w io.Writer
}

func NewEncoder(w io.Writer) *Encoder                { return &Encoder{w: w} }
func (enc *Encoder) Encode(v any) error              { return nil }
func (enc *Encoder) SetIndent(prefix, indent string) {}
func (enc *Encoder) SetEscapeHTML(on bool)           {}

type Decoder struct {
	r io.Reader
}

func NewDecoder(r io.Reader) *Decoder       { return &Decoder{r: r} }
func (dec *Decoder) Decode(v any) error     { return nil }
func (dec *Decoder) More() bool             { return false }
func (dec *Decoder) DisallowUnknownFields() {}
func (dec *Decoder) UseNumber()             {}

type Number string

func (n Number) String() string            { return string(n) }
func (n Number) Float64() (float64, error) { return 0, nil }
func (n Number) Int64() (int64, error)     { return 0, nil }
