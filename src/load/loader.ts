// Finds modules and packages and selects their files as the go command does, reading
// only the directories that a pattern or an import asks about.

import { existsSync, readFileSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { goodOSArchFile, matchTag, evalExpr, parseGoBuild, parsePlusBuild, ConstraintSyntaxError, type BuildContext } from './constraints.js';
import {
  cgoEnabled,
  defaultGoVersion,
  detectGoroot,
  goenv,
  goflagsMod,
  goflagsTags,
  hostGOARCH,
  hostGOOS,
  isDir,
  moduleCacheDir,
  releaseTags,
  toolTags,
  toolchainVersion,
} from './env.js';
import {
  compareGoVersions,
  compareSemver,
  escapeModulePath,
  isLocalPath,
  languageVersion,
  parseGoMod,
  parseGoWork,
  parseVendorModules,
  type GoModFile,
  type Replacement,
  type VendorManifest,
} from './gomod.js';
import { readHeader } from './header.js';
import type { LoadError, LoadOptions, Loader, ModuleInfo, SourcePackage } from './package.js';
import { patternMatcher, walkPackageDirs } from './walk.js';

/** The view of one main module, or of the main modules of a go.work workspace. */
interface ModuleContext {
  /** Directory of go.work or of the main go.mod. */
  root: string;
  mainModules: ModuleInfo[];
  replaces: { rep: Replacement; baseDir: string }[];
  requires: Map<string, string>;
  vendor: { dir: string; manifest: VendorManifest } | null;
  /** Every module's requirements, followed through dependency go.mod files; computed on first need. */
  fullGraph: Map<string, string> | null;
  /** Directories of main modules and of local replacements, whose imports this context resolves. */
  ownDirs: string[];
}

interface FileSelection {
  name: string;
  goFiles: string[];
  testGoFiles: string[];
  xTestGoFiles: string[];
  ignoredGoFiles: string[];
  errors: LoadError[];
}

const stubsDir = ((): string => {
  const here = dirname(fileURLToPath(import.meta.url));
  const beside = join(here, 'stdstubs');
  // Compiled code sits in dist/src/load; the Go stub files are shipped in src/load/stdstubs.
  return existsSync(beside) ? beside : resolve(here, '..', '..', '..', 'src', 'load', 'stdstubs');
})();

export function stubsDirectory(): string {
  return stubsDir;
}

function isUnder(dir: string, root: string): boolean {
  return dir === root || dir.startsWith(root.endsWith(sep) ? root : root + sep);
}

function isStdPath(importPath: string): boolean {
  const first = importPath.split('/')[0]!;
  return !first.includes('.');
}

function locOf(file: string, message: string, line = 0, column = 0): LoadError {
  return { file, line, column, message };
}

export function createLoader(opts: LoadOptions): Loader {
  return new GoLoader(opts);
}

class GoLoader implements Loader {
  private readonly cwd: string;
  private readonly tests: boolean;
  private readonly build: BuildContext;
  private readonly goroot: string | null;
  private readonly gorootSrc: string | null;
  private readonly toolchain: string;
  private modcache: string | null = null;
  private readonly dirEntries = new Map<string, Dirent[] | null>();
  private readonly byDir = new Map<string, SourcePackage | null>();
  private readonly selections = new Map<string, FileSelection>();
  private readonly contexts = new Map<string, ModuleContext>();
  private readonly nearestGoModCache = new Map<string, string | null>();
  private defaultContextValue: ModuleContext | null | undefined;
  private readonly resolved = new Map<string, SourcePackage | null>();
  private readonly noteList: string[] = [];
  private readonly noteKeys = new Set<string>();
  private pendingErrors: LoadError[] = [];

  constructor(opts: LoadOptions) {
    this.cwd = resolve(opts.cwd);
    this.tests = opts.tests !== false;
    const goos = opts.goos || goenv('GOOS') || hostGOOS();
    const goarch = opts.goarch || goenv('GOARCH') || hostGOARCH();
    this.goroot = opts.goroot === undefined ? detectGoroot() : opts.goroot;
    this.gorootSrc = this.goroot ? join(resolve(this.goroot), 'src') : null;
    this.toolchain = this.goroot ? toolchainVersion(this.goroot) : defaultGoVersion;
    const tags = new Set<string>([...(opts.tags ?? goflagsTags()), ...releaseTags(this.toolchain)]);
    let late: Set<string> | null = null;
    const goroot = this.goroot;
    this.build = {
      goos,
      goarch,
      cgoEnabled: cgoEnabled(goos, goarch),
      tags,
      lateTags: () => (late ??= toolTags(goos, goarch, goroot)),
    };
  }

  notes(): string[] {
    return [...this.noteList];
  }

  private note(key: string, text: string): void {
    if (this.noteKeys.has(key)) return;
    this.noteKeys.add(key);
    this.noteList.push(text);
  }

  // ---- files -------------------------------------------------------------

  private readonly readDir = (dir: string): Dirent[] | null => this.entries(dir);

  /** Whether the go.mod of the module holding `dir` names it in an `ignore` directive. */
  private readonly ignoredDir = (dir: string): boolean => {
    const modDir = this.nearestGoMod(dir);
    if (!modDir || modDir === dir) return false;
    const list = this.readModFile(modDir)?.ignore ?? [];
    if (list.length === 0) return false;
    const rel = relative(modDir, dir).split(sep).join('/');
    return list.some((entry) => {
      const e = entry.replace(/\/+$/, '');
      if (e.startsWith('./')) return rel === e.slice(2) || rel.startsWith(e.slice(2) + '/');
      return ('/' + rel + '/').includes('/' + e + '/');
    });
  };

  private entries(dir: string): Dirent[] | null {
    let entries = this.dirEntries.get(dir);
    if (entries === undefined) {
      try {
        entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch {
        entries = null;
      }
      this.dirEntries.set(dir, entries);
    }
    return entries;
  }

  /** Names of the regular (or symlinked) .go files of a directory, sorted. */
  private goFileNames(dir: string): string[] {
    const out: string[] = [];
    for (const e of this.entries(dir) ?? []) {
      if (!e.name.endsWith('.go')) continue;
      if (e.isFile()) out.push(e.name);
      else if (e.isSymbolicLink()) {
        try {
          if (statSync(join(dir, e.name)).isFile()) out.push(e.name);
        } catch {
          // A dangling link is no file.
        }
      }
    }
    return out;
  }

  private hasGoFiles(dir: string): boolean {
    return this.goFileNames(dir).length > 0;
  }

  /** go/build's file selection for one directory (or for the named files only). */
  private select(dir: string, names: string[]): FileSelection {
    const sel: FileSelection = { name: '', goFiles: [], testGoFiles: [], xTestGoFiles: [], ignoredGoFiles: [], errors: [] };
    for (const name of names) {
      if (name.startsWith('_') || name.startsWith('.')) continue;
      const file = join(dir, name);
      if (!goodOSArchFile(this.build, name)) {
        sel.ignoredGoFiles.push(file);
        continue;
      }
      let header;
      try {
        header = readHeader(file);
      } catch (e) {
        sel.errors.push(locOf(file, `cannot read file: ${(e as Error).message}`));
        continue;
      }
      if (header.constraintError) {
        sel.errors.push(locOf(file, header.constraintError.message, header.constraintError.line, header.constraintError.column));
        continue;
      }
      let ok = true;
      if (header.goBuild !== null) {
        try {
          ok = evalExpr(parseGoBuild(header.goBuild), (t) => matchTag(this.build, t));
        } catch (e) {
          if (!(e instanceof ConstraintSyntaxError)) throw e;
          sel.errors.push(locOf(file, `parsing //go:build line: ${e.message}`, header.goBuildLine, 1));
          continue;
        }
      } else {
        for (const line of header.plusBuild) {
          if (!evalExpr(parsePlusBuild(line), (t) => matchTag(this.build, t))) ok = false;
        }
      }
      if (!ok) {
        sel.ignoredGoFiles.push(file);
        continue;
      }
      // A syntax error does not take the file out: go/build keeps it where its name says.
      if (header.error) sel.errors.push(locOf(file, header.error.message, header.error.line, header.error.column));
      let pkg = header.packageName ?? '';
      if (pkg === 'documentation') {
        sel.ignoredGoFiles.push(file);
        continue;
      }
      const isTest = name.endsWith('_test.go');
      let isXTest = false;
      if (isTest && pkg.endsWith('_test') && sel.name !== pkg) {
        isXTest = true;
        pkg = pkg.slice(0, -'_test'.length);
      }
      if (sel.name === '') sel.name = pkg;
      else if (pkg !== sel.name && header.packageName !== null) {
        sel.errors.push(locOf(file, `found packages ${sel.name} and ${pkg} in ${dir}`, 1, 1));
      }
      const importsC = header.imports.includes('C');
      if (importsC && isTest) sel.errors.push(locOf(file, `use of cgo in test ${file} not supported`, 1, 1));
      if (importsC && !isTest) {
        (this.build.cgoEnabled ? sel.goFiles : sel.ignoredGoFiles).push(file);
      } else if (isXTest) {
        sel.xTestGoFiles.push(file);
      } else if (isTest) {
        sel.testGoFiles.push(file);
      } else {
        sel.goFiles.push(file);
      }
    }
    return sel;
  }

  private selectDir(dir: string): FileSelection {
    let sel = this.selections.get(dir);
    if (!sel) {
      sel = this.select(dir, this.goFileNames(dir));
      this.selections.set(dir, sel);
    }
    return sel;
  }

  private makePackage(dir: string, importPath: string, module: ModuleInfo | null, standard: boolean, stub: boolean, sel: FileSelection): SourcePackage {
    return {
      importPath,
      name: sel.name,
      dir,
      goFiles: sel.goFiles,
      testGoFiles: this.tests ? sel.testGoFiles : [],
      xTestGoFiles: this.tests ? sel.xTestGoFiles : [],
      ignoredGoFiles: sel.ignoredGoFiles,
      module,
      goVersion: standard ? this.toolchain : module?.goVersion || (stub ? defaultGoVersion : ''),
      standard,
      stub,
    };
  }

  /** The package in `dir`, or null when the directory holds no .go file at all. */
  private packageAt(dir: string, importPath: string, module: ModuleInfo | null, standard: boolean, stub = false): SourcePackage | null {
    const key = `${dir}\0${importPath}`;
    if (this.byDir.has(key)) return this.byDir.get(key)!;
    let pkg: SourcePackage | null = null;
    if (this.hasGoFiles(dir)) {
      const sel = this.selectDir(dir);
      if (sel.errors.length > 0) this.pendingErrors.push(...sel.errors);
      pkg = this.makePackage(dir, importPath, module, standard, stub, sel);
    }
    this.byDir.set(key, pkg);
    return pkg;
  }

  // ---- modules -----------------------------------------------------------

  private nearestGoMod(dir: string): string | null {
    const seen: string[] = [];
    let d = dir;
    let found: string | null = null;
    for (;;) {
      const cached = this.nearestGoModCache.get(d);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      seen.push(d);
      if (existsSync(join(d, 'go.mod'))) {
        found = d;
        break;
      }
      const up = dirname(d);
      if (up === d) break;
      d = up;
    }
    for (const s of seen) this.nearestGoModCache.set(s, found);
    return found;
  }

  private readonly modFiles = new Map<string, GoModFile | null>();

  /** The parsed go.mod in `dir` (read once, so that its errors are reported once). */
  private readModFile(dir: string): GoModFile | null {
    if (this.modFiles.has(dir)) return this.modFiles.get(dir)!;
    const file = join(dir, 'go.mod');
    let mod: GoModFile | null = null;
    try {
      mod = parseGoMod(readFileSync(file, 'utf8'));
      for (const e of mod.errors) this.pendingErrors.push(locOf(file, e.message, e.line, e.column));
    } catch {
      mod = null;
    }
    this.modFiles.set(dir, mod);
    return mod;
  }

  private moduleInfo(dir: string, main: boolean, fallbackPath = ''): ModuleInfo {
    const mod = this.readModFile(dir);
    return { path: mod?.module || fallbackPath, dir, goVersion: languageVersion(mod?.go ?? ''), main };
  }

  private buildContext(root: string, moduleDirs: string[], workReplaces: Replacement[], workGo: string): ModuleContext {
    const ctx: ModuleContext = { root, mainModules: [], replaces: [], requires: new Map(), vendor: null, fullGraph: null, ownDirs: [] };
    for (const r of workReplaces) ctx.replaces.push({ rep: r, baseDir: root });
    for (const dir of moduleDirs) {
      const mod = this.readModFile(dir);
      if (!mod) {
        this.pendingErrors.push(locOf(join(dir, 'go.mod'), 'cannot read go.mod'));
        continue;
      }
      ctx.mainModules.push({ path: mod.module, dir, goVersion: languageVersion(mod.go), main: true });
      ctx.ownDirs.push(dir);
      for (const r of mod.replace) ctx.replaces.push({ rep: r, baseDir: dir });
      for (const req of mod.require) {
        const have = ctx.requires.get(req.path);
        if (!have || compareSemver(req.version, have) > 0) ctx.requires.set(req.path, req.version);
      }
    }
    ctx.mainModules.sort((a, b) => b.path.length - a.path.length);
    for (const { rep, baseDir } of ctx.replaces) {
      if (!rep.newVersion && isLocalPath(rep.newPath)) ctx.ownDirs.push(resolve(baseDir, rep.newPath));
    }
    // Vendoring is on by default when vendor/modules.txt exists: beside a single main module
    // whose go line says 1.14 or later, or at a workspace root whose go.work says 1.22 or later.
    const mode = goflagsMod();
    if (mode !== 'mod' && mode !== 'readonly') {
      const workspace = workGo !== '';
      const main = ctx.mainModules[0];
      const vendorRoot = workspace ? root : main?.dir;
      const goVersion = workspace ? languageVersion(workGo) : main?.goVersion ?? '';
      const goOK = goVersion !== '' && compareGoVersions(goVersion, workspace ? '1.22' : '1.14') >= 0;
      const manifest = vendorRoot ? join(vendorRoot, 'vendor', 'modules.txt') : '';
      if (vendorRoot && (workspace || ctx.mainModules.length === 1) && (goOK || mode === 'vendor') && existsSync(manifest)) {
        try {
          ctx.vendor = { dir: join(vendorRoot, 'vendor'), manifest: parseVendorModules(readFileSync(manifest, 'utf8')) };
        } catch {
          ctx.vendor = null;
        }
      }
    }
    return ctx;
  }

  /** The context of the working directory: $GOWORK or a go.work above cwd, else the go.mod above it. */
  private defaultContext(): ModuleContext | null {
    if (this.defaultContextValue !== undefined) return this.defaultContextValue;
    let ctx: ModuleContext | null = null;
    const gowork = goenv('GOWORK');
    let workFile: string | null = null;
    if (gowork === 'off') workFile = null;
    else if (gowork) workFile = resolve(this.cwd, gowork);
    else {
      for (let d = this.cwd; ; d = dirname(d)) {
        if (existsSync(join(d, 'go.work'))) {
          workFile = join(d, 'go.work');
          break;
        }
        if (dirname(d) === d) break;
      }
    }
    if (workFile && existsSync(workFile)) {
      const root = dirname(workFile);
      const work = parseGoWork(readFileSync(workFile, 'utf8'));
      for (const e of work.errors) this.pendingErrors.push(locOf(workFile, e.message, e.line, e.column));
      ctx = this.buildContext(root, work.use.map((u) => resolve(root, u)), work.replace, work.go || '1.18');
    } else {
      const modDir = this.nearestGoMod(this.cwd);
      if (modDir) ctx = this.contextForModule(modDir);
    }
    this.defaultContextValue = ctx;
    return ctx;
  }

  private contextForModule(modDir: string): ModuleContext {
    let ctx = this.contexts.get(modDir);
    if (!ctx) {
      ctx = this.buildContext(modDir, [modDir], [], '');
      this.contexts.set(modDir, ctx);
    }
    return ctx;
  }

  private moduleCache(): string {
    return (this.modcache ??= moduleCacheDir());
  }

  /** Which main-module context resolves the imports of code in `dir`. */
  private contextFor(dir: string): ModuleContext | null {
    const dflt = this.defaultContext();
    if (isUnder(dir, this.moduleCache())) return dflt;
    const modDir = this.nearestGoMod(dir);
    if (!modDir) return dflt;
    if (dflt && (dflt.ownDirs.includes(modDir) || (dflt.vendor && isUnder(dir, dflt.vendor.dir)))) return dflt;
    return this.contextForModule(modDir);
  }

  private replacementFor(ctx: ModuleContext, path: string, version: string): { rep: Replacement; baseDir: string } | null {
    let wildcard: { rep: Replacement; baseDir: string } | null = null;
    for (const r of ctx.replaces) {
      if (r.rep.oldPath !== path) continue;
      if (r.rep.oldVersion === version) return r;
      if (r.rep.oldVersion === '' && !wildcard) wildcard = r;
    }
    return wildcard;
  }

  /** Where module `path`@`version` lives (after replacement), and whether it is a local directory. */
  private moduleLocation(ctx: ModuleContext, path: string, version: string): { dir: string; shown: string; local: boolean } {
    const r = this.replacementFor(ctx, path, version);
    if (r && !r.rep.newVersion) return { dir: resolve(r.baseDir, r.rep.newPath), shown: `${path} => ${r.rep.newPath}`, local: true };
    const [p, v] = r ? [r.rep.newPath, r.rep.newVersion] : [path, version];
    return { dir: join(this.moduleCache(), `${escapeModulePath(p)}@${escapeModulePath(v)}`), shown: `${p}@${v}`, local: false };
  }

  /** Requirements of every reachable module, highest version wins (minimal version selection). */
  private fullGraph(ctx: ModuleContext): Map<string, string> {
    if (ctx.fullGraph) return ctx.fullGraph;
    const graph = new Map(ctx.requires);
    const queue = [...graph.entries()];
    const visited = new Set<string>();
    while (queue.length > 0) {
      const [path, version] = queue.shift()!;
      const key = `${path}@${version}`;
      if (visited.has(key)) continue;
      visited.add(key);
      const loc = this.moduleLocation(ctx, path, version);
      let text: string | null = null;
      for (const file of [
        join(loc.dir, 'go.mod'),
        join(this.moduleCache(), 'cache', 'download', escapeModulePath(path), '@v', `${escapeModulePath(version)}.mod`),
      ]) {
        try {
          text = readFileSync(file, 'utf8');
          break;
        } catch {
          // Try the next place a go.mod may be kept.
        }
      }
      if (text === null) continue;
      for (const req of parseGoMod(text).require) {
        const have = graph.get(req.path);
        if (!have || compareSemver(req.version, have) > 0) {
          graph.set(req.path, req.version);
          queue.push([req.path, req.version]);
        }
      }
    }
    ctx.fullGraph = graph;
    return graph;
  }

  /** A package directory inside a main module, unless a nested go.mod claims it. */
  private inMainModule(ctx: ModuleContext, importPath: string): SourcePackage | null {
    for (const m of ctx.mainModules) {
      if (importPath !== m.path && !importPath.startsWith(m.path + '/')) continue;
      const dir = join(m.dir, importPath.slice(m.path.length));
      if (!this.hasGoFiles(dir)) continue;
      if (this.nearestGoMod(dir) !== m.dir) continue;
      return this.packageAt(dir, importPath, m, false);
    }
    return null;
  }

  private fromModules(ctx: ModuleContext, importPath: string): SourcePackage | null {
    const main = this.inMainModule(ctx, importPath);
    if (main) return main;
    if (ctx.vendor) {
      const { dir: vendorDir, manifest } = ctx.vendor;
      const dir = join(vendorDir, importPath);
      const modPath = manifest.packages.get(importPath) ?? [...manifest.modules.keys()].find((m) => importPath === m || importPath.startsWith(m + '/'));
      if (this.hasGoFiles(dir)) {
        const mod: ModuleInfo | null = modPath
          ? { path: modPath, dir: join(vendorDir, modPath), goVersion: manifest.goVersions.get(modPath) ?? '', main: false }
          : null;
        return this.packageAt(dir, importPath, mod, false);
      }
      this.note(`vendor:${importPath}`, `package ${importPath} is not in ${vendorDir}: run go mod vendor`);
      return null;
    }
    const elems = importPath.split('/');
    let missing: string | null = null;
    for (const graph of [ctx.requires, null]) {
      const versions = graph ?? this.fullGraph(ctx);
      for (let n = elems.length; n >= 1; n--) {
        const modPath = elems.slice(0, n).join('/');
        const version = versions.get(modPath);
        if (version === undefined) continue;
        const loc = this.moduleLocation(ctx, modPath, version);
        if (!isDir(loc.dir)) {
          missing ??= loc.local
            ? `module ${loc.shown}: replacement directory ${loc.dir} does not exist`
            : `module ${loc.shown} not in the module cache (${this.moduleCache()}): run go mod download ${modPath}`;
          continue;
        }
        const dir = join(loc.dir, elems.slice(n).join('/'));
        if (!this.hasGoFiles(dir)) continue;
        const mod: ModuleInfo = { ...this.moduleInfo(loc.dir, false, modPath), path: modPath };
        return this.packageAt(dir, importPath, mod, false);
      }
      if (missing) break;
    }
    const stub = importPath.startsWith('golang.org/x/sync/') ? this.stubPackage(importPath) : null;
    const consequence = stub ? `racewatch's built-in description of ${importPath} stands in` : "its packages' types are unknown";
    if (missing) this.note(missing, `${missing}; ${consequence}`);
    // Without a GOROOT a standard-library path gets the caller's one 'no GOROOT' note.
    else if (!(isStdPath(importPath) && !this.gorootSrc)) this.note(`unknown:${importPath}`, `no required module provides package ${importPath}: run go get ${importPath}; ${stub ? consequence : 'its types are unknown'}`);
    return stub;
  }

  // ---- the standard library ------------------------------------------------

  private stubPackage(importPath: string): SourcePackage | null {
    const dir = join(stubsDir, ...importPath.split('/'));
    if (!isUnder(dir, stubsDir) || !this.hasGoFiles(dir)) return null;
    const standard = isStdPath(importPath);
    const module: ModuleInfo | null = importPath.startsWith('golang.org/x/sync/')
      ? { path: 'golang.org/x/sync', dir: join(stubsDir, 'golang.org', 'x', 'sync'), goVersion: defaultGoVersion, main: false }
      : null;
    return this.packageAt(dir, importPath, module, standard, true);
  }

  private fromGoroot(importPath: string, fromDir: string): SourcePackage | null {
    const src = this.gorootSrc;
    if (!src) return null;
    if (isStdPath(importPath)) {
      const dir = join(src, importPath);
      return this.hasGoFiles(dir) ? this.packageAt(dir, importPath, null, true) : null;
    }
    const cmd = join(src, 'cmd');
    if (isUnder(fromDir, cmd)) {
      const dir = join(cmd, 'vendor', importPath);
      return this.hasGoFiles(dir) ? this.packageAt(dir, `cmd/vendor/${importPath}`, null, true) : null;
    }
    if (isUnder(fromDir, src)) {
      const dir = join(src, 'vendor', importPath);
      return this.hasGoFiles(dir) ? this.packageAt(dir, `vendor/${importPath}`, null, true) : null;
    }
    return null;
  }

  resolveImport(importPath: string, fromDir: string): SourcePackage | null {
    if (importPath === 'C' || importPath === '') return null;
    const from = resolve(this.cwd, fromDir);
    if (this.gorootSrc && isUnder(from, this.gorootSrc)) {
      // Inside GOROOT the answer depends on std versus cmd only.
      const key = `goroot:${isUnder(from, join(this.gorootSrc, 'cmd')) ? 'cmd' : 'std'}:${importPath}`;
      if (!this.resolved.has(key)) this.resolved.set(key, this.fromGoroot(importPath, from));
      return this.resolved.get(key)!;
    }
    const ctx = this.contextFor(from);
    const key = `${ctx?.root ?? ''}\0${importPath}`;
    if (this.resolved.has(key)) return this.resolved.get(key)!;
    const pkg = this.resolveUncached(importPath, from, ctx);
    this.resolved.set(key, pkg);
    return pkg;
  }

  private resolveUncached(importPath: string, from: string, ctx: ModuleContext | null): SourcePackage | null {
    if (isStdPath(importPath)) {
      const std = this.gorootSrc ? this.fromGoroot(importPath, from) : this.stubPackage(importPath);
      if (std) return std;
    }
    let pkg: SourcePackage | null = null;
    if (ctx) pkg = this.fromModules(ctx, importPath);
    else if (!isStdPath(importPath)) this.note('nomod', `no go.mod found above ${this.cwd}: only the standard library is resolved`);
    if (!pkg && !ctx && importPath.startsWith('golang.org/x/sync/')) pkg = this.stubPackage(importPath);
    const inMain = ctx?.mainModules.some((m) => importPath === m.path || importPath.startsWith(m.path + '/')) ?? false;
    if (!pkg && isStdPath(importPath) && !this.gorootSrc && !inMain) {
      this.note(
        'nogoroot',
        `no GOROOT (Go is not installed): the standard library is known only through racewatch's built-in description of part of it (${importPath} is not in it); install Go for the rest`,
      );
    }
    return pkg;
  }

  // ---- patterns ------------------------------------------------------------

  /** The import path of the package in `dir` (found by walking a pattern). */
  private importPathForDir(dir: string): { importPath: string; module: ModuleInfo | null; standard: boolean } {
    if (this.gorootSrc && isUnder(dir, this.gorootSrc) && dir !== this.gorootSrc) {
      return { importPath: relative(this.gorootSrc, dir).split(sep).join('/'), module: null, standard: true };
    }
    const ctx = this.contextFor(dir);
    const modDir = this.nearestGoMod(dir);
    const mod = ctx?.mainModules.find((m) => m.dir === modDir) ?? (modDir ? this.moduleInfo(modDir, false) : null);
    if (mod && modDir) {
      const rel = relative(modDir, dir).split(sep).join('/');
      if (ctx?.vendor && isUnder(dir, ctx.vendor.dir)) {
        const p = relative(ctx.vendor.dir, dir).split(sep).join('/');
        return { importPath: p, module: null, standard: false };
      }
      return { importPath: rel === '' ? mod.path : `${mod.path}/${rel}`, module: mod, standard: false };
    }
    return { importPath: '_' + dir.split(sep).join('/'), module: null, standard: false };
  }

  /** Whether `go list` would match this directory for a `...` pattern: some file is selected. */
  private matchesWildcard(dir: string): boolean {
    if (!this.hasGoFiles(dir)) return false;
    // GOROOT/src/builtin only documents the predeclared identifiers; go never matches it with `...`.
    if (this.gorootSrc && dir === join(this.gorootSrc, 'builtin')) return false;
    const sel = this.selectDir(dir);
    return sel.goFiles.length + sel.testGoFiles.length + sel.xTestGoFiles.length > 0;
  }

  packages(patterns: string[]): { packages: SourcePackage[]; errors: LoadError[] } {
    const errors: LoadError[] = [];
    const out: SourcePackage[] = [];
    const seen = new Set<string>();
    const add = (pkg: SourcePackage | null): void => {
      if (!pkg) return;
      const key = `${pkg.dir}\0${pkg.importPath}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push(pkg);
    };
    const addDir = (dir: string, explicit: boolean): void => {
      const { importPath, module, standard } = this.importPathForDir(dir);
      const pkg = this.packageAt(dir, importPath, module, standard);
      if (!pkg) {
        if (explicit) errors.push(locOf(dir, `no Go files in ${dir}`));
        return;
      }
      if (explicit && pkg.goFiles.length + pkg.testGoFiles.length + pkg.xTestGoFiles.length === 0) {
        errors.push(locOf(dir, `build constraints exclude all Go files in ${dir}`));
      }
      add(pkg);
    };
    const walkMatching = (root: string, match: (dir: string) => boolean): void => {
      walkPackageDirs(root, (dir) => {
        if (match(dir) && this.matchesWildcard(dir)) addDir(dir, false);
      }, this.readDir, this.ignoredDir);
    };

    const files = patterns.filter((p) => p.endsWith('.go'));
    if (files.length > 0) {
      if (files.length !== patterns.length) {
        errors.push(locOf('', 'cannot mix .go files with packages on the command line'));
      } else {
        this.addFilesPackage(files, add, errors);
        return { packages: out, errors: [...errors, ...this.takeErrors()] };
      }
    }

    for (const pattern of patterns) {
      if (pattern.endsWith('.go')) continue;
      const local = pattern === '.' || pattern === '..' || pattern.startsWith('./') || pattern.startsWith('../') || isAbsolute(pattern);
      if (local) {
        const abs = resolve(this.cwd, pattern);
        if (pattern.includes('...')) {
          const literal = pattern.slice(0, pattern.indexOf('...'));
          const rootRel = literal.includes('/') ? literal.slice(0, literal.lastIndexOf('/')) : '.';
          const root = resolve(this.cwd, rootRel || '/');
          const match = patternMatcher(abs.split(sep).join('/'));
          if (!isDir(root)) errors.push(locOf(root, `directory ${root} does not exist`));
          else walkMatching(root, (dir) => match(dir.split(sep).join('/')));
        } else if (!isDir(abs)) {
          errors.push(locOf(abs, `directory ${abs} does not exist`));
        } else {
          addDir(abs, true);
        }
        continue;
      }
      if (pattern === 'std' || pattern === 'cmd') {
        if (!this.gorootSrc) {
          errors.push(locOf('', `pattern ${pattern}: no GOROOT (Go is not installed)`));
          continue;
        }
        const src = this.gorootSrc;
        // As in the go command: runtime/cgo is no part of std or cmd when cgo is off.
        const notCgoRuntime = (dir: string): boolean => this.build.cgoEnabled || dir !== join(src, 'runtime', 'cgo');
        const root = pattern === 'cmd' ? join(src, 'cmd') : src;
        walkMatching(root, notCgoRuntime);
        // ...and main packages vendored into cmd (such as x/tools' bisect) are not commands of cmd.
        walkMatching(join(root, 'vendor'), (dir) => notCgoRuntime(dir) && (pattern !== 'cmd' || this.selectDir(dir).name !== 'main'));
        continue;
      }
      const ctx = this.defaultContext();
      if (pattern === 'all') {
        for (const m of ctx?.mainModules ?? []) walkMatching(m.dir, () => true);
        this.note('pattern-all', 'pattern "all" is taken as the main modules\' packages (their dependencies are loaded as imports)');
        continue;
      }
      if (pattern.includes('...')) {
        const match = patternMatcher(pattern);
        const literal = pattern.slice(0, pattern.indexOf('...'));
        let any = false;
        for (const m of ctx?.mainModules ?? []) {
          if (!(literal.startsWith(m.path) || m.path.startsWith(literal))) continue;
          walkPackageDirs(m.dir, (dir) => {
            const { importPath } = this.importPathForDir(dir);
            if (match(importPath) && this.matchesWildcard(dir)) {
              any = true;
              addDir(dir, false);
            }
          }, this.readDir, this.ignoredDir);
        }
        if (isStdPath(pattern) && this.gorootSrc) {
          const root = join(this.gorootSrc, literal.includes('/') ? literal.slice(0, literal.lastIndexOf('/')) : '');
          if (isDir(root)) {
            walkPackageDirs(root, (dir) => {
              if (dir === this.gorootSrc) return;
              if (!this.build.cgoEnabled && dir === join(this.gorootSrc!, 'runtime', 'cgo')) return;
              const importPath = relative(this.gorootSrc!, dir).split(sep).join('/');
              if (match(importPath) && this.matchesWildcard(dir)) {
                any = true;
                addDir(dir, false);
              }
            }, this.readDir, this.ignoredDir);
          }
        }
        if (!any) errors.push(locOf('', `pattern ${pattern}: matched no packages`));
        continue;
      }
      const pkg = this.resolveImport(pattern, this.cwd);
      if (pkg) add(pkg);
      else errors.push(locOf('', `cannot find package ${pattern}`));
    }
    return { packages: out, errors: [...errors, ...this.takeErrors()] };
  }

  private takeErrors(): LoadError[] {
    const errs = this.pendingErrors;
    this.pendingErrors = [];
    return errs;
  }

  /** `go list a.go b.go`: one command-line-arguments package made of the named files. */
  private addFilesPackage(files: string[], add: (pkg: SourcePackage) => void, errors: LoadError[]): void {
    const abs = files.map((f) => resolve(this.cwd, f));
    const dir = dirname(abs[0]!);
    for (const f of abs) {
      if (dirname(f) !== dir) {
        errors.push(locOf(f, `named files must all be in one directory; have ${dir} and ${dirname(f)}`));
        return;
      }
      if (!existsSync(f)) {
        errors.push(locOf(f, `no such file ${f}`));
        return;
      }
    }
    const names = abs.map((f) => f.slice(dir.length + 1)).sort();
    const sel = this.select(dir, names);
    errors.push(...sel.errors);
    const ctx = this.contextFor(dir);
    const modDir = this.nearestGoMod(dir);
    const module = ctx?.mainModules.find((m) => m.dir === modDir) ?? null;
    add(this.makePackage(dir, 'command-line-arguments', module, false, false, sel));
  }
}
