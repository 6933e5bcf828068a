// Turning the loader's packages into units of analysis. A job is one directory's
// package (plain data, so it can cross to a worker thread); it yields one PackageUnit
// for the package with its in-package tests and one for its external _test package.
//
// Syntax-only runs parse the files here. Runs with type-aware checks take the files
// from the type checker's Program instead, so that the AST a check walks is the one
// the types are recorded against, and each file is parsed once.

import { sep } from 'node:path';
import type { Loader, SourcePackage } from '../load/index.js';
import type { File } from '../syntax/ast.js';
import { FileSet } from '../syntax/position.js';
import type { Program } from '../types/program.js';
import { parseOne } from './frontend.js';
import type { RunError } from './findings.js';
import { makePackageUnit, type ImportedPackage, type PackageUnit } from './pass.js';
import { readFileSync } from 'node:fs';
import { parseFile } from '../syntax/parser.js';
import { clock, type JobTiming } from './timeline.js';

export interface Job {
  source: SourcePackage;
  inGoroot: boolean;
  tests: boolean;
}

function isUnder(dir: string, root: string | null): boolean {
  if (!root) return false;
  return dir === root || dir.startsWith(root.endsWith(sep) ? root : root + sep);
}

export function jobsOf(pkgs: readonly SourcePackage[], gorootSrc: string | null, tests: boolean): Job[] {
  return pkgs
    .filter((p) => !p.stub && p.goFiles.length + p.testGoFiles.length + p.xTestGoFiles.length > 0)
    .map((source) => ({ source, inGoroot: isUnder(source.dir, gorootSrc), tests }));
}

export function jobSize(j: Job): number {
  return j.source.goFiles.length + j.source.testGoFiles.length + j.source.xTestGoFiles.length;
}

export interface BuiltJob {
  units: PackageUnit[];
  files: number;
  lines: number;
  /**
   * Drops what only this job's checks needed (the type checker's records for the job's
   * own expressions); the Program keeps the packages' objects for later importers.
   */
  release?: () => void;
}

function moduleOf(sp: SourcePackage) {
  return sp.module ? { path: sp.module.path, dir: sp.module.dir } : null;
}

function lineCount(fset: FileSet, f: File): number {
  return fset.file(f.FileStart)?.lineTotal ?? 0;
}

/**
 * Syntax only: parse the job's files (each once) into one FileSet per unit, or into the
 * Program's when one is given: then the units can also reach the packages they import
 * (`PackageUnit.imported`, positions in the same FileSet) without the type checker.
 */
export function buildJobSyntax(job: Job, errors: RunError[], imports?: ImportSource): BuiltJob {
  const sp = job.source;
  const variants: { importPath: string; files: { name: string; isTest: boolean }[] }[] = [];
  const main = [...sp.goFiles.map((name) => ({ name, isTest: false })), ...(job.tests ? sp.testGoFiles.map((name) => ({ name, isTest: true })) : [])];
  if (main.length > 0) variants.push({ importPath: sp.importPath, files: main });
  if (job.tests && sp.xTestGoFiles.length > 0) variants.push({ importPath: sp.importPath + '_test', files: sp.xTestGoFiles.map((name) => ({ name, isTest: true })) });
  const built: BuiltJob = { units: [], files: 0, lines: 0 };
  for (const v of variants) {
    const fset = imports?.fset ?? new FileSet();
    const files: { name: string; ast: File; src: Uint8Array; isTest: boolean }[] = [];
    for (const f of v.files) {
      const parsed = parseOne(fset, f.name, errors);
      if (!parsed) continue;
      built.lines += parsed.lines;
      files.push({ name: f.name, ast: parsed.ast, src: parsed.src, isTest: f.isTest });
    }
    built.files += files.length;
    built.units.push(
      makePackageUnit({
        importPath: v.importPath,
        dir: sp.dir,
        goVersion: sp.goVersion,
        module: moduleOf(sp),
        inGoroot: job.inGoroot,
        fset,
        files,
        imported: imports ? (path, fromDir) => importedFrom(imports, path, fromDir) : undefined,
      }),
    );
  }
  return built;
}

/**
 * With types: the Program parses the job's packages (units share its FileSet); a unit's
 * bodies are type-checked when a check first asks for its types, so a package whose
 * checks stop at a syntactic gate costs no type checking.
 */
export function buildJobTyped(
  job: Job,
  program: Program,
  errors: RunError[],
  timing?: JobTiming,
  /** The job's files already parsed into the Program's FileSet (with comments, without syntax errors), by name. */
  parsed?: ReadonlyMap<string, File>,
): BuiltJob {
  const sp = job.source;
  const built: BuiltJob = { units: [], files: 0, lines: 0 };
  // Checks ask about a few bodies of a typed package (the ones their syntactic gates
  // found): the others, and the imports only they use, are never type-checked.
  const prepared = program.prepare(sp, { tests: job.tests, parsed, bodiesOnDemand: true });
  built.release = () => {
    for (const p of prepared) program.release(p);
  };
  const testFiles = new Set([...sp.testGoFiles, ...sp.xTestGoFiles]);
  for (const p of prepared) {
    // Syntax errors are the user's to see; type errors are not reported (checks stay
    // quiet where types are unknown instead). The Program formats them as strings: a
    // file named in one is parsed again, alone, for the error's position.
    const suspect = new Set(p.parseErrors.map((e) => p.files.find((f) => e.startsWith(f.name + ':'))?.name).filter((n): n is string => n !== undefined));
    for (const name of suspect) parseOne(new FileSet(), name, errors);
    for (const f of p.files) built.lines += lineCount(program.fset, f.file);
    built.files += p.files.length;
    built.units.push(
      makePackageUnit({
        importPath: p.pkg.path,
        dir: sp.dir,
        goVersion: sp.goVersion,
        module: moduleOf(sp),
        inGoroot: job.inGoroot,
        fset: program.fset,
        files: p.files.map((f) => ({ name: f.name, ast: f.file, isTest: testFiles.has(f.name) })),
        types: () => {
          const t0 = timing ? clock() : 0;
          try {
            const c = p.check();
            if (timing) timing.bodiesMs += clock() - t0;
            return { package: c.pkg, info: c.info, errors: c.errors };
          } catch (err) {
            // The package's checks go on without types (they stay quiet where types are unknown).
            errors.push({ file: sp.dir, line: 0, column: 0, message: `type checking ${p.pkg.path} failed: ${err instanceof Error ? err.message : String(err)}` });
            return undefined;
          }
        },
        imported: (path, fromDir) => importedFrom(program, path, fromDir),
      }),
    );
  }
  return built;
}

/**
 * Imported packages, one object per package directory and Program (so analyses can
 * memoise by identity): resolved by the Program's loader, and parsed (into the Program's
 * FileSet, apart from the type checker's trees) only when an analysis reads their files.
 */
const importedBySource = new WeakMap<ImportSource, Map<string, ImportedPackage | null>>();

/** Where imported packages are found and parsed: a Program, or a worker's own loader and FileSet. */
export interface ImportSource {
  readonly loader: Loader;
  readonly fset: FileSet;
}

function importedFrom(program: ImportSource, importPath: string, fromDir: string): ImportedPackage | null {
  let byKey = importedBySource.get(program);
  if (!byKey) importedBySource.set(program, (byKey = new Map()));
  const key = `${importPath}\u0000${fromDir}`;
  const done = byKey.get(key);
  if (done !== undefined) return done;
  let sp: SourcePackage | null;
  try {
    sp = program.loader.resolveImport(importPath, fromDir);
  } catch {
    sp = null;
  }
  let out: ImportedPackage | null = null;
  if (sp && !sp.stub) {
    const dirKey = `\u0001${sp.dir}`;
    out = byKey.get(dirKey) ?? null;
    if (!out) {
      byKey.set(dirKey, (out = lazyImportedPackage(program, sp)));
    }
  }
  byKey.set(key, out);
  return out;
}

function lazyImportedPackage(program: ImportSource, sp: SourcePackage): ImportedPackage {
  let parsed: { files: File[]; sources: Map<File, Uint8Array> } | undefined;
  const parse = () => {
    if (!parsed) {
      parsed = { files: [], sources: new Map() };
      for (const name of sp.goFiles) {
        let src: Uint8Array;
        try {
          src = readFileSync(name);
          const { file } = parseFile(program.fset, name, src);
          parsed.files.push(file);
          parsed.sources.set(file, src);
        } catch {
          // An unreadable or unparsable file: its declarations are unknown, nothing more.
        }
      }
    }
    return parsed;
  };
  return {
    importPath: sp.importPath,
    name: sp.name,
    dir: sp.dir,
    goVersion: sp.goVersion,
    module: moduleOf(sp),
    inGoroot: sp.standard,
    get files() {
      return parse().files;
    },
    source: (file) => parse().sources.get(file) ?? new Uint8Array(),
    fileAt(pos) {
      for (const f of parse().files) if (f.FileStart <= pos && pos <= f.FileEnd) return f;
      return undefined;
    },
  };
}
