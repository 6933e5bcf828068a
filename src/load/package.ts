// The loader's contract with the rest of racewatch (the type checker codes against it).

export interface ModuleInfo {
  path: string;
  dir: string;
  /** "1.22" from go.mod's go line; "" if none. */
  goVersion: string;
  main: boolean;
}

export interface SourcePackage {
  /** "example.com/m/internal/cache", "sync"; "command-line-arguments" for a files-only pattern. */
  importPath: string;
  /** Package clause name of the non-test files ("" if undetermined). */
  name: string;
  /** Absolute. */
  dir: string;
  /** Absolute paths of non-test .go files selected by build constraints (cgo files included: their Go part is kept). */
  goFiles: string[];
  /** _test.go files of the same package. */
  testGoFiles: string[];
  /** _test.go files of package <name>_test. */
  xTestGoFiles: string[];
  /** Excluded by constraints (for diagnostics). */
  ignoredGoFiles: string[];
  module: ModuleInfo | null;
  /** Language version that applies ("1.22"), from the module; GOROOT packages use the toolchain's. */
  goVersion: string;
  /** From GOROOT (or the built-in stubs). */
  standard: boolean;
  /** True when it comes from the built-in stubs. */
  stub: boolean;
}

export interface LoadOptions {
  cwd: string;
  /** Default true. */
  tests: boolean;
  goos?: string;
  goarch?: string;
  tags?: string[];
  /** undefined = detect; null = none (use the built-in stubs). */
  goroot?: string | null;
}

export interface Loader {
  /** Expands patterns (./..., dir/..., import paths inside the main module, directories, files) to packages. */
  packages(patterns: string[]): { packages: SourcePackage[]; errors: LoadError[] };
  /** Resolves an import path as seen from a package directory; null when it cannot be found (unknown types, not an error). */
  resolveImport(importPath: string, fromDir: string): SourcePackage | null;
  /** Once-per-module notes of what was skipped and how to fix it (e.g. "module x/y@v1.2.3 not in the module cache: run go mod download"). */
  notes(): string[];
}

export interface LoadError {
  file: string;
  line: number;
  column: number;
  message: string;
}
