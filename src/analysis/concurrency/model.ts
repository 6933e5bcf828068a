// The concurrency model of one package: which code runs on which goroutine, which
// accesses can happen at the same time (happens-before from spawns, joins and
// channels), and which of those conflict without a common lock.
//
// Three sources of concurrency, each precise in its own way:
//  1. spawns: a function that starts goroutines (go, errgroup.Go, WaitGroup.Go,
//     time.AfterFunc) runs alongside them from the spawn until a join;
//  2. types that hold a mutex: their exported methods may be called from several
//     goroutines at once (Infer's RacerD assumption), so an access made without the
//     lock races with a conflicting access made under it;
//  3. HTTP handlers: each request runs the handler on its own goroutine.

import * as ast from '../../syntax/ast.js';
import {
  type AccessEvent, type AccessFilter, type Event, type FuncSummary, type LockSet, type SpawnEvent, type SummaryEvent, type SyncEvent, commonLock, concreteEvents, delivers,
  flattenRuns,
} from './events.js';
import { receiverBaseName } from './litetypes.js';
import { BodyDeclarations, BodyFacts, type ImportedCode, type SourceAccess, Summarizer } from './summarize.js';
import { startsInImportedPackage } from './crosspkg.js';
import { writtenLocation } from './summarize.js';

/** Where an access runs, for messages. */
export interface AccessContext {
  /** "the goroutine started at line 12 (running a function literal)". */
  describe: string;
  /** Position of the go statement (or registration) that starts it, if any. */
  startPos: number | null;
}

export interface Race {
  kind: 'map' | 'data';
  a: AccessEvent;
  b: AccessEvent;
  actx: AccessContext;
  bctx: AccessContext;
}

/** One field access, for lock-discipline checks: who touches the field, how, under which locks. */
export interface FieldAccess {
  /** "Cache.items" for fields reached through a receiver of type Cache. */
  field: string;
  access: AccessEvent;
  context: AccessContext;
}

export interface ConcurrencyModel {
  summarizer: Summarizer;
  races: Race[];
  /** Every receiver-rooted field access of every method, by "Type.field". */
  fieldAccesses: Map<string, FieldAccess[]>;
  summaryOf(decl: ast.FuncDecl): FuncSummary;
}

interface Thread {
  events: Event[];
  accesses: AccessEvent[];
  syncs: SyncEvent[];
  parent: Thread | null;
  spawn: SpawnEvent | null;
  multi: boolean;
  ctx: AccessContext;
  /** Roots each instance has its own copy of (loop-fresh variables). */
  fresh: ReadonlySet<string>;
  /** Locals of the goroutine's own code, shared only with goroutines it starts. */
  ownLocals: ReadonlySet<string>;
  /** The numbers and lock sets of the accesses left out of `accesses` that hold a lock (see spawnerFilter). */
  lockMarks?: readonly LockMark[];
}

interface LockMark {
  seq: number;
  locks: LockSet;
}

/**
 * Which of a spawner's own accesses its tree needs: a race needs the same location in
 * two threads, and the spawner runs once, so its accesses pair only with its
 * goroutines', on their roots. spawnRaces reads the others only for what they show
 * besides their location: an atomic flag (flagBarrier), a lazy initialisation
 * (singletonGuard, lazyInitsDoneBeforeStart), both kept, and the locks held, a `once.Do`
 * gone through (afterOnce), kept as lock marks. Over GOROOT/src the spawners' trees
 * built 1,290,425 accesses, 637,619 of them on roots no goroutine of theirs touches.
 */
function spawnerFilter(events: readonly SummaryEvent[], lockMarks: LockMark[]): AccessFilter {
  const roots = new Set<string>();
  const visit = (body: readonly Event[]): void => {
    for (const e of body) {
      if (e.k === 'access') roots.add(e.path.root);
      else if (e.k === 'spawn') visit(e.body);
    }
  };
  for (const e of events) if (e.k === 'spawn') visit(e.body);
  return {
    keep: (e, root) => roots.has(root) || e.atomic || e.lazyInit === true,
    dropped: (seq, locks) => lockMarks.push({ seq, locks }),
  };
}

export interface ModelOptions {
  /** Keep every summary's events, not only those the model reads (for tests comparing the two). */
  keepAllEvents?: boolean;
  /** Imported packages whose code calls may follow (see crosspkg.ts). */
  imports?: ImportedCode;
  /** See SummarizerOptions.observeCallee. */
  observeCallee?: (caller: ast.FuncDecl, callee: ast.FuncDecl) => void;
  /** Build every access of a spawner's tree (for tests: see spawnerFilter). */
  keepAllAccesses?: boolean;
}

export function buildModel(files: readonly ast.File[], src: SourceAccess, goVersion: string, opts: ModelOptions = {}): ConcurrencyModel {
  const sz = new Summarizer(files, src, { goVersion, imports: opts.imports, observeCallee: opts.observeCallee });
  const idx = sz.index;
  const races: Race[] = [];
  // One finding per location and pair of lines: `out = append(out, x)` reads and writes
  // out on one line, and a reviewer needs to hear about it once (the write-write pair).
  const byLines = new Map<string, number>();
  const report = (kind: 'map' | 'data', a: AccessEvent, b: AccessEvent, actx: AccessContext, bctx: AccessContext): void => {
    if (primaryIsSecond(a, b)) [a, b, actx, bctx] = [b, a, bctx, actx];
    // One finding per primary access and line: the reviewer fixes the access once, however
    // many places it races with (the first counterpart, a write preferred, is shown).
    const k = `${a.path.key}|${src.line(a.pos)}|${kind}`;
    const weight = Number(a.write) + Number(b.write);
    const at = byLines.get(k);
    if (at !== undefined) {
      const prev = races[at]!;
      if (Number(prev.a.write) + Number(prev.b.write) >= weight) return;
      races[at] = { kind, a, b, actx, bctx };
      return;
    }
    byLines.set(k, races.length);
    races.push({ kind, a, b, actx, bctx });
  };

  const decls: ast.FuncDecl[] = [];
  for (const f of files) for (const d of f.Decls) if (d.kind === 'FuncDecl' && d.Body) decls.push(d);

  // Which methods run as concurrent entry points (2. and 3. below), decided up front so
  // that only the summaries the model reads keep their events.
  const byType = new Map<string, ast.FuncDecl[]>();
  for (const d of decls) {
    if (!d.Recv || d.Recv.List.length === 0) continue;
    const base = receiverBaseName(d.Recv.List[0]!.Type);
    if (!base) continue;
    let l = byType.get(base);
    if (!l) byType.set(base, (l = []));
    l.push(d);
  }
  const singleGoroutinePackage = files.some((f) => documentsSingleGoroutineUse(f.Doc));
  const typeDocs = typeDocComments(files);
  const typeSpecs = new Map<string, ast.TypeSpec>();
  for (const f of files) for (const d of f.Decls) if (d.kind === 'GenDecl') for (const sp of d.Specs) if (sp.kind === 'TypeSpec') typeSpecs.set(sp.Name.Name, sp);
  const roles = new Map<ast.FuncDecl, { typeName: string; handler: boolean; entry: boolean }>();
  for (const [typeName, methods] of byType) {
    // The entry assumption models callers outside the package sharing one value between
    // goroutines. Values of an unexported type reach no such caller (the package's own
    // goroutines are analysed directly), and a type (or package) documented as not safe
    // for concurrent use puts the burden on the caller: its methods are not entries.
    // An unexported type that implements net.Conn escapes as one, and net.Conn's contract
    // lets several goroutines call its methods at once.
    const escapesConcurrently = isExported(typeName) || implementsNetConn(methods, typeSpecs.get(typeName));
    const entryType =
      idx.holdsMutex({ k: 'named', pkg: '', name: typeName }) && escapesConcurrently && !singleGoroutinePackage && !documentsSingleGoroutineUse(typeDocs.get(typeName) ?? null);
    // "*F methods can only be called before [F.Fuzz]" and Fuzz "should be called exactly
    // once": Fuzz runs after every other method has returned, and once.
    const last = methodDocumentedLast(typeDocs.get(typeName) ?? null);
    for (const d of methods) {
      const name = d.Name.Name;
      const handler = name === 'ServeHTTP' && d.Type.Params.List.length === 2;
      const runsLastOnce = name === last && documentsCalledOnce(d.Doc);
      const entry = entryType && isExported(name) && !/Locked$/.test(name) && !documentsSingleGoroutineUse(d.Doc) && !runsLastOnce;
      if (handler || entry) roles.set(d, { typeName, handler, entry });
    }
  }
  // Most packages start no goroutine and hold no entry type: the model reads nothing there,
  // and the name graph (a walk of every body) is skipped when the bytes show it, unless a
  // call may start one inside a followed package.
  const imports = opts.imports;
  const mayFollow = imports !== undefined && [...idx.imports.values()].some((m) => [...m.values()].some((p) => imports.mayFollow?.(p) ?? true));
  const quiet = roles.size === 0 && !mayFollow && !files.some((f) => mayStartBySyntax(src.source(f)));
  const byNames = quiet ? EMPTY_GRAPH : nameGraph(decls, imports ? (d, call) => startsInImportedPackage(sz, d, call) : undefined, sz.bodyFacts);
  // Method calls resolved by the walk's types, where it matters: over GOROOT/src, 5,375
  // starters by names alone, 2,885 by types (any `x.start()` reached every method named
  // start); summaries read 11,244 and 8,604.
  const graph = quiet ? EMPTY_GRAPH : withWalkerTypes(byNames, reach([...mayStartGoroutines(decls, byNames), ...roles.keys()], byNames.names), sz);
  const starters = mayStartGoroutines(decls, graph);
  // The summaries the model reads, and every declaration they name (what they inline).
  const read = reach([...starters, ...roles.keys()], graph.names);
  // Only the summaries read are made (with keepAllEvents, every declaration's, for tests
  // comparing the two). Walking a declaration outside `read` can still change a read
  // summary: it asks for its callees first, deeper in a call chain, where the depth bound
  // may leave out theirs, and a summary is memoised at the depth it was first made (see
  // Summarizer.summaryOf). Read summaries are therefore made as if the package held only
  // the declarations they reach, which is what they describe, and the walks a
  // declaration's callers happen to make first no longer decide how much of it they show.
  // Before, every declaration connected to `read` by names in either direction was walked
  // (every declaration, where calls follow imports): over GOROOT/src 16,525 walks for
  // 11,573 read, 8% more time; over GOROOT's cmd module as a user's module (calls
  // followed), 20% more; the same findings either way.
  const walked = opts.keepAllEvents ? null : read;

  // 1. Spawns, from every function that starts goroutines (directly or through callees).
  // Declarations are summarised in order: a summary depends on which callees were
  // summarised before it (memoised at depth 0) and which are walked again deeper.
  for (const d of decls) {
    if (walked && !walked.has(d)) continue;
    sz.summaryOf(d);
    if (!starters.has(d)) continue;
    const s = sz.rootSummaryOf(d);
    if (!s.events.some((e) => e.k === 'spawn')) continue;
    // Built for this tree and dropped with it (concreteEvents would keep them for the job).
    // The spawner's own accesses are built only where its goroutines may meet them.
    const lockMarks: LockMark[] = [];
    const filter = opts.keepAllAccesses ? undefined : spawnerFilter(s.events, lockMarks);
    const root = makeThread(flattenRuns(s.events, filter), null, null, false, { describe: `in ${s.name}`, startPos: null }, new Set(), sz);
    if (lockMarks.length > 0) root.lockMarks = lockMarks;
    spawnRaces(root, report, sz);
  }

  // 2. Exported methods of types that hold a mutex; 3. HTTP handlers.
  const handlerThreads: Thread[] = [];
  for (const [typeName, methods] of byType) {
    const entries: Thread[] = [];
    for (const d of methods) {
      const role = roles.get(d);
      if (!role) continue;
      const { s, norm, t } = methodThread(sz, typeName, d);
      if (role.handler) {
        handlerThreads.push(makeThread(norm, null, null, true, { describe: `in the HTTP handler ${s.name}, which runs once per request`, startPos: null }, new Set(), sz));
      }
      if (role.entry && s.recvRoot) entries.push(t);
    }
    if (entries.length > 0) entryRaces(entries, (a) => a.path.root === `R${typeName}`, true, report, sz);
  }

  for (const h of sz.handlers) {
    const shared = h.capturedRoots;
    const t = makeThread(concreteEvents(h.summary), null, null, true, { describe: `in ${h.what}, which runs once per request`, startPos: h.pos }, new Set(), sz);
    (t as { sharedRoots?: ReadonlySet<string> }).sharedRoots = shared;
    handlerThreads.push(t);
  }
  if (handlerThreads.length > 0) {
    const shared = new Set<string>();
    for (const h of sz.handlers) for (const r of h.capturedRoots) shared.add(r);
    entryRaces(handlerThreads, (a) => a.path.root.startsWith('G') || a.path.root.startsWith('R') || shared.has(a.path.root), false, report, sz);
  }

  // Summaries for readers outside the model: the model's own summarizer kept the events of
  // only what it reads, so these come from a second one that keeps them all.
  let full: Summarizer | undefined;
  const fullSummarizer = (): Summarizer => {
    if (!full) {
      full = new Summarizer(files, src, { goVersion, imports: opts.imports });
      for (const d of decls) full.summaryOf(d);
    }
    return full;
  };
  let fieldAccesses: Map<string, FieldAccess[]> | undefined;
  const listFieldAccesses = (): Map<string, FieldAccess[]> => {
    const out = new Map<string, FieldAccess[]>();
    const fsz = fullSummarizer();
    for (const [typeName, methods] of byType) {
      for (const d of methods) {
        const { t } = methodThread(fsz, typeName, d);
        for (const th of threadsOf(t)) {
          for (const a of th.accesses) {
            if (!a.path.root.startsWith('R')) continue;
            const field = typeName + a.path.key.slice(a.path.root.length);
            let l = out.get(field);
            if (!l) out.set(field, (l = []));
            l.push({ field, access: a, context: th.ctx });
          }
        }
      }
    }
    return out;
  };
  dropLazyInitChecks(races);
  return {
    summarizer: sz,
    races,
    get fieldAccesses() {
      return (fieldAccesses ??= listFieldAccesses());
    },
    summaryOf: (d) => fullSummarizer().summaryOf(d),
  };
}

/** A method's events with its receiver renamed to the type's root, and the thread running them. */
function methodThread(sz: Summarizer, typeName: string, d: ast.FuncDecl): { s: FuncSummary; norm: Event[]; t: Thread } {
  const s = sz.rootSummaryOf(d);
  const events = concreteEvents(s);
  const norm = s.recvRoot ? normalizeRoot(events, s.recvRoot, `R${typeName}`) : events;
  return { s, norm, t: makeThread(norm, null, null, true, { describe: `in ${s.name}`, startPos: null }, new Set(), sz) };
}

/** Names of calls that start goroutines or register handlers (go statements aside). */
const STARTING_CALLS = new Set(['Go', 'AfterFunc', 'HandleFunc', 'HandlerFunc', 'Handle']);

const EMPTY_GRAPH: NameGraph = { namedBy: new Map(), names: new Map(), starting: [], methodSelectors: new Map(), funcNames: new Map(), methodsByName: new Map() };

/**
 * Whether Go source may start a goroutine or register a handler: it holds the keyword
 * `go`, or an identifier named like a call that starts one (STARTING_CALLS), outside
 * comments and string and rune literals. A superset of what makes a body `starting` in
 * the name graph, read from the bytes in one pass.
 */
export function mayStartBySyntax(b: Uint8Array): boolean {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c === 47 /* / */ && b[i + 1] === 47) {
      while (i < n && b[i] !== 10) i++;
    } else if (c === 47 && b[i + 1] === 42 /* * */) {
      i += 2;
      while (i < n && !(b[i] === 42 && b[i + 1] === 47)) i++;
      i += 2;
    } else if (c === 34 /* " */ || c === 39 /* ' */) {
      i++;
      while (i < n && b[i] !== c && b[i] !== 10) i += b[i] === 92 /* \ */ ? 2 : 1;
      i++;
    } else if (c === 96 /* ` */) {
      i++;
      while (i < n && b[i] !== 96) i++;
      i++;
    } else if (isIdentByte(c)) {
      const start = i;
      while (i < n && isIdentByte(b[i]!)) i++;
      const len = i - start;
      if ((len === 2 || len === 6 || len === 9 || len === 10 || len === 11) && (c === 103 /* g */ || c === 71 /* G */ || c === 65 /* A */ || c === 72 /* H */)) {
        const word = String.fromCharCode(...b.subarray(start, i));
        if (word === 'go' || STARTING_CALLS.has(word)) return true;
      }
    } else {
      i++;
    }
  }
  return false;
}

/** A byte of an identifier or a number (letters, digits, `_`, and any byte of a non-ASCII letter). */
function isIdentByte(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c >= 128;
}

/** Which declarations each body names (a superset of what its summary inlines), and which start goroutines. */
interface NameGraph {
  /** Declarations whose body names each declaration (calls, method values, handlers). */
  namedBy: Map<ast.FuncDecl, ast.FuncDecl[]>;
  /** Declarations each body names. */
  names: Map<ast.FuncDecl, ast.FuncDecl[]>;
  /** Bodies with a go statement or a call named like one that starts a goroutine or registers a handler. */
  starting: ast.FuncDecl[];
  /** For bodies with selectors named like a method of the package: those selectors, and the functions the body names. */
  methodSelectors: Map<ast.FuncDecl, ast.SelectorExpr[]>;
  funcNames: Map<ast.FuncDecl, ast.FuncDecl[]>;
  methodsByName: Map<string, ast.FuncDecl[]>;
}

/**
 * `startsElsewhere`: a call that may start a goroutine inside another package (crosspkg.ts).
 * `bodyFacts`: filled with each body's BodyFacts, collected in the same pass.
 */
export function nameGraph(
  decls: readonly ast.FuncDecl[],
  startsElsewhere?: (d: ast.FuncDecl, call: ast.CallExpr) => boolean,
  bodyFacts?: Map<ast.FuncDecl, BodyFacts>,
): NameGraph {
  // A plain name can denote only a function, a selector's only a method (a package's own
  // functions are never qualified): two tables keep each name's edges to its own kind.
  const funcsByName = new Map<string, ast.FuncDecl[]>();
  const methodsByName = new Map<string, ast.FuncDecl[]>();
  for (const d of decls) {
    const byName = d.Recv && d.Recv.List.length > 0 ? methodsByName : funcsByName;
    let l = byName.get(d.Name.Name);
    if (!l) byName.set(d.Name.Name, (l = []));
    l.push(d);
  }
  const g: NameGraph = { namedBy: new Map(), names: new Map(), starting: [], funcNames: new Map(), methodSelectors: new Map(), methodsByName };
  for (const d of decls) {
    if (!d.Body) continue;
    let starts = false;
    const seenFuncs = new Set<string>();
    const seenMethods = new Set<string>();
    let selectors: Set<ast.Ident> | undefined;
    const named: ast.FuncDecl[] = [];
    let methodSelectors: ast.SelectorExpr[] | undefined;
    const facts = bodyFacts && !bodyFacts.has(d) ? new BodyFacts() : undefined;
    const edges = (ds: ast.FuncDecl[] | undefined, name: string, seen: Set<string>): void => {
      if (!ds || seen.has(name)) return;
      seen.add(name);
      for (const c of ds) {
        named.push(c);
        let l = g.namedBy.get(c);
        if (!l) g.namedBy.set(c, (l = []));
        l.push(d);
      }
    };
    ast.inspect(d.Body, (n) => {
      facts?.enter(n);
      if (n.kind === 'SelectorExpr') {
        // Its Sel is visited next as an Ident: remembered only when a function shares its name.
        if (funcsByName.has(n.Sel.Name)) (selectors ??= new Set()).add(n.Sel);
        const ms = methodsByName.get(n.Sel.Name);
        if (ms !== undefined) {
          (methodSelectors ??= []).push(n);
          edges(ms, n.Sel.Name, seenMethods);
        }
      } else if (n.kind === 'Ident') {
        const ds = funcsByName.get(n.Name);
        if (ds !== undefined && !selectors?.has(n)) edges(ds, n.Name, seenFuncs);
      } else if (n.kind === 'GoStmt') starts = true;
      else if (n.kind === 'CallExpr') {
        const f = n.Fun.kind === 'ParenExpr' ? ast.unparen(n.Fun) : n.Fun;
        const name = f.kind === 'Ident' ? f.Name : f.kind === 'SelectorExpr' ? f.Sel.Name : '';
        if (STARTING_CALLS.has(name) || (startsElsewhere !== undefined && f.kind === 'SelectorExpr' && startsElsewhere(d, n))) starts = true;
      }
      return true;
    }, facts ? (n) => facts.leave(n) : undefined);
    if (facts) bodyFacts!.set(d, facts);
    g.names.set(d, named);
    if (methodSelectors !== undefined) {
      g.methodSelectors.set(d, methodSelectors);
      g.funcNames.set(d, named.filter((c) => !c.Recv || c.Recv.List.length === 0));
    }
    if (starts) g.starting.push(d);
  }
  return g;
}

/**
 * The graph with the method calls of the `relevant` bodies resolved as their walks will
 * resolve them, not to every method of the name: the walk resolves `x.m(...)` (a call, a
 * method value, a go statement) as `index.method(typeOf(x), "m")`, and
 * `Summarizer.bodyTyper` is that typeOf without the walk. Other bodies keep their edges
 * by name. A body outside what the graph by names reaches from the model's roots needs
 * no resolving: resolving only removes edges, so it stays outside.
 */
export function withWalkerTypes(g: NameGraph, relevant: Iterable<ast.FuncDecl>, sz: Summarizer): NameGraph {
  const names = new Map(g.names);
  for (const d of relevant) {
    const selectors = g.methodSelectors.get(d);
    if (selectors === undefined) continue;
    const locals = new BodyDeclarations(d);
    ast.inspect(d.Body!, (n) => {
      locals.enter(n);
      return true;
    }, (n) => locals.leave(n));
    const typeOf = sz.bodyTyper(d, locals);
    const named = new Set(g.funcNames.get(d));
    for (const sel of selectors) {
      const t = typeOf(sel.X);
      if (t === undefined) {
        for (const c of g.methodsByName.get(sel.Sel.Name) ?? []) named.add(c);
      } else {
        const m = sz.index.method(t, sel.Sel.Name)?.decl;
        if (m !== undefined) named.add(m);
      }
    }
    names.set(d, [...named]);
  }
  const namedBy = new Map<ast.FuncDecl, ast.FuncDecl[]>();
  for (const [d, ns] of names) {
    for (const c of ns) {
      let l = namedBy.get(c);
      if (!l) namedBy.set(c, (l = []));
      l.push(d);
    }
  }
  return { ...g, names, namedBy };
}

/** Everything reachable from `from` along the edges of `edgeMaps`. */
function reach(from: Iterable<ast.FuncDecl>, ...edgeMaps: Map<ast.FuncDecl, ast.FuncDecl[]>[]): Set<ast.FuncDecl> {
  const out = new Set<ast.FuncDecl>();
  const queue = [...from];
  while (queue.length > 0) {
    const d = queue.pop()!;
    if (out.has(d)) continue;
    out.add(d);
    for (const edges of edgeMaps) for (const c of edges.get(d) ?? []) if (!out.has(c)) queue.push(c);
  }
  return out;
}

/**
 * The declarations whose summaries can hold a spawn or register a handler: a superset,
 * from syntax alone. A body with a go statement or a call named like one that starts a
 * goroutine (g.Go, time.AfterFunc, http.HandleFunc) is one; so is a body that names
 * one (a call, a method value), since summaries inline what they call.
 */
export function mayStartGoroutines(decls: readonly ast.FuncDecl[], g = nameGraph(decls)): Set<ast.FuncDecl> {
  return reach(g.starting, g.namedBy);
}

/**
 * `if c.f == nil { c.f = ... }` run by concurrent instances: the check racing with the
 * write and the write racing with itself are one unsynchronised lazy initialisation,
 * fixed in one place. Keep the write's finding only.
 */
function dropLazyInitChecks(races: Race[]): void {
  const selfRacing = new Set<string>();
  for (const r of races) if (r.a.write && r.a.lazyInit && r.a.pos === r.b.pos) selfRacing.add(`${r.a.path.key}|${r.a.pos}`);
  if (selfRacing.size === 0) return;
  const keep = races.filter((r) => !(!r.a.write && r.b.lazyInit && r.a.fn === r.b.fn && r.a.pos < r.b.pos && selfRacing.has(`${r.b.path.key}|${r.b.pos}`)));
  races.splice(0, races.length, ...keep);
}

/** The access to show first: the unlocked one, else the read, else the earlier one. */
export function primaryIsSecond(a: AccessEvent, b: AccessEvent): boolean {
  const la = realLocks(a.locks);
  const lb = realLocks(b.locks);
  if (lb !== la) return lb < la;
  if (a.write !== b.write) return a.write;
  return b.pos < a.pos;
}

/**
 * Doc wording that rules out concurrent calls: "not safe for concurrent use", "must not
 * be used concurrently", "for use by a single goroutine", "must be called only from the
 * goroutine running ...", and configuration values that "must not be modified" once in
 * use (their mutating methods are set-up code). "Safe for concurrent use" does not match.
 */
const SINGLE_GOROUTINE_DOC = new RegExp(
  [
    String.raw`\bnot\s+(?:safe|meant|designed|intended)\s+(?:for\s+(?:concurrent|simultaneous|parallel)|to\s+be\s+(?:used|called)\s+(?:concurrently|simultaneously|from\s+(?:multiple|several)))`,
    String.raw`\bnot\s+(?:goroutine|thread|concurrency)[- ]safe`,
    String.raw`\bmust\s+not\s+be\s+(?:used|called|accessed|shared)\s+(?:concurrently|simultaneously|from\s+(?:multiple|several|more\s+than\s+one)\s+goroutines)`,
    String.raw`\b(?:used|called)\s+(?:only\s+)?(?:by|from)\s+(?:a\s+single|one|only\s+one)\s+goroutine`,
    String.raw`\bonly\s+(?:be\s+)?(?:used|called)\s+(?:by|from)\s+(?:a\s+single|one|the)\s+goroutine`,
    String.raw`\bmust\s+be\s+called\s+only\s+from\s+the\s+goroutine`,
    String.raw`\bmust\s+not\s+be\s+modified`,
  ].join('|'),
  'i',
);

export function documentsSingleGoroutineUse(doc: ast.CommentGroup | null): boolean {
  if (!doc) return false;
  return SINGLE_GOROUTINE_DOC.test(doc.List.map((c) => c.Text.replace(/^\/\/|^\/\*|\*\/$/g, '')).join(' '));
}

function docText(doc: ast.CommentGroup | null): string {
  return doc ? doc.List.map((c) => c.Text.replace(/^\/\/|^\/\*|\*\/$/g, '')).join(' ') : '';
}

/** The method a type's doc says every other method is called before ("methods can only be called before [T.M]"). */
function methodDocumentedLast(doc: ast.CommentGroup | null): string | undefined {
  const m = /\bmethods\s+(?:can|may|must|should)\s+only\s+be\s+called\s+before\s+\[?\*?(?:\w+\.)?(\w+)\]?/i.exec(docText(doc));
  return m?.[1];
}

/** A method documented to be called once ("should be called exactly once"). */
function documentsCalledOnce(doc: ast.CommentGroup | null): boolean {
  return /\b(?:be\s+)?called\s+(?:exactly|only)\s+once\b/i.test(docText(doc));
}

/** The doc comment of every type declared in the files (a lone spec may carry it on the decl). */
function typeDocComments(files: readonly ast.File[]): Map<string, ast.CommentGroup | null> {
  const out = new Map<string, ast.CommentGroup | null>();
  for (const f of files) {
    for (const d of f.Decls) {
      if (d.kind !== 'GenDecl') continue;
      for (const s of d.Specs) if (s.kind === 'TypeSpec') out.set(s.Name.Name, s.Doc ?? (d.Specs.length === 1 ? d.Doc : null));
    }
  }
  return out;
}

/**
 * A net.Conn implementation: it declares Read, Write, Close and a deadline setter, or it
 * embeds a net.Conn and overrides Read or Write.
 */
function implementsNetConn(methods: readonly ast.FuncDecl[], spec: ast.TypeSpec | undefined): boolean {
  const names = new Set(methods.map((m) => m.Name.Name));
  const embedsConn =
    spec?.Type.kind === 'StructType' &&
    spec.Type.Fields.List.some((f) => f.Names.length === 0 && f.Type?.kind === 'SelectorExpr' && f.Type.X.kind === 'Ident' && f.Type.X.Name === 'net' && f.Type.Sel.Name === 'Conn');
  if (embedsConn && (names.has('Read') || names.has('Write'))) return true;
  return ['Read', 'Write', 'Close'].every((n) => names.has(n)) && (names.has('SetDeadline') || names.has('SetReadDeadline') || names.has('SetWriteDeadline'));
}

function isExported(name: string): boolean {
  return name.length > 0 && name[0]! >= 'A' && name[0]! <= 'Z';
}

function normalizeRoot(events: Event[], from: string, to: string): Event[] {
  const mapKey = (k: string): string => (k === from || k.startsWith(from + '.') || k.startsWith(from + '[') ? to + k.slice(from.length) : k);
  const mapLocks = (l: LockSet): LockSet => {
    if (l.size === 0) return l;
    const m = new Map();
    for (const [k, v] of l) m.set(mapKey(k), v);
    return m;
  };
  const assumesMemo = new Map<readonly string[], readonly string[]>();
  const mapAssumes = (l: readonly string[]): readonly string[] => {
    let m = assumesMemo.get(l);
    if (!m) assumesMemo.set(l, (m = l.map(mapKey)));
    return m;
  };
  return events.map((e): Event => {
    switch (e.k) {
      case 'access': {
        // The receiver variable itself is the method's own copy of the pointer.
        const a: AccessEvent =
          e.path.key === from
            ? { ...e, path: { ...e.path, key: `C${to}`, root: `C${to}` }, locks: mapLocks(e.locks) }
            : e.path.root === from
              ? { ...e, path: { ...e.path, key: mapKey(e.path.key), root: to }, locks: mapLocks(e.locks) }
              : { ...e, locks: mapLocks(e.locks) };
        if (e.assumes) a.assumes = mapAssumes(e.assumes);
        return a;
      }
      case 'sync':
        return e.obj ? { ...e, obj: mapKey(e.obj) } : e;
      case 'spawn':
        return { ...e, body: normalizeRoot(e.body, from, to), group: e.group ? mapKey(e.group) : null, locks: mapLocks(e.locks) };
    }
  });
}

function makeThread(events: Event[], parent: Thread | null, spawn: SpawnEvent | null, multi: boolean, ctx: AccessContext, fresh: ReadonlySet<string>, sz: Summarizer): Thread {
  const t: Thread = { events, accesses: [], syncs: [], parent, spawn, multi, ctx, fresh, ownLocals: spawn ? spawn.ownLocals : new Set() };
  for (const e of events) {
    if (e.k === 'access') t.accesses.push(e);
    else if (e.k === 'sync') t.syncs.push(e);
  }
  (t as { children?: Thread[] }).children = events
    .filter((e): e is SpawnEvent => e.k === 'spawn')
    .map((s) => {
      const f = new Set([...fresh, ...s.freshRoots]);
      const line = sz.lineOf(s.pos);
      const how = s.via === 'go' ? 'the goroutine' : `the goroutine (${s.via})`;
      return makeThread(s.body, t, s, multi || s.multi, { describe: `in ${how} started at line ${line} running ${s.what}`, startPos: s.pos }, f, sz);
    });
  return t;
}

function children(t: Thread): Thread[] {
  return (t as { children?: Thread[] }).children ?? [];
}

function threadsOf(t: Thread): Thread[] {
  const out: Thread[] = [t];
  for (const c of children(t)) out.push(...threadsOf(c));
  return out;
}

// ---- conflicts

/** The kind of race two accesses to one location make, or null if they do not conflict. */
function conflict(a: AccessEvent, b: AccessEvent): 'map' | 'data' | null {
  if (a.atomic && b.atomic) return null;
  if (!handoffPair(a, b)) return null;
  if (!a.write && !b.write) return null;
  if (a.mapOp && b.mapOp) return 'map';
  if (a.mapOp || b.mapOp) {
    // A map operation reads the variable holding the map: it conflicts with replacing it.
    const plain = a.mapOp ? b : a;
    const op = a.mapOp ? a : b;
    return plain.write && !op.path.detached ? 'map' : null;
  }
  return 'data';
}

function byKey(accesses: Iterable<AccessEvent>): Map<string, AccessEvent[]> {
  const m = new Map<string, AccessEvent[]>();
  for (const a of accesses) {
    // An object we cannot name (a call's result): nothing says who else sees it.
    // The locals of an inlined callee (L) are seen here only through that one call, and
    // the callee's own analysis reports what races on them.
    if (/^[FLC]/.test(a.path.root)) continue;
    let l = m.get(a.path.key);
    if (!l) m.set(a.path.key, (l = []));
    l.push(a);
  }
  return m;
}

type Reporter = (kind: 'map' | 'data', a: AccessEvent, b: AccessEvent, actx: AccessContext, bctx: AccessContext) => void;

/** Values handed over a channel: a sender's access pairs only with a receiver's (see Path.handoff). */
function handoffPair(a: AccessEvent, b: AccessEvent): boolean {
  const x = a.path.handoff;
  const y = b.path.handoff;
  return x === y ? x === undefined : x !== undefined && y !== undefined;
}

/** Concurrent entry points (exported methods of a locked type, handlers): all pairs run in parallel. */
function entryRaces(entries: Thread[], shared: (a: AccessEvent) => boolean, needOneLocked: boolean, report: Reporter, sz: Summarizer): void {
  const all: { a: AccessEvent; t: Thread; entry: number }[] = [];
  entries.forEach((e, i) => {
    for (const th of threadsOf(e)) for (const a of th.accesses) if (shared(a) && !th.fresh.has(a.path.root) && !/^[FLC]/.test(a.path.root)) all.push({ a, t: th, entry: i });
  });
  const groups = new Map<string, typeof all>();
  for (const x of all) {
    let l = groups.get(x.a.path.key);
    if (!l) groups.set(x.a.path.key, (l = []));
    l.push(x);
  }
  for (const l of groups.values()) {
    if (!l.some((x) => x.a.write)) continue;
    for (let i = 0; i < l.length; i++) {
      for (let j = i; j < l.length; j++) {
        const x = l[i]!;
        const y = l[j]!;
        const kind = conflict(x.a, y.a);
        if (!kind) continue;
        if (commonLock(x.a.locks, y.a.locks) || mayShareLock(x.a.locks, y.a.locks, sz)) continue;
        // Entry points of a locked type: the pattern is an access that forgot the lock
        // against one made under the lock that guards the location. Two accesses under
        // different locks are a protocol (lock order, hand-over) we cannot judge.
        // A plain write made under the read side of the lock is not guarded by it (other
        // readers hold it too): the type does not use that lock for the field.
        const guards = (a: AccessEvent) => guardedBy(a, kind === 'data' && a.write);
        if (needOneLocked && !((guards(x.a) && realLocks(y.a.locks) === 0) || (guards(y.a) && realLocks(x.a.locks) === 0) || (kind === 'map' && sameReadLock(x.a, y.a)))) continue;
        if (handoff(x.a, x.t, y.a, y.t) || handoff(y.a, y.t, x.a, x.t)) continue;
        if (x.t.spawn && y.t.spawn && x.t.spawn.pos === y.t.spawn.pos && singletonSpawn(x.t) && singletonSpawn(y.t)) continue;
        // Initialisation under a sync.Once is ordered before every use that needs it.
        if (onceWrite(x.a) || onceWrite(y.a)) continue;
        if (contradictoryAssertions(x.a, y.a, sz)) continue;
        // Lazy initialisation in a method is done before the value is shared, as a rule;
        // callers that break the rule are beyond what an entry-point assumption can tell.
        if (x.a.lazyInit || y.a.lazyInit) continue;
        // An unlocked read after the same code took and released the guarding lock
        // (double-checked initialisation): ordered by the mutex, as far as we can tell.
        if (readAfterLocking(x.a, x.t, y.a) || readAfterLocking(y.a, y.t, x.a)) continue;
        // The write that set up the goroutine's input before starting it.
        if (setUpBeforeSpawn(x.t, y.a) || setUpBeforeSpawn(y.t, x.a)) continue;
        if (flagBarrier(x.a, x.t, y.a, y.t) || flagBarrier(y.a, y.t, x.a, x.t)) continue;
        // An entry method that writes a field and then starts a goroutine reading it
        // begins the value's concurrent life (Start, Serve): it runs before other callers.
        if (setsUpGoroutine(x.a, x.t) || setsUpGoroutine(y.a, y.t)) continue;
        report(kind, x.a, y.a, x.t.ctx, y.t.ctx);
      }
    }
  }
}

/** Both hold the guarding RWMutex in read mode: a write under RLock excludes nobody. */
function sameReadLock(a: AccessEvent, b: AccessEvent): boolean {
  if (!guardedBy(a)) return false;
  for (const [k, v] of a.locks) if (v.mode === 'r' && b.locks.get(k)?.mode === 'r') return true;
  return false;
}

function onceWrite(a: AccessEvent): boolean {
  if (!a.write) return false;
  for (const [k, v] of a.locks) if (k.startsWith('once:') && v.mode === 'w') return true;
  return false;
}

/** a is an unlocked read in t, and t earlier held a lock that b holds (and that guards the location). */
function readAfterLocking(a: AccessEvent, t: Thread, b: AccessEvent): boolean {
  if (a.write) return false;
  const guards = [...b.locks.keys()].filter((k) => !k.startsWith('once:') && !a.locks.has(k));
  if (guards.length === 0) return false;
  for (let th: Thread | null = t; th; th = th.parent) {
    for (const e of th.accesses) {
      if (th === t && e.seq >= a.seq) break;
      if (guards.some((g) => e.locks.has(g))) return true;
    }
  }
  return false;
}

/**
 * w is made inside once.Do(f), and the goroutine running b (or an ancestor, before
 * starting it) went through the same once.Do earlier: Do returns only after f has
 * completed, in every caller, so w happens before b.
 */
function afterOnce(w: AccessEvent, b: AccessEvent, tb: Thread): boolean {
  const onces = [...w.locks.keys()].filter((k) => k.startsWith('once:') && !b.locks.has(k));
  if (onces.length === 0) return false;
  let before = b.seq;
  for (let t: Thread | null = tb; t; t = t.parent) {
    if (t.accesses.some((e) => e.seq < before && onces.some((k) => e.locks.has(k)))) return true;
    if (t.lockMarks?.some((m) => m.seq < before && onces.some((k) => m.locks.has(k)))) return true;
    if (!t.spawn) break;
    before = t.spawn.seq;
  }
  return false;
}

/**
 * The goroutine is started under a lock right after a lazy initialisation made under the
 * same lock (`if c.wake == nil { c.wake = make(...); go c.loop() }`): the field is the
 * "running" token, so at most one instance runs until it resets the field under the lock.
 */
function singletonSpawn(t: Thread): boolean {
  return singletonGuard(t) !== undefined;
}

/** The lazy-initialisation write that makes t's spawn a singleton, if there is one. */
function singletonGuard(t: Thread): AccessEvent | undefined {
  const s = t.spawn;
  if (!s || !t.parent || realLocks(s.locks) === 0) return undefined;
  // The nearest such write whose branch encloses the start (the start runs only right after it).
  const arms = s.place.arms;
  const encloses = (w: AccessEvent) => w.place.arms.length <= arms.length && w.place.arms.every((a, i) => arms[i] === a);
  const acc = t.parent.accesses;
  for (let i = acc.length - 1; i >= 0; i--) {
    const w = acc[i]!;
    if (w.write && w.lazyInit && w.seq < s.seq && encloses(w) && commonLock(w.locks, s.locks) !== undefined) return w;
  }
  return undefined;
}

/** Both goroutines are singletons started under the same lock behind the same token. */
function sameSingletonToken(ta: Thread, tb: Thread): boolean {
  const ga = singletonGuard(ta);
  const gb = singletonGuard(tb);
  return ga !== undefined && gb !== undefined && ga.path.key === gb.path.key && commonLock(ga.locks, gb.locks) !== undefined;
}

/**
 * a comes after its goroutine set a flag atomically and then took and released the write
 * side of a lock L that b holds; b loaded the same flag earlier while holding L. b's
 * critical section either ended before that Lock (so b happens before a) or began after
 * the Unlock, and then its load saw the flag: code that checks a "done" flag under the
 * lock (`if tx.done.Load() { return }`) stops before touching what the closer tears down.
 */
function flagBarrier(a: AccessEvent, ta: Thread, b: AccessEvent, tb: Thread): boolean {
  for (const l of b.locks.keys()) {
    if (l.startsWith('once:') || a.locks.has(l)) continue;
    for (const u of ta.syncs) {
      if (u.op !== 'unlock' || u.obj !== l || u.seq > a.seq) continue;
      const flags = new Set<string>();
      for (const f of ta.accesses) if (f.atomic && f.write && f.seq < u.seq) flags.add(f.path.key);
      if (flags.size === 0) continue;
      if (tb.accesses.some((f) => f.atomic && !f.write && f.seq < b.seq && f.locks.has(l) && flags.has(f.path.key))) return true;
    }
  }
  return false;
}

/** a is a write an entry method makes before starting a goroutine that uses the location. */
function setsUpGoroutine(a: AccessEvent, t: Thread): boolean {
  if (!a.write || t.parent) return false;
  for (const c of children(t)) {
    if (c.spawn!.seq < a.seq) continue;
    if (threadsOf(c).some((th) => th.accesses.some((e) => e.path.key === a.path.key))) return true;
  }
  return false;
}

/** b is a write made by an ancestor of t before it started t's goroutine. */
function setUpBeforeSpawn(t: Thread, b: AccessEvent): boolean {
  if (!b.write) return false;
  for (let c: Thread = t; c.parent && c.spawn; c = c.parent) {
    const s = c.spawn;
    if (c.parent.accesses.some((e) => e.pos === b.pos && e.seq < s.seq)) return true;
  }
  return false;
}

/**
 * Two lock paths we cannot prove different that end in the same field (pc.t.idleMu and
 * t.idleMu): through aliasing they may be one mutex, so the accesses may be ordered.
 */
function mayShareLock(a: LockSet, b: LockSet, sz: Summarizer): boolean {
  const root = (k: string) => k.replace(/^(sem:|once:)/, '').split('.')[0]!;
  for (const [k, v] of a) {
    // Copies (C) are known to be distinct mutexes; paths from one root are distinct fields.
    if (!k.includes('.') || root(k).startsWith('C')) continue;
    const name = k.slice(k.lastIndexOf('.') + 1);
    for (const [k2, v2] of b) {
      if (!k2.includes('.') || root(k2).startsWith('C') || root(k2) === root(k) || sz.distinctObjects(root(k), root(k2))) continue;
      if (k2.slice(k2.lastIndexOf('.') + 1) === name && (v.mode === 'w' || v2.mode === 'w')) return true;
    }
  }
  return false;
}

/**
 * The access holds a lock that lives beside the location (c.mu for c.items, c.inner.mu
 * for c.inner.m): the lock the type uses to guard it.
 */
function guardedBy(a: AccessEvent, writeMode = false): boolean {
  for (const [k, v] of a.locks) {
    if (k.startsWith('once:') || k.startsWith('sem:')) continue;
    if (writeMode && v.mode !== 'w') continue;
    const owner = k.includes('.') ? k.slice(0, k.lastIndexOf('.')) : k;
    if (a.path.key === owner || a.path.key.startsWith(owner + '.')) return true;
  }
  return false;
}

export function realLocks(l: LockSet): number {
  let n = 0;
  for (const k of l.keys()) if (!k.startsWith('once:')) n++;
  return n;
}

/** Races between a spawning function and the goroutines it starts (and among them). */
function spawnRaces(root: Thread, report: Reporter, sz: Summarizer): void {
  const threads = threadsOf(root);
  if (threads.length < 2) return;
  const dead = lazyInitsDoneBeforeStart(threads);
  const keyed = threads.map((t) => byKey(dead ? t.accesses.filter((a) => !dead.has(a)) : t.accesses));
  for (let i = 0; i < threads.length; i++) {
    for (let j = i; j < threads.length; j++) {
      const ti = threads[i]!;
      const tj = threads[j]!;
      if (i === j && (!ti.multi || singletonSpawn(ti))) continue;
      if (i === j && ti.parent && joinedEachIteration(ti)) continue;
      const checkPair = (a: AccessEvent, b: AccessEvent): void => {
        if (a.atomic && b.atomic) return;
        if (!a.write && !b.write) return;
        if (a.mapOp || b.mapOp) return;
        if (!handoffPair(a, b)) return;
        if (commonLock(a.locks, b.locks) || mayShareLock(a.locks, b.locks, sz)) return;
        if (flagBarrier(a, ti, b, tj) || flagBarrier(b, tj, a, ti)) return;
        if (!mayRunInParallel(a, ti, b, tj)) return;
        report('data', a, b, ti.ctx, tj.ctx);
      };
      // forEach, not for-of: each entry of a for-of over a Map is a new [key, value] array.
      keyed[i]!.forEach((as, key) => {
        const bs = keyed[j]!.get(key);
        // A whole-struct access overlaps the accesses to its fields.
        const whole = structAccesses(as);
        if (whole.length > 0) {
          const parts = fieldAccessesOf(keyed[j]!, key);
          for (const a of whole) for (const b of parts) checkPair(a, b);
        }
        if (i !== j && bs) {
          const wholeJ = structAccesses(bs);
          if (wholeJ.length > 0) for (const a of fieldAccessesOf(keyed[i]!, key)) for (const b of wholeJ) checkPair(a, b);
        }
        if (!bs) return;
        for (let x = 0; x < as.length; x++) {
          const a = as[x]!;
          for (let y = 0; y < bs.length; y++) {
            const b = bs[y]!;
            if (i === j && a === b && !a.write) continue;
            const kind = conflict(a, b);
            if (!kind) continue;
            if (commonLock(a.locks, b.locks) || mayShareLock(a.locks, b.locks, sz)) continue;
            if (afterOnce(a, b, tj) || afterOnce(b, a, ti)) continue;
            if (flagBarrier(a, ti, b, tj) || flagBarrier(b, tj, a, ti)) continue;
            if (!mayRunInParallel(a, ti, b, tj)) continue;
            report(kind, a, b, ti.ctx, tj.ctx);
          }
        }
      });
    }
  }
}

const NO_ACCESSES: readonly AccessEvent[] = [];

/** The accesses of a whole struct or array value (most lists have none: no list is made). */
function structAccesses(l: readonly AccessEvent[]): readonly AccessEvent[] {
  for (const a of l) if (a.structVal) return l.filter((x) => x.structVal);
  return NO_ACCESSES;
}

/** The accesses to fields (or elements) below `key`. */
function fieldAccessesOf(keyed: ReadonlyMap<string, AccessEvent[]>, key: string): AccessEvent[] {
  const prefix = key + '.';
  const out: AccessEvent[] = [];
  for (const [k, l] of keyed) if (k.startsWith(prefix)) out.push(...l);
  return out;
}

/**
 * Lazy initialisations (`if p == nil { p = ... }`) in goroutines started after their
 * spawner knew p to be non-nil (the constructor ran the same initialisation): while
 * every write of p anywhere in the tree stores a non-nil value (or is such a dead
 * initialisation itself), p never becomes nil again and their bodies never run.
 */
function lazyInitsDoneBeforeStart(threads: readonly Thread[]): Set<AccessEvent> | undefined {
  let candidates: AccessEvent[] | undefined;
  for (const t of threads) {
    if (!t.spawn) continue;
    for (const a of t.accesses) if (a.write && a.lazyInit && knownNonNilAtStart(t, a.path.key)) (candidates ??= []).push(a);
  }
  if (!candidates) return undefined;
  const dead = new Set(candidates);
  const keys = new Set(candidates.map((a) => a.path.key));
  for (const t of threads) {
    for (const w of t.accesses) {
      if (!w.write || w.mapOp || dead.has(w)) continue;
      const at = writtenLocation(w.path.key);
      for (const k of keys) {
        if (!k.startsWith(at)) continue;
        const c = k.charCodeAt(at.length);
        const itself = k.length === at.length;
        // Replacing the object the location lives in (or the location with a maybe-nil value).
        if ((itself && (!w.nonNilValue || w.path.key !== at)) || (!itself && (c === 46 /* . */ || c === 91 /* [ */))) keys.delete(k);
      }
    }
  }
  for (const a of dead) if (!keys.has(a.path.key)) dead.delete(a);
  return dead.size > 0 ? dead : undefined;
}

/** The location was known non-nil when t (or the goroutine that started it) was started. */
function knownNonNilAtStart(t: Thread, key: string): boolean {
  for (let c: Thread = t; c.parent && c.spawn; c = c.parent) if (c.spawn.nonNil?.includes(key)) return true;
  return false;
}

/**
 * a and b run only after contradictory assertions about one field of the receiver
 * (`assert(t.inst == nil)` in one method, `assert(t.inst != nil)` in the other), and
 * every object keeps the value that field was made with: they never run on one object.
 */
function contradictoryAssertions(a: AccessEvent, b: AccessEvent, sz: Summarizer): boolean {
  if (!a.assumes || !b.assumes) return false;
  for (const x of a.assumes) {
    const key = x.slice(0, -5);
    const opposite = key + (x.endsWith('==nil') ? '!=nil' : '==nil');
    if (!b.assumes.includes(opposite) || !key.startsWith('R')) continue;
    const dot = key.indexOf('.');
    if (dot > 0 && sz.fieldSetOnlyAtConstruction(key.slice(1, dot), key.slice(dot + 1))) return true;
  }
  return false;
}

function isAncestor(p: Thread, c: Thread): boolean {
  for (let t = c.parent; t; t = t.parent) if (t === p) return true;
  return false;
}

/** The spawn event in `anc` whose goroutine is `t` or an ancestor of it. */
function spawnIn(anc: Thread, t: Thread): SpawnEvent {
  let c = t;
  while (c.parent !== anc) c = c.parent!;
  return c.spawn!;
}

function mayRunInParallel(a: AccessEvent, ta: Thread, b: AccessEvent, tb: Thread): boolean {
  if (ta === tb) {
    // Two instances of one goroutine; each instance has its own loop-fresh variables.
    const r = a.path.root;
    if (ta.fresh.has(r) || ta.ownLocals.has(r)) return false;
    // Instances that pass a token around (a ring of channels) take turns.
    return !handoff(a, ta, b, ta) && !handoff(b, ta, a, ta);
  }
  if (!isAncestor(ta, tb) && !isAncestor(tb, ta) && (ta.ownLocals.has(a.path.root) || tb.ownLocals.has(b.path.root))) return false;
  if (isAncestor(tb, ta)) return mayRunInParallel(b, tb, a, ta);
  if (isAncestor(ta, tb)) {
    if (tb.fresh.has(a.path.root) || tb.fresh.has(b.path.root)) {
      // A per-iteration variable handed to the goroutine: the spawner's later accesses
      // touch the next iteration's copy.
      const s = spawnIn(ta, tb);
      const sameIteration = a.iterCopy === true && a.seq > s.seq;
      if (!sameIteration && (a.seq < s.seq || sharesLoop(a, s))) return false;
    }
    return parentChildParallel(a, ta, b, tb);
  }
  // Siblings or cousins: find the closest common ancestor.
  let lca: Thread | null = ta.parent;
  while (lca && !isAncestor(lca, tb)) lca = lca.parent;
  if (!lca) return true;
  const s1 = spawnIn(lca, ta);
  const s2 = spawnIn(lca, tb);
  if (s1 === s2) return true;
  if (exclusive(s1.place, s2.place)) return false;
  // Two starts guarded by one token: the second start waits until the first goroutine
  // has given the token back, so the two goroutines never overlap.
  if (ta.parent === lca && tb.parent === lca && sameSingletonToken(ta, tb)) return false;
  if (ta.fresh.has(a.path.root) && tb.fresh.has(b.path.root) && s1.place.loops.length > 0) {
    // Loop-fresh roots differ between iterations; within one iteration they are shared.
  }
  const [first, fa, ft, second, sb, st] = s1.seq < s2.seq ? [s1, a, ta, s2, b, tb] : [s2, b, tb, s1, a, ta];
  // A join of the first goroutine between the two spawns orders it before the second.
  for (const j of lcaSyncs(lca)) {
    if (j.seq > first.seq && j.seq < second.seq && joins(j, fa, ft)) return false;
  }
  // Direct channel handoff between the two goroutines.
  if (handoff(fa, ft, sb, st) || handoff(sb, st, fa, ft)) return false;
  void second;
  return true;
}

function lcaSyncs(t: Thread): SyncEvent[] {
  return t.syncs;
}

/** a (in the parent) and b (in the goroutine tb, a descendant). */
function parentChildParallel(a: AccessEvent, ta: Thread, b: AccessEvent, tb: Thread): boolean {
  const s = spawnIn(ta, tb);
  // The singleton's start token, set again only once the goroutine has given it back.
  if (a.lazyInit && tb.parent === ta && singletonGuard(tb)?.path.key === a.path.key) return false;
  if (exclusive(a.place, s.place) && !sharesLoop(a, s)) return false;
  // `if !started { cleanup }` after the spawn: started was set for good before it.
  if (a.unlessFlag !== undefined && a.seq > s.seq && s.flagsSet?.includes(a.unlessFlag)) return false;
  if (a.seq < s.seq) {
    // Before the spawn: ordered, unless a later iteration runs it again while an
    // earlier goroutine is still running.
    const loop = innermostCommonLoop(a, s);
    if (loop === undefined) return false;
    if (!s.multi && !tb.multi) return false;
    for (const j of ta.syncs) if (j.place.loops.includes(loop) && (j.seq > s.seq || j.seq < a.seq) && joins(j, b, tb)) return false;
    return true;
  }
  // After the spawn: parallel unless a join or a handoff lies between.
  for (const j of ta.syncs) if (j.seq > s.seq && j.seq < a.seq && joins(j, b, tb)) return false;
  // a happens before a send the goroutine receives before b.
  for (const x of ta.syncs) {
    if (x.seq > a.seq && (x.op === 'send' || x.op === 'close')) {
      if (tb.syncs.some((r) => r.op === 'recv' && r.seq < b.seq && sameObj(r.obj, x.obj) && delivers(x, r))) return false;
    }
  }
  // The spawner's access at a later iteration than a join-less spawn is still parallel.
  return true;
}

/** Does sync event j (in an ancestor) wait for access b of goroutine tb to finish? */
function joins(j: SyncEvent, b: AccessEvent, tb: Thread): boolean {
  if (j.op === 'wait' && j.obj === BARRIER) return true;
  if (j.op === 'wait') {
    if (tb.spawn?.group && sameObj(tb.spawn.group, j.obj)) return true;
    for (let t: Thread | null = tb; t && t.spawn; t = t.parent) if (t.spawn.group && sameObj(t.spawn.group, j.obj) && t !== tb) return isDescendantDone(t, tb, b);
    return tb.syncs.some((d) => d.op === 'done' && d.seq > b.seq && sameObj(d.obj, j.obj));
  }
  if (j.op === 'recv') return tb.syncs.some((d) => (d.op === 'send' || d.op === 'close') && d.seq > b.seq && sameObj(d.obj, j.obj) && delivers(d, j));
  if (j.op === 'send' && (j.cap === 0 || j.cap === undefined)) {
    // An unbuffered send completes only after the matching receive.
    return tb.syncs.some((d) => d.op === 'recv' && d.seq > b.seq && sameObj(d.obj, j.obj) && delivers(j, d));
  }
  return false;
}

/** synctest.Wait: every goroutine of the bubble is blocked, so all they did so far is ordered. */
export const BARRIER = '<barrier>';

function isDescendantDone(_group: Thread, _tb: Thread, _b: AccessEvent): boolean {
  // A goroutine started inside a grouped goroutine is not joined by the group's Wait.
  return false;
}

/** a in ta happens before b in tb through a channel: ta sends after a, tb receives before b. */
function handoff(a: AccessEvent, ta: Thread, b: AccessEvent, tb: Thread): boolean {
  for (const x of ta.syncs) {
    if (x.seq > a.seq && (x.op === 'send' || x.op === 'close')) {
      if (tb.syncs.some((r) => r.op === 'recv' && r.seq < b.seq && sameObj(r.obj, x.obj) && delivers(x, r))) return true;
    }
  }
  return false;
}

function sameObj(a: string | null, b: string | null): boolean {
  // A channel or WaitGroup we cannot name might be the one: assume it is (stay quiet).
  if (a === null || b === null || a === b) return true;
  // Two plain local variables are two objects; a field and a variable (c.ctxResult and
  // the resultc stored in it) may be one.
  const ra = a.indexOf('.');
  const rb = b.indexOf('.');
  if ((ra < 0 ? a : a.slice(0, ra)) === (rb < 0 ? b : b.slice(0, rb))) return false;
  const plainLocal = (k: string, dot: number) => dot < 0 && k.startsWith('V');
  return !(plainLocal(a, ra) && plainLocal(b, rb));
}

function sharesLoop(a: { place: { loops: readonly number[] } }, b: { place: { loops: readonly number[] } }): boolean {
  return innermostCommonLoop(a, b) !== undefined;
}

function innermostCommonLoop(a: { place: { loops: readonly number[] } }, b: { place: { loops: readonly number[] } }): number | undefined {
  let found: number | undefined;
  const n = Math.min(a.place.loops.length, b.place.loops.length);
  for (let i = 0; i < n; i++) {
    if (a.place.loops[i] !== b.place.loops[i]) break;
    found = a.place.loops[i];
  }
  return found;
}

/** Two places in different arms of one if/switch (outside any loop they share). */
function exclusive(p: { arms: readonly string[]; loops: readonly number[] }, q: { arms: readonly string[]; loops: readonly number[] }): boolean {
  const n = Math.min(p.arms.length, q.arms.length);
  for (let i = 0; i < n; i++) {
    if (p.arms[i] === q.arms[i]) continue;
    const [pi] = p.arms[i]!.split(':');
    const [qi] = q.arms[i]!.split(':');
    return pi === qi;
  }
  return false;
}

/** A goroutine spawned in a loop that waits for it before the next iteration. */
function joinedEachIteration(t: Thread): boolean {
  const s = t.spawn!;
  const p = t.parent!;
  const loop = s.place.loops[s.place.loops.length - 1];
  if (loop === undefined) return false;
  return p.syncs.some((j) => j.seq > s.seq && j.place.loops.includes(loop) && t.accesses.every((b) => joins(j, b, t)));
}
