// Per-function summaries: one walk over a function body in program order, keeping the
// set of locks that must be held (a small dataflow over the structured AST: branches
// join by intersection, terminated branches drop out, deferred unlocks wait for the
// exit), and emitting access, spawn and synchronisation events. Calls to functions and
// methods of the same package are inlined from the callee's summary with the caller's
// paths substituted for the receiver and parameters (depth- and size-bounded).

import type * as ast from '../../syntax/ast.js';
import { Token } from '../../syntax/token.js';
import {
  type AccessEvent, type AccessRun, type Event, type FuncSummary, type InlineLayer, type LockMode, type LockSet, type Path, type Place,
  type RootShape, type SpawnEvent, type SummaryEvent, type SyncEvent, type SyncOp, NO_LOCKS, SpanText, runWrites, shapeThrough, eachRunAccess, eventCount, flattenRuns, lockSetIntersect, lockSetUnion, movedAccess,
} from './events.js';
import { type LType, PackageIndex, UNKNOWN, isReference, isSyncType, receiverBaseName } from './litetypes.js';
import { crossCallee, importedGlobalPath, importedMemberType } from './crosspkg.js';

export interface SourceAccess {
  source(file: ast.File): Uint8Array;
  fileAt(pos: number): ast.File | undefined;
  /** 1-based line of a position, for messages. */
  line(pos: number): number;
}

export interface HandlerRegistration {
  summary: FuncSummary;
  /** Roots the handler shares with the code that registered it (captured variables). */
  capturedRoots: ReadonlySet<string>;
  what: string;
  pos: number;
}

interface VarInfo {
  root: string;
  name: string;
  type: LType;
  /** Followed instead of the variable: `m := c.items` makes m name c.items. */
  alias?: Path;
  closure?: ClosureInfo;
  chanCap?: number;
  /** Accesses to the variable itself are recorded (captured, address taken, a parameter). */
  tracked: boolean;
  /** Declared inside this loop: each iteration has its own copy. */
  freshLoop?: number;
  /** Parameter or receiver: substituted at call sites. */
  param: boolean;
}

interface ClosureInfo {
  summary: FuncSummary;
  captured: ReadonlySet<string>;
}

class Scope {
  readonly vars = new Map<string, VarInfo>();
  constructor(readonly parent: Scope | null) {}
  lookup(name: string): VarInfo | undefined {
    for (let s: Scope | null = this; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v) return v;
    }
    return undefined;
  }
}

/**
 * How a walk declares a local name (FuncWalker.declare): a function's or literal's
 * receiver, parameter or named result; a `:=` (its `index`-th name; a type switch's
 * binding is unknown in every clause); a `var`/`const` spec; a range key or value.
 */
export type LocalDeclaration =
  | { k: 'field'; field: ast.Field }
  | { k: 'define'; stmt: ast.AssignStmt; index: number }
  | { k: 'typeswitch' }
  | { k: 'spec'; spec: ast.ValueSpec; index: number }
  | { k: 'range'; stmt: ast.RangeStmt; key: boolean };

interface ScopedDeclaration {
  decl: LocalDeclaration;
  /** Visible from here (the end of the declaring statement: its right side sees the names before it)... */
  from: number;
  /** ...to the end of the walk's scope that holds it: that scope's node (null: the declaration's own parameters, visible everywhere). */
  scope: ast.Node | null;
}

/**
 * The local names of one function body with the walk's scopes, from one pass over its
 * syntax (`enter` before a node's children, `leave` after), so that its expressions can
 * be typed as the walk will type them without walking it (Summarizer.bodyTyper). The
 * walk opens a scope for the parameters, for every block (the function's own body
 * included: a `:=` there shadows a parameter or named result), for `if`, `for`, `range`,
 * `switch` and type switch statements, and for each clause of a switch or select; a
 * `:=` of a name already in the same scope assigns it. A name is found at a position by
 * the visible declaration that starts last, which is the innermost.
 */
export class BodyDeclarations {
  private readonly byName = new Map<string, ScopedDeclaration[]>();
  private readonly scopes: ast.Node[] = [];
  /** Type switch bindings, seen at the switch before their AssignStmt is visited. */
  private typeSwitchAssign: ast.Stmt | null = null;
  /** Where each scope holding a declaration ends, computed when a lookup first needs it. */
  private readonly ends = new Map<ast.Node, number>();

  constructor(d: ast.FuncDecl) {
    const recv = d.Recv?.List[0];
    // walkDecl declares the receiver's first name only (a receiver has one).
    const rn = recv?.Names[0];
    if (recv && rn) this.add(rn, { k: 'field', field: recv }, 0, null);
    for (const f of d.Type.Params.List) for (const n of f.Names) this.add(n, { k: 'field', field: f }, 0, null);
    for (const f of d.Type.Results?.List ?? []) for (const n of f.Names) this.add(n, { k: 'field', field: f }, 0, null);
  }

  enter(n: ast.Node): void {
    switch (n.kind) {
      case 'BlockStmt':
      case 'IfStmt':
      case 'ForStmt':
      case 'SwitchStmt':
      case 'CaseClause':
      case 'CommClause':
        this.scopes.push(n);
        return;
      case 'RangeStmt':
        this.scopes.push(n);
        if (n.Tok === Token.DEFINE) {
          this.declare(n.Key, { k: 'range', stmt: n, key: true }, n.Body.Lbrace);
          this.declare(n.Value, { k: 'range', stmt: n, key: false }, n.Body.Lbrace);
        }
        return;
      case 'TypeSwitchStmt':
        this.scopes.push(n);
        this.typeSwitchAssign = n.Assign;
        return;
      case 'FuncLit': {
        this.scopes.push(n);
        const ft = n.Type;
        for (const f of ft.Params.List) for (const id of f.Names) this.declare(id, { k: 'field', field: f }, n.Body.Lbrace);
        for (const f of ft.Results?.List ?? []) for (const id of f.Names) this.declare(id, { k: 'field', field: f }, n.Body.Lbrace);
        return;
      }
      case 'AssignStmt':
        if (n.Tok !== Token.DEFINE) return;
        if (n === this.typeSwitchAssign) {
          for (const l of n.Lhs) this.declare(l, { k: 'typeswitch' }, astEnd(n));
          return;
        }
        for (let index = 0; index < n.Lhs.length; index++) this.declare(n.Lhs[index]!, { k: 'define', stmt: n, index }, astEnd(n));
        return;
      case 'DeclStmt':
        if (n.Decl.kind !== 'GenDecl') return;
        for (const spec of n.Decl.Specs) {
          if (spec.kind === 'ValueSpec') for (let index = 0; index < spec.Names.length; index++) this.declare(spec.Names[index]!, { k: 'spec', spec, index }, astEnd(spec));
        }
        return;
    }
  }

  leave(n: ast.Node): void {
    if (this.scopes.length > 0 && this.scopes[this.scopes.length - 1] === n) this.scopes.pop();
  }

  /** The declaration of `name` the walk finds at `at`; undefined: none (a package-level name or none). */
  visible(name: string, at: number): LocalDeclaration | undefined {
    const l = this.byName.get(name);
    if (l === undefined) return undefined;
    let best: ScopedDeclaration | undefined;
    for (const sd of l) if (sd.from <= at && (!best || sd.from > best.from) && at < this.end(sd.scope)) best = sd;
    return best?.decl;
  }

  private end(scope: ast.Node | null): number {
    if (scope === null) return Infinity;
    let e = this.ends.get(scope);
    if (e === undefined) this.ends.set(scope, (e = astEnd(scope)));
    return e;
  }

  /** Where a declaration's type is read: before its own name is visible (a `:=` or `var` right side, a range expression). */
  static typedAt(d: LocalDeclaration): number | undefined {
    switch (d.k) {
      case 'define':
        return d.stmt.TokPos;
      case 'spec':
        return d.spec.Names[0]!.NamePos;
      case 'range':
        return d.stmt.TokPos;
      default:
        return undefined;
    }
  }

  private declare(id: ast.Expr | null, decl: LocalDeclaration, from: number): void {
    if (id === null || id.kind !== 'Ident') return;
    const scope = this.scopes[this.scopes.length - 1];
    if (scope === undefined) return;
    // A `:=` of a name already declared in the same scope assigns it (walkAssign).
    if (decl.k === 'define' && this.byName.get(id.Name)?.some((sd) => sd.scope === scope)) return;
    this.add(id, decl, from, scope);
  }

  private add(id: ast.Ident, decl: LocalDeclaration, from: number, scope: ast.Node | null): void {
    if (id.Name === '_') return;
    let l = this.byName.get(id.Name);
    if (!l) this.byName.set(id.Name, (l = []));
    l.push({ decl, from, scope });
  }
}

/**
 * A scope that answers for a whole body at once (Summarizer.bodyTyper): a name is looked
 * up at `at`, the position of the expression being typed, among the body's
 * declarations as the walk's scopes hold them there.
 */
class FlatScope extends Scope {
  walker!: FuncWalker;
  at = 0;
  uncertain = false;
  private readonly typed = new Map<LocalDeclaration, VarInfo>();
  private readonly typing = new Set<LocalDeclaration>();
  constructor(private readonly locals: BodyDeclarations) {
    super(null);
  }
  override lookup(name: string): VarInfo | undefined {
    const d = this.locals.visible(name, this.at);
    if (d === undefined) return undefined;
    let v = this.typed.get(d);
    if (v) return v;
    if (this.typing.has(d)) {
      this.uncertain = true;
      return { root: '', name, type: UNKNOWN, tracked: false, param: false };
    }
    this.typing.add(d);
    const saved = this.at;
    const wasUncertain = this.uncertain;
    this.uncertain = false;
    this.at = BodyDeclarations.typedAt(d) ?? saved;
    const type = this.walker.declaredType(d);
    this.at = saved;
    this.typing.delete(d);
    v = { root: '', name, type, tracked: false, param: false };
    if (!this.uncertain) this.typed.set(d, v);
    this.uncertain ||= wasUncertain;
    return v;
  }
}

const LOCK_METHODS: Record<string, { lock: boolean; mode: LockMode }> = {
  Lock: { lock: true, mode: 'w' },
  RLock: { lock: true, mode: 'r' },
  Unlock: { lock: false, mode: 'w' },
  RUnlock: { lock: false, mode: 'r' },
};

/**
 * Standard types whose methods change the value's own state without synchronisation,
 * with the methods that only read it; every other method writes.
 */
const UNSYNCED_STD_TYPES = new Map<string, RegExp>([
  ['bytes.Buffer', /^(Len|Cap|Available|AvailableBuffer|Bytes|String)$/],
  ['strings.Builder', /^(Len|Cap|String)$/],
  ['bufio.Writer', /^(Available|AvailableBuffer|Buffered|Size)$/],
  ['container/list.List', /^(Len|Front|Back)$/],
]);

const FMT_READERS = /^(Print|Println|Printf|Sprint|Sprintln|Sprintf|Fprint|Fprintln|Fprintf|Errorf|Append|Appendf|Appendln|Fatal|Fatalf|Fatalln|Panic|Panicf|Panicln)$/;

/** Imported packages whose code the engine follows (see crosspkg.ts). */
export interface ImportedCode {
  /** The summarizer of the package an import path (as written in this package) names, when calls into it are followed. */
  summarizer(importPath: string): Summarizer | undefined;
  /**
   * False only when calls into the package an import path names are certainly not followed,
   * decided without loading it. Absent: any may be.
   */
  mayFollow?(importPath: string): boolean;
}

export interface SummarizerOptions {
  /** "1.22": loop variables are per iteration from 1.22 on. "" = assume the newest. */
  goVersion: string;
  imports?: ImportedCode;
  /**
   * Set for an imported package's summarizer: keeps its fresh roots, loop ids and
   * package variables apart from every other package's once summaries are inlined.
   */
  tag?: { id: number; packageName: string };
  maxDepth?: number;
  maxEvents?: number;
  /**
   * Told of every declaration of the package a walk resolves a call to (for tests: the
   * model's name graph must name each; see nameGraph).
   */
  observeCallee?: (caller: ast.FuncDecl, callee: ast.FuncDecl) => void;
}

/** Computes and memoises function summaries for one package. */
export class Summarizer {
  readonly index: PackageIndex;
  private memo = new Map<ast.FuncDecl, FuncSummary>();
  private inProgress = new Set<ast.FuncDecl>();
  readonly handlers: HandlerRegistration[] = [];
  /** Local variables declared as a new object (`x := &T{...}`, `new(T)`) ... */
  private allocatedRoots = new Set<string>();
  /** ... and those of them assigned again or whose address is taken. */
  private rebound = new Set<string>();
  private handlerSeen = new Set<number>();
  readonly perIterationLoopVars: boolean;
  readonly maxDepth: number;
  readonly maxEvents: number;
  private readonly observeCallee: SummarizerOptions['observeCallee'];
  private loopIds = 0;
  private freshIds = 0;
  private decoder = new TextDecoder();

  constructor(
    readonly files: readonly ast.File[],
    readonly src: SourceAccess,
    opts: SummarizerOptions,
  ) {
    this.index = new PackageIndex(files);
    const m = /^(?:go)?1\.(\d+)/.exec(opts.goVersion);
    this.perIterationLoopVars = !m || Number(m[1]) >= 22;
    this.maxDepth = opts.maxDepth ?? 5;
    this.maxEvents = opts.maxEvents ?? 4000;
    this.observeCallee = opts.observeCallee;
    this.imports = opts.imports;
    if (this.imports) {
      const imports = this.imports;
      this.index.resolveImport = (p) => imports.summarizer(p)?.index;
    }
    if (opts.tag) {
      this.freshPrefix = `F${opts.tag.id}x`;
      this.loopIds = opts.tag.id * 2 ** 32;
      this.globalSuffix = `@${opts.tag.id}`;
      this.displayPrefix = opts.tag.packageName + '.';
    }
  }

  readonly imports: ImportedCode | undefined;
  private freshPrefix = 'F';
  private globalSuffix = '';
  private displayPrefix = '';

  /** The summarizer of an imported package whose code is followed, if any. */
  imported(importPath: string): Summarizer | undefined {
    return this.imports?.summarizer(importPath);
  }

  /** Root key of a package variable: `G<name>`, qualified for an imported package's. */
  globalKey(name: string): string {
    return `G${name}${this.globalSuffix}`;
  }

  newLoopId(): number {
    return ++this.loopIds;
  }
  newFreshRoot(): string {
    return `${this.freshPrefix}${++this.freshIds}`;
  }

  /** Source text of [pos, end), on one line, shortened. */
  text(pos: number, end: number): string {
    // Declarations are walked again at other depths: each span is decoded once.
    const span = end - pos;
    const key = span >= 0 && span < 2 ** 22 && pos >= 0 && pos < 2 ** 31 ? pos * 2 ** 22 + span : -1;
    const done = key >= 0 ? this.texts.get(key) : undefined;
    if (done !== undefined) return done;
    const f = this.src.fileAt(pos);
    if (!f) return '?';
    const bytes = this.src.source(f);
    let s = this.decoder.decode(bytes.subarray(pos - f.FileStart, end - f.FileStart)).replace(/\s+/g, ' ').trim();
    if (s.length > 60) s = s.slice(0, 57) + '...';
    if (key >= 0) this.texts.set(key, s);
    return s;
  }
  private readonly texts = new Map<number, string>();

  fileOf(n: { pos: number }): ast.File | undefined {
    return this.src.fileAt(n.pos);
  }

  /** Display name of a function declaration: "(*Cache).Put", "main". */
  funcName(d: ast.FuncDecl): string {
    if (!d.Recv || d.Recv.List.length === 0) return this.displayPrefix + d.Name.Name;
    const t = d.Recv.List[0]!.Type;
    const base = receiverBaseName(t);
    const ptr = t?.kind === 'StarExpr';
    return ptr ? `(*${this.displayPrefix}${base}).${d.Name.Name}` : `${this.displayPrefix}${base}.${d.Name.Name}`;
  }

  /**
   * BodyFacts of each declaration's body, once per declaration (it is walked again at
   * other depths); the model fills it for every body in the pass that builds its name graph.
   */
  readonly bodyFacts = new Map<ast.FuncDecl, BodyFacts>();
  private factsOf(decl: ast.FuncDecl): BodyFacts {
    let f = this.bodyFacts.get(decl);
    if (!f) this.bodyFacts.set(decl, (f = bodyFactsOf(decl.Body!)));
    return f;
  }
  private readonly onlyTrueByDecl = new Map<ast.FuncDecl, Set<string>>();
  private onlyTrueIn(decl: ast.FuncDecl): Set<string> {
    let t = this.onlyTrueByDecl.get(decl);
    if (!t) this.onlyTrueByDecl.set(decl, (t = this.factsOf(decl).onlyTrueBools()));
    return t;
  }

  summaryOf(decl: ast.FuncDecl, depth = 0): FuncSummary {
    this.noteCallee(decl);
    const done = this.memo.get(decl);
    if (done) return done;
    if (this.inProgress.has(decl) || depth > this.maxDepth || !decl.Body) return emptySummary(this.funcName(decl), !decl.Body ? false : true);
    const s = this.walk(decl, depth);
    // A summary cut short by depth is not memoised: a shallower caller may do better.
    if (depth === 0 || !s.truncated) {
      this.memo.set(decl, s);
      this.memoDepth.set(decl, depth);
    }
    return s;
  }

  /**
   * A summary of the declaration is memoised: asking for it walks nothing (and the model
   * summarises only those whose summaries it reads).
   */
  hasSummary(decl: ast.FuncDecl): boolean {
    return this.memo.has(decl);
  }

  private memoDepth = new Map<ast.FuncDecl, number>();
  private rootMemo = new Map<ast.FuncDecl, FuncSummary>();

  /**
   * The summary of a function the model runs as a root (a spawner, an entry method): made
   * at depth 0. The memoised one may have been made first deep in some call chain, where
   * the depth bound left out its callees (Method without its call to unpack); callers
   * keep inlining that one (the cost model), but a root gets its own full walk.
   */
  rootSummaryOf(decl: ast.FuncDecl): FuncSummary {
    const s = this.summaryOf(decl);
    if (!s.depthCut || (this.memoDepth.get(decl) ?? 0) === 0 || !decl.Body || this.inProgress.has(decl)) return s;
    let r = this.rootMemo.get(decl);
    if (!r) this.rootMemo.set(decl, (r = this.walk(decl, 0)));
    return r;
  }

  /** Declarations being walked, innermost last (only kept for observeCallee). */
  private readonly walking: ast.FuncDecl[] = [];

  /** Tells observeCallee that the walk under way resolved a call to `callee`. */
  noteCallee(callee: ast.FuncDecl): void {
    if (this.observeCallee !== undefined && this.walking.length > 0) this.observeCallee(this.walking[this.walking.length - 1]!, callee);
  }

  private walk(decl: ast.FuncDecl, depth: number): FuncSummary {
    this.inProgress.add(decl);
    if (this.observeCallee !== undefined) this.walking.push(decl);
    try {
      const file = this.src.fileAt(decl.Name.NamePos);
      const w = new FuncWalker(this, file, this.funcName(decl), new Scope(null), depth, this.factsOf(decl).tracked, typeParamNames(decl));
      w.onlyTrueNames = this.onlyTrueIn(decl);
      return w.walkDecl(decl);
    } finally {
      if (this.observeCallee !== undefined) this.walking.pop();
      this.inProgress.delete(decl);
    }
  }

  private fieldCaps: Map<string, number | null> | undefined;
  /**
   * Capacity of the channels stored in field `field` of local type `typeName`, from every
   * `make(chan T, N)` the package puts there; undefined when unknown or not one value.
   */
  fieldChanCap(typeName: string, field: string): number | undefined {
    if (!this.fieldCaps) {
      const caps = new Map<string, number | null>();
      const note = (key: string, v: ast.Expr) => {
        const x = unparen(v);
        if (x.kind !== 'CallExpr' || x.Fun.kind !== 'Ident' || x.Fun.Name !== 'make' || !x.Args[0] || unparen(x.Args[0]).kind !== 'ChanType') return;
        const n = x.Args.length >= 2 ? intLiteral(unparen(x.Args[1]!)) ?? null : 0;
        const prev = caps.get(key);
        caps.set(key, prev === undefined ? n : prev === n ? n : null);
      };
      for (const f of this.files) {
        // Only a declaration that spells `chan` can make one: the bytes tell which (walking
        // every node of every file cost 100 ms over GOROOT/src).
        const bytes = this.src.source(f);
        const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        const chans: number[] = [];
        for (let at = buf.indexOf('chan'); at >= 0; at = buf.indexOf('chan', at + 4)) chans.push(f.FileStart + at);
        if (chans.length === 0) continue;
        const visit = (n: ast.Node): void => {
          if (n.kind === 'CompositeLit' && n.Type) {
            const name = receiverBaseName(n.Type.kind === 'StarExpr' ? n.Type.X : n.Type);
            if (name && this.index.types.has(name)) {
              for (const el of n.Elts) if (el.kind === 'KeyValueExpr' && el.Key.kind === 'Ident') note(`${name}.${el.Key.Name}`, el.Value);
            }
          } else if (n.kind === 'AssignStmt' && n.Lhs.length === n.Rhs.length) {
            // x.f = make(chan T, N): the field's name is enough here (any type).
            n.Lhs.forEach((l, i) => {
              if (l.kind === 'SelectorExpr') note(`*.${l.Sel.Name}`, n.Rhs[i]!);
            });
          }
          forEachChildNode(n, visit);
        };
        for (const d of f.Decls) {
          const from = astPos(d);
          const to = astEnd(d);
          // The first `chan` at or after the declaration's start, by binary search.
          let lo = 0;
          let hi = chans.length;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (chans[mid]! < from) lo = mid + 1;
            else hi = mid;
          }
          if (lo < chans.length && chans[lo]! < to) visit(d);
        }
      }
      this.fieldCaps = caps;
    }
    const a = this.fieldCaps.get(`${typeName}.${field}`);
    const b = this.fieldCaps.get(`*.${field}`);
    if (a === undefined) return b ?? undefined;
    if (b === undefined || b === a) return a ?? undefined;
    return undefined;
  }

  lineOf(pos: number): number {
    return this.src.line(pos);
  }

  private globalWalkers = new Map<ast.File, FuncWalker>();
  /** A walker at package scope in `file`, for typing package variable initialisers. */
  globalWalker(file: ast.File): FuncWalker {
    let w = this.globalWalkers.get(file);
    if (!w) this.globalWalkers.set(file, (w = new FuncWalker(this, file, '', new Scope(null), this.maxDepth, new Set(), new Set())));
    return w;
  }

  /**
   * Types of expressions in `decl`'s body as its walk will see them, without walking it:
   * a walker whose scope holds each local name at its one declaration (`FlatScope`).
   * Answers undefined when the type depends on a name the flat scope cannot stand for.
   */
  bodyTyper(decl: ast.FuncDecl, locals: BodyDeclarations): (e: ast.Expr) => LType | undefined {
    const scope = new FlatScope(locals);
    const w = new FuncWalker(this, this.src.fileAt(decl.Name.NamePos), '', scope, this.maxDepth, new Set(), typeParamNames(decl));
    scope.walker = w;
    return (e) => {
      scope.uncertain = false;
      scope.at = astPos(e);
      const t = w.typeOf(e);
      return scope.uncertain ? undefined : t;
    };
  }

  private writtenNames: Set<string> | undefined;
  /**
   * An unexported package variable that starts false (`var alwaysFalse bool`) and that no
   * code of the package assigns or takes the address of: false in every run, so the body
   * of `if alwaysFalse` is dead (a benchmark's guard keeping a result alive).
   */
  constantFalseGlobal(name: string): boolean {
    const g = this.index.globals.get(name);
    if (!g || !/^[a-z_]/.test(name)) return false;
    const v = g.spec.Values[g.index];
    const startsFalse = v ? unparen(v).kind === 'Ident' && (unparen(v) as ast.Ident).Name === 'false' : g.spec.Type?.kind === 'Ident' && g.spec.Type.Name === 'bool';
    if (!startsFalse) return false;
    if (!this.writtenNames) {
      // Names written anywhere (by name, whatever scope they resolve to: conservative).
      const written = new Set<string>();
      const target = (e: ast.Expr) => {
        const u = unparen(e);
        if (u.kind === 'Ident') written.add(u.Name);
      };
      for (const f of this.files) {
        const visit = (n: ast.Node): void => {
          if (n.kind === 'AssignStmt') n.Lhs.forEach(target);
          else if (n.kind === 'IncDecStmt') target(n.X);
          else if (n.kind === 'RangeStmt') {
            if (n.Key) target(n.Key);
            if (n.Value) target(n.Value);
          } else if (n.kind === 'UnaryExpr' && n.Op === Token.AND) target(n.X);
          forEachChildNode(n, visit);
        };
        for (const d of f.Decls) if (d.kind === 'FuncDecl') visit(d);
        // Package-level initialisers can take an address too (`var p = &alwaysFalse`).
        for (const d of f.Decls) if (d.kind === 'GenDecl') visit(d);
      }
      this.writtenNames = written;
    }
    return !this.writtenNames.has(name);
  }

  private assertions = new Map<ast.FuncDecl, boolean>();
  /**
   * A function that panics unless its one bool parameter is true: `func assert(p bool) {
   * if !p { ...; panic(...) } }` and nothing else.
   */
  isAssertion(d: ast.FuncDecl): boolean {
    let yes = this.assertions.get(d);
    if (yes !== undefined) return yes;
    yes = false;
    const ps = d.Type.Params.List;
    const body = d.Body?.List ?? [];
    const pt = ps[0]?.Type;
    if (!d.Recv && ps.length === 1 && ps[0]!.Names.length === 1 && pt && pt.kind === 'Ident' && pt.Name === 'bool' && !d.Type.Results?.List.length && body.length === 1) {
      const s = body[0]!;
      const c = s.kind === 'IfStmt' && !s.Init && !s.Else ? unparen(s.Cond) : null;
      const last = s.kind === 'IfStmt' ? s.Body.List[s.Body.List.length - 1] : undefined;
      const x = c && c.kind === 'UnaryExpr' && c.Op === Token.NOT ? unparen(c.X) : null;
      const panics = last?.kind === 'ExprStmt' && last.X.kind === 'CallExpr' && last.X.Fun.kind === 'Ident' && last.X.Fun.Name === 'panic';
      yes = x !== null && x.kind === 'Ident' && x.Name === ps[0]!.Names[0]!.Name && panics;
    }
    this.assertions.set(d, yes);
    return yes;
  }

  private writtenFields: Set<string> | undefined;
  /** Local struct types a whole value of which is stored over another; '?' when a store's type is unknown. */
  private wholeStored: Set<string> | undefined;

  /**
   * Field `name` of local type `typeName` keeps the value its object was made with: the
   * name is unexported, no code of the package assigns a field of that name, increments
   * it, ranges into it or takes its address (it is only ever set in composite literals),
   * and no code stores a whole value of the type over another (`*p = v`, `x = T{...}`,
   * `x = *p`; a store through a pointer whose type is not known counts as one). From
   * syntax over every declaration, walked or not.
   */
  fieldSetOnlyAtConstruction(typeName: string, name: string): boolean {
    if (!/^[a-z_]/.test(name)) return false;
    if (!this.writtenFields || !this.wholeStored) this.scanStores();
    return !this.writtenFields!.has(name) && !this.wholeStored!.has(typeName) && !this.wholeStored!.has('?');
  }

  private scanStores(): void {
    const written = new Set<string>();
    const whole = new Set<string>();
    const idx = this.index;
    for (const f of this.files) {
      // Names of the enclosing functions' receivers, parameters, results and `var x T`, with their types.
      let scope = new Map<string, LType>();
      const declare = (ft: ast.FuncType, recv: ast.FieldList | null) => {
        for (const l of [recv?.List ?? [], ft.Params.List, ft.Results?.List ?? []]) for (const fl of l) for (const n of fl.Names) scope.set(n.Name, idx.typeExpr(fl.Type, f));
      };
      const typeOf = (e: ast.Expr): LType => {
        const u = unparen(e);
        if (u.kind === 'Ident') return scope.get(u.Name) ?? (idx.globals.has(u.Name) ? idx.globalType(u.Name, (x, gf) => this.globalWalker(gf).typeOf(x)) : UNKNOWN);
        if (u.kind === 'SelectorExpr') return idx.field(typeOf(u.X), u.Sel.Name)?.type ?? UNKNOWN;
        if (u.kind === 'StarExpr') {
          const t = typeOf(u.X);
          return t.k === 'ptr' ? t.elem : UNKNOWN;
        }
        if (u.kind === 'IndexExpr') {
          let t = idx.underlying(typeOf(u.X));
          if (t.k === 'ptr') t = idx.underlying(t.elem);
          return t.k === 'slice' || t.k === 'array' ? t.elem : t.k === 'map' ? t.val : UNKNOWN;
        }
        return UNKNOWN;
      };
      const importName = (e: ast.Expr): boolean => {
        let b = unparen(e);
        while (b.kind === 'SelectorExpr') b = unparen(b.X);
        return b.kind === 'Ident' && !scope.has(b.Name) && !idx.globals.has(b.Name) && idx.imports.get(f)?.has(b.Name) === true;
      };
      /** A whole value of type t stored: a local struct type's name, '?' when unknown. */
      const stored = (t: LType) => {
        if (t.k === 'unknown') whole.add('?');
        else if (t.k === 'named' && t.pkg === '' && idx.underlying(t).k === 'struct') whole.add(t.name);
      };
      const target = (e: ast.Expr) => {
        const u = unparen(e);
        if (u.kind === 'SelectorExpr') written.add(u.Sel.Name);
      };
      const visit = (n: ast.Node): void => {
        if (n.kind === 'FuncDecl' || n.kind === 'FuncLit') {
          const saved = scope;
          scope = new Map(saved);
          declare(n.Type, n.kind === 'FuncDecl' ? n.Recv : null);
          forEachChildNode(n, visit);
          scope = saved;
          return;
        }
        if (n.kind === 'ValueSpec' && n.Type) for (const id of n.Names) scope.set(id.Name, idx.typeExpr(n.Type, f));
        if (n.kind === 'AssignStmt') {
          n.Lhs.forEach(target);
          if (n.Tok === Token.ASSIGN) {
            n.Lhs.forEach((l, i) => {
              const lu = unparen(l);
              const r = n.Lhs.length === n.Rhs.length ? unparen(n.Rhs[i]!) : null;
              if (lu.kind === 'StarExpr') stored(typeOf(lu));
              else if (r && r.kind === 'CompositeLit' && r.Type?.kind === 'Ident') stored(idx.typeExpr(r.Type, f));
              else if (r && r.kind === 'StarExpr' && !importName(lu)) stored(typeOf(lu));
            });
          }
        } else if (n.kind === 'IncDecStmt') target(n.X);
        else if (n.kind === 'RangeStmt') {
          if (n.Key) target(n.Key);
          if (n.Value) target(n.Value);
        } else if (n.kind === 'UnaryExpr' && n.Op === Token.AND) target(n.X);
        forEachChildNode(n, visit);
      };
      for (const d of f.Decls) visit(d);
    }
    this.writtenFields = written;
    this.wholeStored = whole;
  }

  noteAllocation(root: string): void {
    this.allocatedRoots.add(root);
  }
  noteRebound(root: string): void {
    this.rebound.add(root);
  }
  /**
   * Two roots that are two different objects: each is a variable initialised with its own
   * allocation and never assigned again, so no aliasing can make them one (merge's
   * `other.mu` is not `s.mu` when other and s are two such variables).
   */
  distinctObjects(a: string, b: string): boolean {
    return a !== b && this.allocatedRoots.has(a) && this.allocatedRoots.has(b) && !this.rebound.has(a) && !this.rebound.has(b);
  }

  registerHandler(h: HandlerRegistration): void {
    if (this.handlerSeen.has(h.pos)) return;
    this.handlerSeen.add(h.pos);
    this.handlers.push(h);
  }
}

function emptySummary(name: string, truncated: boolean): FuncSummary {
  return { name, events: [], recvRoot: null, paramRoots: [], acquired: NO_LOCKS, released: new Set(), truncated };
}

function typeParamNames(d: ast.FuncDecl): Set<string> {
  const s = new Set<string>();
  for (const f of d.Type.TypeParams?.List ?? []) for (const n of f.Names) s.add(n.Name);
  // Methods of generic types name their type parameters in the receiver.
  const rt = d.Recv?.List[0]?.Type;
  let e = rt?.kind === 'StarExpr' ? rt.X : rt;
  if (e?.kind === 'IndexExpr' && e.Index.kind === 'Ident') s.add(e.Index.Name);
  if (e?.kind === 'IndexListExpr') for (const i of e.Indices) if (i.kind === 'Ident') s.add(i.Name);
  return s;
}

/**
 * What walking a function body needs to know of it beforehand, from one pass over its
 * syntax (`enter` before a node's children, `leave` after): the model's name graph makes
 * the same pass over every body and collects these on the way (`nameGraph`).
 */
export class BodyFacts {
  /**
   * Names that a function literal inside the body mentions or whose address is taken:
   * only such local variables can be shared, so only their accesses are recorded.
   */
  readonly tracked = new Set<string>();
  private readonly startFalse = new Set<string>();
  private readonly assignedOtherwise = new Set<string>();
  private litDepth = 0;

  enter(n: ast.Node): void {
    switch (n.kind) {
      case 'Ident':
        if (this.litDepth > 0) this.tracked.add(n.Name);
        return;
      case 'FuncLit':
        this.litDepth++;
        return;
      case 'UnaryExpr': {
        if (n.Op !== Token.AND) return;
        let x: ast.Expr = n.X;
        while (x.kind === 'ParenExpr' || x.kind === 'SelectorExpr' || x.kind === 'IndexExpr') x = x.X;
        if (x.kind === 'Ident') this.tracked.add(x.Name);
        const u = unparen(n.X);
        if (u.kind === 'Ident') this.assignedOtherwise.add(u.Name);
        return;
      }
      case 'AssignStmt':
        for (let i = 0; i < n.Lhs.length; i++) {
          const u = unparen(n.Lhs[i]!);
          if (u.kind !== 'Ident') continue;
          const r = n.Lhs.length === n.Rhs.length ? n.Rhs[i] : undefined;
          if (n.Tok === Token.DEFINE && isNamed(r, 'false')) this.startFalse.add(u.Name);
          else if (!(n.Tok === Token.ASSIGN && isNamed(r, 'true'))) this.assignedOtherwise.add(u.Name);
        }
        return;
      case 'ValueSpec':
        for (let i = 0; i < n.Names.length; i++) {
          const v = n.Values[i];
          const name = n.Names[i]!.Name;
          if ((v && isNamed(v, 'false')) || (!v && n.Type?.kind === 'Ident' && n.Type.Name === 'bool')) this.startFalse.add(name);
          else this.assignedOtherwise.add(name);
        }
        return;
      case 'IncDecStmt':
        this.assignedName(n.X);
        return;
      case 'RangeStmt':
        this.assignedName(n.Key);
        this.assignedName(n.Value);
        return;
    }
  }

  private assignedName(e: ast.Expr | null): void {
    const u = e ? unparen(e) : null;
    if (u?.kind === 'Ident') this.assignedOtherwise.add(u.Name);
  }

  leave(n: ast.Node): void {
    if (n.kind === 'FuncLit') this.litDepth--;
  }

  /**
   * Local bools that start false (`started := false`, `var started bool`) and that the
   * body only ever sets to true: once true they stay true. By name, over the whole body
   * (a name assigned anything else anywhere, or whose address is taken, is left out).
   */
  onlyTrueBools(): Set<string> {
    const out = new Set(this.startFalse);
    for (const n of this.assignedOtherwise) out.delete(n);
    return out;
  }
}

export function bodyFactsOf(body: ast.BlockStmt): BodyFacts {
  const f = new BodyFacts();
  inspect(
    body,
    (n) => {
      f.enter(n);
      return true;
    },
    (n) => f.leave(n),
  );
  return f;
}

function isNamed(e: ast.Expr | null | undefined, name: string): boolean {
  const u = e ? unparen(e) : null;
  return u !== null && u.kind === 'Ident' && u.Name === name;
}

/** The children of a node inside a function body (go/ast field order). */
function forEachChildNode(n: ast.Node, f: (c: ast.Node) => void): void {
  forEachChild(n, f);
}


/** `&T{...}` or `new(T)`: a value no other variable refers to yet. */
function isAllocation(value: ast.Expr, shadowed: (name: string) => boolean): boolean {
  const x = unparen(value);
  if (x.kind === 'UnaryExpr' && x.Op === Token.AND) return unparen(x.X).kind === 'CompositeLit';
  return x.kind === 'CallExpr' && x.Fun.kind === 'Ident' && x.Fun.Name === 'new' && !shadowed('new');
}

/** An index computed by an operation that maps many values to one (`%`, `/`, `&`, `>>`). */
function foldsIndexes(index: ast.Expr): boolean {
  const x = unparen(index);
  return x.kind === 'BinaryExpr' && (x.Op === Token.REM || x.Op === Token.QUO || x.Op === Token.AND || x.Op === Token.SHR) && intLiteral(unparen(x.Y)) !== 1;
}

const NO_FACTS: ReadonlySet<string> = new Set();
const NO_ASSUMPTIONS: readonly string[] = [];

/** Facts held before a loop or deferred code (see FuncWalker.enterLoopFacts). */
interface LoopFacts {
  watch: boolean;
  facts: ReadonlySet<string>;
  dropped: number;
  events: number;
  exits: number;
}
const NOT_WATCHED: LoopFacts = Object.freeze({ watch: false, facts: NO_FACTS, dropped: 0, events: 0, exits: 0 });

/** Does a write to `written` change what `key` names (the location itself, or one reached through it)? */
function reachesThrough(key: string, written: string): boolean {
  if (!key.startsWith(written)) return false;
  if (key.length === written.length) return true;
  const c = key.charCodeAt(written.length);
  return c === 46 /* . */ || c === 91 /* [ */;
}

/** The location a write with this key replaces: `*p = v` replaces all of p's object. */
export function writtenLocation(key: string): string {
  return key.endsWith('.*') ? key.slice(0, -2) : key;
}

function intersectFacts(states: readonly (ReadonlySet<string> | null)[], fallback: ReadonlySet<string>): ReadonlySet<string> {
  const live = states.filter((s): s is ReadonlySet<string> => s !== null);
  if (live.length === 0) return fallback;
  return live.reduce((a, b) => {
    if (a === b || a.size === 0) return a;
    if (b.size === 0) return b;
    const out = new Set<string>();
    for (const k of a) if (b.has(k)) out.add(k);
    return out;
  });
}

/** A path derived from `base` (a field, element, or substitution) keeps its channel handoff tag. */
function withHandoff(base: Path, p: Path): Path {
  if (base.handoff) p.handoff = base.handoff;
  if (base.own && p.key.startsWith(base.key)) p.own = { key: base.own.key + p.key.slice(base.key.length), root: base.own.root, text: p.text };
  return p;
}

/** The value a receive from the channel at `ch` yields (see Path.handoff). */
function receivedPath(ch: Path, text: string): Path {
  return { key: ch.key + '.<sent>', root: ch.root, text, detached: true, handoff: 'recv' };
}

function intLiteral(e: ast.Expr | undefined): number | undefined {
  if (!e || e.kind !== 'BasicLit' || e.Kind !== Token.INT) return undefined;
  const n = Number(e.Value.replace(/_/g, ''));
  return Number.isFinite(n) ? n : undefined;
}

function exprEnd(n: ast.Node): number {
  // Local copy of go/ast End for the few node kinds used as operation spans.
  return astEnd(n);
}
import { end as astEnd, forEachChild, inspect, pos as astPos, unparen } from '../../syntax/ast.js';

/** Walks one function body (or function literal) and builds its summary. */
class FuncWalker {
  events: SummaryEvent[] = [];
  /** The events `events` stands for (a run counts its accesses): what the size bound counts. */
  private counted = 0;
  /** The variable roots the accesses of the runs inlined here name (see FuncSummary.accessRoots). */
  private readonly inlinedAccessRoots = new Set<string>();

  locks: LockSet = NO_LOCKS;
  private seq = 0;
  private loops: number[] = [];
  private arms: string[] = [];
  private armIds = 0;
  private deferred: (() => void)[] = [];
  private deferredUnlocks = new Set<string>();
  private exitLocks: LockSet[] = [];
  private released = new Set<string>();
  terminated = false;
  truncated = false;
  /** A call was not inlined because of the depth bound. */
  depthCut = false;
  /** Local bools of the function that start false and are only ever set to true. */
  onlyTrueNames: ReadonlySet<string> = new Set();
  /** Roots of such bools set to true in this function's straight-line code so far. */
  private flagsTrue: string[] = [];
  /** Roots of such bools tested false around the current point (`if !started { ... }`). */
  private unlessFlags: string[] = [];
  /** Nil tests asserted so far in the function's straight-line code (see AccessEvent.assumes). */
  private assumed: readonly string[] = NO_ASSUMPTIONS;
  /** Roots of variables declared in this function (parameters included). */
  readonly ownRoots = new Set<string>();
  /** Outer variables this function (a literal) refers to. */
  readonly captured = new Set<string>();
  private freshVars: { root: string; loop: number }[] = [];
  /** Roots given to the locals of callees inlined here: each run of this code has its own. */
  readonly inlinedLocals = new Set<string>();
  /** Locations being lazily initialised (inside `if p == nil { ... }`). */
  private lazyInit: string[] = [];
  /** What the return statements hand back, when they all name one location. */
  result: Path | null | undefined = undefined;
  private recvValue = false;
  /**
   * Locations known to hold a non-nil value here: set to an allocation (or a location
   * known to hold one), past `if p == nil { p = ... }`, or ensured by an inlined callee.
   * Dropped by any other write to the location or a prefix; branches join by
   * intersection. Only its snapshots leave the walker (spawns, `ensured`), and the model
   * trusts a snapshot only while every write anywhere keeps the location non-nil.
   */
  private nonNil: ReadonlySet<string> = NO_FACTS;
  /** Inside a loop or deferred code: the keys dropped, to take them from facts held before it. */
  private factWatch = 0;
  private factsDropped: string[] | undefined;
  /** Facts at the end of the last branch arm (null: it terminated). */
  private armFacts: ReadonlySet<string> | null = NO_FACTS;
  /** Facts at each return, and the field suffixes of the returned object known non-nil. */
  private exitFacts: ReadonlySet<string>[] | undefined;
  /** Some return held no facts (no `ensured`); some return handing back an object held none (no `resultEnsured`). */
  private exitWithoutFacts = false;
  private objectExitWithoutFacts = false;
  /** The declaration and summary inlined last (a call's own callee is inlined after its arguments'). */
  private lastInlinedDecl: ast.FuncDecl | undefined;
  private lastInlinedSummary: FuncSummary | undefined;
  /** The assignment being walked writes values that cannot be nil. */
  private writingNonNil = false;

  constructor(
    readonly sz: Summarizer,
    readonly file: ast.File | undefined,
    readonly fnName: string,
    public scope: Scope,
    readonly depth: number,
    readonly tracked: Set<string>,
    readonly typeParams: Set<string>,
    readonly outerScope: Scope | null = null,
  ) {}

  // ---- places and events

  /** Events at one place share its Place (places are never mutated); reset when loops or arms change. */
  private placeHere: Place | null = null;
  place(): Place {
    return (this.placeHere ??= { loops: this.loops.slice(), arms: this.arms.slice() });
  }

  private push(e: Event): void {
    if (e.k === 'access') this.forgetWrittenFacts(e.path, e);
    if (this.counted >= this.sz.maxEvents) {
      this.truncated = true;
      return;
    }
    this.events.push(e);
    this.counted++;
  }

  /** A write replaces what was known of the location; a non-nil value keeps it non-nil, but what was known through the old value is gone. */
  private forgetWrittenFacts(path: Path, e: AccessEvent): void {
    if (e.write && !e.mapOp && this.nonNil.size > 0) this.dropFacts(writtenLocation(path.key), e.nonNilValue === true && !path.key.endsWith('.*'));
  }

  private pushRun(r: AccessRun): void {
    if (this.nonNil.size > 0 && this.mayDropFacts(r)) {
      // The run's writes drop facts as their copies would have, in order.
      eachRunAccess(r, (e, layers) => {
        if (!e.write || e.mapOp) return true;
        let path = e.path;
        for (const l of layers) path = l.path(path, e.mapOp);
        this.forgetWrittenFacts(path, e);
        return this.nonNil.size > 0;
      });
    }
    this.events.push(r);
    this.counted += r.count;
    this.seq += r.count;
  }

  /**
   * Whether some plain write of the run lands under the root of a fact held now (a write
   * drops only facts at or below its location, which share its root): most runs write
   * nowhere near, and are not visited.
   */
  private mayDropFacts(r: AccessRun): boolean {
    const writes = runWrites(r);
    if (writes.length === 0) return false;
    const roots = new Set<string>();
    for (const k of this.nonNil) roots.add(k.slice(0, localRootEnd(k)));
    return writes.some((x) => roots.has(shapeThrough(x, r.layers).root));
  }

  // ---- non-nil facts (see nonNil)

  private addFact(key: string): void {
    if (this.nonNil.has(key)) return;
    const next = new Set(this.nonNil);
    next.add(key);
    this.nonNil = next;
  }

  /**
   * A write to `key`: it and everything reached through it are unknown again, or, for a
   * value that cannot be nil (`keepSelf`), only what was reached through the old value.
   */
  private dropFacts(key: string, keepSelf = false): void {
    if (this.nonNil.size === 0) return;
    let next: Set<string> | undefined;
    for (const k of this.nonNil) if (reachesThrough(k, key) && !(keepSelf && k.length === key.length)) (next ??= new Set(this.nonNil)).delete(k);
    if (!next) return;
    this.nonNil = next;
    // Only drops of facts held now are recorded: a fact held before a loop and missing
    // here was dropped (and recorded) earlier in the body.
    if (this.factWatch > 0) (this.factsDropped ??= []).push(keepSelf ? key + '.' : key);
  }

  /** `facts` without what was dropped since `from` (code that ran zero or more times). */
  private factsSurviving(facts: ReadonlySet<string>, from: number): ReadonlySet<string> {
    if (facts.size === 0 || !this.factsDropped || this.factsDropped.length === from) return facts;
    const dropped = this.factsDropped.slice(from);
    // An entry ending in '.' dropped only what lay below the location (see dropFacts).
    const gone = (k: string, d: string) => (d.endsWith('.') ? k.length > d.length - 1 && reachesThrough(k, d.slice(0, -1)) : reachesThrough(k, d));
    const out = new Set<string>();
    for (const k of facts) if (!dropped.some((d) => gone(k, d))) out.add(k);
    return out;
  }

  /**
   * Before a loop (or deferred code): the facts held, and where its drops start. Drops are
   * recorded only when something held before could be lost (`watch`): facts the body
   * establishes itself are established again, before their use, in every iteration.
   */
  private enterLoopFacts(watch = this.nonNil.size > 0): LoopFacts {
    if (!watch) return NOT_WATCHED;
    this.factWatch++;
    return { watch, facts: this.nonNil, dropped: this.factsDropped?.length ?? 0, events: this.events.length, exits: this.exitFacts?.length ?? 0 };
  }

  /**
   * After the loop: the body ran zero or more times, so only facts held before it and never
   * dropped in it survive; and what the body recorded from facts held at its start (spawn
   * snapshots, returns) loses those the body drops later on, for the next iteration.
   */
  private leaveLoopFacts(at: LoopFacts): void {
    if (!at.watch) {
      this.nonNil = NO_FACTS;
      return;
    }
    this.factWatch--;
    this.nonNil = this.factsSurviving(at.facts, at.dropped);
    if (this.factsDropped && this.factsDropped.length > at.dropped) {
      for (let i = at.events; i < this.events.length; i++) {
        const e = this.events[i]!;
        if (e.k === 'spawn' && e.nonNil) e.nonNil = [...this.factsSurviving(new Set(e.nonNil), at.dropped)];
      }
      const exits = this.exitFacts ?? [];
      for (let i = at.exits; i < exits.length; i++) exits[i] = this.factsSurviving(exits[i]!, at.dropped);
    }
    if (this.factWatch === 0) this.factsDropped = undefined;
  }

  /** At a return: the facts held, and the returned object's (its first result). */
  private noteReturnFacts(results: readonly ast.Expr[], rp: Path | null): void {
    const r0 = results.length > 0 ? unparen(results[0]!) : null;
    const returnsNil = r0 !== null && r0.kind === 'Ident' && r0.Name === 'nil' && !this.scope.lookup('nil');
    if (this.nonNil.size === 0) {
      this.exitWithoutFacts = true;
      if (!returnsNil) this.objectExitWithoutFacts = true;
      return;
    }
    (this.exitFacts ??= []).push(this.nonNil);
    if (returnsNil) {
      (this.exitResults ??= []).push(undefined);
      return;
    }
    (this.exitResults ??= []).push(rp && !rp.handoff ? rp.key : null);
  }
  /** Per return with facts: the key of the object handed back, null if unknown, undefined for `nil`. */
  private exitResults: (string | null | undefined)[] | undefined;

  /**
   * `assert(x.f == nil)` in straight-line code: every later event of the function runs
   * only when it held (the helper panics otherwise).
   */
  private assume(cond: ast.Expr): void {
    const c = unparen(cond);
    if (c.kind !== 'BinaryExpr' || (c.Op !== Token.EQL && c.Op !== Token.NEQ)) return;
    const isNil = (e: ast.Expr) => {
      const u = unparen(e);
      return u.kind === 'Ident' && u.Name === 'nil' && !this.scope.lookup('nil');
    };
    const operand = isNil(c.Y) ? c.X : isNil(c.X) ? c.Y : null;
    const sel = operand ? unparen(operand) : null;
    if (!sel || sel.kind !== 'SelectorExpr' || unparen(sel.X).kind !== 'Ident') return;
    const p = this.pathOf(sel);
    if (!p || p.handoff || p.key.indexOf('.') !== p.root.length || p.key.indexOf('.', p.root.length + 1) >= 0) return;
    this.assumed = [...this.assumed, p.key + (c.Op === Token.EQL ? '==nil' : '!=nil')];
  }

  /** An expression whose value cannot be nil: an allocation, a literal, or a location known non-nil. */
  private nonNilExpr(e: ast.Expr): boolean {
    const x = unparen(e);
    switch (x.kind) {
      case 'CompositeLit':
        // Only values that could be nil matter: a slice or map literal (a struct value cannot be).
        return x.Type !== null && ((x.Type.kind === 'ArrayType' && x.Type.Len === null) || x.Type.kind === 'MapType');
      case 'FuncLit':
        return true;
      case 'UnaryExpr':
        return x.Op === Token.AND;
      case 'CallExpr': {
        const f = unparen(x.Fun);
        return f.kind === 'Ident' && (f.Name === 'new' || f.Name === 'make') && !this.scope.lookup(f.Name) && !this.sz.index.funcs.has(f.Name);
      }
      case 'Ident':
      case 'SelectorExpr': {
        // Inside a loop a fact held at its start may be undone later in the body, before
        // the next iteration reads it again: only straight-line code trusts facts here.
        if (this.nonNil.size === 0 || this.loops.length > 0) return false;
        // Through a variable that names another location (`c := t.x`): it holds the value
        // that location had then, which the fact does not speak for.
        let base: ast.Expr = x;
        while (base.kind === 'SelectorExpr' || base.kind === 'ParenExpr') base = base.X;
        if (base.kind !== 'Ident' || this.scope.lookup(base.Name)?.alias) return false;
        const p = this.pathOf(x);
        return p !== null && !p.handoff && this.nonNil.has(p.key);
      }
      default:
        return false;
    }
  }

  access(path: Path | null, write: boolean, node: ast.Node, o: { mapOp?: boolean; atomic?: boolean; opNode?: ast.Node; type?: LType; base?: boolean } = {}): void {
    if (!path) return;
    const opNode = o.opNode ?? node;
    const t = o.type ?? UNKNOWN;
    const u = this.sz.index.underlying(t);
    const mapLoc = !o.mapOp && u.k === 'map';
    const ev: AccessEvent = {
      k: 'access',
      path,
      write,
      mapOp: o.mapOp ?? false,
      mapLoc,
      structVal: !o.mapOp && !o.base && (u.k === 'struct' || u.k === 'array'),
      lazyInit: write && this.lazyInit.includes(path.key),
      atomic: o.atomic ?? false,
      op: new SpanText(this.sz, astPos(opNode as ast.Node), exprEnd(opNode as ast.Node)),
      pos: astPos(node),
      end: exprEnd(node),
      locks: this.locks,
      fn: this.fnName,
      seq: this.seq++,
      place: this.place(),
    };
    // Optional fields are set after the literal: a spread inside it makes V8 build each
    // event the slow way, in a shape of its own.
    if (this.unlessFlags.length > 0) ev.unlessFlag = this.unlessFlags[this.unlessFlags.length - 1];
    if (write && this.writingNonNil && !ev.mapOp) ev.nonNilValue = true;
    if (this.assumed.length > 0) ev.assumes = this.assumed;
    this.push(ev);
    if (path.own) {
      const twin: AccessEvent = {
        k: 'access', path: path.own, write, mapOp: ev.mapOp, mapLoc, structVal: ev.structVal, lazyInit: ev.lazyInit, atomic: ev.atomic,
        op: ev.op, pos: ev.pos, end: ev.end, locks: ev.locks, fn: ev.fn, seq: this.seq++, place: ev.place,
      };
      if (ev.unlessFlag !== undefined) twin.unlessFlag = ev.unlessFlag;
      this.push(twin);
    }
  }

  sync(op: SyncOp, obj: ast.Expr | null, node: ast.Node, sees?: 'send' | 'close'): void {
    let key: string | null = null;
    let cap: number | undefined;
    if (obj) {
      const p = this.pathOf(obj);
      key = p ? p.key : null;
      cap = this.chanCap(obj);
    }
    const ev: SyncEvent = { k: 'sync', op, obj: key, cap, pos: astPos(node), seq: this.seq++, place: this.place() };
    if (sees) ev.sees = sees;
    this.push(ev);
  }

  /** Capacity of a channel expression when the package makes it with a constant one. */
  chanCap(ch: ast.Expr): number | undefined {
    const u = unparen(ch);
    if (u.kind === 'Ident') return this.scope.lookup(u.Name)?.chanCap;
    if (u.kind === 'SelectorExpr') {
      const xt = this.typeOf(u.X);
      const base = xt.k === 'ptr' ? xt.elem : xt;
      if (base.k === 'named' && base.pkg === '') return this.sz.fieldChanCap(base.name, u.Sel.Name);
    }
    return undefined;
  }

  // ---- variables, types and paths

  declare(id: ast.Ident, type: LType, o: { param?: boolean; fresh?: boolean; value?: ast.Expr | null } = {}): VarInfo | undefined {
    if (id.Name === '_') return undefined;
    const root = `V${id.NamePos}`;
    const v: VarInfo = { root, name: id.Name, type, tracked: o.param === true || this.tracked.has(id.Name), param: o.param ?? false };
    if (o.fresh && this.loops.length > 0) {
      v.freshLoop = this.loops[this.loops.length - 1];
      this.freshVars.push({ root, loop: v.freshLoop! });
    }
    if (o.value) {
      this.describeValue(v, o.value);
      if (isAllocation(o.value, (n) => this.scope.lookup(n) !== undefined)) this.sz.noteAllocation(root);
    }
    this.scope.vars.set(id.Name, v);
    this.ownRoots.add(root);
    return v;
  }

  /** Aliases, closures and channel capacities carried by a variable's value. */
  private describeValue(v: VarInfo, value: ast.Expr): void {
    const x = unparen(value);
    v.alias = undefined;
    v.closure = undefined;
    if (x.kind === 'FuncLit') v.closure = this.closure(x);
    else if (x.kind === 'CallExpr' && x.Fun.kind === 'Ident' && x.Fun.Name === 'make' && x.Args.length >= 1 && unparen(x.Args[0]!).kind === 'ChanType') {
      v.chanCap = x.Args.length >= 2 ? intLiteral(unparen(x.Args[1]!)) : 0;
    } else if (isReference(this.sz.index.underlying(v.type))) {
      const p = this.pathOf(x);
      if (p && p.root !== v.root) v.alias = p;
    } else if (x.kind === 'CallExpr' && x.Fun.kind === 'SelectorExpr' && (v.type.k === 'iface' || v.type.k === 'unknown')) {
      // `v := av.Load()` (an any): v holds the stored object; `v.(*T)` names it too.
      const p = this.loadedPath(x.Fun, x);
      if (p) v.alias = p;
    }
  }

  lookupVar(name: string): VarInfo | undefined {
    const v = this.scope.lookup(name);
    if (v && this.outerScope && !this.ownRoots.has(v.root)) this.captured.add(v.alias?.root ?? v.root);
    return v;
  }

  isImportName(name: string): boolean {
    return !this.scope.lookup(name) && !this.sz.index.globals.has(name) && (this.file ? this.sz.index.imports.get(this.file)?.has(name) === true : false);
  }

  importPath(e: ast.Expr): string | undefined {
    const x = unparen(e);
    if (x.kind !== 'Ident' || !this.file) return undefined;
    if (this.scope.lookup(x.Name) || this.sz.index.globals.has(x.Name)) return undefined;
    return this.sz.index.imports.get(this.file)?.get(x.Name);
  }

  typeExpr(e: ast.Expr | null): LType {
    return this.sz.index.typeExpr(e, this.file, this.typeParams);
  }

  /** The type `declare` gives a name at this declaration (walkDecl, declareParams, walkAssign, DeclStmt, walkRange, walkTypeSwitchAssign). */
  declaredType(d: LocalDeclaration): LType {
    switch (d.k) {
      case 'field':
        return this.typeExpr(d.field.Type);
      case 'define':
        return this.rhsTypes(d.stmt)[d.index] ?? UNKNOWN;
      case 'typeswitch':
        return UNKNOWN;
      case 'spec': {
        if (d.spec.Type) return this.typeExpr(d.spec.Type);
        const value = d.spec.Values.length === d.spec.Names.length ? d.spec.Values[d.index]! : null;
        return value ? this.typeOf(value) : UNKNOWN;
      }
      case 'range': {
        const [kt, vt] = rangeTypes(this.sz.index.underlying(this.typeOf(d.stmt.X)));
        return d.key ? kt : vt;
      }
    }
  }

  typeOf(e: ast.Expr): LType {
    const idx = this.sz.index;
    switch (e.kind) {
      case 'ParenExpr':
        return this.typeOf(e.X);
      case 'Ident': {
        const v = this.scope.lookup(e.Name);
        if (v) return v.type;
        if (idx.globals.has(e.Name)) return idx.globalType(e.Name, (x, f) => this.sz.globalWalker(f).typeOf(x));
        const fd = idx.funcs.get(e.Name);
        if (fd) return this.sz.index.typeExpr(fd.Type, this.sz.fileOf({ pos: fd.Name.NamePos }));
        if (e.Name === 'true' || e.Name === 'false') return { k: 'basic', name: 'bool' };
        return UNKNOWN;
      }
      case 'BasicLit':
        return { k: 'basic', name: e.Kind === Token.STRING ? 'string' : e.Kind === Token.INT ? 'int' : 'float64' };
      case 'CompositeLit':
        return e.Type ? this.typeExpr(e.Type) : UNKNOWN;
      case 'FuncLit':
        return this.typeExpr(e.Type);
      case 'SelectorExpr': {
        const ip = this.importPath(e.X);
        if (ip !== undefined) return importedMemberType(this.sz, ip, e.Sel.Name);
        const xt = this.typeOf(e.X);
        const f = idx.field(xt, e.Sel.Name);
        if (f) return f.type;
        const m = idx.method(xt, e.Sel.Name);
        if (m) return this.sz.index.typeExpr(m.decl.Type, this.sz.fileOf({ pos: m.decl.Name.NamePos }));
        return UNKNOWN;
      }
      case 'IndexExpr': {
        let t = idx.underlying(this.typeOf(e.X));
        if (t.k === 'ptr') t = idx.underlying(t.elem);
        if (t.k === 'map') return t.val;
        if (t.k === 'slice' || t.k === 'array') return t.elem;
        if (t.k === 'basic' && t.name === 'string') return { k: 'basic', name: 'byte' };
        return UNKNOWN;
      }
      case 'SliceExpr': {
        const t = idx.underlying(this.typeOf(e.X));
        if (t.k === 'array') return { k: 'slice', elem: t.elem };
        if (t.k === 'ptr') {
          const u = idx.underlying(t.elem);
          if (u.k === 'array') return { k: 'slice', elem: u.elem };
        }
        return this.typeOf(e.X);
      }
      case 'TypeAssertExpr':
        return e.Type ? this.typeExpr(e.Type) : UNKNOWN;
      case 'StarExpr': {
        const t = this.typeOf(e.X);
        return t.k === 'ptr' ? t.elem : UNKNOWN;
      }
      case 'UnaryExpr': {
        if (e.Op === Token.AND) return { k: 'ptr', elem: this.typeOf(e.X) };
        if (e.Op === Token.ARROW) {
          const t = idx.underlying(this.typeOf(e.X));
          return t.k === 'chan' ? t.elem : UNKNOWN;
        }
        if (e.Op === Token.NOT) return { k: 'basic', name: 'bool' };
        return this.typeOf(e.X);
      }
      case 'BinaryExpr':
        if ([Token.EQL, Token.NEQ, Token.LSS, Token.LEQ, Token.GTR, Token.GEQ, Token.LAND, Token.LOR].includes(e.Op)) return { k: 'basic', name: 'bool' };
        return this.typeOf(e.X);
      case 'CallExpr':
        return this.callResultTypes(e)[0] ?? UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  callResultTypes(e: ast.CallExpr): LType[] {
    const fun = unparen(e.Fun);
    if (fun.kind === 'Ident' && !this.scope.lookup(fun.Name) && !this.sz.index.funcs.has(fun.Name)) {
      switch (fun.Name) {
        case 'make':
          return [this.typeExpr(e.Args[0] ?? null)];
        case 'new':
          return [{ k: 'ptr', elem: this.typeExpr(e.Args[0] ?? null) }];
        case 'append':
          return [e.Args[0] ? this.typeOf(e.Args[0]) : UNKNOWN];
        case 'len':
        case 'cap':
          return [{ k: 'basic', name: 'int' }];
      }
      if (this.sz.index.types.has(fun.Name)) return [{ k: 'named', pkg: '', name: fun.Name }];
    }
    if (fun.kind === 'ArrayType' || fun.kind === 'MapType' || fun.kind === 'ChanType' || fun.kind === 'FuncType') return [this.typeExpr(fun)];
    if (fun.kind === 'SelectorExpr') {
      const p = this.importPath(fun.X);
      if (p !== undefined) {
        if (/(^|\/)errgroup$/.test(p) && fun.Sel.Name === 'WithContext') return [{ k: 'ptr', elem: { k: 'named', pkg: p, name: 'Group' } }, UNKNOWN];
        if (this.sz.imported(p)?.index.types.has(fun.Sel.Name)) return [{ k: 'named', pkg: p, name: fun.Sel.Name }];
        const ft = importedMemberType(this.sz, p, fun.Sel.Name);
        return ft.k === 'func' ? ft.results : [];
      }
      const rt = this.typeOf(fun.X);
      const rb = rt.k === 'ptr' ? rt.elem : rt;
      if (rb.k === 'named' && rb.pkg === 'sync/atomic' && rb.name === 'Pointer' && rb.args && /^(Load|Swap)$/.test(fun.Sel.Name)) return [{ k: 'ptr', elem: rb.args[0]! }];
    }
    const ft = this.sz.index.underlying(this.typeOf(fun));
    if (ft.k === 'func') return ft.results;
    return [];
  }

  /** The abstract location an expression names, or null when it names none we follow. */
  pathOf(e: ast.Expr): Path | null {
    switch (e.kind) {
      case 'ParenExpr':
        return this.pathOf(e.X);
      case 'Ident': {
        if (e.Name === '_') return null;
        const v = this.lookupVar(e.Name);
        if (v) {
          if (v.alias) {
            const p: Path = { key: v.alias.key, root: v.alias.root, text: e.Name, detached: true };
            if (v.alias.handoff) p.handoff = v.alias.handoff;
            // The variable's own location too: what touched it before the handoff (or shares
            // the one received value) still pairs with these accesses.
            if (v.alias.handoff) p.own = { key: v.root, root: v.root, text: e.Name };
            return p;
          }
          return { key: v.root, root: v.root, text: e.Name };
        }
        if (this.sz.index.globals.has(e.Name)) {
          const k = this.sz.globalKey(e.Name);
          return { key: k, root: k, text: e.Name };
        }
        return null;
      }
      case 'StarExpr':
        return this.pathOf(e.X);
      case 'UnaryExpr': {
        if (e.Op === Token.AND) return this.pathOf(e.X);
        if (e.Op !== Token.ARROW) return null;
        const ch = this.pathOf(e.X);
        return ch ? receivedPath(ch, this.sz.text(astPos(e), exprEnd(e))) : null;
      }
      case 'TypeAssertExpr':
        // x.(*T) names what x holds.
        return this.pathOf(e.X);
      case 'SelectorExpr': {
        const ip = this.importPath(e.X);
        if (ip !== undefined) return importedGlobalPath(this.sz, ip, e);
        const base = this.pathOf(e.X);
        if (!base) return null;
        const xt = this.typeOf(e.X);
        const f = this.sz.index.field(xt, e.Sel.Name);
        let names: string[];
        if (f) names = f.path;
        else if (xt.k === 'unknown' || (xt.k === 'ptr' && xt.elem.k === 'unknown')) names = [e.Sel.Name];
        else return null; // a method value, or a field of a type we cannot see
        return withHandoff(base, { key: base.key + '.' + names.join('.'), root: base.root, text: base.text + '.' + e.Sel.Name });
      }
      case 'CallExpr':
        return this.callResultPath(e);
      case 'IndexExpr': {
        const t = this.sz.index.underlying(this.typeOf(e.X));
        const n = intLiteral(unparen(e.Index));
        if ((t.k === 'array' || t.k === 'slice') && n !== undefined) {
          const base = this.pathOf(e.X);
          if (!base) return null;
          return withHandoff(base, { key: `${base.key}[${n}]`, root: base.root, text: `${base.text}[${n}]` });
        }
        if ((t.k === 'array' || t.k === 'slice') && foldsIndexes(e.Index)) {
          // `s[k%n]`, `s[h&mask]`: distinct inputs can land on one element, so every such
          // index is taken to name the same one (a per-goroutine `s[i]` stays distinct).
          const base = this.pathOf(e.X);
          if (!base) return null;
          return withHandoff(base, { key: `${base.key}[~]`, root: base.root, text: this.sz.text(astPos(e), exprEnd(e)) });
        }
        return null;
      }
      default:
        return null;
    }
  }

  /** `s.table()` where table returns s.users: the location the call hands back. */
  private callResultPath(e: ast.CallExpr): Path | null {
    const fun = unparen(e.Fun);
    let decl: ast.FuncDecl | undefined;
    let recv: Path | null = null;
    if (fun.kind === 'Ident' && !this.scope.lookup(fun.Name)) decl = this.sz.index.funcs.get(fun.Name);
    else if (fun.kind === 'SelectorExpr' && this.importPath(fun.X) === undefined) {
      const xt = this.typeOf(fun.X);
      const loaded = this.loadedPath(fun, e);
      if (loaded !== undefined) return loaded;
      const m = this.sz.index.method(xt, fun.Sel.Name);
      if (m && xt.k === 'ptr') {
        decl = m.decl;
        recv = this.pathOf(fun.X);
        if (recv && m.path.length > 0) recv = withHandoff(recv, { key: recv.key + '.' + m.path.join('.'), root: recv.root, text: recv.text });
      }
    }
    if (!decl) return null;
    if (this.depth >= this.sz.maxDepth) {
      this.depthCut = true;
      return null;
    }
    const s = this.sz.summaryOf(decl, this.depth + 1);
    const r = s.result;
    if (!r) return null;
    const text = this.sz.text(astPos(e), exprEnd(e));
    if (r.root.startsWith('G')) return { ...r, text, detached: true };
    if (r.root === s.recvRoot && recv) return withHandoff(recv, { key: recv.key + r.key.slice(r.root.length), root: recv.root, text, detached: true });
    const i = s.paramRoots.indexOf(r.root);
    if (i >= 0 && e.Args[i]) {
      const a = this.pathOf(e.Args[i]!);
      if (a && isReference(this.sz.index.underlying(this.typeOf(e.Args[i]!)))) return withHandoff(a, { key: a.key + r.key.slice(r.root.length), root: a.root, text, detached: true });
    }
    return null;
  }

  /**
   * `p.Load()` of an atomic.Pointer or atomic.Value, `m.Load(k)` / `m.LoadOrStore(k, v)` of a
   * sync.Map: the object stored there, which every goroutine that loads it shares (the
   * atomic makes the load safe, not what the loaded pointer or map is then used for).
   * Undefined when the call is none of these.
   */
  loadedPath(fun: ast.SelectorExpr, call: ast.CallExpr): Path | null | undefined {
    const t = this.typeOf(fun.X);
    const base = t.k === 'ptr' ? t.elem : t;
    if (base.k !== 'named') return undefined;
    const atomicHolder = base.pkg === 'sync/atomic' && (base.name === 'Pointer' || base.name === 'Value') && fun.Sel.Name === 'Load';
    const syncMap = base.pkg === 'sync' && base.name === 'Map' && (fun.Sel.Name === 'Load' || fun.Sel.Name === 'LoadOrStore');
    if (!atomicHolder && !syncMap) return undefined;
    const holder = this.pathOf(fun.X);
    if (!holder) return null;
    return { key: holder.key + '.<load>', root: holder.root, text: this.sz.text(astPos(call), exprEnd(call)), detached: true };
  }

  // ---- function entry and exit

  walkDecl(d: ast.FuncDecl): FuncSummary {
    let recvRoot: string | null = null;
    const recvField = d.Recv?.List[0];
    if (recvField) {
      const t = this.typeExpr(recvField.Type);
      const name = recvField.Names[0];
      this.recvValue = t.k !== 'ptr';
      if (name && name.Name !== '_') {
        recvRoot = this.declare(name, t, { param: true })?.root ?? null;
        this.recvIdent = name.Name;
      }
    }
    const paramRoots = this.declareParams(d.Type);
    this.walkBlock(d.Body!.List);
    return this.finish(recvRoot, paramRoots);
  }

  declareParams(ft: ast.FuncType): (string | null)[] {
    const roots: (string | null)[] = [];
    for (const f of ft.Params.List) {
      const t = this.typeExpr(f.Type);
      if (f.Names.length === 0) roots.push(null);
      for (const n of f.Names) {
        const v = this.declare(n, t, { param: true });
        // Value parameters are copies: only maps inside them are shared with the caller.
        roots.push(v ? v.root : null);
      }
    }
    for (const f of ft.Results?.List ?? []) for (const n of f.Names) this.declare(n, this.typeExpr(f.Type));
    return roots;
  }

  finish(recvRoot: string | null, paramRoots: (string | null)[]): FuncSummary {
    if (!this.terminated) {
      this.exitLocks.push(this.locks);
      if (this.nonNil.size === 0) this.exitWithoutFacts = this.objectExitWithoutFacts = true;
      else {
        (this.exitFacts ??= []).push(this.nonNil);
        (this.exitResults ??= []).push(null);
      }
    }
    const atExit = this.locks;
    const factsAtDefer = this.enterLoopFacts(this.deferred.length > 0 && this.exitFacts !== undefined);
    for (const d of this.deferred.reverse()) d();
    this.leaveLoopFacts(factsAtDefer);
    this.locks = atExit;
    let acquired: LockSet = NO_LOCKS;
    if (this.exitLocks.length > 0) {
      acquired = this.exitLocks.reduce((a, b) => lockSetIntersect(a, b));
      if (this.deferredUnlocks.size > 0) {
        const m = new Map(acquired);
        for (const k of this.deferredUnlocks) m.delete(k);
        acquired = m;
      }
    }
    return {
      name: this.fnName,
      events: this.events,
      accessRoots: this.accessRoots(),
      recvRoot,
      paramRoots,
      acquired,
      released: this.released,
      truncated: this.truncated,
      ...(this.depthCut ? { depthCut: true } : {}),
      localRoots: this.outerScope ? undefined : this.localRootsOf(recvRoot, paramRoots),
      result: this.result,
      perCall: this.outerScope ? unionOf(this.ownRoots, this.inlinedLocals) : new Set(this.inlinedLocals),
      ...this.exitFactsSummary(recvRoot, paramRoots),
    };
  }

  /** See FuncSummary.accessRoots: the own accesses' roots (`<key>==nil` assumptions name a key), and the runs'. */
  private accessRoots(): string[] {
    const out = new Set(this.inlinedAccessRoots);
    let locks: LockSet | undefined;
    for (const e of this.events) {
      if (e.k !== 'access') continue;
      addVariableRoot(out, e.path.root);
      if (e.path.own) addVariableRoot(out, e.path.own.root);
      if (e.locks !== locks) {
        locks = e.locks;
        for (const k of locks.keys()) addVariableRoot(out, keyRoot(k));
      }
      if (e.assumes) for (const a of e.assumes) addVariableRoot(out, keyRoot(a.slice(0, -5)));
    }
    return [...out];
  }

  /** `ensured` and `resultEnsured` from the facts held at every return. */
  private exitFactsSummary(recvRoot: string | null, paramRoots: readonly (string | null)[]): { ensured?: string[]; resultEnsured?: string[] } {
    const exits = this.exitFacts;
    if (!exits) return {};
    const out: { ensured?: string[]; resultEnsured?: string[] } = {};
    const common = this.exitWithoutFacts ? NO_FACTS : intersectFacts(exits, NO_FACTS);
    const visible = (k: string) => {
      const root = k.slice(0, localRootEnd(k));
      return root === recvRoot || root.startsWith('G') || paramRoots.includes(root);
    };
    const ensured = [...common].filter(visible);
    if (ensured.length > 0) out.ensured = ensured;
    let suffixes: Set<string> | undefined;
    for (let i = 0; i < exits.length && !this.objectExitWithoutFacts; i++) {
      const r = this.exitResults![i];
      if (r === undefined) continue; // `return nil, err`: nothing to use
      const mine = new Set<string>();
      if (r !== null) for (const k of exits[i]!) if (k.length > r.length && reachesThrough(k, r)) mine.add(k.slice(r.length));
      if (suffixes) for (const x of suffixes) if (!mine.has(x)) suffixes.delete(x);
      if (!suffixes) suffixes = mine;
    }
    if (suffixes && suffixes.size > 0) out.resultEnsured = [...suffixes];
    return out;
  }

  /** The function's own locals and those of the callees inlined here, not its receiver or parameters. */
  private localRootsOf(recvRoot: string | null, paramRoots: readonly (string | null)[]): Set<string> {
    const out = new Set<string>();
    for (const r of this.ownRoots) if (r !== recvRoot && !paramRoots.includes(r)) out.add(r);
    for (const r of this.inlinedLocals) if (r !== recvRoot && !paramRoots.includes(r)) out.add(r);
    return out;
  }

  /** Summarises a function literal in the current scope (captured variables resolve here). */
  closure(lit: ast.FuncLit): ClosureInfo {
    const w = new FuncWalker(this.sz, this.file, this.fnName, new Scope(this.scope), this.depth, this.tracked, this.typeParams, this.scope);
    w.onlyTrueNames = this.onlyTrueNames;
    const paramRoots = w.declareParams(lit.Type);
    w.walkBlock(lit.Body.List);
    const s = w.finish(null, paramRoots);
    return { summary: s, captured: w.captured };
  }

  // ---- statements

  walkBlock(list: readonly ast.Stmt[]): void {
    const saved = this.scope;
    this.scope = new Scope(saved);
    for (const s of list) this.walkStmt(s);
    this.scope = saved;
  }

  /** Runs `f` from state `from`, returning the state at its end (null if it terminated). */
  private branch(from: LockSet, armKey: string, f: () => void): LockSet | null {
    this.locks = from;
    this.terminated = false;
    this.arms.push(armKey);
    this.placeHere = null;
    f();
    this.arms.pop();
    this.placeHere = null;
    const out = this.terminated ? null : this.locks;
    this.armFacts = this.terminated ? null : this.nonNil;
    this.terminated = false;
    return out;
  }

  private join(states: (LockSet | null)[], fallback: LockSet): void {
    const live = states.filter((s): s is LockSet => s !== null);
    if (live.length === 0) {
      this.terminated = true;
      this.locks = fallback;
      return;
    }
    this.locks = live.reduce((a, b) => lockSetIntersect(a, b));
  }

  walkStmt(s: ast.Stmt): void {
    switch (s.kind) {
      case 'ExprStmt': {
        this.walkExpr(s.X, true);
        const x = unparen(s.X);
        if (x.kind === 'UnaryExpr' && x.Op === Token.ARROW) {
          const p = this.pathOf(x.X);
          if (p) {
            const k = `sem:${p.key}`;
            if (this.locks.has(k)) {
              const next = new Map(this.locks);
              next.delete(k);
              this.locks = next;
            } else this.released.add(k);
          }
        }
        break;
      }
      case 'AssignStmt':
        this.walkAssign(s);
        break;
      case 'IncDecStmt':
        this.walkWriteTarget(s.X, s, s);
        break;
      case 'DeclStmt':
        if (s.Decl.kind === 'GenDecl') {
          for (const spec of s.Decl.Specs) {
            if (spec.kind !== 'ValueSpec') continue;
            for (const v of spec.Values) this.walkExpr(v);
            const declared = spec.Type ? this.typeExpr(spec.Type) : null;
            spec.Names.forEach((n, i) => {
              const value = spec.Values.length === spec.Names.length ? spec.Values[i]! : null;
              const t = declared ?? (value ? this.typeOf(value) : UNKNOWN);
              this.declare(n, t, { fresh: true, value });
            });
          }
        }
        break;
      case 'SendStmt': {
        this.walkExpr(s.Chan);
        this.walkExpr(s.Value);
        this.sync('send', s.Chan, s);
        this.handOver(s.Chan, s.Value);
        // `sem <- struct{}{}` on a channel of capacity 1 (or one we cannot see) is a lock.
        const v = unparen(s.Value);
        const token = (v.kind === 'CompositeLit' && v.Elts.length === 0) || v.kind === 'BasicLit' || (v.kind === 'Ident' && (v.Name === 'true' || v.Name === 'false'));
        const cap = this.chanCap(s.Chan);
        const p = this.pathOf(s.Chan);
        if (token && p && (cap === 1 || (cap === undefined && this.sz.perIterationLoopVars !== undefined))) {
          this.locks = lockSetUnion(this.locks, new Map([[`sem:${p.key}`, { mode: 'w' as LockMode, text: p.text }]]));
        }
        break;
      }
      case 'GoStmt':
        this.spawnCall(s.Call, 'go', s.Go);
        break;
      case 'DeferStmt':
        this.walkDefer(s);
        break;
      case 'ReturnStmt': {
        for (const r of s.Results) this.walkExpr(r);
        const rp = s.Results.length >= 1 ? this.pathOf(s.Results[0]!) : null;
        this.noteReturnFacts(s.Results, rp);
        if (this.result === undefined) this.result = rp;
        else if (this.result && (!rp || rp.key !== this.result.key)) this.result = null;
        this.exitLocks.push(this.locks);
        this.terminated = true;
        break;
      }
      case 'BranchStmt':
        if (s.Tok !== Token.FALLTHROUGH) this.terminated = true;
        break;
      case 'BlockStmt':
        this.walkBlock(s.List);
        break;
      case 'LabeledStmt':
        this.walkStmt(s.Stmt);
        break;
      case 'IfStmt':
        this.walkIf(s);
        break;
      case 'SwitchStmt':
      case 'TypeSwitchStmt': {
        const saved = this.scope;
        this.scope = new Scope(saved);
        if (s.Init) this.walkStmt(s.Init);
        if (s.kind === 'SwitchStmt') {
          if (s.Tag) this.walkExpr(s.Tag);
        } else this.walkTypeSwitchAssign(s.Assign);
        const from = this.locks;
        const fork = this.nonNil;
        const id = ++this.armIds;
        const outs: (LockSet | null)[] = [];
        const facts: (ReadonlySet<string> | null)[] = [];
        let hasDefault = false;
        s.Body.List.forEach((c, i) => {
          if (c.kind !== 'CaseClause') return;
          if (c.List.length === 0) hasDefault = true;
          this.nonNil = fork;
          outs.push(
            this.branch(from, `${id}:${i}`, () => {
              if (s.kind === 'SwitchStmt') for (const e of c.List) this.walkExpr(e);
              this.walkBlock(c.Body);
            }),
          );
          facts.push(this.armFacts);
        });
        if (!hasDefault) {
          outs.push(from);
          facts.push(fork);
        }
        this.join(outs, from);
        this.nonNil = intersectFacts(facts, fork);
        this.scope = saved;
        break;
      }
      case 'SelectStmt': {
        const from = this.locks;
        const fork = this.nonNil;
        const id = ++this.armIds;
        const outs: (LockSet | null)[] = [];
        const facts: (ReadonlySet<string> | null)[] = [];
        s.Body.List.forEach((c, i) => {
          if (c.kind !== 'CommClause') return;
          this.nonNil = fork;
          outs.push(
            this.branch(from, `${id}:${i}`, () => {
              const saved = this.scope;
              this.scope = new Scope(saved);
              if (c.Comm) this.walkStmt(c.Comm);
              for (const b of c.Body) this.walkStmt(b);
              this.scope = saved;
            }),
          );
          facts.push(this.armFacts);
        });
        this.join(outs, from);
        this.nonNil = intersectFacts(facts, fork);
        break;
      }
      case 'ForStmt':
        this.walkFor(s);
        break;
      case 'RangeStmt':
        this.walkRange(s);
        break;
      default:
        break;
    }
  }

  /**
   * `ch <- m` with m a local holding a map, pointer or slice: the receiver now shares
   * what m refers to, so m's later uses name the channel's value (until m is reassigned).
   */
  private handOver(ch: ast.Expr, value: ast.Expr): void {
    const v = this.ownedReferenceLocal(value);
    if (!v) return;
    const cp = this.pathOf(ch);
    if (!cp) return;
    v.alias = { key: cp.key + '.<sent>', root: cp.root, text: v.name, handoff: 'sent' };
  }

  /**
   * `h.cur.Store(cfg)` with cfg a local pointer, map or slice: every goroutine that loads
   * the holder now shares what cfg refers to, so cfg's later uses name the stored object
   * (until cfg is reassigned). Writes made before the store are published by it.
   */
  private publish(value: ast.Expr, holder: Path): void {
    const v = this.ownedReferenceLocal(value);
    if (!v) return;
    v.alias = { key: holder.key + '.<load>', root: holder.root, text: v.name };
  }

  /** A local of this function (not a parameter, alias or closure) holding a map, pointer or slice: what a handover or a publication shares. */
  private ownedReferenceLocal(value: ast.Expr): VarInfo | undefined {
    const x = unparen(value);
    if (x.kind !== 'Ident') return undefined;
    const v = this.scope.lookup(x.Name);
    if (!v || v.param || v.alias || v.closure || !this.ownRoots.has(v.root)) return undefined;
    const t = this.sz.index.underlying(v.type);
    return t.k === 'map' || t.k === 'ptr' || t.k === 'slice' ? v : undefined;
  }

  private walkTypeSwitchAssign(a: ast.Stmt): void {
    if (a.kind === 'AssignStmt') {
      for (const r of a.Rhs) this.walkExpr(r);
      // The bound name gets a different type per clause; unknown is honest.
      for (const l of a.Lhs) if (l.kind === 'Ident') this.declare(l, UNKNOWN);
    } else if (a.kind === 'ExprStmt') this.walkExpr(a.X);
  }

  private tryLockCond(cond: ast.Expr): { path: Path; mode: LockMode; negated: boolean; text: string } | undefined {
    let e = unparen(cond);
    let negated = false;
    if (e.kind === 'UnaryExpr' && e.Op === Token.NOT) {
      negated = true;
      e = unparen(e.X);
    }
    if (e.kind !== 'CallExpr' || e.Args.length !== 0) return undefined;
    const fun = unparen(e.Fun);
    if (fun.kind !== 'SelectorExpr' || (fun.Sel.Name !== 'TryLock' && fun.Sel.Name !== 'TryRLock')) return undefined;
    const lp = this.lockPath(fun.X);
    if (!lp) return undefined;
    return { path: lp, mode: fun.Sel.Name === 'TryLock' ? 'w' : 'r', negated, text: lp.text };
  }

  private walkIf(s: ast.IfStmt): void {
    const saved = this.scope;
    this.scope = new Scope(saved);
    if (s.Init) this.walkStmt(s.Init);
    this.walkExpr(s.Cond);
    const tl = this.tryLockCond(s.Cond);
    const from = this.locks;
    const held = tl ? lockSetUnion(from, new Map([[tl.path.key, { mode: tl.mode, text: tl.text }]])) : from;
    const id = ++this.armIds;
    // `if x.f == nil { x.f = ... }`: lazy initialisation of x.f. The check may be one
    // conjunct of the condition (`if n > 0 && x.f == nil`): the body still runs only
    // while x.f is nil.
    const nilChecked = this.nilCheckedKeys(s.Cond);
    for (const k of nilChecked) this.lazyInit.push(k);
    // `if alwaysFalse { ... }`: a body that never runs touches nothing.
    const dead = this.neverTrue(s.Cond);
    const unless = this.flagTestedFalse(s.Cond);
    if (unless) this.unlessFlags.push(unless);
    const fork = this.nonNil;
    const thenOut = this.branch(tl && !tl.negated ? held : from, `${id}:0`, () => {
      if (!dead) this.walkBlock(s.Body.List);
    });
    const thenFacts = this.armFacts;
    if (unless) this.unlessFlags.pop();
    this.lazyInit.length -= nilChecked.length;
    const elseFrom = tl && tl.negated ? held : from;
    this.nonNil = fork;
    const elseOut = s.Else ? this.branch(elseFrom, `${id}:1`, () => this.walkStmt(s.Else!)) : elseFrom;
    const elseFacts = s.Else ? this.armFacts : fork;
    this.join([thenOut, elseOut], from);
    this.nonNil = intersectFacts([thenFacts, elseFacts], fork);
    // `if p == nil { p = new(T) }` or `if p == nil { return }`: p is non-nil past it
    // (the condition was false, or the body made it so).
    if (!s.Else && nilChecked.length === 1 && unparen(s.Cond).kind === 'BinaryExpr' && (unparen(s.Cond) as ast.BinaryExpr).Op === Token.EQL) {
      const k = nilChecked[0]!;
      if (thenFacts === null || thenFacts.has(k)) this.addFact(k);
    }
    // `if !t.Stop() { return }`: past this point the AfterFunc function never runs.
    const c = unparen(s.Cond);
    if (thenOut === null && c.kind === 'UnaryExpr' && c.Op === Token.NOT) {
      const call = unparen(c.X);
      if (call.kind === 'CallExpr' && call.Fun.kind === 'SelectorExpr' && call.Fun.Sel.Name === 'Stop' && call.Args.length === 0) this.sync('wait', call.Fun.X, s);
    }
    this.scope = saved;
  }

  /** `!v` for a local bool that only goes from false to true: v's root. */
  private flagTestedFalse(cond: ast.Expr): string | undefined {
    const c = unparen(cond);
    if (c.kind !== 'UnaryExpr' || c.Op !== Token.NOT) return undefined;
    const x = unparen(c.X);
    if (x.kind !== 'Ident' || !this.onlyTrueNames.has(x.Name)) return undefined;
    const v = this.scope.lookup(x.Name);
    return v && !v.param ? v.root : undefined;
  }

  /** A condition that is false in every run: a constant-false package variable, or a conjunct of one. */
  private neverTrue(cond: ast.Expr): boolean {
    const c = unparen(cond);
    if (c.kind === 'BinaryExpr' && c.Op === Token.LAND) return this.neverTrue(c.X) || this.neverTrue(c.Y);
    return c.kind === 'Ident' && !this.scope.lookup(c.Name) && this.sz.constantFalseGlobal(c.Name);
  }

  /** Locations a condition requires to be nil: `p == nil`, `nil == p`, and conjuncts of `&&`. */
  private nilCheckedKeys(cond: ast.Expr): string[] {
    const c = unparen(cond);
    if (c.kind !== 'BinaryExpr') return [];
    if (c.Op === Token.LAND) return [...this.nilCheckedKeys(c.X), ...this.nilCheckedKeys(c.Y)];
    if (c.Op !== Token.EQL) return [];
    const isNil = (e: ast.Expr) => {
      const u = unparen(e);
      return u.kind === 'Ident' && u.Name === 'nil';
    };
    const operand = isNil(c.Y) ? c.X : isNil(c.X) ? c.Y : null;
    const key = operand ? this.pathOf(operand)?.key : undefined;
    return key ? [key] : [];
  }

  private walkFor(s: ast.ForStmt): void {
    const saved = this.scope;
    this.scope = new Scope(saved);
    const loop = this.sz.newLoopId();
    // Loop variables are per iteration from Go 1.22 on: declare them as loop-fresh.
    if (s.Init) {
      if (this.sz.perIterationLoopVars) {
        this.loops.push(loop);
        this.placeHere = null;
        this.walkStmt(s.Init);
        this.loops.pop();
        this.placeHere = null;
      } else this.walkStmt(s.Init);
    }
    const from = this.locks;
    const facts = this.enterLoopFacts();
    this.loops.push(loop);
    this.placeHere = null;
    if (s.Cond) this.walkExpr(s.Cond);
    const armKey = `${++this.armIds}:0`;
    this.arms.push(armKey);
    this.placeHere = null;
    const bodyStart = this.events.length;
    this.walkBlock(s.Body.List);
    this.terminated = false;
    this.serialiseJoinedSpawns(bodyStart, loop);
    if (s.Post) {
      if (this.sz.perIterationLoopVars) {
        // Each iteration ends by copying its loop variables into the next one's (a read of
        // this iteration's copy); the post statement then updates the new copy only.
        const vars = [...this.scope.vars.values()].filter((v) => v.tracked);
        for (const v of vars) {
          this.access({ key: v.root, root: v.root, text: v.name }, false, s.Post, { type: v.type, opNode: s.Post });
          const last = this.events[this.events.length - 1];
          if (last && last.k === 'access') {
            last.iterCopy = true;
            last.op = `${v.name} (copied into the next iteration)`;
          }
        }
        const skip = new Set(vars.map((v) => v.root));
        const before = this.events.length;
        this.walkStmt(s.Post);
        const tail = flattenRuns(this.events.slice(before)).filter((e) => e.k !== 'access' || !skip.has(e.path.key));
        this.events.splice(before, this.events.length - before, ...tail);
        this.counted = eventCount(this.events);
      } else this.walkStmt(s.Post);
    }
    this.arms.pop();
    this.placeHere = null;
    this.loops.pop();
    this.placeHere = null;
    this.leaveLoopFacts(facts);
    this.locks = lockSetIntersect(from, this.locks);
    this.terminated = false;
    this.scope = saved;
  }

  private walkRange(s: ast.RangeStmt): void {
    const saved = this.scope;
    this.scope = new Scope(saved);
    const xt = this.sz.index.underlying(this.typeOf(s.X));
    const loop = this.sz.newLoopId();
    if (xt.k === 'map') {
      this.walkMapOperand(s.X);
      // access() records nothing for an untracked operand: relabel only the event it added.
      const before = this.events.length;
      this.access(this.pathOf(s.X), false, s.X, { mapOp: true, opNode: s.X, type: xt });
      if (this.events.length > before) this.relabel(`range ${this.sz.text(astPos(s.X), exprEnd(s.X))}`, before);
    } else this.walkExpr(s.X);
    const from = this.locks;
    const facts = this.enterLoopFacts();
    this.loops.push(loop);
    this.placeHere = null;
    // Each iteration receives a sent value; only the receive that ends the loop sees the close.
    if (xt.k === 'chan') this.sync('recv', s.X, s, 'send');
    const [kt, vt] = rangeTypes(xt);
    if (s.Tok === Token.DEFINE) {
      const fresh = this.sz.perIterationLoopVars;
      if (s.Key && s.Key.kind === 'Ident') {
        const v = this.declare(s.Key, kt, { fresh });
        if (v && !fresh && v.tracked) this.access({ key: v.root, root: v.root, text: v.name }, true, s.Key, { type: kt });
        if (v && xt.k === 'chan' && isReference(this.sz.index.underlying(kt))) {
          const ch = this.pathOf(s.X);
          if (ch) v.alias = receivedPath(ch, v.name);
        }
      }
      if (s.Value && s.Value.kind === 'Ident') {
        const v = this.declare(s.Value, vt, { fresh });
        if (v && !fresh && v.tracked) this.access({ key: v.root, root: v.root, text: v.name }, true, s.Value, { type: vt });
      }
    } else if (s.Tok === Token.ASSIGN) {
      if (s.Key) this.walkWriteTarget(s.Key, s.Key, s.Key);
      if (s.Value) this.walkWriteTarget(s.Value, s.Value, s.Value);
    }
    const armKey = `${++this.armIds}:0`;
    this.arms.push(armKey);
    this.placeHere = null;
    const bodyStart = this.events.length;
    this.walkBlock(s.Body.List);
    this.serialiseJoinedSpawns(bodyStart, loop);
    this.arms.pop();
    this.placeHere = null;
    this.loops.pop();
    this.placeHere = null;
    this.leaveLoopFacts(facts);
    this.locks = lockSetIntersect(from, this.locks);
    this.terminated = false;
    if (xt.k === 'chan') this.sync('recv', s.X, s, 'close');
    this.scope = saved;
  }

  /**
   * A goroutine started in this loop's body and joined later in the same iteration (`go
   * b.launch(); <-b.signal`) runs one instance at a time: its spawn is not repeated
   * concurrently. Decided here, where the loop is visible; once this body is inlined
   * into a caller the loop is gone from the places. The spawn events are this walker's
   * own (not yet shared), so they may still be updated.
   */
  private serialiseJoinedSpawns(from: number, loop: number): void {
    const evs = this.events;
    for (let i = from; i < evs.length; i++) {
      const s = evs[i]!;
      if (s.k !== 'spawn' || !s.multi || s.place.loops[s.place.loops.length - 1] !== loop) continue;
      if (s.body.some((e) => e.k === 'spawn')) continue;
      const arms = s.place.arms;
      for (let j = i + 1; j < evs.length; j++) {
        const w = evs[j]!;
        if (w.k !== 'sync' || w.place.loops[w.place.loops.length - 1] !== loop) continue;
        // The join runs whenever the spawn did: not under a condition the spawn is not under.
        if (w.place.arms.length > arms.length || !w.place.arms.every((a, k) => arms[k] === a)) continue;
        if (joinsWholeBody(w, s)) {
          s.multi = false;
          break;
        }
      }
    }
  }

  /** Renames the operation of the access events recorded since index `from` (a received value records two). */
  private relabel(op: string, from: number): void {
    for (let i = from; i < this.events.length; i++) {
      const e = this.events[i]!;
      if (e.k === 'access') e.op = op;
    }
  }

  /** The timer variable a time.AfterFunc result is stored in (Stop can cancel the run). */
  private pendingTimer: string | null = null;

  private walkAssign(s: ast.AssignStmt): void {
    const r0 = s.Rhs.length === 1 ? unparen(s.Rhs[0]!) : null;
    if (r0 && r0.kind === 'CallExpr' && r0.Fun.kind === 'SelectorExpr' && r0.Fun.Sel.Name === 'AfterFunc' && s.Lhs[0]?.kind === 'Ident') {
      const l = s.Lhs[0];
      this.pendingTimer = s.Tok === Token.DEFINE && !this.scope.vars.has(l.Name) ? `V${l.NamePos}` : this.pathOf(l)?.key ?? null;
    }
    this.lastInlinedDecl = undefined;
    for (const r of s.Rhs) this.walkExpr(r);
    this.pendingTimer = null;
    // Which right-hand sides cannot be nil, judged before any left-hand side changes.
    let nonNil: boolean[] | null = null;
    if (s.Lhs.length === s.Rhs.length && (s.Tok === Token.DEFINE || s.Tok === Token.ASSIGN)) {
      for (let i = 0; i < s.Rhs.length; i++) if (this.nonNilExpr(s.Rhs[i]!)) (nonNil ??= s.Rhs.map(() => false))[i] = true;
    }
    if (s.Tok === Token.DEFINE) {
      const types = this.rhsTypes(s);
      const fromCall = this.resultFacts(s);
      s.Lhs.forEach((l, i) => {
        if (l.kind !== 'Ident') return;
        const existing = this.scope.vars.get(l.Name);
        const value = s.Lhs.length === s.Rhs.length ? s.Rhs[i]! : null;
        if (existing) {
          // Redeclared in the same scope: an assignment.
          this.sz.noteRebound(existing.root);
          if (value) this.describeValue(existing, value);
          this.writingNonNil = nonNil?.[i] === true;
          if (existing.tracked) this.access({ key: existing.root, root: existing.root, text: l.Name }, true, l, { opNode: s, type: existing.type });
          else this.dropFacts(existing.root);
          this.writingNonNil = false;
          if (nonNil?.[i]) this.addFact(existing.root);
          return;
        }
        const declared = this.declare(l, types[i] ?? UNKNOWN, { fresh: true, value });
        if (declared && nonNil?.[i]) this.addFact(declared.root);
        if (declared && i === 0 && fromCall) for (const x of fromCall) this.addFact(declared.root + x);
        if (declared && i === 0 && s.Lhs.length === 2 && r0 && r0.kind === 'CallExpr' && r0.Fun.kind === 'SelectorExpr') {
          // `v, ok := m.Load(k)`: v holds the stored object.
          const p = this.loadedPath(r0.Fun, r0);
          if (p) declared.alias = p;
        }
      });
      return;
    }
    if (s.Tok === Token.ASSIGN && s.Lhs.length === 1 && s.Rhs.length === 1 && !this.outerScope && this.arms.length === 0 && this.loops.length === 0) {
      // `started = true` in the function's straight-line code: true from here to every exit.
      const l = unparen(s.Lhs[0]!);
      const r = unparen(s.Rhs[0]!);
      if (l.kind === 'Ident' && r.kind === 'Ident' && r.Name === 'true' && this.onlyTrueNames.has(l.Name)) {
        const v = this.scope.lookup(l.Name);
        if (v && !v.param) this.flagsTrue.push(v.root);
      }
    }
    s.Lhs.forEach((l, i) => {
      this.writingNonNil = nonNil?.[i] === true;
      this.walkWriteTarget(l, s, s);
      this.writingNonNil = false;
      if (s.Tok === Token.ASSIGN && l.kind === 'Ident' && s.Lhs.length === s.Rhs.length) {
        const v = this.scope.lookup(l.Name);
        if (v && !v.param) this.describeValue(v, s.Rhs[i]!);
      }
      if (nonNil?.[i]) {
        const p = this.pathOf(l);
        if (p && !p.handoff) this.addFact(p.key);
      }
    });
  }

  /**
   * `x := f()` / `x, err := t.M()`: the fields the callee's summary says are non-nil in
   * the object it returns (when it returns one), as suffixes for x. Only from the summary
   * the right-hand side's own call just inlined: nothing is summarised for this alone.
   */
  private resultFacts(s: ast.AssignStmt): readonly string[] | undefined {
    const ensured = this.lastInlinedSummary?.resultEnsured;
    if (s.Rhs.length !== 1 || !ensured) return undefined;
    const r = unparen(s.Rhs[0]!);
    if (r.kind !== 'CallExpr') return undefined;
    const decl = this.calleeDecl(r);
    return decl !== undefined && decl === this.lastInlinedDecl ? ensured : undefined;
  }

  /** The declaration of this package a call names (a function or a method), if any. */
  private calleeDecl(call: ast.CallExpr): ast.FuncDecl | undefined {
    const fun = unparen(call.Fun);
    let d: ast.FuncDecl | undefined;
    if (fun.kind === 'Ident') d = this.scope.lookup(fun.Name) ? undefined : this.sz.index.funcs.get(fun.Name);
    else if (fun.kind === 'SelectorExpr' && this.importPath(fun.X) === undefined) d = this.sz.index.method(this.typeOf(fun.X), fun.Sel.Name)?.decl;
    if (d !== undefined) this.sz.noteCallee(d);
    return d;
  }

  /**
   * pathOf, without summarising anything for it: 'unknown' when the location is reached
   * through the result of a call of this package not summarised yet.
   */
  private pathWithoutWalking(e: ast.Expr): Path | null | 'unknown' {
    let b = unparen(e);
    for (;;) {
      if (b.kind === 'SelectorExpr' || b.kind === 'IndexExpr' || b.kind === 'StarExpr' || b.kind === 'TypeAssertExpr' || b.kind === 'UnaryExpr') b = unparen(b.X);
      else break;
    }
    if (b.kind === 'CallExpr') {
      const d = this.calleeDecl(b);
      if (d && !this.sz.hasSummary(d)) return 'unknown';
    }
    return this.pathOf(e);
  }

  private rhsTypes(s: ast.AssignStmt): LType[] {
    if (s.Rhs.length === s.Lhs.length) return s.Rhs.map((r) => this.typeOf(r));
    if (s.Rhs.length === 1) {
      const r = unparen(s.Rhs[0]!);
      if (r.kind === 'CallExpr') return this.callResultTypes(r);
      if (r.kind === 'IndexExpr') return [this.typeOf(r), { k: 'basic', name: 'bool' }];
      if (r.kind === 'TypeAssertExpr') return [this.typeOf(r), { k: 'basic', name: 'bool' }];
      if (r.kind === 'UnaryExpr') return [this.typeOf(r), { k: 'basic', name: 'bool' }];
    }
    return [];
  }

  /** A store to `target` (an assignment, op-assignment, ++/--, or a range key/value). */
  private walkWriteTarget(target: ast.Expr, stmt: ast.Node, opNode: ast.Node): void {
    const t = unparen(target);
    switch (t.kind) {
      case 'Ident': {
        if (t.Name === '_') return;
        const v = this.lookupVar(t.Name);
        if (v) this.sz.noteRebound(v.root);
        if (v && !v.tracked) {
          this.dropFacts(v.root);
          return;
        }
        if (v) {
          // Assigning the variable rebinds it (an alias stops naming the old location).
          this.access({ key: v.root, root: v.root, text: t.Name }, true, t, { opNode, type: v.type });
          return;
        }
        this.access(this.pathOf(t), true, t, { opNode, type: this.typeOf(t) });
        return;
      }
      case 'SelectorExpr': {
        if (this.importPath(t.X) !== undefined) {
          // A package variable of another package of the module.
          this.access(this.pathOf(t), true, t, { opNode, type: this.typeOf(t) });
          return;
        }
        this.walkExpr(t.X, false, true);
        const ft = this.typeOf(t);
        if (this.recvValue && this.isRecv(t.X)) {
          // A value receiver's fields are a copy: writing them touches nothing shared.
          return;
        }
        this.detachAliases(this.pathOf(t));
        this.access(this.pathOf(t), true, t, { opNode, type: ft });
        return;
      }
      case 'IndexExpr': {
        const xt = this.sz.index.underlying(this.typeOf(t.X));
        this.walkExpr(t.Index);
        if (xt.k === 'map') {
          this.walkMapOperand(t.X);
          this.access(this.pathOf(t.X), true, t, { mapOp: true, opNode });
          return;
        }
        this.walkExpr(t.X);
        const p = this.pathOf(t);
        if (p) this.access(p, true, t, { opNode });
        return;
      }
      case 'StarExpr': {
        this.walkExpr(t.X);
        const p = this.pathOf(t.X);
        if (p) this.access(withHandoff(p, { key: p.key + '.*', root: p.root, text: '*' + p.text }), true, t, { opNode });
        return;
      }
      default:
        this.walkExpr(t);
    }
  }

  private isRecv(e: ast.Expr): boolean {
    const x = unparen(e);
    if (x.kind !== 'Ident') return false;
    return this.recvIdent === x.Name && this.scope.lookup(x.Name)?.param === true;
  }
  recvIdent: string | undefined;

  /**
   * `m := c.items; c.items = nil` (under the lock): m now holds the old map alone, so it
   * stops naming c.items.
   */
  private detachAliases(p: Path | null): void {
    if (!p || this.locks.size === 0) return;
    for (let sc: Scope | null = this.scope; sc; sc = sc.parent) {
      for (const v of sc.vars.values()) if (v.alias && v.alias.key === p.key) v.alias = undefined;
    }
  }

  /** The map operand of a map operation: its own location is read, nothing more. */
  private walkMapOperand(x: ast.Expr): void {
    const u = unparen(x);
    if (u.kind === 'SelectorExpr') this.walkExpr(u.X, false, true);
    else if (u.kind === 'IndexExpr') {
      this.walkExpr(u.X);
      this.walkExpr(u.Index);
    } else if (u.kind === 'CallExpr') this.walkExpr(u);
  }

  private mapRead(x: ast.Expr, node: ast.Node): void {
    this.walkMapOperand(x);
    this.access(this.pathOf(x), false, node, { mapOp: true });
  }

  private mapWrite(x: ast.Expr, node: ast.Node): void {
    this.walkMapOperand(x);
    this.access(this.pathOf(x), true, node, { mapOp: true });
  }

  private isMap(e: ast.Expr): boolean {
    return this.sz.index.underlying(this.typeOf(e)).k === 'map';
  }

  private walkDefer(s: ast.DeferStmt): void {
    const call = s.Call;
    const fun = unparen(call.Fun);
    // Arguments are evaluated now; the call runs at exit.
    if (fun.kind === 'SelectorExpr' && call.Args.length === 0) {
      const name = fun.Sel.Name;
      const m = LOCK_METHODS[name];
      if (m && !m.lock) {
        const lp = this.lockPath(fun.X);
        if (lp) {
          this.deferredUnlocks.add(lp.key);
          return;
        }
      }
      if (name === 'Done' && this.isWaitGroupLike(fun.X)) {
        const x = fun.X;
        this.deferred.push(() => this.sync('done', x, s));
        return;
      }
    }
    if (fun.kind === 'FuncLit') {
      for (const a of call.Args) this.walkExpr(a);
      const c = this.closure(fun);
      // Deferred unlocks inside the literal release at exit, like `defer mu.Unlock()`.
      for (const k of c.summary.released) this.deferredUnlocks.add(k);
      const locks = this.locks;
      this.deferred.push(() => {
        this.locks = locks;
        this.inline(c.summary, null, call.Args.map((a) => this.pathOf(a)), call.Args.map((a) => this.typeOf(a)), null);
      });
      return;
    }
    const locks = this.locks;
    this.deferred.push(() => {
      this.locks = locks;
      this.walkCall(call, false);
    });
  }

  // ---- expressions

  /** Records the reads an expression performs (and the effects of the calls in it). */
  /**
   * Records the reads an expression performs (and the effects of the calls in it).
   * `base`: the expression is only the base of a selector or index (reading c.inner.m
   * reads the field m of c.inner, not the whole struct c.inner).
   */
  walkExpr(e: ast.Expr, stmt = false, base = false): void {
    switch (e.kind) {
      case 'Ident': {
        const v = this.lookupVar(e.Name);
        if (v) {
          // Reading the variable itself (an alias names the location only as a base).
          if (v.tracked && !isSyncValue(v.type)) this.access({ key: v.root, root: v.root, text: e.Name }, false, e, { type: v.type, base });
        } else if (this.sz.index.globals.has(e.Name)) {
          const t = this.typeOf(e);
          if (!isSyncValue(t)) this.access(this.pathOf(e), false, e, { type: t, base });
        }
        return;
      }
      case 'ParenExpr':
        return this.walkExpr(e.X, stmt, base);
      case 'SelectorExpr': {
        if (this.importPath(e.X) !== undefined) {
          const p = this.pathOf(e);
          if (p) {
            const t = this.typeOf(e);
            if (!isSyncValue(t)) this.access(p, false, e, { type: t, base });
          }
          return;
        }
        this.walkExpr(e.X, false, true);
        const xt = this.typeOf(e.X);
        const f = this.sz.index.field(xt, e.Sel.Name);
        if (f && !isSyncValue(f.type)) this.access(this.pathOf(e), false, e, { type: f.type, base });
        return;
      }
      case 'IndexExpr': {
        const xt = this.sz.index.underlying(this.typeOf(e.X));
        this.walkExpr(e.Index);
        if (xt.k === 'map') {
          this.mapRead(e.X, e);
          return;
        }
        this.walkExpr(e.X, false, true);
        const p = this.pathOf(e);
        if (p) this.access(p, false, e);
        return;
      }
      case 'IndexListExpr':
        return;
      case 'SliceExpr':
        this.walkExpr(e.X);
        if (e.Low) this.walkExpr(e.Low);
        if (e.High) this.walkExpr(e.High);
        if (e.Max) this.walkExpr(e.Max);
        return;
      case 'StarExpr': {
        this.walkExpr(e.X);
        const p = this.pathOf(e.X);
        if (p && this.scope.lookup(unparen(e.X).kind === 'Ident' ? (unparen(e.X) as ast.Ident).Name : '')?.tracked)
          this.access(withHandoff(p, { key: p.key + '.*', root: p.root, text: '*' + p.text }), false, e);
        return;
      }
      case 'UnaryExpr':
        if (e.Op === Token.AND) {
          // Taking an address reads nothing; the operand's base is still evaluated, as a
          // base only (&s.lock reads no more of the struct s than s.lock would).
          const x = unparen(e.X);
          if (x.kind === 'Ident') {
            const v = this.scope.lookup(x.Name);
            if (v) this.sz.noteRebound(v.root);
          }
          if (x.kind === 'SelectorExpr') this.walkExpr(x.X, false, true);
          else if (x.kind === 'IndexExpr') {
            this.walkExpr(x.X, false, true);
            this.walkExpr(x.Index);
          } else if (x.kind === 'CompositeLit') this.walkExpr(x);
          return;
        }
        this.walkExpr(e.X);
        if (e.Op === Token.ARROW) this.sync('recv', e.X, e);
        return;
      case 'BinaryExpr':
        this.walkExpr(e.X);
        this.walkExpr(e.Y);
        return;
      case 'KeyValueExpr':
        this.walkExpr(e.Value);
        return;
      case 'CompositeLit': {
        const t = e.Type ? this.sz.index.underlying(this.typeExpr(e.Type)) : UNKNOWN;
        for (const el of e.Elts) {
          if (el.kind === 'KeyValueExpr') {
            if (t.k === 'map' || t.k === 'slice' || t.k === 'array') this.walkExpr(el.Key);
            this.walkExpr(el.Value);
          } else this.walkExpr(el);
        }
        return;
      }
      case 'TypeAssertExpr':
        this.walkExpr(e.X);
        return;
      case 'CallExpr':
        this.walkCall(e, stmt);
        return;
      case 'FuncLit':
        // A function value that escapes somewhere we cannot follow: not summarised.
        return;
      default:
        return;
    }
  }

  /** The lock an expression denotes (`c.mu`, or `c` when it embeds the mutex), or null. */
  lockPath(x: ast.Expr): Path | null {
    const p = this.pathOf(x);
    if (!p) {
      const u = unparen(x);
      // Mutexes behind calls or in other packages: a name, but nothing we can relate.
      if (u.kind === 'SelectorExpr' && this.importPath(u.X) !== undefined) {
        const k = `E${this.importPath(u.X)}.${u.Sel.Name}`;
        return { key: k, root: k, text: this.sz.text(astPos(u), exprEnd(u)) };
      }
      return null;
    }
    const t = this.typeOf(x);
    const base = t.k === 'ptr' ? t.elem : t;
    if (isSyncType(base, 'Mutex') || isSyncType(base, 'RWMutex') || base.k === 'unknown') return p;
    const emb = this.sz.index.embeddedExternal(t, (n) => n.pkg === 'sync' && (n.name === 'Mutex' || n.name === 'RWMutex'));
    if (emb) return withHandoff(p, { key: p.key + '.' + emb.join('.'), root: p.root, text: p.text });
    return p;
  }

  private isWaitGroupLike(x: ast.Expr): boolean {
    const t = this.typeOf(x);
    const base = t.k === 'ptr' ? t.elem : t;
    if (base.k === 'unknown') return true;
    if (isSyncType(base, 'WaitGroup')) return true;
    if (base.k === 'named' && base.pkg !== '' && /(^|\/)errgroup$/.test(base.pkg)) return true;
    return this.sz.index.embeddedExternal(t, (n) => n.pkg === 'sync' && n.name === 'WaitGroup') !== undefined;
  }

  private walkArgs(args: readonly ast.Expr[], inlineLits: boolean): void {
    for (const a of args) {
      const u = unparen(a);
      if (u.kind === 'FuncLit') {
        // A callback handed to code we cannot see: assume it runs now, on this goroutine.
        if (inlineLits) this.inline(this.closure(u).summary, null, [], [], null);
        continue;
      }
      this.walkExpr(a);
    }
  }

  walkCall(call: ast.CallExpr, stmt: boolean): void {
    if (this.nonNil.size === 0) return this.walkCallInner(call, stmt);
    this.lastInlinedDecl = undefined;
    this.walkCallInner(call, stmt);
    if (this.nonNil.size > 0 && !this.seenWhole(call)) this.forgetFactsPassedTo(call);
  }

  /** The call's own callee was inlined in full (or is a builtin, a conversion or a literal we walked). */
  private seenWhole(call: ast.CallExpr): boolean {
    const fun = unparen(call.Fun);
    if (fun.kind === 'FuncLit' || fun.kind === 'ArrayType' || fun.kind === 'MapType' || fun.kind === 'ChanType') return true;
    let decl: ast.FuncDecl | undefined;
    if (fun.kind === 'Ident') {
      const v = this.scope.lookup(fun.Name);
      if (v) return v.closure !== undefined;
      decl = this.sz.index.funcs.get(fun.Name);
      if (!decl) return fun.Name !== 'copy' && !this.sz.index.globals.has(fun.Name);
    } else if (fun.kind === 'SelectorExpr' && this.importPath(fun.X) === undefined) decl = this.sz.index.method(this.typeOf(fun.X), fun.Sel.Name)?.decl;
    const l = this.lastInlinedSummary;
    return decl !== undefined && l !== undefined && this.lastInlinedDecl === decl && !l.truncated && !l.depthCut;
  }

  /**
   * Code we do not see (another package, a function value, a callee cut by the depth
   * bound) may store anything through the pointers it is handed: what was known below
   * them, and of a variable whose address it gets, is unknown again.
   */
  private forgetFactsPassedTo(call: ast.CallExpr): void {
    const fun = unparen(call.Fun);
    const forget = (e: ast.Expr, keepSelf: boolean): void => {
      const p = this.pathWithoutWalking(e);
      if (p === 'unknown') {
        // A location we cannot name without more summaries: forget everything.
        for (const k of [...this.nonNil]) this.dropFacts(k);
      } else if (p) this.dropFacts(p.key, keepSelf);
    };
    if (fun.kind === 'SelectorExpr' && this.importPath(fun.X) === undefined) forget(fun.X, true);
    for (const a of call.Args) {
      const u = unparen(a);
      if (u.kind === 'UnaryExpr' && u.Op === Token.AND) forget(u.X, false);
      else forget(u, true);
    }
  }

  private walkCallInner(call: ast.CallExpr, stmt: boolean): void {
    const fun = unparen(call.Fun);
    const args = call.Args;

    if (fun.kind === 'Ident' && !this.scope.lookup(fun.Name) && !this.sz.index.funcs.has(fun.Name) && !this.sz.index.globals.has(fun.Name)) {
      switch (fun.Name) {
        case 'len':
        case 'cap':
          if (args[0] && this.isMap(args[0])) this.mapRead(args[0], call);
          else this.walkArgs(args, false);
          return;
        case 'delete':
          if (args[1]) this.walkExpr(args[1]);
          if (args[0]) this.mapWrite(args[0], call);
          return;
        case 'clear':
          if (args[0] && this.isMap(args[0])) this.mapWrite(args[0], call);
          else this.walkArgs(args, false);
          return;
        case 'close':
          this.walkArgs(args, false);
          if (args[0]) this.sync('close', args[0], call);
          return;
        case 'panic':
          this.walkArgs(args, false);
          this.terminated = true;
          return;
        case 'new':
        case 'make':
          for (const a of args.slice(1)) this.walkExpr(a);
          return;
      }
      if (this.sz.index.types.has(fun.Name)) {
        // A conversion T(x): a read of x.
        this.walkArgs(args, false);
        return;
      }
    }

    if (fun.kind === 'SelectorExpr') {
      const pkg = this.importPath(fun.X);
      if (pkg !== undefined) return this.walkPackageCall(pkg, fun.Sel.Name, call, stmt);
      if (this.walkMethodCall(fun, call, stmt)) return;
    }

    if (fun.kind === 'Ident') {
      const v = this.lookupVar(fun.Name);
      if (v) {
        this.walkArgs(args, false);
        if (v.closure) this.inlineClosure(v.closure, args);
        // A context's cancel function closes its Done channel.
        else if (/^cancel/i.test(fun.Name) && args.length === 0) this.sync('close', null, call);
        return;
      }
      const decl = this.sz.index.funcs.get(fun.Name);
      const rtLock = /^(lock|unlock|lockWithRank|unlockWithRank|lock2|unlock2)$/.exec(fun.Name);
      if (rtLock && args.length >= 1 && unparen(args[0]!).kind === 'UnaryExpr') {
        // The runtime's own mutexes: lock(&sched.lock) / unlock(&sched.lock).
        const lp = this.pathOf((unparen(args[0]!) as ast.UnaryExpr).X);
        if (lp) {
          if (fun.Name.startsWith('lock')) this.locks = lockSetUnion(this.locks, new Map([[lp.key, { mode: 'w' as LockMode, text: lp.text }]]));
          else if (this.locks.has(lp.key)) {
            const next = new Map(this.locks);
            next.delete(lp.key);
            this.locks = next;
          } else this.released.add(lp.key);
          return;
        }
      }
      if (decl) {
        this.walkArgs(args, false);
        if (isTerminatingName(fun.Name)) this.terminated = true;
        if (args.length === 1 && this.arms.length === 0 && this.loops.length === 0 && this.sz.isAssertion(decl)) this.assume(args[0]!);
        const s = this.inlineDecl(decl, null, null, args);
        // A callee we see only in part (recursive, or cut short): a callback handed to it
        // runs now, on this goroutine, as for code we cannot see.
        if (s?.truncated) for (const a of args) if (unparen(a).kind === 'FuncLit') this.inline(this.closure(unparen(a) as ast.FuncLit).summary, null, [], [], null);
        return;
      }
    }
    if (fun.kind === 'FuncLit') {
      this.walkArgs(args, false);
      this.inlineClosure(this.closure(fun), args);
      return;
    }
    if (fun.kind !== 'Ident') this.walkExpr(fun);
    this.walkArgs(args, true);
  }

  private inlineClosure(c: ClosureInfo, args: readonly ast.Expr[]): void {
    this.inline(c.summary, null, args.map((a) => this.pathOf(a)), args.map((a) => this.typeOf(a)), null);
  }

  private inlineDecl(decl: ast.FuncDecl, recv: Path | null, recvType: LType | null, args: readonly ast.Expr[]): FuncSummary | undefined {
    if (this.depth >= this.sz.maxDepth) {
      this.depthCut = true;
      return undefined;
    }
    recvType = receiverCopyType(decl, recvType);
    const s = this.sz.summaryOf(decl, this.depth + 1);
    this.inline(s, recv, args.map((a) => this.pathOf(a)), args.map((a) => this.typeOf(a)), recvType);
    this.lastInlinedDecl = decl;
    this.lastInlinedSummary = s;
    return s;
  }

  private walkPackageCall(pkg: string, name: string, call: ast.CallExpr, stmt: boolean): void {
    const args = call.Args;
    const mapArgsRead = (): void => {
      for (const a of args) {
        if (this.isMap(a)) this.mapRead(a, call);
        else this.walkExpr(a);
      }
    };
    switch (pkg) {
      case 'fmt':
      case 'log':
        if (FMT_READERS.test(name)) {
          mapArgsRead();
          if (pkg === 'log' && /^(Fatal|Panic)/.test(name)) this.terminated = true;
          return;
        }
        break;
      case 'encoding/json':
      case 'encoding/gob':
      case 'encoding/xml':
      case 'reflect':
        if (/^(Marshal|MarshalIndent|DeepEqual|ValueOf)$/.test(name)) return mapArgsRead();
        break;
      case 'maps':
        if (/^(Copy|DeleteFunc|Insert)$/.test(name)) {
          if (args[0]) {
            if (this.isMap(args[0])) this.mapWrite(args[0], call);
            else this.walkExpr(args[0]);
          }
          for (const a of args.slice(1)) {
            if (this.isMap(a)) this.mapRead(a, call);
            else if (unparen(a).kind !== 'FuncLit') this.walkExpr(a);
          }
          return;
        }
        return mapArgsRead();
      case 'sync/atomic':
        if (args[0] && unparen(args[0]).kind === 'UnaryExpr') {
          const target = (unparen(args[0]) as ast.UnaryExpr).X;
          this.walkExpr(args[0]);
          for (const a of args.slice(1)) this.walkExpr(a);
          this.access(this.pathOf(target), !name.startsWith('Load'), call, { atomic: true });
          // A store publishes what came before it to a load that sees it.
          this.sync(name.startsWith('Load') ? 'recv' : 'send', target, call);
          return;
        }
        break;
      case 'time':
        if (name === 'AfterFunc' && args.length === 2) {
          this.walkExpr(args[0]!);
          this.spawnValue(args[1]!, 'time.AfterFunc', astPos(call), this.pendingTimer);
          return;
        }
        break;
      case 'net/http':
        if ((name === 'HandleFunc' || name === 'HandlerFunc' || name === 'Handle') && args.length >= 1) {
          const h = args[args.length - 1]!;
          for (const a of args.slice(0, -1)) this.walkExpr(a);
          this.registerHandler(h);
          return;
        }
        break;
      case 'os':
        if (name === 'Exit') this.terminated = true;
        break;
      case 'testing/synctest':
      case 'internal/synctest':
        if (name === 'Wait' || name === 'Run' || name === 'Test') {
          // Run and Test return once every goroutine of the bubble has exited.
          if (name !== 'Wait') this.walkArgs(args, true);
          this.push({ k: 'sync', op: 'wait', obj: '<barrier>', cap: undefined, pos: astPos(call), seq: this.seq++, place: this.place() });
          return;
        }
        break;
      case 'runtime':
        if (name === 'Goexit') this.terminated = true;
        break;
    }
    if (this.crossCall(call)) return;
    this.walkArgs(args, true);
  }

  private registerHandler(h: ast.Expr): void {
    const u = unparen(h);
    if (u.kind === 'FuncLit') {
      const c = this.closure(u);
      // Tests send their requests one at a time; only production handlers are assumed concurrent.
      if (!/^(Test|Benchmark|Fuzz|Example)/.test(this.fnName))
        this.sz.registerHandler({ summary: c.summary, capturedRoots: c.captured, what: `the handler at ${this.where(u)}`, pos: astPos(u) });
    } else if (u.kind === 'Ident' && !this.scope.lookup(u.Name)) {
      const decl = this.sz.index.funcs.get(u.Name);
      if (decl) this.sz.registerHandler({ summary: this.sz.summaryOf(decl), capturedRoots: new Set(), what: `the handler ${u.Name}`, pos: decl.Name.NamePos });
    } else this.walkExpr(h);
  }

  where(n: ast.Node): string {
    return `line ${this.sz.lineOf(astPos(n))}`;
  }

  /** Method calls: locks, WaitGroups, errgroups, Once, and methods of this package. */
  private walkMethodCall(fun: ast.SelectorExpr, call: ast.CallExpr, stmt: boolean): boolean {
    const name = fun.Sel.Name;
    const args = call.Args;
    const xt = this.typeOf(fun.X);
    const local = this.sz.index.method(xt, name);
    if (local) {
      let recv = this.pathOf(fun.X);
      if (recv && local.path.length > 0) recv = withHandoff(recv, { key: recv.key + '.' + local.path.join('.'), root: recv.root, text: recv.text });
      this.walkMethodReceiver(fun.X);
      this.walkArgs(args, false);
      let recvType = xt;
      for (const f of local.path) recvType = this.sz.index.field(recvType, f)?.type ?? UNKNOWN;
      this.inlineDecl(local.decl, recv, recvType, args);
      return true;
    }
    const base = xt.k === 'ptr' ? xt.elem : xt;
    const known = base.k !== 'unknown';
    const external = base.k === 'named' && base.pkg !== '';
    const m = LOCK_METHODS[name];
    if (m && args.length === 0) {
      const isLockType =
        !known ||
        isSyncType(base, 'Mutex') ||
        isSyncType(base, 'RWMutex') ||
        this.sz.index.embeddedExternal(xt, (n) => n.pkg === 'sync' && (n.name === 'Mutex' || n.name === 'RWMutex')) !== undefined ||
        (base.k === 'named' && base.pkg === 'sync' && base.name === 'Locker');
      if (isLockType) {
        const lp = this.lockPath(fun.X);
        this.walkMethodReceiver(fun.X);
        if (lp) {
          if (m.lock) this.locks = lockSetUnion(this.locks, new Map([[lp.key, { mode: m.mode, text: lp.text }]]));
          else if (this.locks.has(lp.key)) {
            const wasWrite = this.locks.get(lp.key)!.mode === 'w';
            const next = new Map(this.locks);
            next.delete(lp.key);
            this.locks = next;
            // A write lock taken and released: every earlier holder is done (see flagBarrier).
            if (wasWrite && m.mode === 'w') this.push({ k: 'sync', op: 'unlock', obj: lp.key, cap: undefined, pos: astPos(call), seq: this.seq++, place: this.place() });
          } else this.released.add(lp.key);
        }
        return true;
      }
    }
    if (!local && /lock|acquire|release/i.test(name) && (!known || !external)) {
      // A lock of the package's own making (fdMutex.rwlock, sem.acquire): held from here
      // until the matching unlock/release on the same receiver.
      const p = this.pathOf(fun.X);
      this.walkMethodReceiver(fun.X);
      this.walkArgs(args, false);
      if (p) {
        const key = `opaque:${p.key}`;
        if (/unlock|release/i.test(name)) {
          if (this.locks.has(key)) {
            const next = new Map(this.locks);
            next.delete(key);
            this.locks = next;
          }
        } else this.locks = lockSetUnion(this.locks, new Map([[key, { mode: 'w' as LockMode, text: p.text }]]));
      }
      return true;
    }
    if (name === 'TryLock' || name === 'TryRLock') {
      this.walkMethodReceiver(fun.X);
      return true;
    }
    if ((name === 'Wait' || name === 'Done') && args.length === 0 && this.isWaitGroupLike(fun.X) && (known || stmt)) {
      this.walkMethodReceiver(fun.X);
      this.sync(name === 'Wait' ? 'wait' : 'done', fun.X, call);
      return true;
    }
    if (name === 'Go' && args.length === 1 && (!known || this.isWaitGroupLike(fun.X))) {
      this.walkMethodReceiver(fun.X);
      const g = this.pathOf(fun.X);
      this.spawnValue(args[0]!, isSyncType(base, 'WaitGroup') ? 'WaitGroup.Go' : 'errgroup.Go', astPos(call), g ? g.key : null);
      return true;
    }
    if (name === 'Do' && args.length === 1 && (isSyncType(base, 'Once') || !known)) {
      const once = this.pathOf(fun.X);
      this.walkMethodReceiver(fun.X);
      const key = `once:${once ? once.key : astPos(call)}`;
      // Once.Do: the function runs under the Once's own exclusion, and everything after
      // Do returns is ordered after it. Modelled as a lock: write-held inside, read-held after.
      const saved = this.locks;
      this.locks = lockSetUnion(saved, new Map([[key, { mode: 'w' as LockMode, text: `once ${once?.text ?? ''}` }]]));
      const a = unparen(args[0]!);
      if (a.kind === 'FuncLit') this.inlineClosure(this.closure(a), []);
      else this.callValue(a);
      this.locks = lockSetUnion(saved, new Map([[key, { mode: 'r' as LockMode, text: `once ${once?.text ?? ''}` }]]));
      return true;
    }
    if ((name === 'HandleFunc' || name === 'Handle') && args.length === 2 && (!known || (external && base.pkg === 'net/http'))) {
      this.walkMethodReceiver(fun.X);
      this.walkExpr(args[0]!);
      this.registerHandler(args[1]!);
      return true;
    }
    if (/^(Fatal|Fatalf|FailNow|Skip|Skipf|SkipNow)$/.test(name) && (!known || (external && base.pkg === 'testing'))) {
      this.walkMethodReceiver(fun.X);
      this.walkArgs(args, false);
      this.terminated = true;
      return true;
    }
    if (name === 'Run' && args.length === 2 && external && base.pkg === 'testing') {
      this.walkMethodReceiver(fun.X);
      this.walkArgs(args, true);
      return true;
    }
    if (external && base.pkg === 'sync/atomic') {
      // Typed atomics: atomic accesses, never racing with each other.
      const p = this.pathOf(fun.X);
      this.walkMethodReceiver(fun.X);
      for (const a of args) this.walkExpr(a);
      if (p) this.access(p, !/^Load$/.test(name), call, { atomic: true });
      if (name === 'Load' || name === 'Store' || name === 'Swap' || name === 'CompareAndSwap') this.sync(name === 'Load' ? 'recv' : 'send', fun.X, call);
      if (p && (name === 'Store' || name === 'Swap') && (base.name === 'Pointer' || base.name === 'Value') && args[0]) this.publish(args[0], p);
      return true;
    }
    if (external && base.pkg === 'sync' && (base.name === 'Map' || base.name === 'Cond' || base.name === 'Pool')) {
      this.walkMethodReceiver(fun.X);
      this.walkArgs(args, true);
      return true;
    }
    const unsynced = external ? UNSYNCED_STD_TYPES.get(`${base.pkg}.${base.name}`) : undefined;
    if (unsynced) {
      // A standard type documented as unsafe for concurrent use: its methods read or
      // write the value's own state (bytes.Buffer's slice and offsets).
      this.walkMethodReceiver(fun.X);
      this.walkArgs(args, false);
      this.access(this.pathOf(fun.X), !unsynced.test(name), fun.X, { opNode: call });
      return true;
    }
    return this.crossCall(call);
  }

  /**
   * A call of a function or method of another package of the module: the callee's
   * summary is inlined as a local callee's is. Callbacks passed as literals are still
   * assumed to run now (as for code we cannot see). False when the callee is not one.
   */
  private crossCall(call: ast.CallExpr): boolean {
    const c = crossCallee(this, call.Fun);
    if (!c) return false;
    const fun = unparen(call.Fun) as ast.SelectorExpr;
    if (c.method) this.walkMethodReceiver(fun.X);
    this.walkArgs(call.Args, true);
    if (this.depth >= this.sz.maxDepth) return true;
    this.inline(c.summary(), c.recv, call.Args.map((a) => this.pathOf(a)), call.Args.map((a) => this.typeOf(a)), c.recvType);
    return true;
  }

  /** Evaluating a method's receiver: reads the base of `c.mu` and such, not the field. */
  private walkMethodReceiver(x: ast.Expr): void {
    const u = unparen(x);
    if (u.kind === 'Ident') {
      // Calling through a pointer variable reads the variable.
      if (this.typeOf(u).k === 'ptr') this.walkExpr(u);
    } else if (u.kind === 'SelectorExpr') this.walkExpr(u.X, false, true);
    else if (u.kind === 'CallExpr' || u.kind === 'IndexExpr') this.walkExpr(u);
  }

  /** Calls a function value `f` (a named function, a method value, a closure variable). */
  private callValue(f: ast.Expr): void {
    const u = unparen(f);
    if (u.kind === 'Ident') {
      const v = this.lookupVar(u.Name);
      if (v?.closure) return this.inlineClosure(v.closure, []);
      const decl = v ? undefined : this.sz.index.funcs.get(u.Name);
      if (decl) this.inlineDecl(decl, null, null, []);
      return;
    }
    if (u.kind === 'SelectorExpr' && this.importPath(u.X) === undefined) {
      const xt = this.typeOf(u.X);
      const m = this.sz.index.method(xt, u.Sel.Name);
      if (m) {
        let recv = this.pathOf(u.X);
        if (recv && m.path.length > 0) recv = withHandoff(recv, { key: recv.key + '.' + m.path.join('.'), root: recv.root, text: recv.text });
        this.inlineDecl(m.decl, recv, xt, []);
        return;
      }
    }
    const cross = crossCallee(this, u);
    if (cross && this.depth < this.sz.maxDepth) this.inline(cross.summary(), cross.recv, [], [], cross.recvType);
  }

  // ---- goroutines

  private spawnCall(call: ast.CallExpr, via: string, at: number): void {
    const fun = unparen(call.Fun);
    // The function value and the arguments are evaluated by the spawning goroutine.
    this.walkArgs(call.Args.filter((a) => unparen(a).kind !== 'FuncLit'), false);
    const argPaths = call.Args.map((a) => this.pathOf(a));
    const argTypes = call.Args.map((a) => this.typeOf(a));
    if (fun.kind === 'FuncLit') {
      const c = this.closure(fun);
      return this.emitSpawn(via, at, null, 'a function literal', (w) => w.inline(c.summary, null, argPaths, argTypes, null));
    }
    if (fun.kind === 'Ident') {
      const v = this.lookupVar(fun.Name);
      if (v?.closure) {
        const c = v.closure;
        return this.emitSpawn(via, at, null, fun.Name, (w) => w.inline(c.summary, null, argPaths, argTypes, null));
      }
      const decl = v ? undefined : this.sz.index.funcs.get(fun.Name);
      if (decl) return this.emitSpawn(via, at, null, fun.Name, (w) => w.inline(this.sz.summaryOf(decl, this.depth + 1), null, argPaths, argTypes, null));
      return this.emitSpawn(via, at, null, fun.Name, () => {}, true);
    }
    if (fun.kind === 'SelectorExpr' && this.importPath(fun.X) === undefined) {
      this.walkMethodReceiver(fun.X);
      const xt = this.typeOf(fun.X);
      const m = this.sz.index.method(xt, fun.Sel.Name);
      if (m) {
        let recv = this.pathOf(fun.X);
        if (recv && m.path.length > 0) recv = withHandoff(recv, { key: recv.key + '.' + m.path.join('.'), root: recv.root, text: recv.text });
        let recvType = xt;
        for (const f of m.path) recvType = this.sz.index.field(recvType, f)?.type ?? UNKNOWN;
        const rt = receiverCopyType(m.decl, recvType);
        return this.emitSpawn(via, at, null, this.sz.funcName(m.decl), (w) =>
          w.inline(this.sz.summaryOf(m.decl, this.depth + 1), recv, argPaths, argTypes, rt),
        );
      }
    }
    const cross = crossCallee(this, fun);
    if (cross) return this.emitSpawn(via, at, null, cross.name, (w) => w.inline(cross.summary(), cross.recv, argPaths, argTypes, cross.recvType));
    this.emitSpawn(via, at, null, this.sz.text(astPos(fun), exprEnd(fun)), () => {}, true);
  }

  /** `g.Go(f)`, `time.AfterFunc(d, f)`: f runs on a new goroutine. */
  private spawnValue(f: ast.Expr, via: string, at: number, group: string | null): void {
    const u = unparen(f);
    if (u.kind === 'FuncLit') {
      const c = this.closure(u);
      return this.emitSpawn(via, at, group, 'a function literal', (w) => w.inline(c.summary, null, [], [], null));
    }
    this.walkExpr(u.kind === 'SelectorExpr' ? u.X : u);
    this.emitSpawn(via, at, group, this.sz.text(astPos(u), exprEnd(u)), (w) => w.callValue(u));
  }

  private emitSpawn(via: string, at: number, group: string | null, what: string, body: (w: FuncWalker) => void, opaque = false): void {
    const w = new FuncWalker(this.sz, this.file, this.fnName, this.scope, this.depth, this.tracked, this.typeParams, this.outerScope);
    w.onlyTrueNames = this.onlyTrueNames;
    // The goroutine's own events are in its own sequence; its variables are this scope's.
    for (const r of this.ownRoots) w.ownRoots.add(r);
    body(w);
    for (const c of w.captured) this.captured.add(c);
    const fresh = new Set<string>();
    for (const fv of this.freshVars) if (this.loops.includes(fv.loop)) fresh.add(fv.root);

    const ev: SpawnEvent = {
      k: 'spawn',
      via,
      body: flattenRuns(w.events),
      group,
      multi: this.loops.length > 0,
      freshRoots: fresh,
      ownLocals: new Set(w.inlinedLocals),
      ...(this.flagsTrue.length > 0 ? { flagsSet: this.flagsTrue.slice() } : {}),
      what: opaque ? `${what} (not analysed)` : what,
      pos: at,
      locks: this.locks,
      seq: this.seq++,
      place: this.place(),
    };
    if (this.nonNil.size > 0) ev.nonNil = [...this.nonNil];
    if (w.truncated) this.truncated = true;
    if (w.depthCut) this.depthCut = true;
    this.push(ev);
  }

  // ---- inlining

  /**
   * Appends a callee's events as if they happened here: receiver and parameter roots
   * become the caller's paths, locks held here are added, and the callee's net lock
   * effect (a lock helper) is applied afterwards.
   */
  inline(s: FuncSummary, recv: Path | null, args: (Path | null)[], argTypes: LType[], recvType: LType | null): void {
    if (s.truncated) this.truncated = true;
    if (s.depthCut) this.depthCut = true;
    if (!s.localRoots && s.perCall) for (const r of s.perCall) this.inlinedLocals.add(r);
    const m = new CallMapping(this, s, recv, args, argTypes, recvType, this.locks);
    this.inlineEvents(s, m);
    // Releases first: a helper that upgrades (RUnlock, Lock, Unlock, RLock) returns holding.
    if (s.released.size > 0) {
      const next = new Map(this.locks);
      for (const k of s.released) {
        const nk = m.key(k);
        if (nk !== null) next.delete(nk);
      }
      this.locks = next;
    }
    if (s.acquired.size > 0) this.locks = lockSetUnion(this.locks, m.lockSet(s.acquired));
    if (s.ensured) for (const k of m.facts(s.ensured)) this.addFact(k);
  }

  /** A callee's events at this call: accesses as runs, spawns and syncs copied. */
  private inlineEvents(s: FuncSummary, m: CallMapping): void {
    const loopsHere = this.loops.length > 0;
    // Every event inlined here sits at this call's place (shared: see place()).
    const topPlace = this.place();
    // Accesses are copied only inside a goroutine's body (top-level ones are inlined as runs).
    const copy = (e: Event, top: boolean): Event | null => {
      switch (e.k) {
        case 'access':
          return movedAccess(e, m.path(e.path, e.mapOp), m.lockSet(e.locks), e.assumes ? m.assumes(e.assumes) : undefined, e.seq, e.place);
        case 'sync':
          const y: SyncEvent = { k: 'sync', op: e.op, obj: m.key(e.obj), cap: e.cap, pos: e.pos, seq: top ? this.seq++ : e.seq, place: top ? topPlace : e.place };
          if (e.sees) y.sees = e.sees;
          return y;
        case 'spawn': {
          const body: Event[] = [];
          for (const b of e.body) {
            const c = copy(b, false);
            if (c) body.push(c);
          }
          const freshRoots = new Set<string>();
          for (const r of e.freshRoots) freshRoots.add(m.renamed(r));
          const ownLocals = new Set<string>();
          for (const r of e.ownLocals) ownLocals.add(m.renamed(r));
          if (top && loopsHere) {
            // The callee's own locals are new for every call made by this loop.
            const renamedRoots = m.renamedLocals();
            for (const b of body) if (b.k === 'access' && ((b.path.root.startsWith('V') && !m.substitutes(b.path.root)) || renamedRoots.has(b.path.root))) freshRoots.add(b.path.root);
          }
          const sp: SpawnEvent = {
            ...e,
            body,
            group: m.key(e.group),
            multi: e.multi || (top && loopsHere),
            freshRoots,
            ownLocals,
            locks: top ? m.locks(e.locks) : m.lockSet(e.locks),
            seq: top ? this.seq++ : e.seq,
            place: top ? topPlace : e.place,
          };
          if (e.nonNil) sp.nonNil = m.facts(e.nonNil);
          return sp;
        }
      }
    };
    const layers: readonly InlineLayer[] = [m];
    let inlinedAccesses = false;
    const evs = s.events;
    for (let i = 0; i < evs.length; ) {
      // A full summary takes no more events.
      const room = this.sz.maxEvents - this.counted;
      if (room <= 0) {
        this.truncated = true;
        break;
      }
      const e = evs[i]!;
      if (e.k === 'access' || e.k === 'run') {
        // The stretch up to the next sync or spawn, in one run.
        let j = i;
        let count = 0;
        for (; j < evs.length; j++) {
          const x = evs[j]!;
          if (x.k === 'access') count++;
          else if (x.k === 'run') count += x.count;
          else break;
        }
        inlinedAccesses = true;
        // The bound may cut the stretch: the run stands for its first accesses.
        this.pushRun({ k: 'run', src: evs, from: i, to: j, count: Math.min(count, room), layers, place: topPlace, seq: this.seq, writes: undefined });
        if (count > room) {
          this.truncated = true;
          break;
        }
        i = j;
        continue;
      }
      const c = copy(e, true);
      if (c) this.push(c);
      i++;
    }
    if (inlinedAccesses && s.accessRoots) m.addRoots(s.accessRoots, this.inlinedAccessRoots);
  }

}

/**
 * How one call sees its callee's events: the receiver and parameter roots become the
 * caller's paths (a value copy, or the parameter variable itself, a fresh root), the
 * callee's locals get names of this call, made on first use, and the locks held at the
 * call join every top-level event's lock set. An inlined run keeps it as one of its
 * layers, so it outlives the call: its tables are made only as they are needed.
 */
class CallMapping implements InlineLayer {
  private readonly substRoots: string[] = [];
  private readonly substPaths: (Path | null)[] = [];
  private readonly substMapsOnly: boolean[] = [];
  private readonly localRoots: ReadonlySet<string> | undefined;
  private fresh: Map<string, string> | undefined;
  private locals: Map<string, string> | undefined;
  private mappedLockSets: Map<LockSet, LockSet> | undefined;
  private heldLockSets: Map<LockSet, LockSet> | undefined;
  private mappedAssumes: Map<readonly string[], readonly string[]> | undefined;

  constructor(
    caller: FuncWalker,
    s: FuncSummary,
    recv: Path | null,
    args: readonly (Path | null)[],
    argTypes: readonly LType[],
    recvType: LType | null,
    private readonly heldHere: LockSet,
  ) {
    const byValue = (t: LType | null): boolean => {
      if (!t) return false;
      const u = caller.sz.index.underlying(t);
      return u.k === 'struct' || u.k === 'array' || u.k === 'basic';
    };
    if (s.recvRoot) this.substitute(s.recvRoot, recv, byValue(recvType));
    s.paramRoots.forEach((r, i) => {
      if (r) this.substitute(r, args[i] ?? null, byValue(argTypes[i] ?? null));
    });
    this.localRoots = s.localRoots && s.localRoots.size > 0 ? s.localRoots : undefined;
    // Not the walker itself: runs keep their mappings for as long as the summary lives.
    this.sz = caller.sz;
    this.inlinedLocals = caller.inlinedLocals;
  }

  private readonly sz: Summarizer;
  /** The caller's: the names given to its callees' locals. */
  private readonly inlinedLocals: Set<string>;

  private substitute(root: string, path: Path | null, mapsOnly: boolean): void {
    // A later parameter of the same root replaces an earlier one, as in a map.
    const i = this.substRoots.indexOf(root);
    if (i >= 0) {
      this.substPaths[i] = path;
      this.substMapsOnly[i] = mapsOnly;
      return;
    }
    this.substRoots.push(root);
    this.substPaths.push(path);
    this.substMapsOnly.push(mapsOnly);
  }

  substitutes(root: string): boolean {
    return this.substRoots.includes(root);
  }

  /**
   * The fresh root standing for a substituted root: its copy (`C…`: a value receiver or
   * parameter) or what it points to, made on first use and kept for the call; `variable`:
   * the parameter variable itself where the argument has no path. Two tables, not one
   * keyed by the root with a suffix: building that key for every access cost more than
   * the rest of the lookup.
   */
  private freshRoot(root: string, copy: boolean, variable = false): string {
    const fresh = variable ? (this.freshVariables ??= new Map()) : (this.fresh ??= new Map());
    let f = fresh.get(root);
    if (!f) fresh.set(root, (f = (copy ? 'C' : '') + this.sz.newFreshRoot()));
    return f;
  }
  private freshVariables: Map<string, string> | undefined;

  /** A root's name in this call: the callee's locals get new ones, made on first use. */
  renamedRoot(root: string): string {
    const localRoots = this.localRoots;
    if (!localRoots) return root;
    const c0 = root.charCodeAt(0);
    if ((c0 !== 86 /* V */ && c0 !== 76 /* L */) || !localRoots.has(root)) return root;
    const locals = (this.locals ??= new Map());
    let r = locals.get(root);
    if (!r) {
      locals.set(root, (r = `L${this.sz.newFreshRoot()}`));
      this.inlinedLocals.add(r);
    }
    return r;
  }

  /** The names given to the callee's locals so far. */
  renamedLocals(): Set<string> {
    return new Set(this.locals?.values() ?? []);
  }

  renamed(key: string): string {
    if (!this.localRoots) return key;
    const c0 = key.charCodeAt(0);
    if (c0 !== 86 /* V */ && c0 !== 76 /* L */) return key;
    const root = key.slice(0, localRootEnd(key));
    const r = this.renamedRoot(root);
    return r === root ? key : r + key.slice(root.length);
  }

  path(p: Path, mapOp: boolean): Path {
    const q = this.pathBare(p, mapOp);
    if (q !== p) {
      if (p.handoff) q.handoff = p.handoff;
      if (p.own) q.own = this.pathBare(p.own, mapOp);
    }
    return q;
  }

  rootInto(shape: RootShape, mapOp: boolean): void {
    // pathBare's cases, on the root alone: a plain access reaches the last case only below
    // the parameter (the variable itself is the callee's own copy).
    const root = shape.root;
    const i = this.substRoots.indexOf(root);
    if (i < 0) {
      shape.root = this.renamedRoot(root);
      return;
    }
    const sp = shape.whole && !mapOp ? null : this.substPaths[i]!;
    if (!sp || (this.substMapsOnly[i] && !mapOp)) {
      shape.root = sp ? this.freshRoot(root, true) : this.freshRoot(root, false, true);
      return;
    }
    shape.root = sp.root;
    shape.whole = shape.whole && sp.key === sp.root;
  }

  root(root: string, whole: boolean, mapOp = false): RootShape {
    const shape = { root, whole };
    this.rootInto(shape, mapOp);
    return shape;
  }

  private pathBare(p: Path, mapOp: boolean): Path {
    const i = this.substRoots.indexOf(p.root);
    if (i < 0) {
      const r = this.renamedRoot(p.root);
      return r === p.root ? p : { key: r + p.key.slice(p.root.length), root: r, text: p.text };
    }
    // The parameter variable itself is the callee's own copy; what it points to is shared.
    const sp = p.key === p.root && !mapOp ? null : this.substPaths[i]!;
    if (!sp || (this.substMapsOnly[i] && !mapOp)) {
      const f = sp ? this.freshRoot(p.root, true) : this.freshRoot(p.root, false, true);
      return { key: f + p.key.slice(p.root.length), root: f, text: p.text };
    }
    return withHandoff(sp, { key: sp.key + p.key.slice(p.root.length), root: sp.root, text: p.text });
  }

  /** A lock, channel or fact key in the caller's terms; null for none. */
  key(k: string | null): string | null {
    if (k === null) return null;
    const prefixLen = k.startsWith('sem:') ? 4 : k.startsWith('once:') ? 5 : 0;
    const bare = prefixLen === 0 ? k : k.slice(prefixLen);
    const prefix = prefixLen === 0 ? '' : k.slice(0, prefixLen);
    for (let i = 0; i < this.substRoots.length; i++) {
      const root = this.substRoots[i]!;
      if (bare === root || (bare.length > root.length && bare.charCodeAt(root.length) === 46 /* . */ && bare.startsWith(root))) {
        const sp = this.substPaths[i]!;
        if (!sp || this.substMapsOnly[i]) {
          // A copy (value receiver or parameter): its mutex is a different mutex.
          return prefix + this.freshRoot(root, sp !== null) + bare.slice(root.length);
        }
        return prefix + sp.key + bare.slice(root.length);
      }
    }
    const r = this.renamed(bare);
    return r === bare ? k : prefix + r;
  }

  /**
   * A callee lock set in the caller's terms. Callee events share lock sets; so may their
   * copies (lock sets are never mutated). Only the first mapping of a set can create
   * roots, so memoising keeps the numbering.
   */
  lockSet(l: LockSet): LockSet {
    if (l.size === 0) return l;
    const memo = (this.mappedLockSets ??= new Map());
    let m = memo.get(l);
    if (m) return m;
    const out = new Map<string, { mode: LockMode; text: string }>();
    for (const [k, v] of l) {
      const nk = this.key(k);
      if (nk !== null) out.set(nk, v);
    }
    memo.set(l, (m = out));
    return m;
  }

  /** A top-level event's lock set here: the callee's, mapped, and the locks held at the call. */
  locks(l: LockSet): LockSet {
    const mapped = this.lockSet(l);
    if (this.heldHere.size === 0) return mapped;
    const memo = (this.heldLockSets ??= new Map());
    let u = memo.get(mapped);
    if (!u) memo.set(mapped, (u = lockSetUnion(this.heldHere, mapped)));
    return u;
  }

  /** Facts in the callee's terms, in the caller's (a copy's or an unknown object's are of no use). */
  facts(keys: readonly string[]): string[] {
    const out: string[] = [];
    for (const k of keys) {
      const nk = this.key(k);
      if (nk !== null && nk.charCodeAt(0) !== 70 /* F */ && nk.charCodeAt(0) !== 67 /* C */) out.push(nk);
    }
    return out;
  }

  /** Assumptions in the caller's terms, once per shared list. */
  assumes(l: readonly string[]): readonly string[] {
    const memo = (this.mappedAssumes ??= new Map());
    let m = memo.get(l);
    if (!m) {
      const out: string[] = [];
      for (const x of l) {
        const k = this.key(x.slice(0, -5));
        if (k !== null) out.push(k + x.slice(-5));
      }
      memo.set(l, (m = out));
    }
    return m;
  }

  /**
   * The variable roots a run's accesses name, here. The callee's locals among them get
   * this call's names now, as copying the accesses did: inlinedLocals (and so localRoots
   * and a goroutine's ownLocals) must hold them when the caller's summary is finished.
   */
  /** Adds to `out` the variable roots `roots` (a callee's accessRoots) become in this call, naming the callee's locals for it. */
  addRoots(roots: readonly string[], out: Set<string>): void {
    for (let j = 0; j < roots.length; j++) {
      const r = roots[j]!;
      const i = this.substRoots.indexOf(r);
      if (i < 0) addVariableRoot(out, this.renamedRoot(r));
      else {
        const sp = this.substPaths[i];
        if (sp) {
          addVariableRoot(out, sp.root);
          if (sp.own) addVariableRoot(out, sp.own.root);
        }
      }
    }
    // The locks held here join every inlined access's lock set.
    for (const k of this.heldHere.keys()) addVariableRoot(out, keyRoot(k));
  }
}

function addVariableRoot(out: Set<string>, root: string): void {
  const c = root.charCodeAt(0);
  if (c === 86 /* V */ || c === 76 /* L */) out.add(root);
}

/** The root of a lock or fact key (`sem:` and `once:` keys name their lock's path). */
function keyRoot(key: string): string {
  const bare = key.startsWith('sem:') ? key.slice(4) : key.startsWith('once:') ? key.slice(5) : key;
  return bare.slice(0, localRootEnd(bare));
}

/** Sync event j waits for everything the goroutine's body does (a named channel or group). */
function joinsWholeBody(j: SyncEvent, s: SpawnEvent): boolean {
  if (j.op === 'wait' && j.obj === '<barrier>') return true;
  if (j.obj === null) return false;
  if (j.op === 'wait' && s.group === j.obj) return true;
  const signal: SyncOp[] = j.op === 'wait' ? ['done'] : j.op === 'recv' ? ['send', 'close'] : j.op === 'send' && j.cap === 0 ? ['recv'] : [];
  if (signal.length === 0) return false;
  let lastAccess = -1;
  for (const e of s.body) if (e.k === 'access') lastAccess = Math.max(lastAccess, e.seq);
  return s.body.some((e) => e.k === 'sync' && e.seq > lastAccess && e.obj === j.obj && signal.includes(e.op));
}

function unionOf(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  const out = new Set(a);
  for (const x of b) out.add(x);
  return out;
}

/** Length of a key's root: up to the first field (`.`) or index (`[`). */
function localRootEnd(key: string): number {
  for (let i = 1; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c === 46 /* . */ || c === 91 /* [ */) return i;
  }
  return key.length;
}

/** A value receiver gets a copy: the receiver's type as the callee sees it. */
function receiverCopyType(decl: ast.FuncDecl, t: LType | null): LType | null {
  const r = decl.Recv?.List[0]?.Type;
  if (!r || !t) return t;
  // A pointer method on an addressable value takes its address: no copy.
  if (r.kind === 'StarExpr') return t.k === 'ptr' ? t : { k: 'ptr', elem: t };
  return t.k === 'ptr' ? t.elem : t;
}

/** Values of sync and sync/atomic types are only used through their methods. */
function isSyncValue(t: LType): boolean {
  return t.k === 'named' && (t.pkg === 'sync/atomic' || t.pkg === 'sync');
}

function rangeTypes(t: LType): [LType, LType] {
  switch (t.k) {
    case 'map':
      return [t.key, t.val];
    case 'slice':
    case 'array':
      return [{ k: 'basic', name: 'int' }, t.elem];
    case 'chan':
      return [t.elem, UNKNOWN];
    case 'basic':
      return [{ k: 'basic', name: 'int' }, t.name === 'string' ? { k: 'basic', name: 'rune' } : UNKNOWN];
    default:
      return [UNKNOWN, UNKNOWN];
  }
}

function isTerminatingName(name: string): boolean {
  return name === 'fatal' || name === 'fatalf' || name === 'die';
}

export { FuncWalker, Scope };
