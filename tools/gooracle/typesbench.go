package main

// typesbench: go/types' own ratio of type-checking to parsing, the anchor for
// racewatch's `types` benchmark line.
//
//	gooracle typesbench PATTERN...
//
// The packages are listed with `go list -deps` (dependencies before their importers),
// outside the timing. Two phases are timed, in this order:
//   - parse: every file of every listed package read and parsed (go/parser, no
//     comments, no object resolution), the trees dropped;
//   - types: the same files read and parsed again, and each package checked completely
//     (bodies included, types.Info with Types, Defs, Uses, Selections and Implicits)
//     with an importer that answers from the packages checked before it.
//
// Each package is parsed once and checked once, as racewatch's Program does. typesdump's
// -time anchor instead imports through go/importer's source importer, which parses and
// checks every import a second time, so its time is not the type checker's alone.
// Prints one JSON line: {"packages","files","parseSeconds","parseCpuSeconds",
// "typesSeconds","typesCpuSeconds","errors"}; CPU is the process's user+system time
// (the garbage collector's threads included, as V8's are in racewatch's figures).

import (
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"time"
)

func init() {
	extraCommands["typesbench"] = typesbenchMain
}

type depPackage struct {
	Dir        string
	ImportPath string
	Name       string
	GoFiles    []string
	CgoFiles   []string
	ImportMap  map[string]string
}

func typesbenchMain(args []string) {
	fs := flag.NewFlagSet("typesbench", flag.ExitOnError)
	fs.Parse(args)
	patterns := fs.Args()
	if len(patterns) == 0 {
		patterns = []string{"."}
	}
	pkgs := listDeps(patterns)
	nfiles := 0
	for _, p := range pkgs {
		nfiles += len(p.GoFiles) + len(p.CgoFiles)
	}

	runtime.GC()
	parseWall, parseCPU := measure(func() {
		fset := token.NewFileSet()
		for _, p := range pkgs {
			parsePackage(fset, p)
		}
	})

	runtime.GC()
	errors := 0
	typesWall, typesCPU := measure(func() {
		fset := token.NewFileSet()
		checked := map[string]*types.Package{}
		for _, p := range pkgs {
			files := parsePackage(fset, p)
			info := newFullInfo()
			conf := types.Config{
				Importer:    checkedImporter{checked: checked, importMap: p.ImportMap},
				FakeImportC: true,
				Error: func(err error) {
					// Reported, not fatal: the anchor's time is what matters, and racewatch
					// reports the same files' errors in its own line.
					if errors < 10 {
						fmt.Fprintln(os.Stderr, "typesbench:", err)
					}
					errors++
				},
			}
			pkg, _ := conf.Check(p.ImportPath, fset, files, info)
			checked[p.ImportPath] = pkg
		}
	})

	out, _ := json.Marshal(map[string]any{
		"packages": len(pkgs), "files": nfiles,
		"parseSeconds": parseWall.Seconds(), "parseCpuSeconds": parseCPU.Seconds(),
		"typesSeconds": typesWall.Seconds(), "typesCpuSeconds": typesCPU.Seconds(),
		"errors": errors,
	})
	fmt.Println(string(out))
}

// checkedImporter answers an import from the packages checked so far (go list -deps
// lists a package's dependencies before it), through the importer's vendor map.
type checkedImporter struct {
	checked   map[string]*types.Package
	importMap map[string]string
}

func (im checkedImporter) Import(path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	if mapped, ok := im.importMap[path]; ok {
		path = mapped
	}
	if p := im.checked[path]; p != nil {
		return p, nil
	}
	return nil, fmt.Errorf("%s: not checked before its importer", path)
}

func parsePackage(fset *token.FileSet, p depPackage) []*ast.File {
	var files []*ast.File
	for _, names := range [][]string{p.GoFiles, p.CgoFiles} {
		for _, n := range names {
			f, err := parseGoFile(fset, filepath.Join(p.Dir, n))
			if f != nil {
				files = append(files, f)
			} else {
				fmt.Fprintln(os.Stderr, err)
			}
		}
	}
	return files
}

// measure runs f and returns its wall time and the process's CPU time meanwhile.
func measure(f func()) (wall, cpu time.Duration) {
	c0 := processCPU()
	start := time.Now()
	f()
	return time.Since(start), processCPU() - c0
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func listDeps(patterns []string) []depPackage {
	var pkgs []depPackage
	for _, p := range goList[depPackage]("typesbench", []string{"-deps", "-json=Dir,ImportPath,Name,GoFiles,CgoFiles,ImportMap"}, patterns) {
		if p.ImportPath != "unsafe" && p.ImportPath != "C" {
			pkgs = append(pkgs, p)
		}
	}
	return pkgs
}
