// A program: packages parsed and type-checked on demand through a Loader. A package
// asked for by a check is checked completely (function bodies included); the
// packages it imports are only collected, and their package-level declarations are
// declared one by one as something uses them. Packages are cached by import path
// (and directory), so every package's objects exist once and compare by identity.

import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BlockStmt, File, FuncDecl } from '../syntax/ast.js';
import { parseFile, parseSource, formatError } from '../syntax/parser.js';
import { FileSet, formatPosition } from '../syntax/position.js';
import type { Loader, SourcePackage } from '../load/package.js';
import { Checker } from './checker.js';
import { Info } from './info.js';
import { Package } from './objects.js';

export interface CheckedPackage {
  pkg: Package;
  source: SourcePackage;
  files: { name: string; file: File }[];
  info: Info;
  /** Syntax and type errors, "file:line:col: message". */
  errors: string[];
}

/** A package parsed and collected, its bodies checked on demand (Program.prepare). */
export interface PreparedPackage {
  pkg: Package;
  files: { name: string; file: File }[];
  /** Syntax errors, "file:line:col: message". */
  parseErrors: string[];
  check(): CheckedPackage;
}

interface Entry {
  pkg: Package;
  checker: Checker | null;
  source: SourcePackage;
  files: { name: string; file: File }[];
  parseErrors: string[];
  /** True while its imports are being collected (an import cycle finds it here). */
  collecting: boolean;
  /** Parsed as an import, without function bodies (ProgramOptions.skipImportBodies), and not filled in since. */
  bodiless: boolean;
}

export interface ProgramOptions {
  /** Keep comments in parsed files (default false: checks that need them parse again). */
  comments?: boolean;
  /** Record block scopes in Info.scopes (default false: see CheckerOptions.scopes). */
  scopes?: boolean;
  /**
   * Parse a package that is only imported without its function bodies (default false).
   * Its declarations are all an importer needs; if the package is checked later, its
   * files are parsed again, into the same positions, and the bodies filled in. For a
   * run that checks few of the packages it loads (`racewatch check` type-checks only
   * where a check's gate asks, and parses the imports of each).
   */
  skipImportBodies?: boolean;
}

export class Program {
  readonly fset = new FileSet();
  private entries = new Map<string, Entry>();
  /** The entries of each package (one per variant that made it), for release. */
  private entriesByPkg = new Map<Package, Entry>();
  /** Files parsed, for the benchmark's and the CLI's statistics. */
  filesParsed = 0;
  /** How many times each file was parsed (an import without bodies, then filled in, twice). */
  readonly parses = new Map<string, number>();

  private counted(path: string): void {
    this.filesParsed++;
    this.parses.set(path, (this.parses.get(path) ?? 0) + 1);
  }

  constructor(
    readonly loader: Loader,
    private opts: ProgramOptions = {},
  ) {}

  private key(sp: SourcePackage, variant: string): string {
    return `${variant}\u0000${sp.importPath}\u0000${sp.dir}`;
  }

  /** Trees a prepare() caller parsed already (into this FileSet), taken by the first parse of their file. */
  private adoptable: Map<string, File> | null = null;

  private parse(paths: string[], skipFuncBodies: boolean): { files: { name: string; file: File }[]; errors: string[] } {
    const files: { name: string; file: File }[] = [];
    const errors: string[] = [];
    for (const p of paths) {
      const adopted = this.adoptable?.get(p);
      if (adopted) {
        // Taken once: another variant of the package gets trees of its own.
        this.adoptable!.delete(p);
        this.counted(p);
        files.push({ name: p, file: adopted });
        continue;
      }
      const src = readSource(p, errors);
      if (!src) continue;
      try {
        const r = parseFile(this.fset, p, src, { comments: this.opts.comments ?? false, skipFuncBodies });
        this.counted(p);
        for (const e of r.errors.slice(0, 10)) errors.push(formatError(e));
        files.push({ name: p, file: r.file });
      } catch (err) {
        errors.push(`${p}: cannot parse: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return { files, errors };
  }

  /** The package variant's entry, made on first use; `forCheck`: its bodies will be checked. */
  private entry(sp: SourcePackage, variant: 'lib' | 'test' | 'xtest', forCheck = false): Entry {
    const key = this.key(sp, variant);
    let e = this.entries.get(key);
    if (e) {
      // No checker yet: an import no importer has looked into (Package.defer).
      if (forCheck && e.checker === null) this.read(e, sp, variant, true);
      else if (forCheck && e.bodiless) this.fillBodies(e);
      return e;
    }
    const path = variant === 'xtest' ? sp.importPath + '_test' : sp.importPath;
    const pkg = new Package(path, variant === 'xtest' ? '' : sp.name);
    e = { pkg, checker: null, source: sp, files: [], parseErrors: [], collecting: true, bodiless: false };
    this.entries.set(key, e);
    this.entriesByPkg.set(pkg, e);
    const entry = e;
    // An import is read when an importer first looks into its scope: importers need only
    // its name until then (the loader read it from the package clauses). Over GOROOT/src,
    // `check` read the whole import closure of each typed package, most of it never
    // looked into.
    if (forCheck || variant !== 'lib' || !sp.name) this.read(entry, sp, variant, forCheck);
    else pkg.defer(() => this.read(entry, sp, variant, false));
    return e;
  }

  /** Parses and collects an entry's package. */
  private read(e: Entry, sp: SourcePackage, variant: 'lib' | 'test' | 'xtest', forCheck: boolean): void {
    e.pkg.undefer();
    const paths = variant === 'lib' ? sp.goFiles : variant === 'test' ? [...sp.goFiles, ...sp.testGoFiles] : sp.xTestGoFiles;
    const bodiless = !forCheck && this.opts.skipImportBodies === true;
    const { files, errors } = this.parse(paths, bodiless);
    e.files.push(...files);
    e.parseErrors = errors;
    e.bodiless = bodiless;
    if (variant === 'xtest') e.pkg.name = files[0]?.file.Name.Name ?? sp.name + '_test';
    else if (!e.pkg.name) e.pkg.name = files[0]?.file.Name.Name ?? '';
    if (variant !== 'lib') this.entry(sp, 'lib');
    e.checker = new Checker(e.pkg, files, (importPath, fromFile) => {
      // The external test package sees the package under test with its _test.go files.
      if (variant === 'xtest' && importPath === sp.importPath && sp.testGoFiles.length > 0) return this.entry(sp, 'test').pkg;
      return this.importPackage(importPath, dirname(fromFile));
    }, (p) => this.posString(p), { scopes: this.opts.scopes ?? false, declarationsOnly: !forCheck });
    e.collecting = false;
  }

  /**
   * Gives an entry parsed without bodies its function bodies, before they are checked:
   * each file is parsed again into its own SourceFile (so every position is the same)
   * and each function declaration takes the body whose braces are where its empty one's
   * are. The declarations themselves stay: the package's objects point at them.
   */
  private fillBodies(e: Entry): void {
    e.bodiless = false;
    const errors: string[] = [];
    for (const { name, file } of e.files) {
      const source = this.fset.file(file.FileStart);
      const src = readSource(name, errors);
      if (!src) continue;
      if (!source || source.size !== src.length) {
        errors.push(`${name}: changed on disk while racewatch was reading it`);
        continue;
      }
      try {
        const r = parseSource(source, src, { comments: this.opts.comments ?? false });
        this.counted(name);
        for (const err of r.errors.slice(0, 10)) errors.push(formatError(err));
        const bodies = new Map<number, BlockStmt>();
        for (const d of r.file.Decls) if (d.kind === 'FuncDecl' && d.Body) bodies.set(d.Body.Lbrace, d.Body);
        for (const d of file.Decls) {
          if (d.kind !== 'FuncDecl' || !d.Body) continue;
          const body = bodies.get(d.Body.Lbrace);
          if (body) (d as { Body: FuncDecl['Body'] }).Body = body;
        }
        (file as { Comments: File['Comments'] }).Comments = r.file.Comments;
      } catch (err) {
        errors.push(`${name}: cannot parse: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    e.parseErrors = errors;
  }

  /** Answers of importPackage by directory, then import path (every file of a package asks again). */
  private imported = new Map<string, Map<string, Package | null>>();

  /** The package an import path denotes from a directory; null when it cannot be found. */
  importPackage(importPath: string, fromDir: string): Package | null {
    let byPath = this.imported.get(fromDir);
    if (byPath === undefined) this.imported.set(fromDir, (byPath = new Map()));
    let pkg = byPath.get(importPath);
    if (pkg === undefined) {
      pkg = this.importUncached(importPath, fromDir);
      byPath.set(importPath, pkg);
    }
    return pkg;
  }

  private importUncached(importPath: string, fromDir: string): Package | null {
    let sp: SourcePackage | null;
    try {
      sp = this.loader.resolveImport(importPath, fromDir);
    } catch {
      sp = null;
    }
    if (!sp) return null;
    return this.entry(sp, 'lib').pkg;
  }

  /**
   * Type-checks a package completely (bodies included). With tests, in-package
   * _test.go files are checked with it, and the external test package separately.
   */
  check(sp: SourcePackage, opts: { tests?: boolean } = {}): CheckedPackage[] {
    return this.prepare(sp, opts).map((p) => p.check());
  }

  /**
   * What check() checks, parsed and collected only: each variant's bodies are checked
   * when its check() is first called (never, for a caller that turns out not to need
   * the types).
   */
  prepare(
    sp: SourcePackage,
    opts: {
      tests?: boolean;
      /**
       * Files of sp the caller already parsed into this Program's FileSet, with the
       * Program's options and without syntax errors: used instead of parsing them again
       * when this call creates their package (not when it exists already).
       */
      parsed?: ReadonlyMap<string, File>;
      /**
       * check() checks each function body only when a question about a node inside it
       * is asked of the Info (Checker.checkBodiesOnDemand); its errors are those of the
       * bodies checked so far.
       */
      bodiesOnDemand?: boolean;
    } = {},
  ): PreparedPackage[] {
    const variants: ('lib' | 'test' | 'xtest')[] = [];
    if (opts.tests && sp.testGoFiles.length > 0) variants.push('test');
    else if (sp.goFiles.length > 0 || !opts.tests) variants.push('lib');
    if (opts.tests && sp.xTestGoFiles.length > 0) variants.push('xtest');
    this.adoptable = opts.parsed ? new Map(opts.parsed) : null;
    try {
      return this.prepareVariants(sp, variants, opts.bodiesOnDemand === true);
    } finally {
      this.adoptable = null;
    }
  }

  private prepareVariants(sp: SourcePackage, variants: ('lib' | 'test' | 'xtest')[], bodiesOnDemand: boolean): PreparedPackage[] {
    return variants.map((v) => {
      const e = this.entry(sp, v, true);
      let checked: CheckedPackage | undefined;
      return {
        pkg: e.pkg,
        files: e.files,
        parseErrors: e.parseErrors,
        check: () => {
          if (!checked) {
            const c = e.checker!;
            c.indexPositions();
            if (bodiesOnDemand) c.checkBodiesOnDemand();
            else c.checkBodies();
            checked = { pkg: e.pkg, source: sp, files: e.files, info: c.info, errors: [...e.parseErrors, ...c.errors] };
          }
          return checked;
        },
      };
    });
  }

  /**
   * Drops the Info kept for a package checked completely (its objects stay, for
   * importers): for runs over many packages that look at each package once. The
   * CheckedPackage's Info answers nothing after this.
   */
  release(cp: { pkg: Package }): void {
    const e = this.entriesByPkg.get(cp.pkg);
    if (e?.checker) {
      e.checker.info.release();
      e.checker.info = new Info();
    }
  }

  posString(p: number): string {
    const f = this.fset.file(p);
    if (!f) return '-';
    return formatPosition(f.position(p, false));
  }
}

/** A file's bytes, or null with the reason added to `errors`. */
function readSource(path: string, errors: string[]): Uint8Array | null {
  try {
    return readFileSync(path);
  } catch (err) {
    errors.push(`${path}: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}
