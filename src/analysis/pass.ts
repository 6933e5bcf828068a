// The package under analysis, as a check or shared analysis sees it: its parsed files
// (in-package _test.go files included when tests are loaded), positions, and type
// information computed lazily on first use, so that syntax-only checks never pay for
// the type checker.

import { readFileSync } from 'node:fs';
import type { File } from '../syntax/ast.js';
import type { FileSet, Pos } from '../syntax/position.js';

import type { Info } from '../types/info.js';
import type { Package } from '../types/objects.js';

/** Type information for one package, from src/types (go/types' Package and Info). */
export interface PackageTypes {
  package: Package;
  /** Types, definitions, uses and selections of the package's expressions, keyed by this unit's AST nodes. */
  info: Info;
  /** Type errors found ("file:line:col: message"); checks stay quiet where types are unknown. */
  errors: string[];
}

export interface ModuleInfo {
  /** Module path from go.mod ("example.com/app"), or "std" for GOROOT/src. */
  path: string;
  /** Directory holding go.mod. */
  dir: string;
}

/** A package's parsed files (positions in the unit's FileSet): what an analysis that follows calls across packages sees of an imported one. */
export interface ImportedPackage {
  /** "example.com/app/cache"; for an external test package, "…/cache_test". */
  readonly importPath: string;
  /** The package clause's name ("cache"), from the first parsed file. */
  readonly name: string;
  /** Absolute directory of the package. */
  readonly dir: string;
  /** The go version in force ("1.22" from go.mod's go line), "" when unknown. */
  readonly goVersion: string;
  readonly module: ModuleInfo | null;
  /** True for packages inside $(go env GOROOT)/src: the standard library and its commands. */
  readonly inGoroot: boolean;
  /** Parsed files, in file-name order; files that failed to parse still appear with what was recovered. */
  readonly files: readonly File[];
  /** The file's bytes (what positions index into). */
  source(file: File): Uint8Array;
  /** The file containing pos, if it belongs to this package. */
  fileAt(pos: Pos): File | undefined;
}

/** The package a check runs on. */
export interface PackageUnit extends ImportedPackage {
  readonly fset: FileSet;
  /** Absolute file names, parallel to `files`. */
  readonly fileNames: readonly string[];
  /** True for _test.go files. */
  isTestFile(file: File): boolean;
  /**
   * Type information, type-checked on first access; undefined when no type checker is
   * available or the package could not be typed. Checks must stay quiet about what
   * they cannot know rather than guess.
   */
  readonly types: PackageTypes | undefined;
  /**
   * The package an import path names, as seen from directory `fromDir` (the unit's own
   * directory or an imported package's), parsed but not checked; null when it cannot be
   * found or the unit was built without a program (syntax-only runs).
   */
  imported(importPath: string, fromDir: string): ImportedPackage | null;
}

/** Builds a PackageUnit from parsed files; `types` is a thunk evaluated at most once. */
export function makePackageUnit(init: {
  importPath: string;
  dir: string;
  goVersion: string;
  module: ModuleInfo | null;
  inGoroot: boolean;
  fset: FileSet;
  /** `src` may be left out: it is then read from disk on first use. */
  files: { name: string; ast: File; src?: Uint8Array; isTest: boolean }[];
  types?: () => PackageTypes | undefined;
  imported?: (importPath: string, fromDir: string) => ImportedPackage | null;
}): PackageUnit {
  const sorted = [...init.files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files = sorted.map((f) => f.ast);
  const byFile = new Map(sorted.map((f) => [f.ast, { ...f }]));
  let typesDone = false;
  let typesValue: PackageTypes | undefined;
  const name = files.find((f) => f.Name.Name !== '')?.Name.Name ?? '';
  return {
    importPath: init.importPath,
    name,
    dir: init.dir,
    goVersion: init.goVersion,
    module: init.module,
    inGoroot: init.inGoroot,
    fset: init.fset,
    files,
    fileNames: sorted.map((f) => f.name),
    source(file) {
      const entry = byFile.get(file);
      if (!entry) return new Uint8Array();
      if (!entry.src) {
        try {
          entry.src = readFileSync(entry.name);
        } catch {
          entry.src = new Uint8Array();
        }
      }
      return entry.src;
    },
    isTestFile: (file) => byFile.get(file)?.isTest ?? false,
    fileAt(pos) {
      for (const f of files) if (f.FileStart <= pos && pos <= f.FileEnd) return f;
      return undefined;
    },
    imported: init.imported ?? (() => null),
    get types() {
      if (!typesDone) {
        typesDone = true;
        try {
          typesValue = init.types?.();
        } catch {
          // A type checker failure must not take the syntax-only checks down with it.
          typesValue = undefined;
        }
      }
      return typesValue;
    },
  };
}
