package main

// stubcheck: compares racewatch's built-in standard library stubs with the real
// packages, so that the stubs cannot drift from the signatures they describe.
//
//	gooracle stubcheck STUBDIR
//
// Every stub package under STUBDIR (import path = directory relative to STUBDIR)
// is type-checked against the other stubs; the real package is type-checked from
// GOROOT source. For every exported package-level object, exported method and
// exported struct field of the stub, one JSON line is printed:
//
//	{"pkg","name","ok":bool,"problem":"missing|kind|type|value|interface-subset|unavailable|stub-error", "stub","real"}
//
// "interface-subset" means the stub interface declares fewer methods than the
// real one (each of them with the real signature).

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

func init() { extraCommands["stubcheck"] = stubcheck }

type stubImporter struct {
	dir    string
	fset   *token.FileSet
	pkgs   map[string]*types.Package
	errors []string
}

func (imp *stubImporter) Import(path string) (*types.Package, error) {
	if p, ok := imp.pkgs[path]; ok {
		return p, nil
	}
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	dir := filepath.Join(imp.dir, filepath.FromSlash(path))
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("no stub for %s", path)
	}
	var files []*ast.File
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".go") {
			f, err := parser.ParseFile(imp.fset, filepath.Join(dir, e.Name()), nil, parser.SkipObjectResolution)
			if err != nil {
				return nil, err
			}
			files = append(files, f)
		}
	}
	conf := types.Config{Importer: imp, Error: func(err error) { imp.errors = append(imp.errors, err.Error()) }}
	pkg, _ := conf.Check(path, imp.fset, files, nil)
	imp.pkgs[path] = pkg
	return pkg, nil
}

type stubResult struct {
	Pkg     string `json:"pkg"`
	Name    string `json:"name"`
	OK      bool   `json:"ok"`
	Problem string `json:"problem,omitempty"`
	Stub    string `json:"stub,omitempty"`
	Real    string `json:"real,omitempty"`
}

func stubcheck(args []string) {
	if len(args) != 1 {
		fmt.Fprintln(os.Stderr, "usage: gooracle stubcheck STUBDIR")
		os.Exit(2)
	}
	dir := args[0]
	var paths []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".go") {
			rel, _ := filepath.Rel(dir, filepath.Dir(p))
			paths = append(paths, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(paths)
	fset := token.NewFileSet()
	stubs := &stubImporter{dir: dir, fset: fset, pkgs: map[string]*types.Package{}}
	real := importer.ForCompiler(fset, "source", nil)
	out := json.NewEncoder(os.Stdout)
	seen := map[string]bool{}
	for _, path := range paths {
		if seen[path] {
			continue
		}
		seen[path] = true
		stub, err := stubs.Import(path)
		if err != nil || stub == nil {
			out.Encode(stubResult{Pkg: path, Problem: "type", Stub: fmt.Sprint(err)})
			continue
		}
		var realPkg *types.Package
		if path == "unsafe" {
			realPkg = types.Unsafe
		} else if realPkg, err = real.Import(path); err != nil {
			out.Encode(stubResult{Pkg: path, Problem: "unavailable", Real: err.Error()})
			continue
		}
		comparePackages(out, stub, realPkg)
	}
	for _, e := range stubs.errors {
		out.Encode(stubResult{Name: e, Problem: "stub-error"})
	}
}

func comparePackages(out *json.Encoder, stub, real *types.Package) {
	str := func(t types.Type) string { return types.TypeString(t, nil) }
	report := func(name, problem, s, r string) {
		out.Encode(stubResult{Pkg: stub.Path(), Name: name, OK: problem == "", Problem: problem, Stub: s, Real: r})
	}
	for _, name := range stub.Scope().Names() {
		obj := stub.Scope().Lookup(name)
		if !obj.Exported() {
			continue
		}
		robj := real.Scope().Lookup(name)
		if robj == nil {
			report(name, "missing", obj.String(), "")
			continue
		}
		if fmt.Sprintf("%T", obj) != fmt.Sprintf("%T", robj) {
			report(name, "kind", fmt.Sprintf("%T", obj), fmt.Sprintf("%T", robj))
			continue
		}
		switch o := obj.(type) {
		case *types.TypeName:
			compareTypeName(report, o, robj.(*types.TypeName), str)
		case *types.Const:
			rc := robj.(*types.Const)
			if str(o.Type()) != str(rc.Type()) {
				report(name, "type", str(o.Type()), str(rc.Type()))
			} else if o.Val().ExactString() != rc.Val().ExactString() {
				report(name, "value", o.Val().ExactString(), rc.Val().ExactString())
			} else {
				report(name, "", "", "")
			}
		default:
			if str(obj.Type()) != str(robj.Type()) {
				report(name, "type", str(obj.Type()), str(robj.Type()))
			} else {
				report(name, "", "", "")
			}
		}
	}
}

func compareTypeName(report func(name, problem, s, r string), stub, real *types.TypeName, str func(types.Type) string) {
	name := stub.Name()
	if stub.IsAlias() != real.IsAlias() {
		report(name, "kind", "alias="+fmt.Sprint(stub.IsAlias()), "alias="+fmt.Sprint(real.IsAlias()))
		return
	}
	sn, ok1 := stub.Type().(*types.Named)
	rn, ok2 := real.Type().(*types.Named)
	if !ok1 || !ok2 {
		if str(stub.Type()) != str(real.Type()) {
			report(name, "type", str(stub.Type()), str(real.Type()))
		} else {
			report(name, "", "", "")
		}
		return
	}
	if tp := sn.TypeParams(); tp.Len() != rn.TypeParams().Len() {
		report(name, "type", fmt.Sprint(tp.Len(), " type parameters"), fmt.Sprint(rn.TypeParams().Len(), " type parameters"))
		return
	}
	switch su := sn.Underlying().(type) {
	case *types.Struct:
		ru, ok := rn.Underlying().(*types.Struct)
		if !ok {
			report(name, "type", str(su), str(rn.Underlying()))
			return
		}
		for i := 0; i < su.NumFields(); i++ {
			f := su.Field(i)
			if !f.Exported() {
				continue
			}
			var rf *types.Var
			for j := 0; j < ru.NumFields(); j++ {
				if ru.Field(j).Name() == f.Name() {
					rf = ru.Field(j)
				}
			}
			switch {
			case rf == nil:
				report(name+"."+f.Name(), "missing", str(f.Type()), "")
			case str(f.Type()) != str(rf.Type()):
				report(name+"."+f.Name(), "type", str(f.Type()), str(rf.Type()))
			default:
				report(name+"."+f.Name(), "", "", "")
			}
		}
	case *types.Interface:
		ri, ok := rn.Underlying().(*types.Interface)
		if !ok {
			report(name, "type", str(su), str(rn.Underlying()))
			return
		}
		for i := 0; i < su.NumMethods(); i++ {
			m := su.Method(i)
			obj, _, _ := types.LookupFieldOrMethod(ri, false, m.Pkg(), m.Name())
			if rm, ok := obj.(*types.Func); !ok || str(rm.Type()) != str(m.Type()) {
				report(name+"."+m.Name(), "type", str(m.Type()), fmt.Sprint(obj))
				return
			}
		}
		if str(su) != str(ri) {
			report(name, "interface-subset", str(su), str(ri))
			return
		}
	default:
		if str(su) != str(rn.Underlying()) {
			report(name, "type", str(su), str(rn.Underlying()))
			return
		}
	}
	for i := 0; i < sn.NumMethods(); i++ {
		m := sn.Method(i)
		if !m.Exported() {
			continue
		}
		obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(rn), false, real.Pkg(), m.Name())
		rm, ok := obj.(*types.Func)
		switch {
		case !ok:
			report(name+"."+m.Name(), "missing", str(m.Type()), "")
		case str(m.Type()) != str(rm.Type()):
			report(name+"."+m.Name(), "type", str(m.Type()), str(rm.Type()))
		default:
			report(name+"."+m.Name(), "", "", "")
		}
	}
	report(name, "", "", "")
}
