//go:debug gotypesalias=1

package main

// typesdump: what go/types concludes about every identifier and selector
// expression of a package, in the shape `racewatch`'s differential test reads.
//
//	gooracle typesdump [-tests] [-time] [-files-from LIST] PATTERN|DIR...
//
// Packages are listed with `go list` (patterns as the go command takes them;
// directories work too) and checked one at a time with a source importer, so
// imported packages are type-checked from source without function bodies, as
// racewatch does. One JSON line per *ast.Ident and *ast.SelectorExpr:
//
//	{"file","off","end","line","col","node":"ident"|"selector","name",
//	 "kind":"var|field|func|method|const|type|pkgname|label|builtin|nil|unknown",
//	 "decl":"file:line:col" or "", "type": types.TypeString(t, nil) or ""}
//
// Positions are raw (ignoring //line directives); off/end are byte offsets in the
// file so that `a.b` and `a` (same start) are told apart. pkgname and label have
// type "". With -time, only a final {"packages","files","seconds"} line is printed.

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

func init() {
	extraCommands["typesdump"] = typesdumpMain
}

type listedPackage struct {
	Dir, ImportPath string
	GoFiles         []string
	CgoFiles        []string
	TestGoFiles     []string
}

type typeRecord struct {
	File string `json:"file"`
	Off  int    `json:"off"`
	End  int    `json:"end"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
	Node string `json:"node"`
	Name string `json:"name"`
	Kind string `json:"kind"`
	Decl string `json:"decl"`
	Type string `json:"type"`
	// Cats: the categories the differential test reports on, from the type's structure:
	// "map", "chan", "struct" (struct or pointer to struct), "sync" (a sync or
	// sync/atomic type or pointer to one), "func".
	Cats []string `json:"cats,omitempty"`
}

func typesdumpMain(args []string) {
	fs := flag.NewFlagSet("typesdump", flag.ExitOnError)
	from := fs.String("files-from", "", "read patterns or directories, one per line, from this file (- for stdin)")
	tests := fs.Bool("tests", false, "check in-package _test.go files with the package")
	timeOnly := fs.Bool("time", false, "print only the total time (a benchmark anchor)")
	fs.Parse(args)
	patterns := readFileList(*from, fs.Args())
	if len(patterns) == 0 {
		patterns = []string{"."}
	}
	pkgs := listPackages(patterns)

	start := time.Now()
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "source", nil).(types.ImporterFrom)
	out := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	nfiles := 0
	for _, lp := range pkgs {
		names := append(append([]string(nil), lp.GoFiles...), lp.CgoFiles...)
		if *tests {
			names = append(names, lp.TestGoFiles...)
		}
		var files []*ast.File
		for _, n := range names {
			path := filepath.Join(lp.Dir, n)
			f, err := parseGoFile(fset, path)
			if f != nil {
				files = append(files, f)
			} else {
				fmt.Fprintln(os.Stderr, err)
			}
		}
		nfiles += len(files)
		info := newFullInfo()
		conf := types.Config{Importer: imp, FakeImportC: true, Error: func(error) {}}
		conf.Check(lp.ImportPath, fset, files, info)
		if *timeOnly {
			continue
		}
		for _, f := range files {
			dumpFile(enc, fset, f, info)
		}
	}
	if *timeOnly {
		fmt.Fprintf(out, "{\"packages\":%d,\"files\":%d,\"seconds\":%.3f}\n", len(pkgs), nfiles, time.Since(start).Seconds())
	}
}

// newFullInfo asks go/types for every record the differential test and the benchmark
// compare (racewatch's Info holds the same).
func newFullInfo() *types.Info {
	return &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Implicits:  map[ast.Node]types.Object{},
	}
}

func parseGoFile(fset *token.FileSet, path string) (*ast.File, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return parser.ParseFile(fset, path, src, parser.SkipObjectResolution)
}

func listPackages(patterns []string) []listedPackage {
	return goList[listedPackage]("typesdump", []string{"-json=Dir,ImportPath,GoFiles,CgoFiles,TestGoFiles"}, patterns)
}

// goList runs `go list -e` with flags over patterns and decodes its packages; tool names
// the subcommand in error messages.
func goList[T any](tool string, flags, patterns []string) []T {
	args := append(append([]string{"list", "-e"}, flags...), patterns...)
	cmd := exec.Command("go", args...)
	cmd.Stderr = os.Stderr
	data, err := cmd.Output()
	if err != nil && len(data) == 0 {
		fmt.Fprintf(os.Stderr, "%s: go list: %v\n", tool, err)
		os.Exit(2)
	}
	var pkgs []T
	dec := json.NewDecoder(strings.NewReader(string(data)))
	for dec.More() {
		var p T
		if err := dec.Decode(&p); err != nil {
			fmt.Fprintf(os.Stderr, "%s: go list output: %v\n", tool, err)
			os.Exit(2)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

func dumpFile(enc *json.Encoder, fset *token.FileSet, f *ast.File, info *types.Info) {
	ast.Inspect(f, func(n ast.Node) bool {
		var obj types.Object
		var name, node string
		var expr ast.Expr
		switch n := n.(type) {
		case *ast.Ident:
			expr, name, node = n, n.Name, "ident"
			obj = info.Defs[n]
			if obj == nil {
				obj = info.Uses[n]
			}
		case *ast.SelectorExpr:
			expr, name, node = n, n.Sel.Name, "selector"
			if sel := info.Selections[n]; sel != nil {
				obj = sel.Obj()
			} else {
				obj = info.Uses[n.Sel]
			}
		default:
			return true
		}
		start := fset.PositionFor(expr.Pos(), false)
		end := fset.PositionFor(expr.End(), false)
		rec := typeRecord{File: start.Filename, Off: start.Offset, End: end.Offset, Line: start.Line, Col: start.Column, Node: node, Name: name}
		rec.Kind = objectKind(obj)
		if obj != nil && obj.Pkg() != nil && obj.Pos().IsValid() {
			p := fset.PositionFor(obj.Pos(), false)
			rec.Decl = fmt.Sprintf("%s:%d:%d", p.Filename, p.Line, p.Column)
		}
		if rec.Kind != "pkgname" && rec.Kind != "label" {
			var t types.Type
			if tv, ok := info.Types[expr]; ok {
				t = tv.Type
			} else if obj != nil {
				t = obj.Type()
			}
			if t != nil {
				rec.Type = types.TypeString(t, nil)
				rec.Cats = categories(t)
			}
		}
		enc.Encode(&rec)
		return true
	})
}

func categories(t types.Type) []string {
	var cats []string
	u := t.Underlying()
	base := t
	if p, ok := u.(*types.Pointer); ok {
		base = p.Elem()
	}
	switch u.(type) {
	case *types.Map:
		cats = append(cats, "map")
	case *types.Chan:
		cats = append(cats, "chan")
	case *types.Signature:
		cats = append(cats, "func")
	}
	if _, ok := base.Underlying().(*types.Struct); ok {
		cats = append(cats, "struct")
	}
	if n, ok := types.Unalias(base).(*types.Named); ok && n.Obj().Pkg() != nil {
		if p := n.Obj().Pkg().Path(); p == "sync" || p == "sync/atomic" {
			cats = append(cats, "sync")
		}
	}
	return cats
}

func objectKind(obj types.Object) string {
	switch o := obj.(type) {
	case nil:
		return "unknown"
	case *types.Var:
		if o.IsField() {
			return "field"
		}
		return "var"
	case *types.Func:
		if sig, ok := o.Type().(*types.Signature); ok && sig.Recv() != nil {
			return "method"
		}
		return "func"
	case *types.Const:
		return "const"
	case *types.TypeName:
		return "type"
	case *types.PkgName:
		return "pkgname"
	case *types.Label:
		return "label"
	case *types.Builtin:
		return "builtin"
	case *types.Nil:
		return "nil"
	}
	return "unknown"
}
