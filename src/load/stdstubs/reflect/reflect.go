// Package reflect (racewatch stub): enough to type code that inspects values.
package reflect

type Kind uint

const (
	Invalid Kind = iota
	Bool
	Int
	Int8
	Int16
	Int32
	Int64
	Uint
	Uint8
	Uint16
	Uint32
	Uint64
	Uintptr
	Float32
	Float64
	Complex64
	Complex128
	Array
	Chan
	Func
	Interface
	Map
	Pointer
	Slice
	String
	Struct
	UnsafePointer
)

const Ptr = Pointer

func (k Kind) String() string { return "" }

type StructTag string

func (tag StructTag) Get(key string) string                     { return "" }
func (tag StructTag) Lookup(key string) (value string, ok bool) { return "", false }

type StructField struct {
	Name      string
	PkgPath   string
	Type      Type
	Tag       StructTag
	Offset    uintptr
	Index     []int
	Anonymous bool
}

type Method struct {
	Name    string
	PkgPath string
	Type    Type
	Func    Value
	Index   int
}

type Type interface {
	Align() int
	Method(int) Method
	MethodByName(string) (Method, bool)
	NumMethod() int
	Name() string
	PkgPath() string
	Size() uintptr
	String() string
	Kind() Kind
	Implements(u Type) bool
	AssignableTo(u Type) bool
	ConvertibleTo(u Type) bool
	Comparable() bool
	Elem() Type
	Field(i int) StructField
	FieldByName(name string) (StructField, bool)
	Key() Type
	Len() int
	NumField() int
	NumIn() int
	NumOut() int
	In(i int) Type
	Out(i int) Type
}

type Value struct {
	typ  Type
	ptr  uintptr
	flag uintptr
}

func TypeOf(i any) Type                      { return nil }
func ValueOf(i any) Value                    { return Value{} }
func DeepEqual(x, y any) bool                { return false }
func New(typ Type) Value                     { return Value{} }
func Zero(typ Type) Value                    { return Value{} }
func MakeMap(typ Type) Value                 { return Value{} }
func MakeSlice(typ Type, len, cap int) Value { return Value{} }
func Indirect(v Value) Value                 { return v }

func (v Value) Kind() Kind                     { return Invalid }
func (v Value) Type() Type                     { return nil }
func (v Value) Interface() (i any)             { return nil }
func (v Value) IsNil() bool                    { return false }
func (v Value) IsValid() bool                  { return false }
func (v Value) IsZero() bool                   { return false }
func (v Value) Len() int                       { return 0 }
func (v Value) Cap() int                       { return 0 }
func (v Value) Index(i int) Value              { return v }
func (v Value) Elem() Value                    { return v }
func (v Value) Field(i int) Value              { return v }
func (v Value) FieldByName(name string) Value  { return v }
func (v Value) NumField() int                  { return 0 }
func (v Value) MapKeys() []Value               { return nil }
func (v Value) MapIndex(key Value) Value       { return v }
func (v Value) SetMapIndex(key, elem Value)    {}
func (v Value) Set(x Value)                    {}
func (v Value) CanSet() bool                   { return false }
func (v Value) CanInterface() bool             { return false }
func (v Value) Pointer() uintptr               { return 0 }
func (v Value) Addr() Value                    { return v }
func (v Value) String() string                 { return "" }
func (v Value) Int() int64                     { return 0 }
func (v Value) Uint() uint64                   { return 0 }
func (v Value) Bool() bool                     { return false }
func (v Value) Float() float64                 { return 0 }
func (v Value) Call(in []Value) []Value        { return nil }
func (v Value) Method(i int) Value             { return v }
func (v Value) MethodByName(name string) Value { return v }

// SliceHeader is the runtime representation of a slice.
//
// Deprecated: Use unsafe.Slice or unsafe.SliceData instead.
type SliceHeader struct {
	Data uintptr
	Len  int
	Cap  int
}

// StringHeader is the runtime representation of a string.
//
// Deprecated: Use unsafe.String or unsafe.StringData instead.
type StringHeader struct {
	Data uintptr
	Len  int
}
