package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"os"
	"reflect"
	"strconv"
	"unicode/utf8"
)

// The AST JSON contract shared with `racewatch parse --ast`:
//   - a node is an object whose first key is "kind" (the go/ast type name), followed
//     by the go/ast struct fields in declaration order, except Obj, Scope and Unresolved;
//   - token.Pos is the byte offset within the file, or null for token.NoPos;
//   - token.Token is its String() ("IDENT", "+=", "var"); ast.ChanDir is a number;
//   - nil and empty slices are both [], nil pointers and interfaces null;
//   - strings are escaped as JavaScript's JSON.stringify does, with each byte of
//     invalid UTF-8 replaced by U+FFFD.
// One output line per file: {"file":…,"error":null|{"offset","line","col","msg"},"hash"|"ast":…}.
// "error" is the first error go/parser reports, with the line and column counted
// from the raw byte offset (ignoring //line directives).

var (
	posType     = reflect.TypeOf(token.Pos(0))
	tokenType   = reflect.TypeOf(token.Token(0))
	chanDirType = reflect.TypeOf(ast.ChanDir(0))
)

var skippedFields = map[string]bool{"Obj": true, "Scope": true, "Unresolved": true}

type dumper struct {
	buf  bytes.Buffer
	base int
}

func (d *dumper) value(v reflect.Value) {
	switch v.Type() {
	case posType:
		if p := token.Pos(v.Int()); p == token.NoPos {
			d.buf.WriteString("null")
		} else {
			d.buf.WriteString(strconv.Itoa(int(p) - d.base))
		}
		return
	case tokenType:
		d.str(token.Token(v.Int()).String())
		return
	case chanDirType:
		d.buf.WriteString(strconv.Itoa(int(v.Int())))
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			d.buf.WriteString("null")
			return
		}
		d.value(v.Elem())
	case reflect.Struct:
		t := v.Type()
		d.buf.WriteString(`{"kind":`)
		d.str(t.Name())
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if skippedFields[f.Name] || !f.IsExported() {
				continue
			}
			d.buf.WriteByte(',')
			d.str(f.Name)
			d.buf.WriteByte(':')
			d.value(v.Field(i))
		}
		d.buf.WriteByte('}')
	case reflect.Slice:
		d.buf.WriteByte('[')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				d.buf.WriteByte(',')
			}
			d.value(v.Index(i))
		}
		d.buf.WriteByte(']')
	case reflect.String:
		d.str(v.String())
	case reflect.Bool:
		d.buf.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		d.buf.WriteString(strconv.FormatInt(v.Int(), 10))
	default:
		panic(fmt.Sprintf("astdump: unhandled %s", v.Type()))
	}
}

// str writes s as JSON.stringify would write the JavaScript string decoded from s.
func (d *dumper) str(s string) {
	const hexDigits = "0123456789abcdef"
	b := &d.buf
	b.WriteByte('"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"':
				b.WriteString(`\"`)
			case c == '\\':
				b.WriteString(`\\`)
			case c == '\n':
				b.WriteString(`\n`)
			case c == '\r':
				b.WriteString(`\r`)
			case c == '\t':
				b.WriteString(`\t`)
			case c == '\b':
				b.WriteString(`\b`)
			case c == '\f':
				b.WriteString(`\f`)
			case c < 0x20:
				b.WriteString(`\u00`)
				b.WriteByte(hexDigits[c>>4])
				b.WriteByte(hexDigits[c&0xf])
			default:
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString("\uFFFD")
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	b.WriteByte('"')
}

func rawLineCol(src []byte, offset int) (line, col int) {
	if offset > len(src) {
		offset = len(src)
	}
	line = 1 + bytes.Count(src[:offset], []byte{'\n'})
	col = offset - (bytes.LastIndexByte(src[:offset], '\n') + 1) + 1
	return
}

func astdumpMain(args []string) {
	fs := flag.NewFlagSet("astdump", flag.ExitOnError)
	hash := fs.Bool("hash", false, "print the SHA-256 of each file's AST JSON instead of the JSON")
	from := fs.String("files-from", "", "read file paths, one per line, from this file (- for stdin)")
	fs.Parse(args)
	out := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer out.Flush()
	d := &dumper{}
	for _, path := range readFileList(*from, fs.Args()) {
		src, err := os.ReadFile(path)
		rec := dumper{}
		rec.buf.WriteString(`{"file":`)
		rec.str(path)
		if err != nil {
			rec.buf.WriteString(`,"error":{"offset":0,"line":0,"col":0,"msg":`)
			rec.str(err.Error())
			rec.buf.WriteString("}}\n")
			out.Write(rec.buf.Bytes())
			continue
		}
		fset := token.NewFileSet()
		f, perr := parser.ParseFile(fset, path, src, parser.ParseComments|parser.SkipObjectResolution)
		rec.buf.WriteString(`,"error":`)
		if perr != nil {
			offset, msg := 0, perr.Error()
			if list, ok := perr.(scanner.ErrorList); ok && len(list) > 0 {
				offset, msg = list[0].Pos.Offset, list[0].Msg
			}
			line, col := rawLineCol(src, offset)
			fmt.Fprintf(&rec.buf, `{"offset":%d,"line":%d,"col":%d,"msg":`, offset, line, col)
			rec.str(msg)
			rec.buf.WriteString("}}\n")
			out.Write(rec.buf.Bytes())
			continue
		}
		rec.buf.WriteString("null")
		d.buf.Reset()
		d.base = fset.File(f.Package).Base()
		d.value(reflect.ValueOf(f))
		if *hash {
			sum := sha256.Sum256(d.buf.Bytes())
			rec.buf.WriteString(`,"hash":"` + hex.EncodeToString(sum[:]) + `"}` + "\n")
			out.Write(rec.buf.Bytes())
		} else {
			rec.buf.WriteString(`,"ast":`)
			out.Write(rec.buf.Bytes())
			out.Write(d.buf.Bytes())
			out.WriteString("}\n")
		}
	}
}
