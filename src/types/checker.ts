// The type checker of one package: collects package-level objects, declares them
// lazily (on first use, so an importing package pays only for what it touches),
// and checks function bodies of the packages analysed. It records what it finds in
// an Info as go/types does. It never throws on bad code: a declaration or statement
// that cannot be typed gets the invalid type and checking goes on.

import type * as ast from '../syntax/ast.js';
import { Token } from '../syntax/token.js';
import { end as nodeEnd, pos as nodePos, unparen } from '../syntax/ast.js';
import {
  Builtin, Const, Func, Label, Nil, Package, PkgName, Scope, TObject, TypeName, Var, newField, newParam,
  universeIota, unsafePackage, type BuiltinId, type ConstValue,
} from './objects.js';
import {
  Alias, ArrayType, Basic, BasicInfo, BasicKind, Chan, ChanDir, Interface, MapType, Named, Pointer, Signature, Slice,
  Struct, Tuple, Typ, Type, TypeParam, Union, coreString, coreType, defaultType, emptyInterface, emptyTuple, identical,
  isBasic, isExportedName, isInteger, isString, isUntyped, sortMethods, unalias,
} from './types.js';
import { Info, Mode, SelectionKind, type Selection } from './info.js';
import { ambiguous, lookupFieldOrMethod, type LookupResult } from './lookup.js';
import { instantiateAlias, instantiateNamed, subst, type SubstMap } from './subst.js';
import { alignof, offsetof, sizeof } from './sizes.js';

export interface Operand {
  mode: Mode;
  type: Type;
  value?: ConstValue;
  builtin?: BuiltinId;
}

const invalidOp: Operand = { mode: Mode.Invalid, type: Typ.Invalid };

/** How the checker finds imported packages (null: unknown package, its types unknown). */
export type Importer = (path: string, fromFile: string) => Package | null;

interface DeclInfo {
  file: FileInfo;
  kind: 'const' | 'var' | 'type' | 'func';
  spec?: ast.ValueSpec | ast.TypeSpec;
  /** For const specs: the type and values, repeated from the previous spec when omitted. */
  typeExpr?: ast.Expr | null;
  init?: ast.Expr | null;
  /** var a, b = f(): all the variables initialised by one multi-value expression. */
  lhs?: Var[];
  iota?: number;
  fdecl?: ast.FuncDecl;
}

interface FileInfo {
  file: ast.File;
  scope: Scope;
  name: string;
  /** A dot-imported package could not be loaded: an unresolved name may be one of its. */
  dotImportsUnknown?: boolean;
}

interface FuncContext {
  sig: Signature;
  /** Created on the first label: most functions have none. */
  labels: Map<string, Label> | null;
  /** Branches to labels not declared yet (a goto forward), resolved at the end of the body. */
  pendingBranches: ast.Ident[] | null;
}

export interface CheckerOptions {
  /**
   * Record block scopes in Info.scopes and Scope.children (go/types does). Off by
   * default: no consumer reads them, and keeping every block's scope alive costs
   * memory and collection time.
   */
  scopes?: boolean;
  /**
   * The package is read for its declarations (an import): its Info starts without an
   * index by position; call indexPositions before checking its bodies.
   */
  declarationsOnly?: boolean;
}

export class Checker {
  info: Info;
  private readonly recordScopes: boolean;
  readonly fileInfos: FileInfo[] = [];
  private decls = new Map<TObject, DeclInfo>();
  private methodDecls = new Map<string, Func[]>();
  private funcScopes = new Map<ast.FuncDecl, Scope>();
  private scope: Scope;
  private fctx: FuncContext | null = null;
  private iota: number | null = null;
  private currentFile: FileInfo | null = null;
  /** Function bodies are checked only for packages being analysed. */
  private checkingBodies = false;
  private bodiesChecked = false;
  /** Function literals met while declaring package-level objects lazily: checked with the bodies. */
  private deferredLits: { lit: ast.FuncLit; sig: Signature; scope: Scope; file: FileInfo | null }[] = [];
  /** Package-level variables whose initialiser was not needed for their type. */
  private deferredInits: Var[] = [];
  /**
   * Selector lookups by the type of x and the name, while bodies are checked (every
   * package-level type is complete then): a package selects the same few fields and
   * methods of the same types over and over, and each lookup allocated a result and
   * an index path, and each selector a Selection. Null outside body checking.
   */
  private selectorCache: Map<Type, Map<string, SelectorEntry>> | null = null;
  /** Local type declarations being typed: their types are not complete, so no caching. */
  private localTypeDepth = 0;
  /** Errors are collected, never thrown; the first few are kept for diagnostics. */
  readonly errors: string[] = [];

  constructor(
    readonly pkg: Package,
    readonly files: { file: ast.File; name: string }[],
    private importer: Importer,
    readonly posString: (p: number) => string = String,
    opts: CheckerOptions = {},
  ) {
    this.scope = pkg.scope;
    // A package read only for its declarations records few rows: no index by position
    // (4 bytes per byte of its source) until indexPositions, before its bodies.
    this.info = opts.declarationsOnly ? new Info() : this.indexedInfo();
    this.recordScopes = opts.scopes ?? false;
    this.collectObjects();
  }

  private positionRange(): [number, number] {
    let lo = Infinity;
    let hi = 0;
    for (const { file } of this.files) {
      lo = Math.min(lo, file.FileStart);
      hi = Math.max(hi, file.FileEnd + 1);
    }
    return hi > lo ? [lo, hi] : [0, 0];
  }

  private indexedInfo(): Info {
    const [lo, hi] = this.positionRange();
    return new Info(lo, hi);
  }

  /** Before checking the bodies of a package made with declarationsOnly: its Info indexed by position. */
  indexPositions(): void {
    const [lo, hi] = this.positionRange();
    this.info.indexPositions(lo, hi);
  }

  private error(at: number, msg: string): void {
    if (this.errors.length < 50) this.errors.push(`${this.posString(at)}: ${msg}`);
  }

  /** Guards a unit of work: an internal failure on bad input must not stop the package. */
  private guard<T>(at: number, fallback: T, f: () => T): T {
    try {
      return f();
    } catch (err) {
      if (err instanceof RangeError && /call stack/.test(err.message)) {
        this.error(at, 'too deeply nested');
        return fallback;
      }
      this.error(at, `internal: ${err instanceof Error ? err.message : String(err)}`);
      return fallback;
    }
  }

  // ------------------------------------------------------------------ collection

  private collectObjects(): void {
    const pkg = this.pkg;
    for (const { file, name } of this.files) {
      const fscope = new Scope(pkg.scope, file.FileStart, file.FileEnd, `file ${name}`);
      const fi: FileInfo = { file, scope: fscope, name };
      this.fileInfos.push(fi);
      if (this.recordScopes) this.info.scopes.set(file, fscope);
      if (pkg.name === '' && file.Name) pkg.name = file.Name.Name;
      for (const decl of file.Decls) {
        this.guard(nodePos(decl), undefined, () => this.collectDecl(fi, decl));
      }
    }
  }

  private collectDecl(fi: FileInfo, decl: ast.Decl): void {
    const pkg = this.pkg;
    if (decl.kind === 'FuncDecl') {
      const name = decl.Name.Name;
      const f = new Func(decl.Name.NamePos, pkg, name);
      f.decl = decl;
      this.info.recordDef(decl.Name, f);
      this.decls.set(f, { file: fi, kind: 'func', fdecl: decl });
      f.resolve = () => this.funcDecl(f);
      if (decl.Recv && decl.Recv.List.length > 0) {
        const base = receiverBaseName(decl.Recv.List[0]!.Type);
        if (base !== null && name !== '_') {
          let list = this.methodDecls.get(base);
          if (!list) this.methodDecls.set(base, (list = []));
          list.push(f);
        }
      } else if (name !== 'init' && name !== '_' && !(name === 'main' && false)) {
        this.declarePkgObj(f);
      }
      return;
    }
    if (decl.kind !== 'GenDecl') return;
    if (decl.Tok === Token.IMPORT) {
      for (const spec of decl.Specs) if (spec.kind === 'ImportSpec') this.collectImport(fi, spec);
      return;
    }
    let lastType: ast.Expr | null = null;
    let lastValues: ast.Expr[] = [];
    decl.Specs.forEach((spec, iota) => {
      if (spec.kind === 'ValueSpec') {
        if (decl.Tok === Token.CONST) {
          if (spec.Type !== null || spec.Values.length > 0) {
            lastType = spec.Type;
            lastValues = spec.Values;
          }
          spec.Names.forEach((id, i) => {
            const c = new Const(id.NamePos, pkg, id.Name, undefined, null);
            this.info.recordDef(id, c);
            this.decls.set(c, { file: fi, kind: 'const', spec, typeExpr: lastType, init: lastValues[i] ?? null, iota });
            c.resolve = () => this.constDecl(c);
            this.declarePkgObj(c);
          });
        } else {
          const vars = spec.Names.map((id) => {
            const v = new Var(id.NamePos, pkg, id.Name);
            this.info.recordDef(id, v);
            return v;
          });
          const multi = spec.Values.length === 1 && spec.Names.length > 1;
          vars.forEach((v, i) => {
            this.decls.set(v, {
              file: fi, kind: 'var', spec, typeExpr: spec.Type,
              init: multi ? spec.Values[0]! : (spec.Values[i] ?? null), lhs: multi ? vars : undefined,
            });
            v.resolve = () => this.varDecl(v);
            this.declarePkgObj(v);
          });
        }
      } else if (spec.kind === 'TypeSpec') {
        const tn = new TypeName(spec.Name.NamePos, pkg, spec.Name.Name);
        this.info.recordDef(spec.Name, tn);
        this.decls.set(tn, { file: fi, kind: 'type', spec });
        tn.resolve = () => this.typeDecl(tn);
        this.declarePkgObj(tn);
      }
    });
  }

  private declarePkgObj(obj: TObject): void {
    if (obj.name === '_') return;
    const old = this.pkg.scope.insert(obj);
    if (old) this.error(obj.pos, `${obj.name} redeclared in this block`);
  }

  private collectImport(fi: FileInfo, spec: ast.ImportSpec): void {
    const path = unquote(spec.Path.Value);
    let imported: Package | null;
    if (path === 'unsafe') imported = unsafePackage;
    else if (path === 'C') imported = fakeCPackage();
    else imported = this.guard(spec.Path.ValuePos, null, () => this.importer(path, fi.name));
    if (!imported) {
      imported = new Package(path, lastSegment(path));
      imported.complete = false;
      imported.fake = true;
    }
    if (!this.pkg.imports.includes(imported)) this.pkg.imports.push(imported);
    const name = spec.Name ? spec.Name.Name : imported.name || lastSegment(path);
    if (name === '.') {
      if (!imported.complete) fi.dotImportsUnknown = true;
      for (const n of imported.scope.names()) {
        const o = imported.scope.lookup(n)!;
        if (o.exported()) fi.scope.insert(o);
      }
      if (spec.Name) this.info.recordDef(spec.Name, new PkgName(spec.Name.NamePos, this.pkg, '.', imported));
      return;
    }
    const pn = new PkgName(spec.Name ? spec.Name.NamePos : spec.Path.ValuePos, this.pkg, name, imported);
    if (spec.Name) this.info.recordDef(spec.Name, pn);
    else this.info.implicits.set(spec, pn);
    if (name !== '_') fi.scope.insert(pn);
  }

  // ------------------------------------------------------------------ package-level declarations

  /** Declares every package-level object (imported packages need only those they use). */
  checkPackageLevel(): void {
    for (const obj of [...this.decls.keys()]) {
      this.guard(obj.pos, undefined, () => void obj.type);
    }
    for (const [, fs] of this.methodDecls) for (const f of fs) this.guard(f.pos, undefined, () => void f.type);
  }

  /** Function bodies checked one by one (checkBodiesOnDemand), which checkBodies skips. */
  private checkedBodies: Set<ast.FuncDecl> | null = null;
  /** The package's function bodies by position, for checkBodiesOnDemand. */
  private bodyRanges: { from: number; to: number; decl: ast.FuncDecl; f: Func }[] | null = null;

  /**
   * Checks each function body only when its types are first asked for (an Info question
   * about a node inside it); a question about any other node checks everything left.
   * For callers that look at a few bodies of a package: the bodies not asked about, and
   * the imports only they use, are never read. Type errors are then those of the bodies
   * checked.
   */
  checkBodiesOnDemand(): void {
    if (this.bodiesChecked) return;
    this.checkedBodies = new Set();
    this.info.demand = (pos) => this.demandAt(pos);
  }

  private demandAt(pos: number): void {
    if (this.checkingBodies || this.bodiesChecked) return;
    const ranges = (this.bodyRanges ??= this.funcBodyRanges());
    let lo = 0;
    let hi = ranges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid]!.to <= pos) lo = mid + 1;
      else hi = mid;
    }
    const r = ranges[lo];
    if (r === undefined || pos < r.from) {
      this.checkBodies();
      return;
    }
    if (this.checkedBodies!.has(r.decl)) return;
    this.checkedBodies!.add(r.decl);
    this.checkingBodies = true;
    this.selectorCache ??= new Map();
    try {
      this.guard(r.f.pos, undefined, () => {
        void r.f.type;
        this.funcBody(r.decl, r.f);
      });
    } finally {
      this.checkingBodies = false;
    }
  }

  private funcBodyRanges(): { from: number; to: number; decl: ast.FuncDecl; f: Func }[] {
    const out: { from: number; to: number; decl: ast.FuncDecl; f: Func }[] = [];
    for (const [obj, d] of this.decls) {
      const body = d.kind === 'func' ? d.fdecl?.Body : undefined;
      if (body) out.push({ from: body.Lbrace, to: body.Rbrace + 1, decl: d.fdecl!, f: obj as Func });
    }
    return out.sort((a, b) => a.from - b.from);
  }

  /** Checks the whole package: every declaration and every function body. */
  checkBodies(): void {
    if (this.bodiesChecked) return;
    this.bodiesChecked = true;
    this.info.demand = undefined;
    const saved = this.checkingBodies;
    this.checkingBodies = true;
    this.checkPackageLevel();
    this.selectorCache = new Map();
    try {
      for (const v of this.deferredInits) {
        const d = this.decls.get(v)!;
        this.withFile(d.file, () =>
          this.guard(v.pos, undefined, () => {
            const x = this.expr(d.init!, v.type);
            this.assignment(x, v.type, d.init!);
          }),
        );
      }
      this.deferredInits = [];
      for (const { lit, sig, scope, file } of this.deferredLits) {
        const fi = file ?? this.fileInfos[0];
        if (!fi) continue;
        this.withFile(fi, () =>
          this.guard(nodePos(lit), undefined, () => {
            this.scope = scope;
            this.body(sig, lit.Body);
          }),
        );
      }
      this.deferredLits = [];
      for (const [obj, d] of this.decls) {
        if (d.kind === 'func' && d.fdecl?.Body && !this.checkedBodies?.has(d.fdecl)) {
          const f = obj as Func;
          this.guard(f.pos, undefined, () => this.funcBody(d.fdecl!, f));
        }
      }
    } finally {
      this.checkingBodies = saved;
      this.selectorCache = null;
    }
  }

  private withFile<T>(fi: FileInfo, f: () => T): T {
    const savedScope = this.scope;
    const savedFile = this.currentFile;
    const savedF = this.fctx;
    const savedIota = this.iota;
    this.scope = fi.scope;
    this.currentFile = fi;
    this.fctx = null;
    this.iota = null;
    try {
      return f();
    } finally {
      this.scope = savedScope;
      this.currentFile = savedFile;
      this.fctx = savedF;
      this.iota = savedIota;
    }
  }

  private constDecl(c: Const): void {
    const d = this.decls.get(c)!;
    this.withFile(d.file, () =>
      this.guard(c.pos, undefined, () => {
        this.iota = d.iota ?? 0;
        const t = d.typeExpr ? this.typExpr(d.typeExpr) : undefined;
        if (!d.init) {
          c.type = t ?? Typ.Invalid;
          return;
        }
        let x = this.expr(d.init);
        if (t && x.mode !== Mode.Invalid) x = this.assignment(x, t, d.init);
        c.type = x.type;
        c.value = x.value ?? null;
      }),
    );
    if (c.peekType() === undefined) c.type = Typ.Invalid;
  }

  private varDecl(v: Var): void {
    const d = this.decls.get(v)!;
    this.withFile(d.file, () =>
      this.guard(v.pos, undefined, () => {
        const t = d.typeExpr ? this.typExpr(d.typeExpr) : undefined;
        if (d.lhs) {
          for (const w of d.lhs) if (t) w.type = t;
          if (!d.init) return;
          const types = this.multiValue(d.init, d.lhs.length, !!t);
          d.lhs.forEach((w, i) => {
            if (!t) w.type = types[i] ?? Typ.Invalid;
            if (w !== v) w.resolve = undefined;
          });
          return;
        }
        if (t) v.type = t;
        if (!d.init) return;
        if (!this.checkingBodies && !this.bodiesChecked && t) {
          this.deferredInits.push(v); // the type is all an importer needs
          return;
        }
        const x = this.expr(d.init, t);
        if (t) this.assignment(x, t, d.init);
        else v.type = this.defaultOf(x, d.init);
      }),
    );
    if (v.peekType() === undefined) v.type = Typ.Invalid;
  }

  /** Types of `n` values produced by one expression (a call with n results, or a comma-ok form). */
  private multiValue(e: ast.Expr, n: number, _typed: boolean): Type[] {
    const x = this.expr(e, undefined, n === 2);
    if (x.type instanceof Tuple) return x.type.vars.map((v) => v.type);
    if (x.mode === Mode.CommaOk || x.mode === Mode.MapIndex) {
      const first = x.type;
      if (n === 2) this.info.updateType(unparen(e), new Tuple([new Var(0, null, '', first), new Var(0, null, '', Typ.Bool)]), Mode.CommaOk);
      return [first, Typ.Bool];
    }
    return [x.type];
  }

  private typeDecl(tn: TypeName): void {
    const d = this.decls.get(tn)!;
    const spec = d.spec as ast.TypeSpec;
    this.withFile(d.file, () => this.typeSpec(tn, spec));
  }

  private typeSpec(tn: TypeName, spec: ast.TypeSpec): void {
    if (spec.Assign !== 0) {
      const alias = new Alias(tn);
      tn.type = alias;
      this.typeSpecRHS(spec, alias);
      return;
    }
    const named = new Named(tn);
    tn.type = named;
    named.methodResolver = (n) => {
      const fs = this.methodDecls.get(tn.name);
      if (fs && tn.parent === this.pkg.scope) n.methods = fs.slice();
    };
    this.typeSpecRHS(spec, named);
  }

  /**
   * Type parameters, then the right-hand side, of an alias or a defined type. The type
   * parameters are stored on the type before the right-hand side is typed, because that
   * side may refer to the type itself.
   */
  private typeSpecRHS(spec: ast.TypeSpec, target: Alias | Named): void {
    this.guard(spec.Name.NamePos, undefined, () => {
      if (spec.TypeParams && spec.TypeParams.List.length > 0) {
        const s = this.openScope(spec, 'type parameters');
        try {
          target.typeParams = this.collectTypeParams(spec.TypeParams);
          target.rhs = this.typExpr(spec.Type);
        } finally {
          this.scope = s;
        }
      } else {
        target.rhs = this.typExpr(spec.Type);
      }
    });
    if (target.rhs === undefined) target.rhs = Typ.Invalid;
  }

  private funcDecl(f: Func): void {
    const d = this.decls.get(f)!;
    const decl = d.fdecl!;
    this.withFile(d.file, () => {
      const sigScope = new Scope(this.scope, nodePos(decl.Type), nodeEnd(decl), 'function', this.recordScopes);
      sigScope.isFunc = true;
      if (this.recordScopes) this.info.scopes.set(decl.Type, sigScope);
      this.funcScopes.set(decl, sigScope);
      const saved = this.scope;
      this.scope = sigScope;
      try {
        f.type = this.guard(decl.Name.NamePos, new Signature(null, emptyTuple, emptyTuple, false), () => this.funcType(decl.Type, decl.Recv));
      } finally {
        this.scope = saved;
      }
    });
    if (decl.Recv && !this.bodiesChecked) {
      // keep Func objects of methods out of the package scope (they live on their type)
    }
  }

  private funcBody(decl: ast.FuncDecl, f: Func): void {
    const sig = f.type;
    if (!(sig instanceof Signature) || !decl.Body) return;
    const sigScope = this.funcScopes.get(decl);
    if (!sigScope) return;
    const d = this.decls.get(f)!;
    this.withFile(d.file, () => {
      this.scope = sigScope;
      this.body(sig, decl.Body!);
    });
  }

  private body(sig: Signature, body: ast.BlockStmt): void {
    const savedF = this.fctx;
    const fctx: FuncContext = { sig, labels: null, pendingBranches: null };
    this.fctx = fctx;
    try {
      // Labels are declared as their statements are met (in source order, the first of
      // a name wins), not in a walk of their own; only a goto can jump forward.
      this.stmtList(body.List);
      if (fctx.pendingBranches !== null) {
        for (const id of fctx.pendingBranches) {
          const l = fctx.labels?.get(id.Name);
          if (l) this.info.recordUse(id, l);
        }
      }
    } finally {
      this.fctx = savedF;
    }
  }

  // ------------------------------------------------------------------ scopes

  /** Opens a scope for node; returns the previous scope (restore with this.scope = prev). */
  private openScope(node: ast.Node, comment: string): Scope {
    const prev = this.scope;
    const s = new Scope(prev, this.recordScopes ? nodePos(node) : 0, node, comment, this.recordScopes);
    if (this.recordScopes) this.info.scopes.set(node, s);
    this.scope = s;
    return prev;
  }

  private declare(scope: Scope, id: ast.Ident | null, obj: TObject): void {
    if (id) this.info.recordDef(id, obj);
    if (obj.name === '_') return;
    const old = scope.insert(obj);
    if (old && id) this.error(id.NamePos, `${obj.name} redeclared in this block`);
  }

  private lookup(name: string): TObject | undefined {
    for (let s: Scope | null = this.scope; s; s = s.parent) {
      const o = s.lookup(name);
      if (o) return o;
    }
    return undefined;
  }

  // ------------------------------------------------------------------ type expressions

  /** Evaluates a type expression; records it; Invalid when it is not a type. */
  typExpr(e: ast.Expr): Type {
    const x = this.rawExpr(e, undefined, true);
    if (x.mode === Mode.TypeExpr) return x.type;
    if (x.mode !== Mode.Invalid) this.error(nodePos(e), `${exprString(e)} is not a type`);
    return Typ.Invalid;
  }

  /** Type literals; returns undefined when e is not one. */
  private typeLit(e: ast.Expr): Type | undefined {
    switch (e.kind) {
      case 'ArrayType': {
        if (e.Len === null) return new Slice(this.typExpr(e.Elt));
        if (e.Len.kind === 'Ellipsis') {
          this.typExpr(e.Elt);
          return Typ.Invalid; // [...]T outside a composite literal
        }
        const n = this.arrayLength(e.Len);
        return new ArrayType(this.typExpr(e.Elt), n);
      }
      case 'MapType':
        return new MapType(this.typExpr(e.Key), this.typExpr(e.Value));
      case 'ChanType': {
        const bits = e.Dir as number;
        const dir = bits === 3 ? ChanDir.SendRecv : bits === 1 ? ChanDir.SendOnly : ChanDir.RecvOnly;
        return new Chan(dir, this.typExpr(e.Value));
      }
      case 'StructType':
        return this.structType(e);
      case 'FuncType': {
        const s = this.openScope(e, 'function');
        this.scope.isFunc = true;
        try {
          return this.funcType(e, null);
        } finally {
          this.scope = s;
        }
      }
      case 'InterfaceType':
        return this.interfaceType(e);
      case 'Ellipsis':
        return new Slice(e.Elt ? this.typExpr(e.Elt) : Typ.Invalid);
    }
    return undefined;
  }

  private arrayLength(e: ast.Expr): number {
    const x = this.expr(e);
    if (x.mode === Mode.Constant && x.value?.kind === 'int') return Number(x.value.v);
    if (x.mode === Mode.Constant && x.value?.kind === 'float' && Number.isInteger(x.value.v)) return x.value.v;
    return -1;
  }

  private structType(e: ast.StructType): Struct {
    const fields: Var[] = [];
    const tags: (string | null)[] = [];
    for (const f of e.Fields.List) {
      const t = f.Type ? this.typExpr(f.Type) : Typ.Invalid;
      const tag = f.Tag ? unquote(f.Tag.Value) : null;
      if (f.Names.length === 0) {
        const id = f.Type ? embeddedFieldIdent(f.Type) : null;
        const name = id ? id.Name : '_';
        const v = newField(id ? id.NamePos : nodePos(f), this.pkg, name, t, true);
        if (id) this.info.recordDef(id, v);
        fields.push(v);
        tags.push(tag);
        continue;
      }
      for (const id of f.Names) {
        const v = newField(id.NamePos, this.pkg, id.Name, t, false);
        this.info.recordDef(id, v);
        fields.push(v);
        tags.push(tag);
      }
    }
    return new Struct(fields, tags.some((t) => t !== null) ? tags : []);
  }

  private interfaceType(e: ast.InterfaceType): Interface {
    const methods: Func[] = [];
    const embeddeds: Type[] = [];
    const iface = new Interface(methods, embeddeds);
    for (const f of e.Methods.List) {
      if (f.Names.length === 0) {
        if (f.Type) embeddeds.push(this.constraintTerm(f.Type));
        continue;
      }
      const id = f.Names[0]!;
      const m = new Func(id.NamePos, this.pkg, id.Name);
      m.isInterfaceMethod = true;
      m.decl = f;
      this.info.recordDef(id, m);
      let sig: Type = Typ.Invalid;
      if (f.Type && f.Type.kind === 'FuncType') {
        const s = this.openScope(f.Type, 'function');
        this.scope.isFunc = true;
        try {
          sig = this.funcType(f.Type, null);
        } finally {
          this.scope = s;
        }
      }
      if (sig instanceof Signature) sig.recv = new Var(id.NamePos, this.pkg, '', iface);
      m.type = sig;
      methods.push(m);
    }
    sortMethods(methods);
    return iface;
  }

  /** A constraint element: a type, ~T, or a union T1 | ~T2. */
  private constraintTerm(e: ast.Expr): Type {
    if (e.kind === 'BinaryExpr' && e.Op === Token.OR) {
      const terms = [...this.unionTerms(e.X), ...this.unionTerms(e.Y)];
      return new Union(terms);
    }
    if (e.kind === 'UnaryExpr' && e.Op === Token.TILDE) return new Union([{ tilde: true, type: this.typExpr(e.X) }]);
    return this.typExpr(e);
  }

  private unionTerms(e: ast.Expr): { tilde: boolean; type: Type }[] {
    if (e.kind === 'BinaryExpr' && e.Op === Token.OR) return [...this.unionTerms(e.X), ...this.unionTerms(e.Y)];
    if (e.kind === 'UnaryExpr' && e.Op === Token.TILDE) return [{ tilde: true, type: this.typExpr(e.X) }];
    return [{ tilde: false, type: this.typExpr(e) }];
  }

  private collectTypeParams(list: ast.FieldList): TypeParam[] {
    const tps: TypeParam[] = [];
    for (const f of list.List) {
      for (const id of f.Names) {
        const tn = new TypeName(id.NamePos, this.pkg, id.Name);
        const tp = new TypeParam(tn, tps.length, emptyInterface);
        tn.type = tp;
        this.declare(this.scope, id, tn);
        tps.push(tp);
      }
    }
    let i = 0;
    for (const f of list.List) {
      const bound = f.Type ? this.bound(f.Type) : emptyInterface;
      for (let k = 0; k < f.Names.length; k++) tps[i++]!.constraint = bound;
    }
    return tps;
  }

  private bound(e: ast.Expr): Type {
    const t = this.constraintTerm(e);
    if (t instanceof Union || !(t.underlying() instanceof Interface)) {
      if (t === Typ.Invalid) return t;
      const i = new Interface([], [t]);
      i.implicit = true;
      return i;
    }
    return t;
  }

  /** A function's signature; parameters are declared in the current (function) scope. */
  private funcType(e: ast.FuncType, recvList: ast.FieldList | null): Signature {
    let recv: Var | null = null;
    let recvTps: TypeParam[] = [];
    // Parameter types are resolved before any parameter is declared (a parameter named
    // like a package does not hide the package in the signature).
    const pending: (ast.Ident | Var)[] = []; // identifier, variable, identifier, variable…
    if (recvList && recvList.List.length > 0) {
      const rf = recvList.List[0]!;
      const rt = this.receiverType(rf.Type!, (tps) => (recvTps = tps));
      const id = rf.Names[0] ?? null;
      recv = newParam(id ? id.NamePos : nodePos(rf), this.pkg, id ? id.Name : '', rt);
      if (id) pending.push(id, recv);
    }
    const tps = e.TypeParams && e.TypeParams.List.length > 0 ? this.collectTypeParams(e.TypeParams) : [];
    const params = this.paramList(e.Params, true, pending);
    const variadic = this.variadicParams;
    const results = e.Results ? this.paramList(e.Results, false, pending) : [];
    for (let i = 0; i < pending.length; i += 2) this.declare(this.scope, pending[i] as ast.Ident, pending[i + 1] as Var);
    const sig = new Signature(recv, new Tuple(params), new Tuple(results), variadic, tps);
    sig.recvTypeParams = recvTps;
    return sig;
  }

  /** Set by paramList: whether the list it read ends in ...T. */
  private variadicParams = false;

  private paramList(list: ast.FieldList, variadicOk: boolean, pending: (ast.Ident | Var)[]): Var[] {
    const vars: Var[] = [];
    let variadic = false;
    const fields = list.List;
    for (let fi = 0; fi < fields.length; fi++) {
      const f = fields[fi]!;
      let te = f.Type;
      let isVariadic = false;
      if (te && te.kind === 'Ellipsis' && variadicOk && fi === fields.length - 1) {
        isVariadic = true;
        te = te.Elt;
      }
      let t = te ? this.typExpr(te) : Typ.Invalid;
      if (isVariadic) {
        t = new Slice(t);
        variadic = true;
        if (f.Type) this.info.recordType(f.Type, Mode.TypeExpr, t, undefined);
      }
      if (f.Names.length === 0) {
        vars.push(newParam(f.Type ? nodePos(f.Type) : 0, this.pkg, '', t));
        continue;
      }
      for (const id of f.Names) {
        const v = newParam(id.NamePos, this.pkg, id.Name, t);
        pending.push(id, v);
        vars.push(v);
      }
    }
    this.variadicParams = variadic;
    return vars;
  }

  /** The receiver type; for a generic base type, declares fresh receiver type parameters. */
  private receiverType(e: ast.Expr, setTps: (tps: TypeParam[]) => void): Type {
    let inner = unparen(e);
    let ptr = false;
    if (inner.kind === 'StarExpr') {
      ptr = true;
      inner = unparen(inner.X);
    }
    let t: Type;
    if (inner.kind === 'IndexExpr' || inner.kind === 'IndexListExpr') {
      const idx = inner.kind === 'IndexExpr' ? [inner.Index] : inner.Indices;
      const baseT = this.typExprNoInstantiate(inner.X);
      const base = unalias(baseT);
      const tps: TypeParam[] = [];
      for (const ie of idx) {
        if (ie.kind !== 'Ident') continue;
        const tn = new TypeName(ie.NamePos, this.pkg, ie.Name);
        const tp = new TypeParam(tn, tps.length, emptyInterface);
        tn.type = tp;
        this.declare(this.scope, ie, tn);
        tps.push(tp);
      }
      if (base instanceof Named && base.typeParams.length === tps.length) {
        const map: SubstMap = new Map();
        base.typeParams.forEach((p, i) => map.set(p, tps[i]!));
        base.typeParams.forEach((p, i) => (tps[i]!.constraint = subst(p.constraint, map)));
        t = instantiateNamed(base, tps);
      } else {
        t = Typ.Invalid;
      }
      this.info.recordType(inner, Mode.TypeExpr, t, undefined);
      setTps(tps);
    } else {
      t = this.typExpr(inner);
    }
    const rt = ptr ? new Pointer(t) : t;
    if (ptr) this.info.recordType(unparen(e), Mode.TypeExpr, rt, undefined);
    return rt;
  }

  /** A (possibly generic) type name without instantiation. */
  private typExprNoInstantiate(e: ast.Expr): Type {
    const x = this.rawExpr(e, undefined, true, true);
    return x.mode === Mode.TypeExpr ? x.type : Typ.Invalid;
  }

  // ------------------------------------------------------------------ expressions

  private record(e: ast.Expr, x: Operand): void {
    if (x.mode === Mode.Invalid) return; // go/types records nothing for invalid operands
    this.info.recordType(e, x.mode, x.type, x.value, x);
  }

  /** Evaluates an expression that must be a single value (or type, or builtin, for callers that accept those). */
  expr(e: ast.Expr, hint?: Type, commaOkAllowed = false): Operand {
    const x = this.rawExpr(e, hint, false);
    void commaOkAllowed;
    return x;
  }

  private rawExpr(e: ast.Expr, hint: Type | undefined, wantType: boolean, noInstantiate = false): Operand {
    // Inline try/catch rather than guard(): this runs for every expression.
    let x: Operand;
    try {
      x = this.exprInternal(e, hint, wantType, noInstantiate);
    } catch (err) {
      x = this.guard(nodePos(e), invalidOp, () => {
        throw err;
      });
    }
    // Identifiers and selectors record themselves (their use, selection and type on one row).
    if (e.kind !== 'Ident' && e.kind !== 'SelectorExpr') this.record(e, x);
    return x;
  }

  private exprInternal(e: ast.Expr, hint: Type | undefined, wantType: boolean, noInstantiate: boolean): Operand {
    // The commonest kinds first (a switch on strings compares case by case).
    if (e.kind === 'Ident') return this.ident(e, wantType, noInstantiate);
    if (e.kind === 'SelectorExpr') return this.selector(e, wantType, noInstantiate);
    if (e.kind === 'CallExpr') return this.call(e, hint);
    switch (e.kind) {
      case 'BadExpr':
        return invalidOp;
      case 'BasicLit':
        return this.basicLit(e);
      case 'FuncLit': {
        const s = this.openScope(e.Type, 'function');
        this.scope.isFunc = true;
        try {
          const sig = this.funcType(e.Type, null);
          if (!this.checkingBodies) {
            this.deferredLits.push({ lit: e, sig, scope: this.scope, file: this.currentFile });
          } else {
            const savedIota = this.iota;
            this.iota = null;
            try {
              this.body(sig, e.Body);
            } finally {
              this.iota = savedIota;
            }
          }
          return valueOperand(sig);
        } finally {
          this.scope = s;
        }
      }
      case 'CompositeLit':
        return this.compositeLit(e, hint);
      case 'ParenExpr':
        return this.rawExpr(e.X, hint, wantType, noInstantiate);
      case 'IndexExpr':
      case 'IndexListExpr':
        return this.indexExpr(e, hint);
      case 'SliceExpr':
        return this.sliceExpr(e);
      case 'TypeAssertExpr': {
        const x = this.expr(e.X);
        if (e.Type === null) return { mode: Mode.Invalid, type: Typ.Invalid };
        const t = this.typExpr(e.Type);
        void x;
        return { mode: Mode.CommaOk, type: t };
      }
      case 'StarExpr': {
        const x = this.rawExpr(e.X, undefined, wantType);
        if (x.mode === Mode.TypeExpr) {
          // *T of an invalid T is invalid, as go/types has it (no follow-on errors).
          if (unalias(x.type) === Typ.Invalid) return { mode: Mode.TypeExpr, type: Typ.Invalid };
          return { mode: Mode.TypeExpr, type: new Pointer(x.type) };
        }
        if (x.mode === Mode.Invalid) return invalidOp;
        const u = coreType(x.type);
        if (u instanceof Pointer) return { mode: Mode.Variable, type: u.elem };
        return invalidOp;
      }
      case 'UnaryExpr':
        return this.unary(e, hint);
      case 'BinaryExpr':
        return this.binary(e, hint);
      case 'KeyValueExpr':
        this.expr(e.Key);
        this.expr(e.Value);
        return invalidOp;
      case 'ArrayType':
      case 'MapType':
      case 'ChanType':
      case 'StructType':
      case 'FuncType':
      case 'InterfaceType':
      case 'Ellipsis': {
        const t = this.typeLit(e);
        return t === undefined ? invalidOp : { mode: Mode.TypeExpr, type: t };
      }
    }
    return invalidOp;
  }

  private ident(e: ast.Ident, wantType: boolean, noInstantiate: boolean): Operand {
    if (e.Name === '_') {
      return invalidOp;
    }
    const obj = this.lookup(e.Name);
    if (!obj) {
      // An unknown package's names are unknown, not errors (the checks stay quiet about them).
      if (!this.currentFile?.dotImportsUnknown) this.error(e.NamePos, `undefined: ${e.Name}`);
      return invalidOp;
    }
    void wantType;
    void noInstantiate;
    const x = this.objectOperand(obj);
    if (x.mode === Mode.Invalid) this.info.recordUse(e, obj);
    else this.info.recordIdent(e, obj, x.mode, x.type, x.value, x);
    return x;
  }

  private objectOperand(obj: TObject): Operand {
    // Variables first: most identifiers denote one (the classes are disjoint).
    if (obj instanceof Var) return sharedOperand(obj, Mode.Variable);
    if (obj instanceof PkgName) {
      obj.used = true;
      return invalidOp;
    }
    if (obj instanceof Const) {
      if (obj === universeIota) {
        if (this.iota === null) return invalidOp;
        return { mode: Mode.Constant, type: Typ.UntypedInt, value: { kind: 'int', v: BigInt(this.iota) } };
      }
      const t = obj.type;
      return { mode: Mode.Constant, type: t, value: obj.value ?? { kind: 'unknown' } };
    }
    // Operands of variables, type names and non-generic functions are shared by all
    // uses: nothing mutates them once recorded (only untyped constants are converted in
    // place, and generic functions' operands are instantiated in place).
    if (obj instanceof TypeName) return sharedOperand(obj, Mode.TypeExpr);
    if (obj instanceof Func) {
      const t = obj.type;
      if (t instanceof Signature && t.typeParams.length > 0) return valueOperand(t);
      return sharedOperand(obj, Mode.Value);
    }
    if (obj instanceof Builtin) return { mode: Mode.Builtin, type: Typ.Invalid, builtin: obj.builtin };
    if (obj instanceof Nil) return valueOperand(Typ.UntypedNil);
    return invalidOp;
  }

  private basicLit(e: ast.BasicLit): Operand {
    // Short literals (0, 1, "", "\n", 'a'…) recur everywhere: their operands are made
    // once and shared (nothing mutates an operand once made).
    const lit = e.Value;
    const cache = lit.length <= 8 ? shortLits[e.Kind] : undefined;
    if (cache !== undefined) {
      const cached = cache.get(lit);
      if (cached !== undefined) return cached;
    }
    let x: Operand;
    switch (e.Kind) {
      case Token.INT:
        x = { mode: Mode.Constant, type: Typ.UntypedInt, value: intLitValue(lit) };
        break;
      case Token.FLOAT:
        x = { mode: Mode.Constant, type: Typ.UntypedFloat, value: { kind: 'float', v: parseFloatLit(lit) } };
        break;
      case Token.IMAG:
        x = { mode: Mode.Constant, type: Typ.UntypedComplex, value: { kind: 'complex', re: 0, im: 0 } };
        break;
      case Token.CHAR:
        x = { mode: Mode.Constant, type: Typ.UntypedRune, value: { kind: 'int', v: BigInt(unquoteChar(lit)) } };
        break;
      case Token.STRING:
        x = { mode: Mode.Constant, type: Typ.UntypedString, value: { kind: 'string', v: unquote(lit) } };
        break;
      default:
        return invalidOp;
    }
    if (cache !== undefined) cache.set(lit, x);
    return x;
  }

  private compositeLit(e: ast.CompositeLit, hint: Type | undefined): Operand {
    let typ: Type;
    let base: Type;
    if (e.Type) {
      if (e.Type.kind === 'ArrayType' && e.Type.Len && e.Type.Len.kind === 'Ellipsis') {
        const elt = this.typExpr(e.Type.Elt);
        const n = this.countArrayElts(e.Elts);
        typ = new ArrayType(elt, n);
        this.info.recordType(e.Type, Mode.TypeExpr, typ, undefined);
      } else {
        typ = this.typExpr(e.Type);
      }
      base = typ;
    } else if (hint) {
      typ = hint;
      base = hint;
      const u = coreType(hint);
      if (u instanceof Pointer) {
        // &T is elided: the literal's type is T.
        typ = u.elem;
        base = u.elem;
      }
    } else {
      for (const el of e.Elts) this.expr(el.kind === 'KeyValueExpr' ? el.Value : el);
      return invalidOp;
    }
    const u = coreType(base);
    if (u instanceof Struct) {
      for (const el of e.Elts) {
        if (el.kind === 'KeyValueExpr') {
          if (el.Key.kind === 'Ident') {
            const f = u.fields.find((x) => x.name === (el.Key as ast.Ident).Name);
            if (f) this.info.recordUse(el.Key, f);
          }
          const f = el.Key.kind === 'Ident' ? u.fields.find((x) => x.name === (el.Key as ast.Ident).Name) : undefined;
          const x = this.expr(el.Value, f?.type);
          if (f) this.assignment(x, f.type, el.Value);
        } else {
          const i = e.Elts.indexOf(el);
          const f = u.fields[i];
          const x = this.expr(el, f?.type);
          if (f) this.assignment(x, f.type, el);
        }
      }
    } else if (u instanceof ArrayType || u instanceof Slice) {
      this.elements(e.Elts, u.elem, Typ.Int);
    } else if (u instanceof MapType) {
      this.elements(e.Elts, u.elem, u.key);
    } else {
      for (const el of e.Elts) this.expr(el.kind === 'KeyValueExpr' ? el.Value : el);
    }
    return valueOperand(typ);
  }

  private countArrayElts(elts: ast.Expr[]): number {
    let max = 0;
    let i = 0;
    for (const el of elts) {
      if (el.kind === 'KeyValueExpr') {
        const kx = this.expr(el.Key);
        this.assignment(kx, Typ.Int, el.Key);
        const k = this.constIntOf(el.Key);
        if (k !== null) i = k;
      }
      i++;
      if (i > max) max = i;
    }
    return max;
  }

  private constIntOf(e: ast.Expr): number | null {
    const v = this.info.recordedValue(e);
    if (v?.kind === 'int') return Number(v.v);
    return null;
  }

  private elements(elts: ast.Expr[], elem: Type, key: Type): void {
    for (const el of elts) {
      if (el.kind === 'KeyValueExpr') {
        const isMapKey = key !== Typ.Int;
        const kx = this.info.recordedMode(el.Key) >= 0 && !isMapKey ? undefined : this.expr(el.Key, isMapKey ? key : undefined);
        if (kx) this.assignment(kx, key, el.Key);
        const x = this.expr(el.Value, elem);
        this.assignment(x, elem, el.Value);
      } else {
        const x = this.expr(el, elem);
        this.assignment(x, elem, el);
      }
    }
  }

  private selector(e: ast.SelectorExpr, wantType: boolean, noInstantiate: boolean): Operand {
    const sel = e.Sel.Name;
    if (e.X.kind === 'Ident') {
      const obj = this.lookup(e.X.Name);
      if (obj instanceof PkgName) {
        this.info.recordUse(e.X, obj);
        obj.used = true;
        const imp = obj.imported;
        const exp = imp.scope.lookup(sel);
        if (!exp || (!exp.exported() && imp !== unsafePackage)) {
          if (imp.complete) this.error(e.Sel.NamePos, `undefined: ${e.X.Name}.${sel}`);
          return invalidOp;
        }
        const y = this.objectOperand(exp);
        this.info.recordSelector(e, exp, null, y.mode === Mode.Invalid ? -1 : y.mode, y.type, y.value, y);
        return y;
      }
    }
    const x = this.rawExpr(e.X, undefined, wantType, noInstantiate);
    if (x.mode === Mode.Invalid) return invalidOp;
    if (x.mode === Mode.TypeExpr) {
      // Method expression T.m.
      const T = x.type;
      const r = lookupFieldOrMethod(T, false, this.pkg, sel);
      if (!r || r === ambiguous || !(r.obj instanceof Func)) return invalidOp;
      const m = r.obj;
      const sig = m.type;
      if (!(sig instanceof Signature)) {
        this.info.recordSelectorUse(e, m);
        return invalidOp;
      }
      let params = sig.params.vars;
      let name = '';
      if (params.length > 0 && params[0]!.name !== '') name = sig.recv?.name || '_';
      params = [newParam(sig.recv?.pos ?? 0, sig.recv?.pkg ?? null, name, T), ...params];
      const ft = new Signature(null, new Tuple(params), sig.results, sig.variadic);
      const y = valueOperand(ft);
      this.info.recordSelector(e, m, { kind: SelectionKind.MethodExpr, recv: T, obj: m, index: r.index, indirect: r.indirect, type: ft }, y.mode, y.type, undefined, y);
      return y;
    }
    if (x.mode === Mode.Builtin || x.mode === Mode.NoValue) return invalidOp;
    const T = x.type;
    if (T instanceof Tuple) return invalidOp;
    let entry: SelectorEntry | undefined;
    const cache = this.localTypeDepth === 0 ? this.selectorCache : null;
    if (cache !== null) {
      let byName = cache.get(T);
      if (byName === undefined) cache.set(T, (byName = new Map()));
      entry = byName.get(sel);
      if (entry === undefined) byName.set(sel, (entry = selectorEntry(T, this.pkg, sel)));
    } else {
      entry = selectorEntry(T, this.pkg, sel);
    }
    const r = entry.result;
    if (!r || r === ambiguous) {
      if (r === null && isValidForError(T)) this.error(e.Sel.NamePos, `${exprString(e.X)}.${sel} undefined`);
      return invalidOp;
    }
    if (entry.selection === null) {
      this.info.recordSelectorUse(e, r.obj);
      return invalidOp;
    }
    const y = x.mode === Mode.Variable ? entry.ofVariable : entry.ofValue;
    this.info.recordSelector(e, r.obj, entry.selection, y.mode, y.type, undefined, y);
    return y;
  }

  private indexExpr(e: ast.IndexExpr | ast.IndexListExpr, hint: Type | undefined): Operand {
    const x = this.rawExpr(e.X, undefined, true, true);
    const indices = e.kind === 'IndexExpr' ? [e.Index] : e.Indices;
    if (x.mode === Mode.Invalid) {
      for (const i of indices) this.rawExpr(i, undefined, true);
      return invalidOp;
    }
    if (x.mode === Mode.TypeExpr) {
      const args = indices.map((i) => this.typExpr(i));
      const t = unalias(x.type) === x.type ? x.type : x.type;
      if (t instanceof Named && t.typeParams.length > 0) {
        const inst = instantiateNamed(t, args);
        this.recordInstance(e.X, args, inst);
        return { mode: Mode.TypeExpr, type: inst };
      }
      if (t instanceof Alias && t.typeParams.length > 0) {
        const inst = instantiateAlias(t, args);
        this.recordInstance(e.X, args, inst);
        return { mode: Mode.TypeExpr, type: inst };
      }
      return invalidOp;
    }
    const sigT = x.type;
    if (sigT instanceof Signature && sigT.typeParams.length > 0) {
      // Explicit instantiation of a generic function (possibly partial).
      const args = indices.map((i) => this.typExpr(i));
      let targs = args;
      if (args.length < sigT.typeParams.length) {
        // Partial instantiation: the rest may follow from the constraints, else from the call's arguments.
        targs = this.infer(sigT, args, [], [], false);
        if (targs.some((t) => t === Typ.Invalid)) return { mode: Mode.Value, type: sigT, partialArgs: args } as Operand;
      }
      const inst = this.instantiateSig(sigT, targs);
      this.recordInstance(e.X, targs, inst);
      return valueOperand(inst);
    }
    const idx = indices[0]!;
    const ix = this.expr(idx);
    let ut = x.type instanceof TypeParam ? coreString(x.type) : x.type.underlying();
    if (!(ut instanceof MapType) && isUntyped(ix.type)) this.convertUntyped(ix, Typ.Int, idx);
    void ut;
    if (x.mode === Mode.Constant && isString(x.type)) {
      return valueOperand(Typ.Byte);
    }
    if (x.type instanceof TypeParam && isByteSequence(x.type)) return valueOperand(Typ.Byte);
    let u = x.type instanceof TypeParam ? coreString(x.type) : x.type.underlying();
    if (u === undefined) return invalidOp;
    if (u instanceof Basic && (u.info & BasicInfo.IsString) !== 0) return valueOperand(Typ.Byte);
    if (u instanceof Pointer) {
      const pu = u.elem.underlying();
      if (pu instanceof ArrayType) return { mode: Mode.Variable, type: pu.elem };
      return invalidOp;
    }
    if (u instanceof ArrayType) return { mode: x.mode === Mode.Variable ? Mode.Variable : Mode.Value, type: u.elem };
    if (u instanceof Slice) return { mode: Mode.Variable, type: u.elem };
    if (u instanceof MapType) {
      if (ix.mode !== Mode.Invalid) this.assignment(ix, u.key, idx);
      return { mode: Mode.MapIndex, type: u.elem };
    }
    u = coreType(x.type);
    return invalidOp;
  }

  private recordInstance(fun: ast.Expr, args: Type[], type: Type): void {
    const id = fun.kind === 'Ident' ? fun : fun.kind === 'SelectorExpr' ? fun.Sel : null;
    if (id) this.info.instances.set(id, { typeArgs: args, type });
  }

  private instantiateSig(sig: Signature, args: Type[]): Signature {
    const map: SubstMap = new Map();
    sig.typeParams.forEach((p, i) => {
      if (args[i]) map.set(p, args[i]!);
    });
    const s = subst(sig, map) as Signature;
    if (s === sig) return new Signature(sig.recv, sig.params, sig.results, sig.variadic, []);
    return new Signature(s.recv, s.params, s.results, s.variadic, []);
  }

  private sliceExpr(e: ast.SliceExpr): Operand {
    const x = this.expr(e.X);
    for (const i of [e.Low, e.High, e.Max]) {
      if (!i) continue;
      const ix = this.expr(i);
      if (isUntyped(ix.type)) this.convertUntyped(ix, Typ.Int, i);
    }
    if (x.mode === Mode.Invalid) return invalidOp;
    if (x.type instanceof TypeParam && isByteSequence(x.type)) return valueOperand(x.type);
    const u = coreString(x.type);
    if (u === undefined) return invalidOp;
    if (u instanceof Basic && (u.info & BasicInfo.IsString) !== 0) {
      return valueOperand(isUntyped(x.type) ? Typ.String : x.type);
    }
    if (u instanceof Pointer) {
      const pu = u.elem.underlying();
      if (pu instanceof ArrayType) return valueOperand(new Slice(pu.elem));
      return invalidOp;
    }
    if (u instanceof ArrayType) return valueOperand(new Slice(u.elem));
    if (u instanceof Slice) return valueOperand(x.type);
    return invalidOp;
  }

  private unary(e: ast.UnaryExpr, hint: Type | undefined): Operand {
    if (e.Op === Token.AND) {
      const inner = unparen(e.X);
      let h: Type | undefined;
      if (hint) {
        const hu = coreType(hint);
        if (hu instanceof Pointer) h = hu.elem;
      }
      const x = inner.kind === 'CompositeLit' ? this.expr(e.X, h) : this.expr(e.X);
      if (x.mode === Mode.Invalid) return invalidOp;
      return valueOperand(new Pointer(x.type));
    }
    if (e.Op === Token.ARROW) {
      const x = this.expr(e.X);
      if (x.mode === Mode.Invalid) return invalidOp;
      const u = coreType(x.type);
      if (u instanceof Chan) return { mode: Mode.CommaOk, type: u.elem };
      return invalidOp;
    }
    if (e.Op === Token.TILDE) {
      this.typExpr(e.X);
      return invalidOp;
    }
    const x = this.expr(e.X, hint);
    if (x.mode === Mode.Invalid) return invalidOp;
    if (e.Op === Token.NOT) {
      if (x.mode === Mode.Constant && x.value?.kind === 'bool') return { mode: Mode.Constant, type: x.type, value: { kind: 'bool', v: !x.value.v } };
      return { mode: x.mode === Mode.Constant ? Mode.Constant : Mode.Value, type: x.type };
    }
    if (x.mode === Mode.Constant && x.value) {
      return { mode: Mode.Constant, type: x.type, value: constUnary(e.Op, x.value, x.type) };
    }
    return valueOperand(x.type);
  }

  private binary(e: ast.BinaryExpr, hint: Type | undefined): Operand {
    const op = e.Op;
    if (op === Token.SHL || op === Token.SHR) {
      const x = this.expr(e.X, hint);
      const y = this.expr(e.Y);
      if (x.mode === Mode.Invalid) return invalidOp;
      if (x.mode === Mode.Constant && y.mode === Mode.Constant && x.value && y.value) {
        let xt = x.type;
        if (xt === Typ.UntypedFloat || xt === Typ.UntypedRune) xt = xt === Typ.UntypedRune ? Typ.UntypedRune : Typ.UntypedInt;
        return { mode: Mode.Constant, type: xt, value: constBinary(op, toIntVal(x.value), y.value, xt) };
      }
      if (x.mode === Mode.Constant && isUntyped(x.type)) {
        // Non-constant shift of an untyped constant: the type comes from the context.
        const t = hint && isInteger(hint) ? hint : Typ.Int;
        this.convertUntyped(x, t, e.X);
        return valueOperand(t);
      }
      return valueOperand(x.type);
    }
    let x = this.expr(e.X, isComparison(op) ? undefined : hint);
    let y = this.expr(e.Y, isComparison(op) ? undefined : hint);
    if (x.mode === Mode.Invalid || y.mode === Mode.Invalid) return invalidOp;
    // Untyped operands take the other operand's type.
    if (isUntyped(x.type) && !isUntyped(y.type)) x = this.convertUntyped(x, y.type, e.X);
    else if (isUntyped(y.type) && !isUntyped(x.type)) y = this.convertUntyped(y, x.type, e.Y);
    if (isComparison(op)) {
      if (isUntyped(x.type) && isUntyped(y.type)) {
        // Both untyped: each keeps (a default of) its kind.
        if (x.mode !== Mode.Constant || y.mode !== Mode.Constant) {
          const t = largerUntyped(x.type, y.type);
          if (t !== Typ.UntypedNil) {
            this.convertUntyped(x, defaultType(t), e.X);
            this.convertUntyped(y, defaultType(t), e.Y);
          }
        }
      }
      if (x.mode === Mode.Constant && y.mode === Mode.Constant && x.value && y.value) {
        return { mode: Mode.Constant, type: Typ.UntypedBool, value: constCompare(op, x.value, y.value) };
      }
      return valueOperand(Typ.UntypedBool);
    }
    let t = x.type;
    if (isUntyped(x.type) && isUntyped(y.type)) {
      t = largerUntyped(x.type, y.type);
      if (x.type !== t && untypedRank.has((x.type as Basic).kind)) this.updateExprType(e.X, t);
      if (y.type !== t && untypedRank.has((y.type as Basic).kind)) this.updateExprType(e.Y, t);
    }
    if (op === Token.LAND || op === Token.LOR) {
      if (x.mode === Mode.Constant && y.mode === Mode.Constant && x.value?.kind === 'bool' && y.value?.kind === 'bool') {
        return { mode: Mode.Constant, type: t, value: { kind: 'bool', v: op === Token.LAND ? x.value.v && y.value.v : x.value.v || y.value.v } };
      }
      return valueOperand(t);
    }
    if (x.mode === Mode.Constant && y.mode === Mode.Constant && x.value && y.value) {
      if (op === Token.QUO && t === Typ.UntypedInt && x.value.kind === 'int' && y.value.kind === 'int') {
        return { mode: Mode.Constant, type: t, value: constBinary(op, x.value, y.value, t) };
      }
      return { mode: Mode.Constant, type: t, value: constBinary(op, x.value, y.value, t) };
    }
    return valueOperand(t);
  }

  /** Gives an untyped operand (and its recorded sub-expressions) a type, as go/types updateExprType does. */
  private convertUntyped(x: Operand, target: Type, e: ast.Expr): Operand {
    if (!isUntyped(x.type) || x.type === Typ.UntypedNil) return x;
    let t = target;
    const tu = target instanceof TypeParam ? target : target.underlying();
    if (tu instanceof Interface || tu instanceof TypeParam) {
      if (tu instanceof TypeParam) t = target;
      else t = x.type === Typ.UntypedNil ? Typ.UntypedNil : defaultType(x.type);
    } else if (x.type === Typ.UntypedNil) {
      return x;
    } else if (isUntyped(target)) {
      t = x.mode === Mode.Constant ? largerUntyped(x.type, target) : target;
      if (t === x.type) return x;
    } else if (!(tu instanceof Basic)) {
      return x;
    }
    this.updateExprType(e, t);
    return { ...x, type: t };
  }

  private updateExprType(e: ast.Expr, t: Type): void {
    const tvType = this.info.recordedType(e);
    if (tvType === undefined || !isUntyped(tvType)) return;
    const tvValue = this.info.recordedValue(e);
    switch (e.kind) {
      case 'ParenExpr':
        this.updateExprType(e.X, t);
        break;
      case 'UnaryExpr':
        // Operands of constant expressions are never materialised: they keep their untyped types.
        if (tvValue === undefined) this.updateExprType(e.X, t);
        break;
      case 'BinaryExpr':
        if (tvValue === undefined && !isComparison(e.Op)) {
          if (e.Op === Token.SHL || e.Op === Token.SHR) this.updateExprType(e.X, t);
          else {
            this.updateExprType(e.X, t);
            this.updateExprType(e.Y, t);
          }
        }
        break;
    }
    this.info.updateType(e, isUntyped(t) || t instanceof TypeParam || !(t.underlying() instanceof Interface) ? t : defaultType(tvType));
  }

  /** Checks x is assignable to T; converts untyped operands. */
  private assignment(x: Operand, T: Type, e: ast.Expr): Operand {
    if (x.mode === Mode.Invalid || T === Typ.Invalid) return x;
    if (isUntyped(x.type)) return this.convertUntyped(x, T, e);
    return x;
  }

  /** The type a new variable gets from x (untyped values take their default type). */
  private defaultOf(x: Operand, e: ast.Expr): Type {
    if (x.mode === Mode.Invalid || x.mode === Mode.NoValue || x.mode === Mode.TypeExpr || x.mode === Mode.Builtin) return Typ.Invalid;
    if (x.type instanceof Tuple) return x.type.vars[0]?.type ?? Typ.Invalid;
    if (isUntyped(x.type)) {
      if (x.type === Typ.UntypedNil) return Typ.Invalid;
      const t = defaultType(x.type);
      this.convertUntyped(x, t, e);
      return t;
    }
    return x.type;
  }

  // ------------------------------------------------------------------ calls

  private call(e: ast.CallExpr, hint: Type | undefined): Operand {
    const f = this.rawExpr(e.Fun, undefined, true, true);
    if (f.mode === Mode.Invalid) {
      for (const a of e.Args) this.expr(a);
      return invalidOp;
    }
    if (f.mode === Mode.TypeExpr) {
      // Conversion T(x).
      let T = f.type;
      if (T instanceof Named && T.typeParams.length > 0) T = Typ.Invalid;
      const arg = e.Args[0];
      if (!arg) return invalidOp;
      const x = this.expr(arg, T);
      if (x.mode === Mode.Invalid || unalias(T) === Typ.Invalid || T.underlying() === Typ.Invalid) return invalidOp;
      const constant = x.mode === Mode.Constant && isConstType(T) && !(T instanceof TypeParam);
      if (isUntyped(x.type)) {
        // As go/types: the conversion gives an untyped argument its final type, except
        // to interfaces and non-constant types (default type) and integer-to-string (kept).
        let final: Type = T;
        const tu = T.underlying();
        if ((tu instanceof Interface && !(T instanceof TypeParam)) || (x.mode === Mode.Constant && !isConstType(T)) || x.type === Typ.UntypedNil) final = defaultType(x.type);
        else if (x.mode === Mode.Constant && isInteger(x.type) && isString(T)) final = x.type;
        if (final !== x.type) this.updateExprType(arg, final);
      }
      if (constant) return { mode: Mode.Constant, type: T, value: convertConst(x.value, T) };
      return valueOperand(T);
    }
    if (f.mode === Mode.Builtin) return this.builtin(e, f.builtin!, hint);
    const sigOrNot = coreType(f.type);
    if (!(sigOrNot instanceof Signature)) {
      for (const a of e.Args) this.expr(a);
      return invalidOp;
    }
    let sig: Signature = sigOrNot;
    if (sig.typeParams.length > 0) sig = this.genericCall(e, f, sig);
    else this.callArgs(e, sig);
    const res = sig.results;
    if (res.vars.length === 0) return { mode: Mode.NoValue, type: res };
    if (res.vars.length === 1) return valueOperand(res.vars[0]!.type);
    return valueOperand(res);
  }

  /**
   * The arguments of a call of a non-generic function: each is checked with its
   * parameter's type as hint and assigned to it (an argument's conversion touches only
   * its own records, so each is assigned as soon as it is checked).
   */
  private callArgs(e: ast.CallExpr, sig: Signature): void {
    const n = e.Args.length;
    if (n === 1 && e.Args[0]!.kind === 'CallExpr') {
      // A single call returning several values spreads over the parameters (nothing to assign then).
      const a0 = e.Args[0]!;
      const p0 = paramTypeAt(sig, 0, e.Ellipsis);
      const x = this.expr(a0, p0);
      if (x.type instanceof Tuple) return;
      if (p0) this.assignment(x, p0, a0);
      if (isGenericSignature(x.type)) this.instantiateFuncArgs(sig, [x], [a0]);
      return;
    }
    let genericArgs: Operand[] | null = null;
    for (let i = 0; i < n; i++) {
      const a = e.Args[i]!;
      const p = paramTypeAt(sig, i, e.Ellipsis);
      const x = this.expr(a, p);
      if (p) this.assignment(x, p, a);
      if (isGenericSignature(x.type)) (genericArgs ??= new Array<Operand>(n).fill(invalidOp))[i] = x;
    }
    if (genericArgs !== null) this.instantiateFuncArgs(sig, genericArgs, e.Args);
  }

  /** The arguments of a call of a generic function; returns the instantiated signature. */
  private genericCall(e: ast.CallExpr, f: Operand, sig: Signature): Signature {
    let args: Operand[];
    let argExprs: (ast.Expr | null)[];
    const n = e.Args.length;
    if (n === 1 && e.Args[0]!.kind === 'CallExpr') {
      // A single call returning several values spreads over the parameters.
      const a = this.expr(e.Args[0]!);
      if (a.type instanceof Tuple) {
        args = a.type.vars.map((v) => valueOperand(v.type));
        argExprs = new Array<ast.Expr | null>(args.length).fill(null);
      } else {
        args = [a];
        argExprs = e.Args;
      }
    } else {
      args = new Array<Operand>(n);
      for (let i = 0; i < n; i++) {
        const a = e.Args[i]!;
        const h = paramTypeAt(sig, i, e.Ellipsis);
        // Arguments of generic functions are checked without the parameter's (uninstantiated) type as hint.
        args[i] = h && containsTypeParams(h, sig) ? this.expr(a) : this.expr(a, h);
      }
      argExprs = e.Args;
    }
    const partial = (f as { partialArgs?: Type[] }).partialArgs ?? [];
    const targs = this.infer(sig, partial, args, argExprs, e.Ellipsis !== 0);
    const inst = this.instantiateSig(sig, targs);
    this.recordInstance(unparen(e.Fun), targs, inst);
    const funE = unparen(e.Fun);
    this.info.updateType(funE, inst);
    if (e.Fun !== funE) this.info.updateType(e.Fun, inst);
    const instParams = inst.params.vars.map((v) => v.type);
    this.instantiateFuncArgs(inst, args, argExprs);
    // Untyped arguments take the instantiated parameter types.
    argExprs.forEach((a, i) => {
      if (a && isUntyped(args[i]!.type)) {
        const p = inst.variadic && i >= instParams.length - 1 && e.Ellipsis === 0 ? (coreType(instParams[instParams.length - 1]!) as Slice | undefined)?.elem : instParams[i];
        if (p) this.assignment(args[i]!, p, a);
      }
    });
    return inst;
  }

  /** Generic functions passed as arguments (slices.SortFunc(x, slices.Compare)) are instantiated from the parameter's type. */
  private instantiateFuncArgs(sig: Signature, args: Operand[], argExprs: (ast.Expr | null)[]): void {
    argExprs.forEach((a, i) => {
      const at = args[i]?.type;
      const pt = sig.params.vars[i]?.type;
      if (!a || !(at instanceof Signature) || at.typeParams.length === 0 || !pt) return;
      const ps = coreType(pt);
      if (!(ps instanceof Signature)) return;
      // Infer as if the parameter's own parameters were the arguments (constraint inference included).
      const pseudo: Operand[] = ps.params.vars.map((v) => (valueOperand(v.type)));
      const targs = this.infer(at, [], pseudo, [], false);
      if (targs.some((t) => t === Typ.Invalid)) return;
      const inst = this.instantiateSig(at, targs);
      const e = unparen(a);
      this.info.updateType(e, inst);
      if (e !== a) this.info.updateType(a, inst);
      this.recordInstance(e, targs, inst);
    });
  }

  /** Infers type arguments by unifying parameter and argument types, then from constraints' core types. */
  private infer(sig: Signature, explicit: Type[], args: Operand[], argExprs: (ast.Expr | null)[], dotdotdot: boolean): Type[] {
    const tps = sig.typeParams;
    const bound = new Map<TypeParam, Type>();
    explicit.forEach((t, i) => {
      if (tps[i]) bound.set(tps[i]!, t);
    });
    const set = new Set(tps);
    const params = sig.params.vars;
    const untyped: [TypeParam, Type][] = [];
    args.forEach((a, i) => {
      if (a.mode === Mode.Invalid) return;
      // A generic function argument is instantiated from the parameter afterwards.
      if (a.type instanceof Signature && a.type.typeParams.length > 0) return;
      let p: Type | undefined;
      if (sig.variadic && i >= params.length - 1 && !dotdotdot) {
        const last = params[params.length - 1]?.type;
        const u = last ? (last instanceof Slice ? last : last.underlying()) : undefined;
        p = u instanceof Slice ? u.elem : undefined;
      } else p = params[i]?.type;
      if (!p) return;
      if (isUntyped(a.type)) {
        if (p instanceof TypeParam && set.has(p)) untyped.push([p, a.type]);
        return;
      }
      unify(p, a.type, bound, set);
      void argExprs;
    });
    // Constraint type inference, a few rounds.
    for (let round = 0; round < 3; round++) {
      for (const tp of tps) {
        const core = singleTermOf(tp);
        if (!core) continue;
        const b = bound.get(tp);
        if (b) unify(core.type, core.tilde ? b.underlying() : b, bound, set);
        else if (!core.tilde && allBound(core.type, bound, set)) bound.set(tp, subst(core.type, bound));
      }
    }
    for (const [tp, t] of untyped) {
      if (!bound.has(tp)) bound.set(tp, defaultType(t));
    }
    for (let round = 0; round < 2; round++) {
      for (const tp of tps) {
        const core = singleTermOf(tp);
        if (!core) continue;
        const b = bound.get(tp);
        if (b) unify(core.type, core.tilde ? b.underlying() : b, bound, set);
        else if (allBound(core.type, bound, set)) bound.set(tp, subst(core.type, bound));
      }
    }
    // Bound types may mention other type parameters: resolve them.
    return tps.map((tp) => {
      const b = bound.get(tp);
      return b ? subst(b, bound) : Typ.Invalid;
    });
  }

  private builtin(e: ast.CallExpr, id: BuiltinId, hint: Type | undefined): Operand {
    const args = e.Args;
    const argN = (i: number, h?: Type): Operand => (args[i] ? this.expr(args[i]!, h) : invalidOp);
    // go/types records a call-specific signature for the builtin's name (not for constant results).
    const sig = (res: Type | null, ...params: Type[]): void => {
      const s = new Signature(null, new Tuple(params.map((t) => new Var(0, null, '', t))), new Tuple(res ? [new Var(0, null, '', res)] : []), false);
      this.recordBuiltinType(e.Fun, s);
    };
    const untypedTo = (x: Operand, i: number, t: Type): Operand => (isUntyped(x.type) ? this.convertUntyped(x, t, args[i]!) : x);
    switch (id) {
      case 'len':
      case 'cap': {
        const x = argN(0);
        if (x.mode === Mode.Invalid) return invalidOp;
        if (x.mode === Mode.Constant && x.value?.kind === 'string') return { mode: Mode.Constant, type: Typ.Int, value: { kind: 'int', v: BigInt(Buffer.byteLength(x.value.v)) } };
        const u = x.type instanceof TypeParam ? x.type : x.type.underlying();
        const arr = u instanceof Pointer ? u.elem.underlying() : u;
        if (arr instanceof ArrayType && arr.len >= 0 && !containsCallOrRecv(args[0]!)) return { mode: Mode.Constant, type: Typ.Int, value: { kind: 'int', v: BigInt(arr.len) } };
        sig(Typ.Int, x.type);
        return valueOperand(Typ.Int);
      }
      case 'append': {
        const s0 = argN(0, hint);
        if (s0.mode === Mode.Invalid || s0.type === Typ.UntypedNil) {
          for (let i = 1; i < args.length; i++) this.expr(args[i]!);
          return invalidOp;
        }
        const S = s0.type;
        const u = coreType(S);
        const elem = u instanceof Slice ? u.elem : Typ.Invalid;
        if (e.Ellipsis !== 0 && args.length === 2) {
          const y = argN(1);
          if ((isString(y.type) || (y.type instanceof TypeParam && isByteSequence(y.type))) && isBasic(elem, BasicInfo.IsInteger) && (elem.underlying() as Basic).kind === BasicKind.Uint8) {
            const t = isUntyped(y.type) ? defaultType(y.type) : y.type;
            const s = new Signature(null, new Tuple([new Var(0, null, '', S), new Var(0, null, '', t)]), new Tuple([new Var(0, null, '', S)]), true);
            this.recordBuiltinType(e.Fun, s);
            return valueOperand(S);
          }
        } else {
          for (let i = 1; i < args.length; i++) {
            const x = this.expr(args[i]!, elem);
            this.assignment(x, elem, args[i]!);
          }
        }
        const s = new Signature(null, new Tuple([new Var(0, null, '', S), new Var(0, null, '', new Slice(elem))]), new Tuple([new Var(0, null, '', S)]), true);
        this.recordBuiltinType(e.Fun, s);
        return valueOperand(S);
      }
      case 'make': {
        const t = args[0] ? this.typExpr(args[0]) : Typ.Invalid;
        const types: Type[] = [t];
        for (let i = 1; i < args.length; i++) {
          const x = this.expr(args[i]!);
          types.push(untypedTo(x, i, Typ.Int).type);
        }
        if (t === Typ.Invalid) return invalidOp;
        sig(t, ...types);
        return valueOperand(t);
      }
      case 'new': {
        // Go 1.26: new(expr) as well as new(T).
        const x = args[0] ? this.rawExpr(args[0], undefined, true) : invalidOp;
        if (x.mode === Mode.Invalid) return invalidOp;
        const T = x.mode === Mode.TypeExpr ? x.type : isUntyped(x.type) ? untypedTo(x, 0, defaultType(x.type)).type : x.type;
        const p = new Pointer(T);
        sig(p, T);
        return valueOperand(p);
      }
      case 'delete': {
        const m = argN(0);
        const u = coreType(m.type);
        const k = argN(1, u instanceof MapType ? u.key : undefined);
        if (u instanceof MapType && args[1]) {
          this.assignment(k, u.key, args[1]);
          sig(null, m.type, u.key);
        }
        return { mode: Mode.NoValue, type: emptyTuple };
      }
      case 'clear':
      case 'close': {
        const x = argN(0);
        if (x.mode !== Mode.Invalid) sig(null, x.type);
        return { mode: Mode.NoValue, type: emptyTuple };
      }
      case 'panic': {
        const x = argN(0);
        if (x.mode !== Mode.Invalid) {
          if (isUntyped(x.type) && x.type !== Typ.UntypedNil) untypedTo(x, 0, defaultType(x.type));
          sig(null, emptyInterface);
        }
        return { mode: Mode.NoValue, type: emptyTuple };
      }
      case 'print':
      case 'println': {
        const ts = args.map((a, i) => {
          const x = this.expr(a);
          return isUntyped(x.type) && x.type !== Typ.UntypedNil ? untypedTo(x, i, defaultType(x.type)).type : x.type;
        });
        sig(null, ...ts);
        return { mode: Mode.NoValue, type: emptyTuple };
      }
      case 'copy': {
        const d = argN(0);
        const s = argN(1);
        sig(Typ.Int, d.type, isUntyped(s.type) ? defaultType(s.type) : s.type);
        return valueOperand(Typ.Int);
      }
      case 'recover':
        sig(emptyInterface);
        return valueOperand(emptyInterface);
      case 'complex': {
        const x = argN(0);
        const y = argN(1);
        if (x.mode === Mode.Constant && y.mode === Mode.Constant && isUntyped(x.type) && isUntyped(y.type)) return { mode: Mode.Constant, type: Typ.UntypedComplex, value: { kind: 'complex', re: 0, im: 0 } };
        let t = isUntyped(x.type) ? y.type : x.type;
        if (isUntyped(t)) t = Typ.Float64;
        untypedTo(x, 0, t);
        untypedTo(y, 1, t);
        const k = t.underlying();
        const res = k === Typ.Float32 ? Typ.Complex64 : Typ.Complex128;
        if (x.mode !== Mode.Constant || y.mode !== Mode.Constant) sig(res, t, t);
        return { mode: x.mode === Mode.Constant && y.mode === Mode.Constant ? Mode.Constant : Mode.Value, type: res, value: { kind: 'unknown' } };
      }
      case 'real':
      case 'imag': {
        const x = argN(0);
        if (x.mode === Mode.Constant && isUntyped(x.type)) return { mode: Mode.Constant, type: Typ.UntypedFloat, value: { kind: 'float', v: 0 } };
        const k = x.type.underlying();
        const res = k === Typ.Complex64 ? Typ.Float32 : Typ.Float64;
        if (x.mode !== Mode.Constant) sig(res, x.type);
        return { mode: x.mode === Mode.Constant ? Mode.Constant : Mode.Value, type: res };
      }
      case 'min':
      case 'max': {
        const xs = args.map((a) => this.expr(a));
        if (xs.some((x) => x.mode === Mode.Invalid)) return invalidOp;
        const typed = xs.find((x) => !isUntyped(x.type));
        if (xs.every((x) => x.mode === Mode.Constant)) {
          let t: Type = typed?.type ?? Typ.UntypedInt;
          if (!typed) for (const x of xs) t = largerUntyped(t, x.type);
          else xs.forEach((x, i) => untypedTo(x, i, typed.type));
          let best = xs[0]?.value;
          for (const x of xs.slice(1)) {
            if (best && x.value && constCompare(id === 'min' ? Token.LSS : Token.GTR, x.value, best).v) best = x.value;
          }
          return { mode: Mode.Constant, type: t, value: best ?? { kind: 'unknown' } };
        }
        let t: Type = typed?.type ?? Typ.Invalid;
        if (!typed) {
          t = Typ.UntypedInt;
          for (const x of xs) t = largerUntyped(t, x.type);
          t = defaultType(t);
        }
        xs.forEach((x, i) => untypedTo(x, i, t));
        sig(t, ...xs.map(() => t));
        return valueOperand(t);
      }
      case 'Sizeof':
      case 'Alignof': {
        const x = argN(0);
        if (x.mode === Mode.Invalid) return invalidOp;
        const t = untypedTo(x, 0, defaultType(x.type)).type;
        if (mentionsTypeParam(t)) {
          // Not a constant for generic types: go/types records a signature then.
          sig(Typ.Uintptr, t);
          return valueOperand(Typ.Uintptr);
        }
        const v = id === 'Sizeof' ? sizeof(t) : alignof(t);
        return { mode: Mode.Constant, type: Typ.Uintptr, value: v < 0 ? { kind: 'unknown' } : { kind: 'int', v: BigInt(v) } };
      }
      case 'Offsetof': {
        const a = args[0] ? unparen(args[0]) : null;
        const x = argN(0);
        let off = -1;
        if (a && a.kind === 'SelectorExpr' && x.mode !== Mode.Invalid) {
          const selection = this.info.selection(a);
          const base = this.info.recordedType(a.X);
          if (selection && base && selection.index.length === 1) off = offsetof(base, selection.index[0]!);
        }
        return { mode: Mode.Constant, type: Typ.Uintptr, value: off < 0 ? { kind: 'unknown' } : { kind: 'int', v: BigInt(off) } };
      }
      case 'Add': {
        const p = argN(0);
        const n = argN(1);
        const nt = untypedTo(n, 1, Typ.Int).type;
        sig(Typ.UnsafePointer, p.type, nt);
        return valueOperand(Typ.UnsafePointer);
      }
      case 'Slice': {
        const p = argN(0);
        const n = argN(1);
        const nt = untypedTo(n, 1, Typ.Int).type;
        const u = p.type.underlying();
        if (!(u instanceof Pointer)) return invalidOp;
        const res = new Slice(u.elem);
        sig(res, p.type, nt);
        return valueOperand(res);
      }
      case 'SliceData': {
        const s = argN(0);
        const u = s.type.underlying();
        if (!(u instanceof Slice)) return invalidOp;
        const res = new Pointer(u.elem);
        sig(res, s.type);
        return valueOperand(res);
      }
      case 'String': {
        const p = argN(0);
        const n = argN(1);
        const nt = untypedTo(n, 1, Typ.Int).type;
        void p;
        sig(Typ.String, new Pointer(Typ.Byte), nt);
        return valueOperand(Typ.String);
      }
      case 'StringData': {
        const s = argN(0);
        const st = untypedTo(s, 0, Typ.String).type;
        const res = new Pointer(Typ.Byte);
        sig(res, st);
        return valueOperand(res);
      }
    }
    return invalidOp;
  }

  private recordBuiltinType(f: ast.Expr, sig: Signature): void {
    for (;;) {
      this.info.recordType(f, Mode.Builtin, sig, this.info.recordedValue(f));
      if (f.kind === 'ParenExpr') f = f.X;
      else return;
    }
  }

  // ------------------------------------------------------------------ statements

  private stmtList(list: ast.Stmt[]): void {
    for (const s of list) {
      try {
        this.stmt(s);
      } catch (err) {
        this.guard(nodePos(s), undefined, () => {
          throw err;
        });
      }
    }
  }

  private stmt(s: ast.Stmt): void {
    switch (s.kind) {
      case 'BadStmt':
      case 'EmptyStmt':
        return;
      case 'DeclStmt':
        this.declStmt(s.Decl);
        return;
      case 'LabeledStmt': {
        const l = new Label(s.Label.NamePos, this.pkg, s.Label.Name);
        if (this.fctx) {
          const labels = (this.fctx.labels ??= new Map());
          if (s.Label.Name !== '_' && !labels.has(s.Label.Name)) labels.set(s.Label.Name, l);
        }
        this.info.recordDef(s.Label, l);
        this.stmt(s.Stmt);
        return;
      }
      case 'ExprStmt':
        this.expr(s.X);
        return;
      case 'SendStmt': {
        const ch = this.expr(s.Chan);
        const u = coreType(ch.type);
        const v = this.expr(s.Value, u instanceof Chan ? u.elem : undefined);
        if (u instanceof Chan) this.assignment(v, u.elem, s.Value);
        return;
      }
      case 'IncDecStmt':
        this.expr(s.X);
        return;
      case 'AssignStmt':
        this.assignStmt(s);
        return;
      case 'GoStmt':
        this.expr(s.Call);
        return;
      case 'DeferStmt':
        this.expr(s.Call);
        return;
      case 'ReturnStmt': {
        const res = this.fctx?.sig.results.vars ?? [];
        if (s.Results.length === 1 && res.length > 1) {
          this.expr(s.Results[0]!);
          return;
        }
        s.Results.forEach((r, i) => {
          const t = res[i]?.type;
          const x = this.expr(r, t);
          if (t) this.assignment(x, t, r);
        });
        return;
      }
      case 'BranchStmt':
        if (s.Label && this.fctx) {
          const l = this.fctx.labels?.get(s.Label.Name);
          if (l) this.info.recordUse(s.Label, l);
          else (this.fctx.pendingBranches ??= []).push(s.Label);
        }
        return;
      case 'BlockStmt': {
        const prev = this.openScope(s, 'block');
        try {
          this.stmtList(s.List);
        } finally {
          this.scope = prev;
        }
        return;
      }
      case 'IfStmt': {
        const prev = this.openScope(s, 'if');
        try {
          if (s.Init) this.stmt(s.Init);
          this.expr(s.Cond);
          this.stmt(s.Body);
          if (s.Else) this.stmt(s.Else);
        } finally {
          this.scope = prev;
        }
        return;
      }
      case 'SwitchStmt': {
        const prev = this.openScope(s, 'switch');
        try {
          if (s.Init) this.stmt(s.Init);
          let tagT: Type = Typ.Bool;
          if (s.Tag) {
            const t = this.expr(s.Tag);
            tagT = this.defaultOf(t, s.Tag);
          }
          for (const c of s.Body.List) {
            if (c.kind !== 'CaseClause') continue;
            for (const v of c.List) {
              const x = this.expr(v);
              if (isUntyped(x.type)) this.convertUntyped(x, s.Tag ? tagT : Typ.Bool, v);
            }
            const p = this.openScope(c, 'case');
            try {
              this.stmtList(c.Body);
            } finally {
              this.scope = p;
            }
          }
        } finally {
          this.scope = prev;
        }
        return;
      }
      case 'TypeSwitchStmt':
        this.typeSwitch(s);
        return;
      case 'SelectStmt':
        for (const c of s.Body.List) {
          if (c.kind !== 'CommClause') continue;
          const p = this.openScope(c, 'case');
          try {
            if (c.Comm) this.stmt(c.Comm);
            this.stmtList(c.Body);
          } finally {
            this.scope = p;
          }
        }
        return;
      case 'ForStmt': {
        const prev = this.openScope(s, 'for');
        try {
          if (s.Init) this.stmt(s.Init);
          if (s.Cond) this.expr(s.Cond);
          if (s.Post) this.stmt(s.Post);
          this.stmt(s.Body);
        } finally {
          this.scope = prev;
        }
        return;
      }
      case 'RangeStmt':
        this.rangeStmt(s);
        return;
      case 'CaseClause':
      case 'CommClause':
        return;
    }
  }

  private declStmt(d: ast.Decl): void {
    if (d.kind !== 'GenDecl') return;
    let lastType: ast.Expr | null = null;
    let lastValues: ast.Expr[] = [];
    d.Specs.forEach((spec, iota) => {
      if (spec.kind === 'TypeSpec') {
        const tn = new TypeName(spec.Name.NamePos, this.pkg, spec.Name.Name);
        this.declare(this.scope, spec.Name, tn);
        this.localTypeDepth++;
        try {
          this.typeSpec(tn, spec);
        } finally {
          this.localTypeDepth--;
        }
        return;
      }
      if (spec.kind !== 'ValueSpec') return;
      if (d.Tok === Token.CONST) {
        if (spec.Type !== null || spec.Values.length > 0) {
          lastType = spec.Type;
          lastValues = spec.Values;
        }
        const savedIota = this.iota;
        this.iota = iota;
        try {
          const t = lastType ? this.typExpr(lastType) : undefined;
          const consts = spec.Names.map((id, i) => {
            const init = lastValues[i];
            let x = init ? this.expr(init) : invalidOp;
            if (t && init) x = this.assignment(x, t, init);
            return new Const(id.NamePos, this.pkg, id.Name, t ?? x.type, x.value ?? null);
          });
          spec.Names.forEach((id, i) => this.declare(this.scope, id, consts[i]!));
        } finally {
          this.iota = savedIota;
        }
        return;
      }
      const t = spec.Type ? this.typExpr(spec.Type) : undefined;
      const vars = spec.Names.map((id) => new Var(id.NamePos, this.pkg, id.Name, t));
      if (spec.Values.length === 1 && spec.Names.length > 1) {
        const types = this.multiValue(spec.Values[0]!, spec.Names.length, !!t);
        if (!t) vars.forEach((v, i) => (v.type = types[i] ?? Typ.Invalid));
      } else {
        spec.Values.forEach((val, i) => {
          const x = this.expr(val, t);
          const v = vars[i];
          if (!v) return;
          if (t) this.assignment(x, t, val);
          else v.type = this.defaultOf(x, val);
        });
      }
      for (const v of vars) if (v.peekType() === undefined) v.type = Typ.Invalid;
      spec.Names.forEach((id, i) => this.declare(this.scope, id, vars[i]!));
    });
  }

  private assignStmt(s: ast.AssignStmt): void {
    if (s.Tok === Token.DEFINE) {
      // x := y (most definitions) needs no array of right-hand types.
      const single = s.Lhs.length === 1 && s.Rhs.length === 1 ? this.defaultOf(this.expr(s.Rhs[0]!), s.Rhs[0]!) : null;
      const rhsTypes = single === null ? this.rhsTypes(s.Lhs.length, s.Rhs, undefined) : null;
      // New variables are declared after every left-hand side is resolved (a := a + 1
      // in an inner block uses the outer a on the right and defines a new one).
      let newVars: Var[] | null = null;
      for (let i = 0; i < s.Lhs.length; i++) {
        const l = s.Lhs[i]!;
        if (l.kind !== 'Ident') {
          this.expr(l);
          continue;
        }
        const t = (rhsTypes === null ? single : rhsTypes[i]) ?? Typ.Invalid;
        if (l.Name === '_') {
          const v = new Var(l.NamePos, this.pkg, '_', t);
          this.info.recordDef(l, v);
          continue;
        }
        const existing = this.scope.lookup(l.Name);
        if (existing) {
          this.info.recordUse(l, existing);
          this.record(l, { mode: Mode.Variable, type: existing.type });
          continue;
        }
        (newVars ??= new Array<Var>(s.Lhs.length))[i] = new Var(l.NamePos, this.pkg, l.Name, t);
      }
      if (newVars !== null) {
        for (let i = 0; i < s.Lhs.length; i++) {
          const v = newVars[i];
          if (v !== undefined) this.declare(this.scope, s.Lhs[i] as ast.Ident, v);
        }
      }
      return;
    }
    if (s.Tok === Token.ASSIGN) {
      if (s.Lhs.length === 1 && s.Rhs.length === 1) {
        // x = y, as rhsTypes does it, without its arrays.
        const l = s.Lhs[0]!;
        let lt: Type | undefined;
        if (!(l.kind === 'Ident' && l.Name === '_')) {
          const lx = this.expr(l);
          if (lx.mode !== Mode.Invalid) lt = lx.type;
        }
        const r = s.Rhs[0]!;
        const x = this.expr(r, lt);
        if (lt) this.assignment(x, lt, r);
        else this.defaultOf(x, r);
        return;
      }
      const lhsTypes = s.Lhs.map((l) => {
        if (l.kind === 'Ident' && l.Name === '_') return undefined;
        const x = this.expr(l);
        return x.mode === Mode.Invalid ? undefined : x.type;
      });
      this.rhsTypes(s.Lhs.length, s.Rhs, lhsTypes);
      return;
    }
    // x op= y
    const x = this.expr(s.Lhs[0]!);
    const y = this.expr(s.Rhs[0]!, x.type);
    if (s.Tok === Token.SHL_ASSIGN || s.Tok === Token.SHR_ASSIGN) {
      // an untyped constant shift count keeps its type (go/types)
    } else if (x.mode !== Mode.Invalid) this.assignment(y, x.type, s.Rhs[0]!);
  }

  /** Evaluates the right-hand sides of an assignment of n values; returns the (defaulted) types. */
  private rhsTypes(n: number, rhs: ast.Expr[], lhsTypes: (Type | undefined)[] | undefined): Type[] {
    if (rhs.length === 1 && n > 1) {
      const e = rhs[0]!;
      const x = this.expr(e);
      if (x.type instanceof Tuple) return x.type.vars.map((v) => v.type);
      if (x.mode === Mode.CommaOk || x.mode === Mode.MapIndex) {
        const first = isUntyped(x.type) ? defaultType(x.type) : x.type;
        const tuple = new Tuple([new Var(0, null, '', first), new Var(0, null, '', Typ.Bool)]);
        if (this.info.updateType(e, tuple, Mode.CommaOk)) {
          const inner = unparen(e);
          if (inner !== e) this.info.updateType(inner, tuple, Mode.CommaOk);
        }
        return [first, Typ.Bool];
      }
      return [x.type];
    }
    return rhs.map((e, i) => {
      const lt = lhsTypes?.[i];
      const x = this.expr(e, lt);
      if (lt) {
        this.assignment(x, lt, e);
        return lt;
      }
      return this.defaultOf(x, e);
    });
  }

  private typeSwitch(s: ast.TypeSwitchStmt): void {
    const prev = this.openScope(s, 'type switch');
    try {
      if (s.Init) this.stmt(s.Init);
      let lhs: ast.Ident | null = null;
      let xExpr: ast.Expr | null = null;
      if (s.Assign.kind === 'AssignStmt') {
        lhs = s.Assign.Lhs[0]?.kind === 'Ident' ? (s.Assign.Lhs[0] as ast.Ident) : null;
        const r = s.Assign.Rhs[0];
        if (r && r.kind === 'TypeAssertExpr') xExpr = r.X;
      } else if (s.Assign.kind === 'ExprStmt' && s.Assign.X.kind === 'TypeAssertExpr') {
        xExpr = s.Assign.X.X;
      }
      const x = xExpr ? this.expr(xExpr) : invalidOp;
      if (lhs) this.info.recordDef(lhs, null);
      for (const c of s.Body.List) {
        if (c.kind !== 'CaseClause') continue;
        const types: Type[] = [];
        for (const te of c.List) {
          if (te.kind === 'Ident' && te.Name === 'nil') {
            const o = this.lookup('nil');
            if (o) this.info.recordUse(te, o);
            this.record(te, valueOperand(Typ.UntypedNil));
            types.push(Typ.UntypedNil);
          } else types.push(this.typExpr(te));
        }
        const p = this.openScope(c, 'case');
        try {
          if (lhs && lhs.Name !== '_') {
            const t = types.length === 1 && types[0] !== Typ.UntypedNil ? types[0]! : x.type;
            const v = new Var(lhs.NamePos, this.pkg, lhs.Name, t);
            this.scope.insert(v);
            this.info.implicits.set(c, v);
          }
          this.stmtList(c.Body);
        } finally {
          this.scope = p;
        }
      }
    } finally {
      this.scope = prev;
    }
  }

  private rangeStmt(s: ast.RangeStmt): void {
    const prev = this.openScope(s, 'range');
    try {
      const x = this.expr(s.X);
      let key: Type = Typ.Invalid;
      let val: Type = Typ.Invalid;
      if (x.mode !== Mode.Invalid) {
        const u = coreString(x.type);
        if (u instanceof Basic) {
          if ((u.info & BasicInfo.IsString) !== 0) {
            key = Typ.Int;
            val = Typ.Rune;
          } else if ((u.info & BasicInfo.IsInteger) !== 0) {
            key = isUntyped(x.type) ? Typ.Int : x.type;
            if (isUntyped(x.type)) this.convertUntyped(x, Typ.Int, s.X);
          }
        } else if (u instanceof ArrayType || u instanceof Slice) {
          key = Typ.Int;
          val = u.elem;
        } else if (u instanceof Pointer) {
          const a = u.elem.underlying();
          if (a instanceof ArrayType) {
            key = Typ.Int;
            val = a.elem;
          }
        } else if (u instanceof MapType) {
          key = u.key;
          val = u.elem;
        } else if (u instanceof Chan) {
          key = u.elem;
        } else if (u instanceof Signature && u.params.vars.length === 1) {
          const y = coreType(u.params.vars[0]!.type);
          if (y instanceof Signature) {
            key = y.params.vars[0]?.type ?? Typ.Invalid;
            val = y.params.vars[1]?.type ?? Typ.Invalid;
          }
        }
      }
      const lhs = [s.Key, s.Value];
      const types = [key, val];
      if (s.Tok === Token.DEFINE) {
        const vars: [ast.Ident, Var][] = [];
        lhs.forEach((l, i) => {
          if (!l) return;
          if (l.kind !== 'Ident') {
            this.expr(l);
            return;
          }
          const v = new Var(l.NamePos, this.pkg, l.Name, types[i]!);
          vars.push([l, v]);
        });
        for (const [id, v] of vars) this.declare(this.scope, id, v);
      } else if (s.Tok === Token.ASSIGN) {
        for (const l of lhs) if (l) this.expr(l);
      }
      this.stmt(s.Body);
    } finally {
      this.scope = prev;
    }
  }
}

// ---------------------------------------------------------------------------- helpers

/** The type an argument at index i takes: the parameter's, or the variadic parameter's element (unless f(xs...)). */
function paramTypeAt(sig: Signature, i: number, ellipsis: number): Type | undefined {
  const params = sig.params.vars;
  if (sig.variadic && i >= params.length - 1 && ellipsis === 0) {
    const last = params[params.length - 1]?.type;
    const u = last ? coreType(last) : undefined;
    return u instanceof Slice ? u.elem : undefined;
  }
  return params[i]?.type;
}

/** What x.sel denotes for one type of x: the lookup, and the Selection and operands every such selector shares. */
interface SelectorEntry {
  result: LookupResult | typeof ambiguous | null;
  /** Null when the lookup failed or found a method without a signature. */
  selection: Selection | null;
  /** The operand of x.sel when x is a variable (addressable), and when it is a value. */
  ofVariable: Operand;
  ofValue: Operand;
}

function selectorEntry(T: Type, pkg: Package, sel: string): SelectorEntry {
  const r = lookupFieldOrMethod(T, false, pkg, sel);
  if (!r || r === ambiguous) return { result: r, selection: null, ofVariable: invalidOp, ofValue: invalidOp };
  if (r.obj instanceof Var) {
    const t = r.obj.type;
    const ofVariable: Operand = { mode: Mode.Variable, type: t };
    return {
      result: r,
      selection: { kind: SelectionKind.FieldVal, recv: T, obj: r.obj, index: r.index, indirect: r.indirect, type: t },
      ofVariable,
      ofValue: r.indirect ? ofVariable : { mode: Mode.Value, type: t },
    };
  }
  const m = r.obj as Func;
  const sig = m.type;
  if (!(sig instanceof Signature)) return { result: r, selection: null, ofVariable: invalidOp, ofValue: invalidOp };
  let mv = m.valueSig;
  if (mv === undefined || mv.params !== sig.params || mv.results !== sig.results || mv.variadic !== sig.variadic || mv.typeParams !== sig.typeParams) {
    mv = m.valueSig = new Signature(null, sig.params, sig.results, sig.variadic, sig.typeParams);
  }
  const op = valueOperand(mv);
  return { result: r, selection: { kind: SelectionKind.MethodVal, recv: T, obj: m, index: r.index, indirect: r.indirect, type: mv }, ofVariable: op, ofValue: op };
}

/** The shared operand of a value of type t (Type.valueOperand). */
function valueOperand(t: Type): Operand {
  let op = t.valueOperand as Operand | undefined;
  if (op === undefined) t.valueOperand = op = { mode: Mode.Value, type: t };
  return op;
}

function isGenericSignature(t: Type): boolean {
  return t instanceof Signature && t.typeParams.length > 0;
}

function sharedOperand(obj: TObject, mode: Mode): Operand {
  const t = obj.type;
  const op = obj.useOperand as Operand | undefined;
  if (op !== undefined && op.type === t && op.mode === mode) return op;
  const fresh: Operand = { mode, type: t };
  obj.useOperand = fresh;
  return fresh;
}

let fakeC: Package | undefined;
function fakeCPackage(): Package {
  if (!fakeC) {
    fakeC = new Package('C', 'C');
    fakeC.complete = false;
    fakeC.fake = true;
  }
  return fakeC;
}

/** A type parameter whose type set holds only strings and byte slices. */
function isByteSequence(t: TypeParam): boolean {
  const ts = t.iface().typeSet();
  if (!ts.terms || ts.terms.length === 0) return false;
  return ts.terms.every((x) => {
    const u = x.type.underlying();
    if (isString(u)) return true;
    return u instanceof Slice && u.elem.underlying() instanceof Basic && (u.elem.underlying() as Basic).kind === BasicKind.Uint8;
  });
}

/** Unknown types (from missing packages or cgo) stay quiet: no "undefined" errors about them. */
function mentionsTypeParam(t: Type, depth = 0): boolean {
  if (depth > 8) return false;
  t = unalias(t);
  if (t instanceof TypeParam) return true;
  if (t instanceof Pointer || t instanceof Slice || t instanceof ArrayType || t instanceof Chan) return mentionsTypeParam(t.elem, depth + 1);
  if (t instanceof MapType) return mentionsTypeParam(t.key, depth + 1) || mentionsTypeParam(t.elem, depth + 1);
  if (t instanceof Struct) return t.fields.some((f) => mentionsTypeParam(f.type, depth + 1));
  if (t instanceof Named) return t.typeArgs.some((a) => mentionsTypeParam(a, depth + 1));
  return false;
}

function isValidForError(t: Type): boolean {
  let u = unalias(t);
  if (u instanceof Pointer) u = unalias(u.elem);
  return u !== Typ.Invalid && u.underlying() !== Typ.Invalid;
}


function receiverBaseName(e: ast.Expr | null): string | null {
  if (!e) return null;
  e = unparen(e);
  if (e.kind === 'StarExpr') e = unparen(e.X);
  if (e.kind === 'IndexExpr' || e.kind === 'IndexListExpr') e = unparen(e.X);
  return e.kind === 'Ident' ? e.Name : null;
}

function embeddedFieldIdent(e: ast.Expr): ast.Ident | null {
  switch (e.kind) {
    case 'Ident':
      return e;
    case 'StarExpr':
      return e.X.kind === 'StarExpr' ? null : embeddedFieldIdent(e.X);
    case 'SelectorExpr':
      return e.Sel;
    case 'IndexExpr':
    case 'IndexListExpr':
      return embeddedFieldIdent(e.X);
    case 'ParenExpr':
      return embeddedFieldIdent(e.X);
  }
  return null;
}

function lastSegment(path: string): string {
  const i = path.lastIndexOf('/');
  let s = i >= 0 ? path.slice(i + 1) : path;
  // gopkg.in/yaml.v3 style and /v2 suffixes do not change the usual package name much; keep simple.
  if (/^v\d+$/.test(s) && i > 0) {
    const rest = path.slice(0, i);
    s = rest.slice(rest.lastIndexOf('/') + 1);
  }
  return s.replace(/[^A-Za-z0-9_].*$/, '') || s;
}

function isComparison(op: Token): boolean {
  return op === Token.EQL || op === Token.NEQ || op === Token.LSS || op === Token.LEQ || op === Token.GTR || op === Token.GEQ;
}

function isConstType(t: Type): boolean {
  const u = t.underlying();
  return u instanceof Basic && (u.info & BasicInfo.IsConstType) !== 0;
}

const untypedRank = new Map<BasicKind, number>([
  [BasicKind.UntypedInt, 1], [BasicKind.UntypedRune, 2], [BasicKind.UntypedFloat, 3], [BasicKind.UntypedComplex, 4],
]);

function largerUntyped(x: Type, y: Type): Type {
  if (!(x instanceof Basic) || !(y instanceof Basic)) return x;
  const rx = untypedRank.get(x.kind);
  const ry = untypedRank.get(y.kind);
  if (rx !== undefined && ry !== undefined) return rx >= ry ? x : y;
  return x;
}

function containsTypeParams(t: Type, sig: Signature): boolean {
  const set = new Set(sig.typeParams);
  let found = false;
  const visit = (x: Type, d: number): void => {
    if (found || d > 8) return;
    if (x instanceof TypeParam) {
      if (set.has(x)) found = true;
      return;
    }
    if (x instanceof Pointer || x instanceof Slice || x instanceof ArrayType || x instanceof Chan) visit(x.elem, d + 1);
    else if (x instanceof MapType) {
      visit(x.key, d + 1);
      visit(x.elem, d + 1);
    } else if (x instanceof Signature) {
      x.params.vars.forEach((v) => visit(v.type, d + 1));
      x.results.vars.forEach((v) => visit(v.type, d + 1));
    } else if (x instanceof Named || x instanceof Alias) x.typeArgs.forEach((a) => visit(a, d + 1));
    else if (x instanceof Struct) x.fields.forEach((f) => visit(f.type, d + 1));
  };
  visit(t, 0);
  return found;
}

function containsCallOrRecv(e: ast.Expr): boolean {
  let found = false;
  const visit = (n: ast.Expr): void => {
    if (found) return;
    switch (n.kind) {
      case 'CallExpr':
        found = true;
        return;
      case 'UnaryExpr':
        if (n.Op === Token.ARROW) found = true;
        else visit(n.X);
        return;
      case 'ParenExpr':
      case 'StarExpr':
        visit(n.X);
        return;
      case 'SelectorExpr':
        visit(n.X);
        return;
      case 'IndexExpr':
        visit(n.X);
        visit(n.Index);
        return;
    }
  };
  visit(e);
  return found;
}

function singleTermOf(tp: TypeParam): { tilde: boolean; type: Type } | undefined {
  const c = tp.constraint;
  const i = c.underlying();
  if (!(i instanceof Interface)) return undefined;
  if (i.methods.length > 0 || i.embeddeds.length !== 1) return undefined;
  const e = i.embeddeds[0]!;
  if (e instanceof Union) return e.terms.length === 1 ? e.terms[0] : undefined;
  if (e.underlying() instanceof Interface) return undefined;
  return { tilde: false, type: e };
}

function allBound(t: Type, bound: Map<TypeParam, Type>, set: Set<TypeParam>): boolean {
  let ok = true;
  const visit = (x: Type, d: number): void => {
    if (!ok || d > 8) return;
    if (x instanceof TypeParam) {
      if (set.has(x) && !bound.has(x)) ok = false;
      return;
    }
    if (x instanceof Pointer || x instanceof Slice || x instanceof ArrayType || x instanceof Chan) visit(x.elem, d + 1);
    else if (x instanceof MapType) {
      visit(x.key, d + 1);
      visit(x.elem, d + 1);
    } else if (x instanceof Signature) {
      x.params.vars.forEach((v) => visit(v.type, d + 1));
      x.results.vars.forEach((v) => visit(v.type, d + 1));
    } else if (x instanceof Named || x instanceof Alias) x.typeArgs.forEach((a) => visit(a, d + 1));
  };
  visit(t, 0);
  return ok;
}

/** Structural unification binding type parameters of `set` in p to the matching parts of a. */
function unify(p: Type, a: Type, bound: Map<TypeParam, Type>, set: Set<TypeParam>, depth = 0): void {
  if (depth > 12) return;
  p = unalias(p);
  const a0 = a;
  a = unalias(a);
  if (p instanceof TypeParam && set.has(p)) {
    const b = bound.get(p);
    if (!b) {
      bound.set(p, a0);
    } else if (b instanceof Chan && a instanceof Chan && b.dir !== ChanDir.SendRecv && a.dir === ChanDir.SendRecv) {
      // keep the more specific
    } else if (!(unalias(b) instanceof Named) && a instanceof Named && identical(unalias(b), a.underlying())) {
      // inexact unification prefers the named type
      bound.set(p, a0);
    }
    return;
  }
  if (p instanceof Named) {
    const an = a;
    if (an instanceof Named && an.origin === p.origin && p.typeArgs.length === an.typeArgs.length) {
      p.typeArgs.forEach((x, i) => unify(x, an.typeArgs[i]!, bound, set, depth + 1));
    }
    return;
  }
  // A type literal parameter matches a named argument through its underlying type.
  if (a instanceof Named || a instanceof TypeParam) {
    const au = a instanceof TypeParam ? coreType(a) : a.underlying();
    if (!au || au === a) return;
    a = au;
  }
  if (p instanceof Pointer && a instanceof Pointer) unify(p.elem, a.elem, bound, set, depth + 1);
  else if (p instanceof Slice && a instanceof Slice) unify(p.elem, a.elem, bound, set, depth + 1);
  else if (p instanceof ArrayType && a instanceof ArrayType) unify(p.elem, a.elem, bound, set, depth + 1);
  else if (p instanceof Chan && a instanceof Chan) unify(p.elem, a.elem, bound, set, depth + 1);
  else if (p instanceof MapType && a instanceof MapType) {
    unify(p.key, a.key, bound, set, depth + 1);
    unify(p.elem, a.elem, bound, set, depth + 1);
  } else if (p instanceof Signature && a instanceof Signature) {
    p.params.vars.forEach((v, i) => {
      const w = a.params.vars[i];
      if (w) unify(v.type, w.type, bound, set, depth + 1);
    });
    p.results.vars.forEach((v, i) => {
      const w = a.results.vars[i];
      if (w) unify(v.type, w.type, bound, set, depth + 1);
    });
  } else if (p instanceof Struct && a instanceof Struct) {
    p.fields.forEach((f, i) => {
      const g = a.fields[i];
      if (g) unify(f.type, g.type, bound, set, depth + 1);
    });
  }
}

// ---- constants

/** Operands of short literals by token kind (Token.INT…Token.STRING) and text. */
const shortLits: (Map<string, Operand> | undefined)[] = [];
for (const k of [Token.INT, Token.FLOAT, Token.IMAG, Token.CHAR, Token.STRING]) shortLits[k] = new Map();

function intLitValue(lit: string): ConstValue {
  const v = parseIntLit(lit);
  return v === null ? { kind: 'unknown' } : { kind: 'int', v };
}

function parseIntLit(s: string): bigint | null {
  try {
    // BigInt reads decimal, 0x, 0o and 0b literals as Go writes them; only
    // separators and legacy octal (0755) need rewriting.
    const c1 = s.charCodeAt(1);
    if (!s.includes('_') && !(s.charCodeAt(0) === 48 && c1 >= 48 && c1 <= 57)) return BigInt(s);
    let t = s.replace(/_/g, '');
    if (/^0[0-7]+$/.test(t)) t = '0o' + t.slice(1);
    if (/^0[oO]/.test(t)) t = '0o' + t.slice(2);
    return BigInt(t);
  } catch {
    return null;
  }
}

function parseFloatLit(s: string): number {
  const t = s.replace(/_/g, '');
  if (/^0[xX]/.test(t)) {
    const m = /^0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/.exec(t);
    if (!m) return NaN;
    const mant = parseInt((m[1] || '0') + (m[2] || ''), 16);
    return mant * Math.pow(2, Number(m[3]) - 4 * (m[2]?.length ?? 0));
  }
  return Number(t);
}

function unquoteChar(lit: string): number {
  const s = lit.slice(1, -1);
  if (s[0] !== '\\') return s.codePointAt(0) ?? 0;
  const c = s[1];
  switch (c) {
    case 'a': return 7;
    case 'b': return 8;
    case 'f': return 12;
    case 'n': return 10;
    case 'r': return 13;
    case 't': return 9;
    case 'v': return 11;
    case '\\': return 92;
    case "'": return 39;
    case '"': return 34;
    case 'x':
    case 'u':
    case 'U':
      return parseInt(s.slice(2), 16);
    default:
      return parseInt(s.slice(1), 8);
  }
}

/** The value of a Go string literal (interpreted or raw). */
const utf8Encoder = new TextEncoder();

export function unquote(lit: string): string {
  if (lit.startsWith('`')) {
    const raw = lit.slice(1, -1);
    return raw.includes('\r') ? raw.replace(/\r/g, '') : raw;
  }
  const s = lit.slice(1, -1);
  if (!s.includes('\\')) return s;
  // The bytes the literal denotes, written into one buffer (a UTF-16 unit is at most 3
  // bytes of UTF-8, an escape fewer bytes than its spelling): a literal of escapes (a
  // time zone database, a test vector) is hundreds of kilobytes, and a byte array grown
  // by push and escapes read by parseInt over slices cost 3% of type-checking GOROOT/src.
  const out = new Uint8Array(s.length * 3);
  let n = 0;
  const utf8 = (cp: number): void => {
    if (cp < 0x80) out[n++] = cp;
    else if (cp < 0x800) {
      out[n++] = 0xc0 | (cp >> 6);
      out[n++] = 0x80 | (cp & 0x3f);
    } else if (cp < 0x10000) {
      // A lone surrogate is not a Unicode value: Go writes U+FFFD for it.
      if (cp >= 0xd800 && cp < 0xe000) cp = 0xfffd;
      out[n++] = 0xe0 | (cp >> 12);
      out[n++] = 0x80 | ((cp >> 6) & 0x3f);
      out[n++] = 0x80 | (cp & 0x3f);
    } else {
      out[n++] = 0xf0 | (cp >> 18);
      out[n++] = 0x80 | ((cp >> 12) & 0x3f);
      out[n++] = 0x80 | ((cp >> 6) & 0x3f);
      out[n++] = 0x80 | (cp & 0x3f);
    }
  };
  const digits = (from: number, count: number, base: number): number => {
    let v = 0;
    for (let k = from; k < from + count; k++) {
      const c = s.charCodeAt(k);
      const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : 99;
      if (d >= base) return NaN;
      v = v * base + d;
    }
    return v;
  };
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch !== 92 /* \\ */) {
      const cp = s.codePointAt(i)!;
      utf8(cp);
      if (cp > 0xffff) i++;
      continue;
    }
    const c = s[++i];
    switch (c) {
      case 'a': out[n++] = 7; break;
      case 'b': out[n++] = 8; break;
      case 'f': out[n++] = 12; break;
      case 'n': out[n++] = 10; break;
      case 'r': out[n++] = 13; break;
      case 't': out[n++] = 9; break;
      case 'v': out[n++] = 11; break;
      case '\\': out[n++] = 92; break;
      case '"': out[n++] = 34; break;
      case "'": out[n++] = 39; break;
      case 'x':
        out[n++] = digits(i + 1, 2, 16);
        i += 2;
        break;
      case 'u':
        utf8(digits(i + 1, 4, 16));
        i += 4;
        break;
      case 'U':
        utf8(Math.min(digits(i + 1, 8, 16), 0x10ffff));
        i += 8;
        break;
      default:
        out[n++] = digits(i, 3, 8) & 0xff;
        i += 2;
    }
  }
  return Buffer.from(out.buffer, 0, n).toString('utf8');
}

function toIntVal(v: ConstValue): ConstValue {
  if (v.kind === 'float' && Number.isInteger(v.v)) return { kind: 'int', v: BigInt(v.v) };
  return v;
}

function constUnary(op: Token, v: ConstValue, t: Type): ConstValue {
  if (v.kind === 'int') {
    if (op === Token.SUB) return { kind: 'int', v: -v.v };
    if (op === Token.ADD) return v;
    if (op === Token.XOR) {
      const u = t.underlying();
      if (u instanceof Basic && (u.info & BasicInfo.IsUnsigned) !== 0) {
        const bits = basicBits(u.kind);
        return { kind: 'int', v: BigInt.asUintN(bits, ~v.v) };
      }
      return { kind: 'int', v: ~v.v };
    }
  }
  if (v.kind === 'float') {
    if (op === Token.SUB) return { kind: 'float', v: -v.v };
    if (op === Token.ADD) return v;
  }
  return { kind: 'unknown' };
}

function basicBits(k: BasicKind): number {
  switch (k) {
    case BasicKind.Uint8: return 8;
    case BasicKind.Uint16: return 16;
    case BasicKind.Uint32: return 32;
    default: return 64;
  }
}

function constBinary(op: Token, x: ConstValue, y: ConstValue, t: Type): ConstValue {
  if (x.kind === 'int' && y.kind === 'int') {
    const a = x.v;
    const b = y.v;
    try {
      switch (op) {
        case Token.ADD: return { kind: 'int', v: a + b };
        case Token.SUB: return { kind: 'int', v: a - b };
        case Token.MUL: return { kind: 'int', v: a * b };
        case Token.QUO:
          if (b === 0n) return { kind: 'unknown' };
          if (isInteger(t)) return { kind: 'int', v: a / b };
          return { kind: 'float', v: Number(a) / Number(b) };
        case Token.REM: return b === 0n ? { kind: 'unknown' } : { kind: 'int', v: a % b };
        case Token.AND: return { kind: 'int', v: a & b };
        case Token.OR: return { kind: 'int', v: a | b };
        case Token.XOR: return { kind: 'int', v: a ^ b };
        case Token.AND_NOT: return { kind: 'int', v: a & ~b };
        case Token.SHL: return b > 10000n ? { kind: 'unknown' } : { kind: 'int', v: a << b };
        case Token.SHR: return { kind: 'int', v: a >> b };
      }
    } catch {
      return { kind: 'unknown' };
    }
  }
  if (x.kind === 'string' && y.kind === 'string' && op === Token.ADD) return { kind: 'string', v: x.v + y.v };
  const fx = numVal(x);
  const fy = numVal(y);
  if (fx !== null && fy !== null) {
    let r: number | null = null;
    switch (op) {
      case Token.ADD: r = fx + fy; break;
      case Token.SUB: r = fx - fy; break;
      case Token.MUL: r = fx * fy; break;
      case Token.QUO: r = fx / fy; break;
    }
    if (r !== null) {
      if (isInteger(t) && Number.isInteger(r)) return { kind: 'int', v: BigInt(r) };
      return { kind: 'float', v: r };
    }
  }
  return { kind: 'unknown' };
}

function numVal(v: ConstValue): number | null {
  if (v.kind === 'int') return Number(v.v);
  if (v.kind === 'float') return v.v;
  return null;
}

function constCompare(op: Token, x: ConstValue, y: ConstValue): { kind: 'bool'; v: boolean } {
  let c: number | null = null;
  if (x.kind === 'int' && y.kind === 'int') c = x.v < y.v ? -1 : x.v > y.v ? 1 : 0;
  else if (x.kind === 'string' && y.kind === 'string') c = x.v < y.v ? -1 : x.v > y.v ? 1 : 0;
  else if (x.kind === 'bool' && y.kind === 'bool') c = x.v === y.v ? 0 : 1;
  else {
    const a = numVal(x);
    const b = numVal(y);
    if (a !== null && b !== null) c = a < b ? -1 : a > b ? 1 : 0;
  }
  if (c === null) return { kind: 'bool', v: false };
  switch (op) {
    case Token.EQL: return { kind: 'bool', v: c === 0 };
    case Token.NEQ: return { kind: 'bool', v: c !== 0 };
    case Token.LSS: return { kind: 'bool', v: c < 0 };
    case Token.LEQ: return { kind: 'bool', v: c <= 0 };
    case Token.GTR: return { kind: 'bool', v: c > 0 };
    case Token.GEQ: return { kind: 'bool', v: c >= 0 };
  }
  return { kind: 'bool', v: false };
}

function convertConst(v: ConstValue | undefined, t: Type): ConstValue {
  if (!v) return { kind: 'unknown' };
  if (isInteger(t)) {
    if (v.kind === 'float' && Number.isInteger(v.v)) return { kind: 'int', v: BigInt(v.v) };
    if (v.kind === 'int') {
      const u = t.underlying() as Basic;
      if ((u.info & BasicInfo.IsUnsigned) !== 0 && u.kind !== BasicKind.Uint && u.kind !== BasicKind.Uintptr) return { kind: 'int', v: BigInt.asUintN(basicBits(u.kind), v.v) };
    }
    return v;
  }
  if (isString(t) && v.kind === 'int') return { kind: 'string', v: String.fromCodePoint(Number(v.v) >= 0 && Number(v.v) <= 0x10ffff ? Number(v.v) : 0xfffd) };
  if (isBasic(t, BasicInfo.IsFloat) && v.kind === 'int') return { kind: 'float', v: Number(v.v) };
  return v;
}

/** A short rendering of an expression for messages. */
export function exprString(e: ast.Expr): string {
  switch (e.kind) {
    case 'Ident': return e.Name;
    case 'SelectorExpr': return `${exprString(e.X)}.${e.Sel.Name}`;
    case 'StarExpr': return `*${exprString(e.X)}`;
    case 'ParenExpr': return `(${exprString(e.X)})`;
    case 'CallExpr': return `${exprString(e.Fun)}(…)`;
    case 'IndexExpr': return `${exprString(e.X)}[…]`;
    case 'BasicLit': return e.Value;
    default: return e.kind;
  }
}

export { isExportedName };
