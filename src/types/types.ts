// The type model, shaped like go/types: Basic, Named, Alias, Pointer, Array, Slice,
// Map, Chan, Struct, Tuple, Signature, Interface, TypeParam, Union. Types are plain
// class instances compared with identical(); Named and TypeParam compare by identity.
// typeString writes a type exactly as types.TypeString(t, nil) does (full package
// paths), which is what the differential test against go/types compares.

import type { Func, Package, TypeName, Var } from './objects.js';

export const enum BasicKind {
  Invalid,
  Bool, Int, Int8, Int16, Int32, Int64, Uint, Uint8, Uint16, Uint32, Uint64, Uintptr,
  Float32, Float64, Complex64, Complex128, String, UnsafePointer,
  UntypedBool, UntypedInt, UntypedRune, UntypedFloat, UntypedComplex, UntypedString, UntypedNil,
}

export const enum BasicInfo {
  IsBoolean = 1, IsInteger = 2, IsUnsigned = 4, IsFloat = 8, IsComplex = 16, IsString = 32, IsUntyped = 64,
  IsOrdered = IsInteger | IsFloat | IsString,
  IsNumeric = IsInteger | IsFloat | IsComplex,
  IsConstType = IsBoolean | IsNumeric | IsString,
}

export abstract class Type {
  /**
   * The checker's operand for a value of this type, shared by every expression that
   * yields one (operands are never changed once made): one fewer object per call,
   * selector or operation.
   */
  declare valueOperand: { mode: number; type: Type } | undefined;
  constructor() {
    this.valueOperand = undefined;
  }
  /** The underlying type (go/types Type.Underlying). */
  underlying(): Type {
    return this;
  }
  toString(): string {
    return typeString(this);
  }
}

export class Basic extends Type {
  constructor(readonly kind: BasicKind, readonly info: number, readonly name: string) {
    super();
  }
}

export class Pointer extends Type {
  constructor(readonly elem: Type) {
    super();
  }
}

export class Slice extends Type {
  constructor(readonly elem: Type) {
    super();
  }
}

export class ArrayType extends Type {
  /** len < 0: unknown length (an invalid or unevaluated constant). */
  constructor(readonly elem: Type, readonly len: number) {
    super();
  }
}

export class MapType extends Type {
  constructor(readonly key: Type, readonly elem: Type) {
    super();
  }
}

export const enum ChanDir {
  SendRecv = 0,
  SendOnly = 1,
  RecvOnly = 2,
}

export class Chan extends Type {
  constructor(readonly dir: ChanDir, readonly elem: Type) {
    super();
  }
}

export class Struct extends Type {
  constructor(readonly fields: Var[], readonly tags: (string | null)[] = []) {
    super();
  }
  tag(i: number): string {
    return this.tags[i] ?? '';
  }
}

export class Tuple extends Type {
  constructor(readonly vars: Var[]) {
    super();
  }
  get length(): number {
    return this.vars.length;
  }
  at(i: number): Var {
    return this.vars[i]!;
  }
}

export class Signature extends Type {
  /** Type parameters of the receiver's type (generic methods). */
  recvTypeParams: TypeParam[] = [];
  constructor(
    public recv: Var | null,
    public params: Tuple,
    public results: Tuple,
    public variadic: boolean,
    public typeParams: TypeParam[] = [],
  ) {
    super();
  }
}

export interface Term {
  tilde: boolean;
  type: Type;
}

export class Union extends Type {
  constructor(readonly terms: Term[]) {
    super();
  }
}

/** The computed type set of an interface: all methods, and the type terms (null = all types). */
export interface TypeSet {
  methods: Func[];
  terms: Term[] | null;
  comparable: boolean;
}

export class Interface extends Type {
  /** Explicit methods, sorted as go/types sorts them. */
  methods: Func[];
  embeddeds: Type[];
  /** A constraint literal like `~int | string` or `comparable` written in a type parameter list. */
  implicit = false;
  /** The predeclared `comparable`'s interface. */
  isComparable = false;
  private typeSetCache: TypeSet | undefined;
  private computing = false;
  constructor(methods: Func[], embeddeds: Type[]) {
    super();
    this.methods = methods;
    this.embeddeds = embeddeds;
  }
  /** The full type set (methods of embedded interfaces included); computed once. */
  typeSet(): TypeSet {
    if (this.typeSetCache) return this.typeSetCache;
    if (this.computing) return { methods: [], terms: null, comparable: false };
    this.computing = true;
    try {
      const methods = new Map<string, Func>();
      for (const m of this.methods) methods.set(m.id(), m);
      let terms: Term[] | null = null;
      let comparable = this.isComparable;
      for (const e of this.embeddeds) {
        const u = e.underlying();
        let eterms: Term[] | null;
        if (u instanceof Interface) {
          const ts = u.typeSet();
          for (const m of ts.methods) if (!methods.has(m.id())) methods.set(m.id(), m);
          eterms = ts.terms;
          if (ts.comparable) comparable = true;
        } else if (u instanceof Union) {
          eterms = [];
          for (const t of u.terms) {
            const tu = t.type.underlying();
            if (tu instanceof Interface) {
              const ts = tu.typeSet();
              if (ts.terms === null) {
                eterms = null;
                break;
              }
              eterms.push(...ts.terms);
            } else eterms.push(t);
          }
        } else if (u === Typ.Invalid) {
          continue;
        } else {
          eterms = [{ tilde: false, type: e }];
        }
        terms = intersectTerms(terms, eterms);
      }
      const all = [...methods.values()];
      sortMethods(all);
      this.typeSetCache = { methods: all, terms, comparable };
      return this.typeSetCache;
    } finally {
      this.computing = false;
    }
  }
  /** Clears a cached type set (a declared interface's embeddeds resolved late). */
  resetTypeSet(): void {
    this.typeSetCache = undefined;
  }
  isMethodSet(): boolean {
    const ts = this.typeSet();
    return ts.terms === null && !ts.comparable;
  }
}

function intersectTerms(a: Term[] | null, b: Term[] | null): Term[] | null {
  if (a === null) return b;
  if (b === null) return a;
  const out: Term[] = [];
  for (const x of a) {
    for (const y of b) {
      if (x.tilde && y.tilde) {
        if (identical(x.type.underlying(), y.type.underlying())) out.push(x);
      } else if (x.tilde) {
        if (identical(x.type.underlying(), y.type.underlying())) out.push(y);
      } else if (y.tilde) {
        if (identical(x.type.underlying(), y.type.underlying())) out.push(x);
      } else if (identical(x.type, y.type)) out.push(x);
    }
  }
  return out;
}

/** Objects are ordered exported before non-exported, then by name, then by package path (go/types object.less). */
export function sortMethods(ms: Func[]): void {
  ms.sort((a, b) => {
    const ea = a.exported();
    const eb = b.exported();
    if (ea !== eb) return ea ? -1 : 1;
    if (a.name !== b.name) return a.name < b.name ? -1 : 1;
    if (!ea) {
      const pa = a.pkg?.path ?? '';
      const pb = b.pkg?.path ?? '';
      if (pa !== pb) return pa < pb ? -1 : 1;
    }
    return 0;
  });
}

export class TypeParam extends Type {
  constructor(
    readonly obj: TypeName,
    public index: number,
    public constraint: Type,
  ) {
    super();
  }
  override underlying(): Type {
    const u = this.constraint.underlying();
    return u instanceof Interface ? u : emptyInterface;
  }
  /** The constraint as an interface (a non-interface constraint T stands for interface{T}). */
  iface(): Interface {
    const u = this.constraint.underlying();
    if (u instanceof Interface) return u;
    if (u === Typ.Invalid) return emptyInterface;
    const i = new Interface([], [this.constraint]);
    i.implicit = true;
    return i;
  }
}

/** A declared (defined) type, possibly generic or an instance of a generic type. */
export class Named extends Type {
  /** Declared methods (for an instance: the origin's, substituted lazily by methodAt). */
  methods: Func[] = [];
  typeParams: TypeParam[] = [];
  typeArgs: Type[] = [];
  /** The generic type this is an instance of (this for a non-instance). */
  origin: Named = this;
  /** The right-hand side as written (a Named, Alias or literal type); underlying() follows it. */
  rhs: Type | undefined;
  private under: Type | undefined;
  private resolving = false;
  /** Completes the declaration on demand (set by the checker of the declaring package). */
  resolver: ((n: Named) => void) | undefined;
  /** Declared methods are collected on demand (set by the checker). */
  methodResolver: ((n: Named) => void) | undefined;
  /** For instances: substitutes the origin's underlying type and methods. */
  expander: ((n: Named) => void) | undefined;
  instMethods: Map<number, Func> | undefined;

  constructor(readonly obj: TypeName, rhs?: Type) {
    super();
    this.rhs = rhs;
  }

  override underlying(): Type {
    if (this.under) return this.under;
    if (this.resolver) {
      const r = this.resolver;
      this.resolver = undefined;
      r(this);
    }
    if (this.expander) {
      const e = this.expander;
      this.expander = undefined;
      e(this);
    }
    if (this.under) return this.under;
    if (this.rhs === undefined) return Typ.Invalid; // still being declared (a cycle)
    if (this.resolving) return Typ.Invalid;
    this.resolving = true;
    try {
      const u = this.rhs.underlying();
      if (u instanceof Named || u instanceof TypeParam) return Typ.Invalid;
      this.under = u;
      return u;
    } finally {
      this.resolving = false;
    }
  }

  setUnderlying(u: Type): void {
    this.under = u;
    this.rhs = u;
  }

  /** Declared methods (forces their collection). */
  declaredMethods(): Func[] {
    if (this.origin !== this) return this.origin.declaredMethods().map((_, i) => this.methodAt(i));
    if (this.methodResolver) {
      const r = this.methodResolver;
      this.methodResolver = undefined;
      r(this);
    }
    return this.methods;
  }

  /** The i-th declared method; for an instance, with the receiver's type arguments substituted. */
  methodAt(i: number): Func {
    if (this.origin === this) return this.declaredMethods()[i]!;
    this.instMethods ??= new Map();
    let m = this.instMethods.get(i);
    if (!m) {
      const om = this.origin.declaredMethods()[i]!;
      m = instantiateMethodHook!(this, om);
      this.instMethods.set(i, m);
    }
    return m;
  }
}

/** Set by subst.ts (breaks an import cycle): the method om of an instance's origin, for the instance. */
export let instantiateMethodHook: ((inst: Named, om: Func) => Func) | undefined;
export function setInstantiateMethodHook(f: (inst: Named, om: Func) => Func): void {
  instantiateMethodHook = f;
}

/** An alias type (type A = B), kept as go/types keeps it (gotypesalias=1) so that its name prints. */
export class Alias extends Type {
  typeParams: TypeParam[] = [];
  typeArgs: Type[] = [];
  origin: Alias = this;
  rhs: Type | undefined;
  resolver: ((a: Alias) => void) | undefined;
  private unaliasing = false;
  constructor(readonly obj: TypeName, rhs?: Type) {
    super();
    this.rhs = rhs;
  }
  actual(): Type {
    if (this.resolver) {
      const r = this.resolver;
      this.resolver = undefined;
      r(this);
    }
    return this.rhs ?? Typ.Invalid;
  }
  override underlying(): Type {
    if (this.unaliasing) return Typ.Invalid;
    this.unaliasing = true;
    try {
      return unalias(this).underlying();
    } finally {
      this.unaliasing = false;
    }
  }
}

/** Follows alias chains to the actual type (types.Unalias). */
export function unalias(t: Type): Type {
  let n = 0;
  while (t instanceof Alias) {
    t = t.actual();
    if (++n > 100) return Typ.Invalid;
  }
  return t;
}

function basic(kind: BasicKind, info: number, name: string): Basic {
  return new Basic(kind, info, name);
}

/** The predeclared basic types (types.Typ), plus byte and rune as go/types keeps them. */
export const Typ = {
  Invalid: basic(BasicKind.Invalid, 0, 'invalid type'),
  Bool: basic(BasicKind.Bool, BasicInfo.IsBoolean, 'bool'),
  Int: basic(BasicKind.Int, BasicInfo.IsInteger, 'int'),
  Int8: basic(BasicKind.Int8, BasicInfo.IsInteger, 'int8'),
  Int16: basic(BasicKind.Int16, BasicInfo.IsInteger, 'int16'),
  Int32: basic(BasicKind.Int32, BasicInfo.IsInteger, 'int32'),
  Int64: basic(BasicKind.Int64, BasicInfo.IsInteger, 'int64'),
  Uint: basic(BasicKind.Uint, BasicInfo.IsInteger | BasicInfo.IsUnsigned, 'uint'),
  Uint8: basic(BasicKind.Uint8, BasicInfo.IsInteger | BasicInfo.IsUnsigned, 'uint8'),
  Uint16: basic(BasicKind.Uint16, BasicInfo.IsInteger | BasicInfo.IsUnsigned, 'uint16'),
  Uint32: basic(BasicKind.Uint32, BasicInfo.IsInteger | BasicInfo.IsUnsigned, 'uint32'),
  Uint64: basic(BasicKind.Uint64, BasicInfo.IsInteger | BasicInfo.IsUnsigned, 'uint64'),
  Uintptr: basic(BasicKind.Uintptr, BasicInfo.IsInteger | BasicInfo.IsUnsigned, 'uintptr'),
  Float32: basic(BasicKind.Float32, BasicInfo.IsFloat, 'float32'),
  Float64: basic(BasicKind.Float64, BasicInfo.IsFloat, 'float64'),
  Complex64: basic(BasicKind.Complex64, BasicInfo.IsComplex, 'complex64'),
  Complex128: basic(BasicKind.Complex128, BasicInfo.IsComplex, 'complex128'),
  String: basic(BasicKind.String, BasicInfo.IsString, 'string'),
  UnsafePointer: basic(BasicKind.UnsafePointer, 0, 'Pointer'),
  UntypedBool: basic(BasicKind.UntypedBool, BasicInfo.IsBoolean | BasicInfo.IsUntyped, 'untyped bool'),
  UntypedInt: basic(BasicKind.UntypedInt, BasicInfo.IsInteger | BasicInfo.IsUntyped, 'untyped int'),
  UntypedRune: basic(BasicKind.UntypedRune, BasicInfo.IsInteger | BasicInfo.IsUntyped, 'untyped rune'),
  UntypedFloat: basic(BasicKind.UntypedFloat, BasicInfo.IsFloat | BasicInfo.IsUntyped, 'untyped float'),
  UntypedComplex: basic(BasicKind.UntypedComplex, BasicInfo.IsComplex | BasicInfo.IsUntyped, 'untyped complex'),
  UntypedString: basic(BasicKind.UntypedString, BasicInfo.IsString | BasicInfo.IsUntyped, 'untyped string'),
  UntypedNil: basic(BasicKind.UntypedNil, BasicInfo.IsUntyped, 'untyped nil'),
  Byte: basic(BasicKind.Uint8, BasicInfo.IsInteger | BasicInfo.IsUnsigned, 'byte'),
  Rune: basic(BasicKind.Int32, BasicInfo.IsInteger, 'rune'),
} as const;

export const emptyInterface = new Interface([], []);
export const emptyTuple = new Tuple([]);

// ---- predicates

export function isBasic(t: Type, info: number): boolean {
  const u = t.underlying();
  return u instanceof Basic && (u.info & info) !== 0;
}
export function isUntyped(t: Type): boolean {
  return t instanceof Basic && (t.info & BasicInfo.IsUntyped) !== 0;
}
export function isTyped(t: Type): boolean {
  return !isUntyped(t);
}
export function isInteger(t: Type): boolean {
  return isBasic(t, BasicInfo.IsInteger);
}
export function isString(t: Type): boolean {
  return isBasic(t, BasicInfo.IsString);
}
export function isBoolean(t: Type): boolean {
  return isBasic(t, BasicInfo.IsBoolean);
}
export function isNumeric(t: Type): boolean {
  return isBasic(t, BasicInfo.IsNumeric);
}
export function isInterface(t: Type): boolean {
  return !(t instanceof TypeParam) && t.underlying() instanceof Interface;
}
export function isValid(t: Type | undefined): t is Type {
  return t !== undefined && t !== Typ.Invalid;
}

/** The default type of an untyped constant type (types.Default). */
export function defaultType(t: Type): Type {
  if (t instanceof Basic) {
    switch (t.kind) {
      case BasicKind.UntypedBool: return Typ.Bool;
      case BasicKind.UntypedInt: return Typ.Int;
      case BasicKind.UntypedRune: return Typ.Rune;
      case BasicKind.UntypedFloat: return Typ.Float64;
      case BasicKind.UntypedComplex: return Typ.Complex128;
      case BasicKind.UntypedString: return Typ.String;
    }
  }
  return t;
}

/**
 * The core type (spec: "core types"): the underlying type, or for a type parameter the
 * single underlying type of all types in its type set (channels may differ in direction).
 */
export function coreType(t: Type): Type | undefined {
  if (!(t instanceof TypeParam)) {
    const u = t.underlying();
    if (u instanceof Interface) {
      const ts = u.typeSet();
      if (ts.terms === null) return u;
      return singleUnderlying(ts.terms);
    }
    return u;
  }
  const ts = t.iface().typeSet();
  if (ts.terms === null) return undefined;
  return singleUnderlying(ts.terms);
}

function singleUnderlying(terms: Term[]): Type | undefined {
  let su: Type | undefined;
  for (const term of terms) {
    const u = term.type.underlying();
    if (su === undefined) su = u;
    else if (!identical(su, u)) {
      if (su instanceof Chan && u instanceof Chan && identical(su.elem, u.elem)) {
        if (su.dir === ChanDir.SendRecv) su = u;
        continue;
      }
      return undefined;
    }
  }
  return su;
}

/** Like coreType, but a string type or []byte mix counts as string (append, copy, range). */
export function coreString(t: Type): Type | undefined {
  if (t instanceof TypeParam) {
    const ts = t.iface().typeSet();
    if (ts.terms && ts.terms.length > 0 && ts.terms.every((x) => isString(x.type))) return Typ.String;
  }
  return coreType(t);
}

// ---- identity

export function identical(x: Type, y: Type): boolean {
  return identicalImpl(x, y, null);
}

interface Pair {
  x: Type;
  y: Type;
  prev: Pair | null;
}

function identicalImpl(x: Type, y: Type, seen: Pair | null): boolean {
  if (x === y) return true;
  x = unalias(x);
  y = unalias(y);
  if (x === y) return true;
  if (x instanceof Basic) return y instanceof Basic && x.kind === y.kind;
  if (x instanceof Pointer) return y instanceof Pointer && identicalImpl(x.elem, y.elem, seen);
  if (x instanceof Slice) return y instanceof Slice && identicalImpl(x.elem, y.elem, seen);
  if (x instanceof ArrayType) return y instanceof ArrayType && x.len === y.len && identicalImpl(x.elem, y.elem, seen);
  if (x instanceof MapType) return y instanceof MapType && identicalImpl(x.key, y.key, seen) && identicalImpl(x.elem, y.elem, seen);
  if (x instanceof Chan) return y instanceof Chan && x.dir === y.dir && identicalImpl(x.elem, y.elem, seen);
  if (x instanceof Struct) {
    if (!(y instanceof Struct) || x.fields.length !== y.fields.length) return false;
    for (let i = 0; i < x.fields.length; i++) {
      const f = x.fields[i]!;
      const g = y.fields[i]!;
      if (f.embedded !== g.embedded || x.tag(i) !== y.tag(i) || !sameId(f.name, f.pkg, g.name, g.pkg) || !identicalImpl(f.type, g.type, seen)) return false;
    }
    return true;
  }
  if (x instanceof Tuple) {
    if (!(y instanceof Tuple) || x.vars.length !== y.vars.length) return false;
    for (let i = 0; i < x.vars.length; i++) if (!identicalImpl(x.vars[i]!.type, y.vars[i]!.type, seen)) return false;
    return true;
  }
  if (x instanceof Signature) {
    if (!(y instanceof Signature)) return false;
    if (x.typeParams.length !== y.typeParams.length || x.variadic !== y.variadic) return false;
    if (x.typeParams.length > 0) {
      // Generic signatures: identical up to renaming of type parameters.
      const map = new Map<TypeParam, Type>();
      x.typeParams.forEach((p, i) => map.set(y.typeParams[i]!, p));
      const ys = substHook!(y, map) as Signature;
      return identicalImpl(x.params, ys.params, seen) && identicalImpl(x.results, ys.results, seen);
    }
    return identicalImpl(x.params, y.params, seen) && identicalImpl(x.results, y.results, seen);
  }
  if (x instanceof Union) {
    if (!(y instanceof Union) || x.terms.length !== y.terms.length) return false;
    return x.terms.every((t) => y.terms.some((u) => t.tilde === u.tilde && identicalImpl(t.type, u.type, seen)));
  }
  if (x instanceof Interface) {
    if (!(y instanceof Interface)) return false;
    const a = x.typeSet();
    const b = y.typeSet();
    if (a.comparable !== b.comparable) return false;
    if ((a.terms === null) !== (b.terms === null)) return false;
    if (a.terms && b.terms) {
      if (a.terms.length !== b.terms.length) return false;
      if (!a.terms.every((t) => b.terms!.some((u) => t.tilde === u.tilde && identicalImpl(t.type, u.type, seen)))) return false;
    }
    if (a.methods.length !== b.methods.length) return false;
    for (let p = seen; p; p = p.prev) if ((p.x === x && p.y === y) || (p.x === y && p.y === x)) return true;
    const q: Pair = { x, y, prev: seen };
    for (let i = 0; i < a.methods.length; i++) {
      const f = a.methods[i]!;
      const g = b.methods[i]!;
      if (f.id() !== g.id() || !identicalImpl(f.type, g.type, q)) return false;
    }
    return true;
  }
  if (x instanceof Named) {
    if (!(y instanceof Named)) return false;
    if (x.typeArgs.length > 0 && y.typeArgs.length === x.typeArgs.length && x.origin === y.origin) {
      return x.typeArgs.every((a, i) => identicalImpl(a, y.typeArgs[i]!, seen));
    }
    return false;
  }
  return false;
}

/** Set by subst.ts: substitutes type parameters (breaks an import cycle). */
export let substHook: ((t: Type, map: Map<TypeParam, Type>) => Type) | undefined;
export function setSubstHook(f: (t: Type, map: Map<TypeParam, Type>) => Type): void {
  substHook = f;
}

function sameId(n1: string, p1: Package | null, n2: string, p2: Package | null): boolean {
  if (n1 !== n2) return false;
  if (isExportedName(n1)) return true;
  return (p1?.path ?? '') === (p2?.path ?? '');
}

export function isExportedName(name: string): boolean {
  const c = name.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  const ch = String.fromCodePoint(name.codePointAt(0)!);
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

// ---- typeString

/** Writes t as types.TypeString(t, nil): every named type qualified by its full package path. */
export function typeString(t: Type): string {
  const w = new TypeWriter();
  w.typ(t);
  return w.out;
}

class TypeWriter {
  out = '';
  private seen = new Set<Type>();

  typ(t: Type): void {
    if (this.seen.has(t)) {
      this.out += '○' + (t instanceof Named ? t.obj.name : '');
      return;
    }
    if (t instanceof Basic) {
      if (t.kind === BasicKind.UnsafePointer) this.out += 'unsafe.Pointer';
      else this.out += t.name;
      return;
    }
    if (t instanceof Pointer) {
      this.out += '*';
      this.typ(t.elem);
      return;
    }
    if (t instanceof Slice) {
      this.out += '[]';
      this.typ(t.elem);
      return;
    }
    if (t instanceof ArrayType) {
      this.out += `[${t.len}]`;
      this.typ(t.elem);
      return;
    }
    if (t instanceof MapType) {
      this.out += 'map[';
      this.typ(t.key);
      this.out += ']';
      this.typ(t.elem);
      return;
    }
    if (t instanceof Chan) {
      let parens = false;
      if (t.dir === ChanDir.SendRecv) {
        this.out += 'chan ';
        const e = t.elem;
        if (e instanceof Chan && e.dir === ChanDir.RecvOnly) parens = true;
      } else if (t.dir === ChanDir.SendOnly) this.out += 'chan<- ';
      else this.out += '<-chan ';
      if (parens) this.out += '(';
      this.typ(t.elem);
      if (parens) this.out += ')';
      return;
    }
    if (t instanceof Struct) {
      this.out += 'struct{';
      t.fields.forEach((f, i) => {
        if (i > 0) this.out += '; ';
        if (!f.embedded) this.out += f.name + ' ';
        this.typ(f.type);
        const tag = t.tag(i);
        if (tag !== '') this.out += ' ' + goQuote(tag);
      });
      this.out += '}';
      return;
    }
    if (t instanceof Tuple) {
      this.tuple(t, false);
      return;
    }
    if (t instanceof Signature) {
      this.out += 'func';
      this.signature(t);
      return;
    }
    if (t instanceof Union) {
      t.terms.forEach((term, i) => {
        if (i > 0) this.out += ' | ';
        if (term.tilde) this.out += '~';
        this.typ(term.type);
      });
      return;
    }
    if (t instanceof Interface) {
      if (t.implicit && t.methods.length === 0 && t.embeddeds.length === 1) {
        this.typ(t.embeddeds[0]!);
        return;
      }
      if (t.implicit) this.out += '/* implicit */ ';
      this.out += 'interface{';
      let first = true;
      this.seen.add(t);
      for (const m of t.methods) {
        if (!first) this.out += '; ';
        first = false;
        this.out += m.name;
        this.signature(m.type as Signature);
      }
      for (const e of t.embeddeds) {
        if (!first) this.out += '; ';
        first = false;
        this.typ(e);
      }
      this.seen.delete(t);
      this.out += '}';
      return;
    }
    if (t instanceof Named || t instanceof Alias) {
      const obj = t.obj;
      if (obj.pkg) this.out += obj.pkg.path + '.';
      this.out += obj.name;
      if (t.typeArgs.length > 0) {
        this.out += '[';
        t.typeArgs.forEach((a, i) => {
          if (i > 0) this.out += ', ';
          this.typ(a);
        });
        this.out += ']';
      } else if (t.typeParams.length > 0 && t instanceof Named) {
        this.typeParamList(t.typeParams);
      }
      return;
    }
    if (t instanceof TypeParam) {
      this.out += t.obj.name;
      return;
    }
    this.out += '?';
  }

  typeParamList(tps: TypeParam[]): void {
    this.out += '[';
    let prev: Type | undefined;
    tps.forEach((p, i) => {
      if (i > 0) {
        if (prev !== undefined && p.constraint !== prev) {
          this.out += ' ';
          this.typ(prev);
        }
        this.out += ', ';
      }
      prev = p.constraint;
      this.out += p.obj.name;
    });
    if (prev !== undefined) {
      this.out += ' ';
      this.typ(prev);
    }
    this.out += ']';
  }

  tuple(t: Tuple, variadic: boolean): void {
    this.out += '(';
    t.vars.forEach((v, i) => {
      if (i > 0) this.out += ', ';
      if (v.name !== '') this.out += v.name + ' ';
      const typ = v.type;
      if (variadic && i === t.vars.length - 1) {
        if (typ instanceof Slice) {
          this.out += '...';
          this.typ(typ.elem);
          return;
        }
        // append([]byte, string...)
        this.typ(typ);
        this.out += '...';
        return;
      }
      this.typ(typ);
    });
    this.out += ')';
  }

  signature(s: Signature): void {
    if (s.typeParams.length > 0) this.typeParamList(s.typeParams);
    this.tuple(s.params, s.variadic);
    const n = s.results.vars.length;
    if (n === 0) return;
    this.out += ' ';
    if (n === 1 && s.results.vars[0]!.name === '') {
      this.typ(s.results.vars[0]!.type);
      return;
    }
    this.tuple(s.results, false);
  }
}

/** strconv.Quote for struct tags (ASCII printable kept, the rest escaped). */
export function goQuote(s: string): string {
  let out = '"';
  const bytes = Buffer.from(s, 'utf8');
  const str = bytes.toString('utf8');
  for (const ch of str) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}
