// A small syntactic type model for the concurrency analyses: enough to tell a map
// from a slice, a sync.Mutex from a user type, and to follow fields through
// embedding. Types of imported packages are read from their declarations on first
// use when the index has a resolver for them (packages whose code the engine may
// follow: see crosspkg.ts); a type from one of them is `named` with that package's
// import path, never `pkg: ''`. It never guesses: anything it cannot see (types from
// other packages without a resolver, type parameters, interfaces) is `unknown` or an
// opaque named type, and the race engine stays quiet about what it cannot type.

import type * as ast from '../../syntax/ast.js';

export type LType =
  | { k: 'unknown' }
  | { k: 'basic'; name: string }
  | { k: 'named'; pkg: string; name: string; args?: LType[] }
  | { k: 'ptr'; elem: LType }
  | { k: 'map'; key: LType; val: LType }
  | { k: 'slice'; elem: LType }
  | { k: 'array'; elem: LType }
  | { k: 'chan'; elem: LType }
  | { k: 'struct'; fields: FieldInfo[] }
  | { k: 'func'; params: LType[]; results: LType[] }
  | { k: 'iface' };

export interface FieldInfo {
  name: string;
  type: LType;
  embedded: boolean;
}

export const UNKNOWN: LType = { k: 'unknown' };

const BASIC = new Set([
  'bool', 'string', 'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64',
  'uintptr', 'byte', 'rune', 'float32', 'float64', 'complex64', 'complex128', 'error', 'any',
]);

/**
 * Packages whose types stay opaque names even when their source is at hand: the
 * synchronisation primitives and the runtime, which the engine models by their
 * documented meaning (sync.Mutex is a lock, not a struct of two integers).
 */
export const OPAQUE_PACKAGES: ReadonlySet<string> = new Set(['sync', 'sync/atomic', 'internal/sync', 'unsafe', 'runtime', 'internal/race', 'reflect', 'time']);

/** The index of an imported package, by import path as written in this package's files. */
export type IndexResolver = (importPath: string) => PackageIndex | undefined;

/** The package-level declarations of one package, indexed by name. */
export class PackageIndex {
  /** Imported packages whose declarations may be read (undefined: none). */
  resolveImport: IndexResolver | undefined;
  private foreignCache = new Map<string, LType>();
  readonly types = new Map<string, ast.TypeSpec>();
  readonly funcs = new Map<string, ast.FuncDecl>();
  /** Receiver base type name -> method name -> declaration. */
  readonly methods = new Map<string, Map<string, ast.FuncDecl>>();
  readonly globals = new Map<string, { spec: ast.ValueSpec; index: number; file: ast.File }>();
  /** Per file: import name -> import path. */
  readonly imports = new Map<ast.File, Map<string, string>>();
  private underlyingCache = new Map<string, LType>();
  private globalTypeCache = new Map<string, LType>();

  constructor(readonly files: readonly ast.File[]) {
    for (const f of files) {
      const imps = new Map<string, string>();
      for (const imp of f.Imports) {
        const path = imp.Path.Value.replace(/^["`]|["`]$/g, '');
        let name = imp.Name?.Name;
        if (!name) {
          const parts = path.split('/');
          name = parts[parts.length - 1]!;
          if (/^v\d+$/.test(name) && parts.length > 1) name = parts[parts.length - 2]!;
          name = name.replace(/^go-/, '').replace(/[.-].*$/, '');
        }
        if (name !== '_' && name !== '.') imps.set(name, path);
      }
      this.imports.set(f, imps);
      for (const d of f.Decls) {
        if (d.kind === 'FuncDecl') {
          if (d.Recv && d.Recv.List.length > 0) {
            const base = receiverBaseName(d.Recv.List[0]!.Type);
            if (base) {
              let m = this.methods.get(base);
              if (!m) this.methods.set(base, (m = new Map()));
              m.set(d.Name.Name, d);
            }
          } else if (d.Name.Name !== 'init' && d.Name.Name !== '_') this.funcs.set(d.Name.Name, d);
        } else if (d.kind === 'GenDecl') {
          for (const s of d.Specs) {
            if (s.kind === 'TypeSpec') this.types.set(s.Name.Name, s);
            else if (s.kind === 'ValueSpec' && d.Tok === (85 as ast.Token) /* VAR */) {
              s.Names.forEach((n, i) => {
                if (n.Name !== '_') this.globals.set(n.Name, { spec: s, index: i, file: f });
              });
            }
          }
        }
      }
    }
  }

  /** Resolves a type expression written in `file` (package scope). */
  typeExpr(e: ast.Expr | null, file: ast.File | undefined, typeParams?: ReadonlySet<string>): LType {
    if (!e) return UNKNOWN;
    switch (e.kind) {
      case 'Ident':
        if (typeParams?.has(e.Name)) return UNKNOWN;
        if (this.types.has(e.Name)) return { k: 'named', pkg: '', name: e.Name };
        if (BASIC.has(e.Name)) return e.Name === 'error' || e.Name === 'any' ? { k: 'iface' } : { k: 'basic', name: e.Name };
        return UNKNOWN;
      case 'SelectorExpr':
        if (e.X.kind === 'Ident' && file) {
          const path = this.imports.get(file)?.get(e.X.Name);
          if (path !== undefined) return { k: 'named', pkg: path, name: e.Sel.Name };
        }
        return UNKNOWN;
      case 'StarExpr':
        return { k: 'ptr', elem: this.typeExpr(e.X, file, typeParams) };
      case 'ParenExpr':
        return this.typeExpr(e.X, file, typeParams);
      case 'MapType':
        return { k: 'map', key: this.typeExpr(e.Key, file, typeParams), val: this.typeExpr(e.Value, file, typeParams) };
      case 'ArrayType':
        return e.Len === null
          ? { k: 'slice', elem: this.typeExpr(e.Elt, file, typeParams) }
          : { k: 'array', elem: this.typeExpr(e.Elt, file, typeParams) };
      case 'ChanType':
        return { k: 'chan', elem: this.typeExpr(e.Value, file, typeParams) };
      case 'StructType': {
        const fields: FieldInfo[] = [];
        for (const f of e.Fields.List) {
          const t = this.typeExpr(f.Type, file, typeParams);
          if (f.Names.length === 0) fields.push({ name: embeddedName(f.Type), type: t, embedded: true });
          else for (const n of f.Names) fields.push({ name: n.Name, type: t, embedded: false });
        }
        return { k: 'struct', fields };
      }
      case 'FuncType':
        return {
          k: 'func',
          params: fieldTypes(e.Params, (x) => this.typeExpr(x, file, typeParams)),
          results: fieldTypes(e.Results, (x) => this.typeExpr(x, file, typeParams)),
        };
      case 'InterfaceType':
        return { k: 'iface' };
      case 'IndexExpr': {
        // atomic.Pointer[T]: what its Load returns matters (see FuncWalker.loadedPath).
        const g = this.typeExpr(e.X, file, typeParams);
        if (g.k === 'named' && g.pkg === 'sync/atomic' && g.name === 'Pointer') return { ...g, args: [this.typeExpr(e.Index, file, typeParams)] };
        return UNKNOWN;
      }
      case 'IndexListExpr':
        // An instantiated generic type: its underlying shape is known but not worth
        // the machinery here.
        return UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  /**
   * The underlying type of t, following local named types (at most a few hops) and
   * named types of packages the resolver knows; other imported names stay as they are.
   */
  underlying(t: LType): LType {
    const u = this.localUnderlying(t);
    return u.k === 'named' && u.pkg !== '' && this.resolveImport ? this.foreignUnderlying(u) : u;
  }

  /** An imported named type's underlying type, with the other package's own names qualified by its path. */
  private foreignUnderlying(t: { k: 'named'; pkg: string; name: string }): LType {
    if (OPAQUE_PACKAGES.has(t.pkg)) return t;
    const key = t.pkg + '\u0000' + t.name;
    const done = this.foreignCache.get(key);
    if (done) return done;
    this.foreignCache.set(key, t); // recursion guard
    const other = this.resolveImport!(t.pkg);
    let u: LType = t;
    if (other && other !== this && other.types.has(t.name)) {
      const ou = other.underlying({ k: 'named', pkg: '', name: t.name });
      if (ou.k !== 'unknown' && ou.k !== 'named') u = qualify(ou, t.pkg);
    }
    this.foreignCache.set(key, u);
    return u;
  }

  /** The type a declaration of the package gives, seen from an importer (names qualified by `asPath`). */
  static qualified(t: LType, asPath: string): LType {
    return qualify(t, asPath);
  }

  private localUnderlying(t: LType): LType {
    for (let i = 0; i < 8 && t.k === 'named' && t.pkg === ''; i++) {
      const cached = this.underlyingCache.get(t.name);
      if (cached) return cached;
      const spec = this.types.get(t.name);
      if (!spec) return UNKNOWN;
      if (spec.TypeParams && spec.TypeParams.List.length > 0) {
        // Generic types: fields are known, their types may mention parameters (unknown).
        const tp = new Set(spec.TypeParams.List.flatMap((f) => f.Names.map((n) => n.Name)));
        const u = this.typeExpr(spec.Type, this.fileOf(spec), tp);
        this.underlyingCache.set(t.name, u);
        return u;
      }
      const next = this.typeExpr(spec.Type, this.fileOf(spec));
      if (next.k !== 'named' || next.pkg !== '') {
        this.underlyingCache.set(t.name, next);
        return next;
      }
      t = next;
    }
    return t;
  }

  private specFiles = new Map<ast.TypeSpec, ast.File>();
  fileOf(spec: ast.TypeSpec): ast.File | undefined {
    if (this.specFiles.size === 0) {
      for (const f of this.files)
        for (const d of f.Decls)
          if (d.kind === 'GenDecl') for (const s of d.Specs) if (s.kind === 'TypeSpec') this.specFiles.set(s, f);
    }
    return this.specFiles.get(spec);
  }

  /** Field lookup with promotion through embedded fields: the canonical path of names. */
  field(t: LType, name: string): { path: string[]; type: LType } | undefined {
    // Asked for at every selector the engine walks: the answer depends only on the
    // struct (underlying types are cached, so the struct is one object per type) and
    // the name. Callers only read the answer.
    const u = this.underlying(t.k === 'ptr' ? t.elem : t);
    if (u.k !== 'struct') return undefined;
    let byName = this.fieldsFound.get(u);
    if (!byName) this.fieldsFound.set(u, (byName = new Map()));
    let found = byName.get(name);
    if (found === undefined) byName.set(name, (found = this.findField(t, name) ?? null));
    return found ?? undefined;
  }

  private readonly fieldsFound = new WeakMap<LType, Map<string, { path: string[]; type: LType } | null>>();

  private findField(t: LType, name: string): { path: string[]; type: LType } | undefined {
    let frontier: { t: LType; path: string[] }[] = [{ t, path: [] }];
    for (let depth = 0; depth < 4 && frontier.length > 0; depth++) {
      const next: { t: LType; path: string[] }[] = [];
      let found: { path: string[]; type: LType } | undefined;
      for (const { t: ft, path } of frontier) {
        let u = ft.k === 'ptr' ? ft.elem : ft;
        u = this.underlying(u);
        if (u.k !== 'struct') continue;
        for (const f of u.fields) {
          if (f.name === name) {
            if (found) return undefined; // ambiguous selector
            found = { path: [...path, f.name], type: f.type };
          } else if (f.embedded) next.push({ t: f.type, path: [...path, f.name] });
        }
      }
      if (found) return found;
      frontier = next;
    }
    return undefined;
  }

  /**
   * A method of a local named type, found directly or through embedded fields: the
   * declaration and the embedded-field path to its receiver.
   */
  method(t: LType, name: string): { decl: ast.FuncDecl; path: string[] } | undefined {
    let frontier: { t: LType; path: string[] }[] = [{ t, path: [] }];
    for (let depth = 0; depth < 4 && frontier.length > 0; depth++) {
      const next: { t: LType; path: string[] }[] = [];
      for (const { t: ft, path } of frontier) {
        const base = ft.k === 'ptr' ? ft.elem : ft;
        if (base.k === 'named' && base.pkg === '') {
          const decl = this.methods.get(base.name)?.get(name);
          if (decl) return { decl, path };
        }
        const u = this.underlying(base);
        if (u.k !== 'struct') continue;
        for (const f of u.fields) if (f.embedded) next.push({ t: f.type, path: [...path, f.name] });
      }
      frontier = next;
    }
    return undefined;
  }

  /** The named stdlib-ish type an embedded method would come from (e.g. sync.Mutex for c.Lock). */
  embeddedExternal(t: LType, pred: (n: { pkg: string; name: string }) => boolean): string[] | undefined {
    let frontier: { t: LType; path: string[] }[] = [{ t, path: [] }];
    for (let depth = 0; depth < 4 && frontier.length > 0; depth++) {
      const next: { t: LType; path: string[] }[] = [];
      for (const { t: ft, path } of frontier) {
        const base = ft.k === 'ptr' ? ft.elem : ft;
        if (base.k === 'named' && base.pkg !== '' && pred(base) && path.length > 0) return path;
        const u = this.underlying(base);
        if (u.k !== 'struct') continue;
        for (const f of u.fields) if (f.embedded) next.push({ t: f.type, path: [...path, f.name] });
      }
      frontier = next;
    }
    return undefined;
  }

  /** Declared or inferred type of a package-level variable. */
  globalType(name: string, infer: (e: ast.Expr, file: ast.File) => LType): LType {
    const cached = this.globalTypeCache.get(name);
    if (cached) return cached;
    const g = this.globals.get(name);
    if (!g) return UNKNOWN;
    this.globalTypeCache.set(name, UNKNOWN); // recursion guard
    let t: LType = UNKNOWN;
    if (g.spec.Type) t = this.typeExpr(g.spec.Type, g.file);
    else if (g.spec.Values.length === g.spec.Names.length) t = infer(g.spec.Values[g.index]!, g.file);
    this.globalTypeCache.set(name, t);
    return t;
  }

  /** True when values of t (after following local names) hold a sync.Mutex or RWMutex. */
  holdsMutex(t: LType, depth = 0): boolean {
    if (depth > 3) return false;
    const base = t.k === 'ptr' ? t.elem : t;
    if (isSyncType(base, 'Mutex') || isSyncType(base, 'RWMutex')) return true;
    const u = this.underlying(base);
    if (u.k !== 'struct') return false;
    // Only the value's own fields: a pointer to another object's mutex guards that object.
    return u.fields.some((f) => f.type.k !== 'ptr' && this.holdsMutex(f.type, depth + 1));
  }
}

export function isSyncType(t: LType, name: string): boolean {
  return t.k === 'named' && t.pkg === 'sync' && t.name === name;
}

export function receiverBaseName(t: ast.Expr | null): string | undefined {
  let e = t;
  while (e) {
    if (e.kind === 'StarExpr' || e.kind === 'ParenExpr') e = e.X;
    else if (e.kind === 'IndexExpr' || e.kind === 'IndexListExpr') e = e.X;
    else if (e.kind === 'Ident') return e.Name;
    else return undefined;
  }
  return undefined;
}

function embeddedName(t: ast.Expr | null): string {
  let e = t;
  while (e) {
    if (e.kind === 'StarExpr') e = e.X;
    else if (e.kind === 'SelectorExpr') return e.Sel.Name;
    else if (e.kind === 'Ident') return e.Name;
    else if (e.kind === 'IndexExpr' || e.kind === 'IndexListExpr') e = e.X;
    else return '?';
  }
  return '?';
}

/** t with the package-local names (`pkg: ''`) of the package at `path` named by that path. */
function qualify(t: LType, path: string): LType {
  switch (t.k) {
    case 'named':
      return t.pkg === '' ? { k: 'named', pkg: path, name: t.name } : t;
    case 'ptr':
      return { k: 'ptr', elem: qualify(t.elem, path) };
    case 'map':
      return { k: 'map', key: qualify(t.key, path), val: qualify(t.val, path) };
    case 'slice':
    case 'array':
    case 'chan':
      return { k: t.k, elem: qualify(t.elem, path) };
    case 'struct':
      return { k: 'struct', fields: t.fields.map((f) => ({ name: f.name, type: qualify(f.type, path), embedded: f.embedded })) };
    case 'func':
      return { k: 'func', params: t.params.map((p) => qualify(p, path)), results: t.results.map((r) => qualify(r, path)) };
    default:
      return t;
  }
}

function fieldTypes(fl: ast.FieldList | null, f: (e: ast.Expr | null) => LType): LType[] {
  if (!fl) return [];
  const out: LType[] = [];
  for (const fd of fl.List) {
    const t = f(fd.Type);
    const n = Math.max(1, fd.Names.length);
    for (let i = 0; i < n; i++) out.push(t);
  }
  return out;
}

/** True for types whose values share storage when copied: maps, pointers, slices, channels. */
export function isReference(t: LType): boolean {
  return t.k === 'map' || t.k === 'ptr' || t.k === 'slice' || t.k === 'chan' || t.k === 'func';
}
