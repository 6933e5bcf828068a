// Summaries across packages. A call into another package of the same module (for
// GOROOT code: the same GOROOT module, std or cmd) uses the callee's summary, as a
// call inside the package does: the callee's accesses to its receiver and parameters
// become the caller's paths, its lock effects (a Lock helper) apply, its goroutines
// start here, and its package variables keep keys of their own (`G<name>@<id>`), so
// two packages' variables never meet.
//
// Each imported package gets one Summarizer per Program (per worker), built on first
// use over the files the Program already parsed; it summarises only the functions
// callers reach, each once (memoised at depth 0, so a summary is complete up to the
// callee's own depth bound, and import cycles cannot make it recurse). What a caller
// inlines is the callee's summary reduced to what the caller can observe (below).
//
// Packages outside the module are not followed (their calls stay unknown, and the
// engine stays quiet about them), nor are the synchronisation primitives, the runtime
// and errgroup, which the engine models by their documented meaning, nor (by default)
// GOROOT packages calling each other (see FOLLOW_GOROOT).

import type * as ast from '../../syntax/ast.js';
import { Token } from '../../syntax/token.js';
import { end as astEnd, pos as astPos, unparen } from '../../syntax/ast.js';
import type { ImportedPackage, ModuleInfo } from '../pass.js';
import { type AccessEvent, type Event, type FuncSummary, type LockSet, type Path, concreteEvents } from './events.js';
import { type LType, OPAQUE_PACKAGES, PackageIndex, UNKNOWN, receiverBaseName } from './litetypes.js';
import { type FuncWalker, type ImportedCode, Summarizer, type SourceAccess } from './summarize.js';
import { mayStartGoroutines, nameGraph } from './model.js';

/** Where a package lives, for deciding whose code may be followed. */
export interface PackageHome {
  dir: string;
  inGoroot: boolean;
  module: ModuleInfo | null;
}

export type ImportFinder = (importPath: string, fromDir: string) => ImportedPackage | null;

/**
 * GOROOT packages calling each other are not followed by default. Measured over
 * GOROOT/src (racewatch at 871fd06 + this): following them takes the findings from 11
 * to 16 and the CPU time from ~38 s to ~66 s. The five new findings are false or
 * indefensible: a concurrent Read test on an empty strings.Reader (3), a
 * `parent != Universe` branch in go/types.NewScope, httptest's StartTLS against
 * tls.Config.Clone. RACEWATCH_FOLLOW_GOROOT=1 turns it on, to measure that work.
 */
const FOLLOW_GOROOT = process.env['RACEWATCH_FOLLOW_GOROOT'] === '1';

/** True when calls from `from` into `to` use `to`'s summaries. */
export function followsInto(from: PackageHome, to: ImportedPackage): boolean {
  if (OPAQUE_PACKAGES.has(to.importPath) || /(^|\/)errgroup$/.test(to.importPath)) return false;
  if (from.inGoroot || to.inGoroot) return FOLLOW_GOROOT && from.inGoroot && to.inGoroot && (from.module?.path ?? '') === (to.module?.path ?? '');
  return from.module !== null && to.module !== null && from.module.dir === to.module.dir;
}

/** One Summarizer per imported package object (one per Program, so per worker). */
const summarizers = new WeakMap<ImportedPackage, Summarizer>();
let nextTag = 0;

/** The imported packages a package's summarizer may follow, resolved from its directory. */
export function importedCode(find: ImportFinder, home: PackageHome, line: (pos: number) => number): ImportedCode {
  const memo = new Map<string, Summarizer | null>();
  return {
    summarizer(importPath: string): Summarizer | undefined {
      const done = memo.get(importPath);
      if (done !== undefined) return done ?? undefined;
      let s: Summarizer | null = null;
      // GOROOT code follows nothing unless asked to: not even resolving the import then.
      if (!OPAQUE_PACKAGES.has(importPath) && (FOLLOW_GOROOT || !home.inGoroot)) {
        const p = find(importPath, home.dir);
        if (p && followsInto(home, p)) s = summarizerOf(p, find, line);
      }
      memo.set(importPath, s);
      return s ?? undefined;
    },
    mayFollow(importPath: string): boolean {
      if (OPAQUE_PACKAGES.has(importPath) || /(^|\/)errgroup$/.test(importPath)) return false;
      if (home.inGoroot) return FOLLOW_GOROOT;
      // followsInto asks for the importer's own module: its packages' paths extend the module path.
      const m = home.module;
      return m !== null && (m.path === '' || importPath === m.path || importPath.startsWith(m.path + '/'));
    },
  };
}

/**
 * Bounds for summaries of imported packages' functions: callers reach many of them
 * (a package of GOROOT calls into dozens of others), and each is summarised once per
 * worker; two levels of calls inside the callee's package show its lock helpers and
 * the accesses of its small methods, deeper work is left to that package's own analysis.
 */
const IMPORTED_MAX_DEPTH = 1;
const IMPORTED_MAX_EVENTS = 1000;
/** Functions longer than this (in source bytes) are not followed: they are not the helpers and accessors callers depend on. */
const IMPORTED_MAX_BODY_BYTES = 3000;

function followable(decl: ast.FuncDecl): boolean {
  return decl.Body !== null && decl.Body.Rbrace - decl.Body.Lbrace <= IMPORTED_MAX_BODY_BYTES;
}

function summarizerOf(p: ImportedPackage, find: ImportFinder, line: (pos: number) => number): Summarizer {
  let s = summarizers.get(p);
  if (!s) {
    const src: SourceAccess = { source: (f) => p.source(f), fileAt: (pos) => p.fileAt(pos), line };
    s = new Summarizer(p.files, src, {
      goVersion: p.goVersion,
      imports: importedCode(find, p, line),
      tag: { id: ++nextTag, packageName: p.name },
      maxDepth: IMPORTED_MAX_DEPTH,
      maxEvents: IMPORTED_MAX_EVENTS,
    });
    summarizers.set(p, s);
  }
  return s;
}

/** What a caller inlines of a callee in another package (memoised per summary). */
const reduced = new WeakMap<FuncSummary, FuncSummary>();

/** Accesses a caller inlines from one callee at most (its synchronisation is always kept). */
const MAX_CALLER_ACCESSES = 256;

/**
 * The callee's summary reduced to what a caller in another package can race on:
 *  - when the callee starts no goroutine, its own locals (and copies) are new at every
 *    call and seen by no other code: only accesses through its receiver, parameters
 *    and package variables matter (with goroutines, everything is kept);
 *  - reads of unexported package variables its package never changes after
 *    initialisation cannot race;
 *  - a method of a type that synchronises itself (holds a mutex, or locks or uses
 *    atomics on its receiver here) keeps its unexported fields to its own package,
 *    whose analysis covers them (the entry assumption): the caller sees only the
 *    receiver's exported fields, and the lock effects;
 *  - repeated accesses (same location, kind and locks, with no synchronisation
 *    between them) are kept once, and at most MAX_CALLER_ACCESSES accesses are kept:
 *    a summary cut short only makes the caller quieter.
 */
export function callerView(sz: Summarizer, decl: ast.FuncDecl, s: FuncSummary): FuncSummary {
  let r = reduced.get(s);
  if (r) return r;
  const spawns = s.events.some((e) => e.k === 'spawn');
  const keep = new Set<string>();
  if (s.recvRoot) keep.add(s.recvRoot);
  for (const p of s.paramRoots) if (p) keep.add(p);
  // Parameters passed by value (numbers, strings, structs, arrays): the callee reads
  // and writes its own copy, so only map operations through them reach the caller.
  const copies = valueParams(sz, decl, s);
  const frozen = frozenGlobals(sz);
  const ownFields = s.recvRoot !== null && synchronisesItself(sz, decl, s) ? s.recvRoot : null;
  const visible = (e: AccessEvent, top: boolean): boolean => {
    const root = e.path.root;
    if (root.charCodeAt(0) === 71 /* G */) return e.write || !frozen.has(root);
    if (ownFields !== null && root === ownFields && !e.atomic && !isExported(firstField(e.path.key, root))) return false;
    if (keep.has(root)) {
      // The receiver or parameter variable itself is the callee's own (inlining gives it a fresh root).
      if (!e.mapOp && (e.path.key === root || copies.has(root))) return !top || spawns;
      return true;
    }
    return !top || spawns;
  };
  const filterBody = (events: readonly Event[]): Event[] => {
    const out: Event[] = [];
    for (const e of events) {
      if (e.k === 'access') {
        if (visible(e, false)) out.push(e);
      } else if (e.k === 'spawn') {
        const body = filterBody(e.body);
        out.push(body.length === e.body.length ? e : { ...e, body });
      } else out.push(e);
    }
    return out;
  };
  const all = concreteEvents(s);
  const events: Event[] = [];
  let seen = new Set<string>();
  let accesses = 0;
  for (const e of all) {
    if (e.k === 'access') {
      if (!visible(e, true)) continue;
      const k = `${e.path.key}|${e.write}|${e.mapOp}|${e.atomic}|${e.structVal}|${e.lazyInit === true}|${e.iterCopy === true}|${lockKey(e.locks)}`;
      if (seen.has(k) || accesses >= MAX_CALLER_ACCESSES) continue;
      seen.add(k);
      accesses++;
      events.push(e);
    } else {
      seen = new Set();
      if (e.k === 'spawn') {
        const body = filterBody(e.body);
        events.push(body.length === e.body.length ? e : { ...e, body });
      } else events.push(e);
    }
  }
  r = events.length < all.length ? { ...s, events, truncated: s.truncated || accesses >= MAX_CALLER_ACCESSES } : all === s.events ? s : { ...s, events: all };
  reduced.set(s, r);
  return r;
}

/** Roots of the parameters (and value receiver) whose declared type is not a reference. */
function valueParams(sz: Summarizer, decl: ast.FuncDecl, s: FuncSummary): Set<string> {
  const out = new Set<string>();
  const file = sz.fileOf({ pos: decl.Name.NamePos });
  const byValue = (e: ast.Expr | null): boolean => {
    if (!e || e.kind === 'StarExpr' || e.kind === 'Ellipsis') return false;
    const u = sz.index.underlying(sz.index.typeExpr(e, file));
    return u.k === 'basic' || u.k === 'struct' || u.k === 'array';
  };
  let i = 0;
  for (const f of decl.Type.Params.List) {
    const v = byValue(f.Type);
    for (let n = Math.max(1, f.Names.length); n > 0; n--, i++) {
      const r = s.paramRoots[i];
      if (v && r) out.add(r);
    }
  }
  const recv = decl.Recv?.List[0]?.Type ?? null;
  if (s.recvRoot && recv && recv.kind !== 'StarExpr' && byValue(recv)) out.add(s.recvRoot);
  return out;
}

function lockKey(l: LockSet): string {
  if (l.size === 0) return '';
  let k = '';
  for (const [key, v] of l) k += key + v.mode + ',';
  return k;
}

function firstField(key: string, root: string): string {
  let i = root.length + 1;
  let j = i;
  while (j < key.length && key.charCodeAt(j) !== 46 /* . */ && key.charCodeAt(j) !== 91 /* [ */) j++;
  return key.slice(i, j);
}

function isExported(name: string): boolean {
  const c = name.charCodeAt(0);
  return c >= 65 && c <= 90;
}

/**
 * A method whose receiver type synchronises itself: the type holds a mutex, or this
 * method locks something reached from the receiver or uses atomics on it.
 */
function synchronisesItself(sz: Summarizer, decl: ast.FuncDecl, s: FuncSummary): boolean {
  const base = receiverBaseName(decl.Recv?.List[0]?.Type ?? null);
  if (base && sz.index.holdsMutex({ k: 'named', pkg: '', name: base })) return true;
  const recv = s.recvRoot!;
  const fromRecv = (k: string): boolean => {
    const bare = k.replace(/^(sem:|once:|opaque:)/, '');
    return bare === recv || bare.startsWith(recv + '.');
  };
  const scan = (events: readonly Event[]): boolean =>
    events.some((e) => {
      if (e.k === 'access') {
        if (e.atomic && e.path.root === recv) return true;
        for (const k of e.locks.keys()) if (fromRecv(k)) return true;
        return false;
      }
      return e.k === 'spawn' && scan(e.body);
    });
  return [...s.acquired.keys()].some(fromRecv) || [...s.released].some(fromRecv) || scan(concreteEvents(s));
}

/** Per summarizer: root keys of unexported package variables no function (but init) ever changes. */
const frozenByPackage = new WeakMap<Summarizer, ReadonlySet<string>>();

function frozenGlobals(sz: Summarizer): ReadonlySet<string> {
  let out = frozenByPackage.get(sz);
  if (out) return out;
  const changed = new Set<string>();
  const rootName = (e: ast.Expr): string | undefined => {
    let x: ast.Expr = e;
    for (;;) {
      if (x.kind === 'ParenExpr' || x.kind === 'SelectorExpr' || x.kind === 'IndexExpr' || x.kind === 'StarExpr' || x.kind === 'SliceExpr') x = x.X;
      else if (x.kind === 'IndexListExpr') x = x.X;
      else break;
    }
    return x.kind === 'Ident' ? x.Name : undefined;
  };
  const mark = (e: ast.Expr | null | undefined): void => {
    const n = e ? rootName(e) : undefined;
    if (n !== undefined) changed.add(n);
  };
  const visit = (n: ast.Node): void => {
    switch (n.kind) {
      case 'AssignStmt':
        for (const l of n.Lhs) mark(l);
        break;
      case 'IncDecStmt':
        mark(n.X);
        break;
      case 'RangeStmt':
        if (n.Tok !== Token.DEFINE) {
          mark(n.Key);
          mark(n.Value);
        }
        break;
      case 'UnaryExpr':
        if (n.Op === Token.AND) mark(n.X);
        break;
      case 'CallExpr':
        // A method called on it, or the value handed to a function: it may change.
        if (n.Fun.kind === 'SelectorExpr') mark(n.Fun.X);
        for (const a of n.Args) mark(a);
        break;
    }
    forEachChild(n, visit);
  };
  for (const f of sz.files) for (const d of f.Decls) if (d.kind === 'FuncDecl' && d.Body && !(d.Name.Name === 'init' && !d.Recv)) visit(d.Body);
  const frozen = new Set<string>();
  for (const name of sz.index.globals.keys()) if (!isExported(name) && !changed.has(name)) frozen.add(sz.globalKey(name));
  frozenByPackage.set(sz, (out = frozen));
  return out;
}

function forEachChild(n: ast.Node, f: (c: ast.Node) => void): void {
  const o = n as unknown as Record<string, unknown>;
  for (const key in o) {
    if (key === 'kind') continue;
    const v = o[key];
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) for (const c of v) f(c as ast.Node);
    else f(v as ast.Node);
  }
}

export interface CrossCallee {
  /** Display name: "store.(*Cache).Put". */
  name: string;
  summary(): FuncSummary;
  /** The receiver's path in the caller (methods), and its type as the callee sees it. */
  recv: Path | null;
  recvType: LType | null;
  method: boolean;
}

/** `pkg.F` or `x.M` naming a function or method of a package whose code is followed. */
export function crossCallee(w: FuncWalker, fun: ast.Expr): CrossCallee | undefined {
  const u = unparen(fun);
  if (u.kind !== 'SelectorExpr' || !w.sz.imports) return undefined;
  const ip = w.importPath(u.X);
  if (ip !== undefined) {
    const other = w.sz.imported(ip);
    const decl = other?.index.funcs.get(u.Sel.Name);
    if (!other || !decl || !followable(decl)) return undefined;
    return { name: other.funcName(decl), summary: () => callerView(other, decl, other.summaryOf(decl)), recv: null, recvType: null, method: false };
  }
  const xt = w.typeOf(u.X);
  const found = foreignMethod(w.sz, xt, u.Sel.Name);
  if (!found || !followable(found.decl)) return undefined;
  let recv = w.pathOf(u.X);
  if (recv && found.path.length > 0) recv = { key: recv.key + '.' + found.path.join('.'), root: recv.root, text: recv.text };
  let recvType: LType = xt;
  for (const f of found.path) recvType = w.sz.index.field(recvType, f)?.type ?? UNKNOWN;
  const { sz, decl } = found;
  return {
    name: sz.funcName(decl),
    summary: () => callerView(sz, decl, sz.summaryOf(decl)),
    recv,
    recvType: receiverCopyType(decl, recvType),
    method: true,
  };
}

/** A method of an imported named type, found on t directly or through embedded fields. */
function foreignMethod(sz: Summarizer, t: LType, name: string): { sz: Summarizer; decl: ast.FuncDecl; path: string[] } | undefined {
  let frontier: { t: LType; path: string[] }[] = [{ t, path: [] }];
  for (let depth = 0; depth < 4 && frontier.length > 0; depth++) {
    const next: { t: LType; path: string[] }[] = [];
    for (const { t: ft, path } of frontier) {
      const base = ft.k === 'ptr' ? ft.elem : ft;
      if (base.k === 'named' && base.pkg !== '') {
        const other = sz.imported(base.pkg);
        const m = other?.index.method({ k: 'named', pkg: '', name: base.name }, name);
        if (other && m) return { sz: other, decl: m.decl, path: [...path, ...m.path] };
      }
      const u = sz.index.underlying(base);
      if (u.k !== 'struct') continue;
      for (const f of u.fields) if (f.embedded) next.push({ t: f.type, path: [...path, f.name] });
    }
    frontier = next;
  }
  return undefined;
}

/** A value receiver gets a copy: the receiver's type as the callee sees it. */
function receiverCopyType(decl: ast.FuncDecl, t: LType): LType {
  const r = decl.Recv?.List[0]?.Type;
  if (!r) return t;
  if (r.kind === 'StarExpr') return t.k === 'ptr' ? t : { k: 'ptr', elem: t };
  return t.k === 'ptr' ? t.elem : t;
}

/** The type of `pkg.Name` (a package variable or function) of a package whose declarations are followed. */
export function importedMemberType(sz: Summarizer, importPath: string, name: string): LType {
  const other = sz.imported(importPath);
  if (!other) return UNKNOWN;
  const idx = other.index;
  let t: LType = UNKNOWN;
  if (idx.globals.has(name)) t = idx.globalType(name, (x, f) => other.globalWalker(f).typeOf(x));
  else {
    const fd = idx.funcs.get(name);
    if (fd) t = idx.typeExpr(fd.Type, other.fileOf({ pos: fd.Name.NamePos }));
  }
  return PackageIndex.qualified(t, importPath);
}

/** The location `pkg.Var` names, for a package variable of a package whose code is followed. */
export function importedGlobalPath(sz: Summarizer, importPath: string, e: ast.SelectorExpr): Path | null {
  const other = sz.imported(importPath);
  if (!other || !other.index.globals.has(e.Sel.Name)) return null;
  const k = other.globalKey(e.Sel.Name);
  return { key: k, root: k, text: sz.text(astPos(e), astEnd(e)) };
}

/** Per imported summarizer: names of its functions and methods that may start goroutines. */
const startersByPackage = new WeakMap<Summarizer, { funcs: Set<string>; methods: Set<string> }>();

function startersOf(sz: Summarizer): { funcs: Set<string>; methods: Set<string> } {
  let out = startersByPackage.get(sz);
  if (out) return out;
  out = { funcs: new Set(), methods: new Set() };
  startersByPackage.set(sz, out); // import cycles cannot happen; this only guards re-entry
  const decls: ast.FuncDecl[] = [];
  for (const f of sz.files) for (const d of f.Decls) if (d.kind === 'FuncDecl' && d.Body) decls.push(d);
  for (const d of mayStartGoroutines(decls, nameGraph(decls, (dd, call) => startsInImportedPackage(sz, dd, call)))) {
    if (d.Recv && d.Recv.List.length > 0) out.methods.add(d.Name.Name);
    else out.funcs.add(d.Name.Name);
  }
  return out;
}

/**
 * A call that may start a goroutine inside a followed package (`bg.Fill(m)`, or
 * `x.Start()` where some followed package imported by the file has a method Start that
 * may): a superset from syntax, for the model's choice of summaries to keep.
 */
export function startsInImportedPackage(sz: Summarizer, d: ast.FuncDecl, call: ast.CallExpr): boolean {
  const fun = unparen(call.Fun);
  if (fun.kind !== 'SelectorExpr' || !sz.imports) return false;
  const file = sz.fileOf({ pos: d.Name.NamePos });
  const followed = file ? followedImports(sz, file) : undefined;
  if (!followed || followed.size === 0) return false;
  if (fun.X.kind === 'Ident') {
    const other = followed.get(fun.X.Name);
    if (other) return startersOf(other).funcs.has(fun.Sel.Name);
  }
  for (const other of followed.values()) if (startersOf(other).methods.has(fun.Sel.Name)) return true;
  return false;
}

/** Per file: the imports (by local name) whose packages are followed. */
const followedByFile = new WeakMap<ast.File, Map<string, Summarizer>>();

function followedImports(sz: Summarizer, file: ast.File): Map<string, Summarizer> {
  let out = followedByFile.get(file);
  if (out) return out;
  out = new Map();
  for (const [name, path] of sz.index.imports.get(file) ?? []) {
    const other = sz.imported(path);
    if (other) out.set(name, other);
  }
  followedByFile.set(file, out);
  return out;
}
