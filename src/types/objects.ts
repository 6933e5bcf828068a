// Objects (what an identifier denotes) and scopes, as go/types has them, plus the
// universe scope. A package-level object of a package is declared lazily: its type
// is computed the first time someone reads `obj.type` (the checker of the declaring
// package installs `resolve`), which is what lets an importing package pay only for
// the declarations it uses.

import type { Pos } from '../syntax/position.js';
import {
  Alias, Basic, Interface, Named, Pointer, Signature, Tuple, Typ, Type, TypeParam, isExportedName, sortMethods, emptyTuple, typeString,
} from './types.js';
import { end as nodeEnd, type Node } from '../syntax/ast.js';

export class Package {
  private readonly declared: Scope;
  /** Reads the package's declarations into its scope, on the scope's first use (see defer). */
  private pending: (() => void) | undefined = undefined;
  imports: Package[] = [];
  /** False for a package that could not be found or loaded: its types are unknown. */
  complete = true;
  /** Fake packages stand in for imports that cannot be found. */
  fake = false;
  constructor(readonly path: string, public name: string) {
    this.declared = new Scope(universe, 0, 0, `package ${path}`);
  }

  get scope(): Scope {
    if (this.pending !== undefined) this.load();
    return this.declared;
  }

  /**
   * Reads the package's declarations only when its scope is first used: an importer
   * needs an imported package's name to collect its imports, and its declarations only
   * once it looks up a member (Program: a package imported only to be imported again
   * is never parsed).
   */
  defer(load: () => void): void {
    this.pending = load;
  }

  private load(): void {
    const load = this.pending;
    this.pending = undefined;
    load?.();
  }

  /** The declarations are being read by other means: what was deferred is not to run. */
  undefer(): void {
    this.pending = undefined;
  }
  toString(): string {
    return `package ${this.name} ("${this.path}")`;
  }
}

export type ObjectKind = 'var' | 'field' | 'func' | 'method' | 'const' | 'type' | 'pkgname' | 'label' | 'builtin' | 'nil' | 'unknown';

// Fields are declared with `declare` and assigned in constructors: objects are made by
// the hundred thousand, and class-field definitions are measurably slower to run.
export abstract class TObject {
  declare parent: Scope | null;
  declare protected typ: Type | undefined;
  /** Completes the declaration on first use (installed by the declaring package's checker). */
  declare resolve: ((o: TObject) => void) | undefined;
  declare readonly pos: Pos;
  declare readonly pkg: Package | null;
  declare readonly name: string;
  /**
   * The checker's operand for a use of this object, shared by every use whose type is
   * still `type` (one fewer object kept per identifier in Info.types; see Checker.objectOperand).
   */
  declare useOperand: { mode: number; type: Type } | undefined;
  constructor(pos: Pos, pkg: Package | null, name: string, typ?: Type) {
    this.pos = pos;
    this.pkg = pkg;
    this.name = name;
    this.parent = null;
    this.typ = typ;
    this.resolve = undefined;
    this.useOperand = undefined;
  }
  get type(): Type {
    if (this.resolve) {
      const r = this.resolve;
      this.resolve = undefined;
      r(this);
    }
    return this.typ ?? Typ.Invalid;
  }
  set type(t: Type) {
    this.typ = t;
  }
  /** The type if already known, without triggering resolution. */
  peekType(): Type | undefined {
    return this.typ;
  }
  exported(): boolean {
    return isExportedName(this.name);
  }
  /** The object's Id: the name, qualified by the package path when unexported. */
  id(): string {
    if (this.exported() || !this.pkg) return this.name;
    return this.pkg.path + '.' + this.name;
  }
  abstract objectKind(): ObjectKind;
}

export class Var extends TObject {
  declare embedded: boolean;
  declare isField: boolean;
  /** Receivers, parameters and results. */
  declare isParam: boolean;
  /** The field or variable this one was substituted from (instances), else itself. */
  declare origin: Var;
  constructor(pos: Pos, pkg: Package | null, name: string, typ?: Type) {
    super(pos, pkg, name, typ);
    this.embedded = false;
    this.isField = false;
    this.isParam = false;
    this.origin = this;
  }
  objectKind(): ObjectKind {
    return this.isField ? 'field' : 'var';
  }
}

export function newField(pos: Pos, pkg: Package | null, name: string, type: Type, embedded: boolean): Var {
  const v = new Var(pos, pkg, name, type);
  v.isField = true;
  v.embedded = embedded;
  return v;
}

export function newParam(pos: Pos, pkg: Package | null, name: string, type: Type): Var {
  const v = new Var(pos, pkg, name, type);
  v.isParam = true;
  return v;
}

export class Func extends TObject {
  /** The declaring syntax (a FuncDecl, or an interface method's Field), when there is one. */
  declare decl: Node | null;
  /** The generic method this one was instantiated from, else itself. */
  declare origin: Func;
  /** True for interface methods (abstract). */
  declare isInterfaceMethod: boolean;
  /** The type of the method value x.m (the signature without receiver), shared by every selector of it. */
  declare valueSig: Signature | undefined;
  constructor(pos: Pos, pkg: Package | null, name: string, typ?: Type) {
    super(pos, pkg, name, typ);
    this.decl = null;
    this.origin = this;
    this.isInterfaceMethod = false;
    this.valueSig = undefined;
  }
  objectKind(): ObjectKind {
    const t = this.peekType() ?? this.type;
    return t instanceof Signature && t.recv ? 'method' : 'func';
  }
  signature(): Signature {
    const t = this.type;
    return t instanceof Signature ? t : new Signature(null, emptyTuple, emptyTuple, false);
  }
  /** "(*sync.Map).Load", "sync.NewCond", "(io.Reader).Read" like types.Func.FullName. */
  fullName(): string {
    const sig = this.type;
    if (sig instanceof Signature && sig.recv) {
      let rt = sig.recv.type;
      let star = '';
      if (rt instanceof Pointer) {
        star = '*';
        rt = rt.elem;
      }
      return `(${star}${typeString(rt)}).${this.name}`;
    }
    return this.pkg ? `${this.pkg.path}.${this.name}` : this.name;
  }
}


export class Const extends TObject {
  constructor(pos: Pos, pkg: Package | null, name: string, typ: Type | undefined, public value: ConstValue | null) {
    super(pos, pkg, name, typ);
  }
  objectKind(): ObjectKind {
    return 'const';
  }
}

export class TypeName extends TObject {
  objectKind(): ObjectKind {
    return 'type';
  }
  isAlias(): boolean {
    const t = this.peekType();
    return t !== undefined && !(t instanceof Named) && !(t instanceof TypeParam);
  }
}


export class PkgName extends TObject {
  used = false;
  constructor(pos: Pos, pkg: Package | null, name: string, readonly imported: Package) {
    super(pos, pkg, name, Typ.Invalid);
  }
  objectKind(): ObjectKind {
    return 'pkgname';
  }
}

export class Label extends TObject {
  objectKind(): ObjectKind {
    return 'label';
  }
}

export type BuiltinId =
  | 'append' | 'cap' | 'clear' | 'close' | 'complex' | 'copy' | 'delete' | 'imag' | 'len' | 'make' | 'max' | 'min'
  | 'new' | 'panic' | 'print' | 'println' | 'real' | 'recover'
  | 'Add' | 'Alignof' | 'Offsetof' | 'Sizeof' | 'Slice' | 'SliceData' | 'String' | 'StringData';

export class Builtin extends TObject {
  constructor(name: string, readonly builtin: BuiltinId, pkg: Package | null = null) {
    super(0, pkg, name, Typ.Invalid);
  }
  objectKind(): ObjectKind {
    return 'builtin';
  }
}

export class Nil extends TObject {
  objectKind(): ObjectKind {
    return 'nil';
  }
}

// ---- constant values (only what checks need: integers exactly, the rest roughly)

export type ConstValue =
  | { kind: 'int'; v: bigint }
  | { kind: 'float'; v: number }
  | { kind: 'complex'; re: number; im: number }
  | { kind: 'string'; v: string }
  | { kind: 'bool'; v: boolean }
  | { kind: 'unknown' };

// ---- scopes

/** The children of a scope that has none listed (shared: replaced on the first child). */
const noChildren: readonly Scope[] = Object.freeze([]);

// Fields are declared and assigned in the constructor (no class-field initialisers):
// the checker makes a scope per block, and most are never asked anything.
export class Scope {
  declare readonly parent: Scope | null;
  declare readonly pos: Pos;
  declare readonly comment: string;
  /** Scopes listed under this one (only linked scopes are). */
  declare children: readonly Scope[];
  /** Created on first insert: most block scopes declare nothing. */
  declare private elems: Map<string, TObject> | null;
  /** Function scopes stop the search for labels and mark where closures begin. */
  declare isFunc: boolean;
  declare private endPos: Pos;
  /** Block scopes compute their end from their node on demand: most are never asked. */
  declare private endNode: Node | null;
  constructor(
    parent: Scope | null,
    pos: Pos,
    end: Pos | Node,
    comment: string,
    /** Whether the parent lists this scope among its children (block scopes are listed only when recorded). */
    linked = true,
  ) {
    this.parent = parent;
    this.pos = pos;
    this.comment = comment;
    this.children = noChildren;
    this.elems = null;
    this.isFunc = false;
    if (typeof end === 'number') {
      this.endPos = end;
      this.endNode = null;
    } else {
      this.endPos = -1;
      this.endNode = end;
    }
    if (linked && parent && parent !== universe) {
      if (parent.children === noChildren) parent.children = [this];
      else (parent.children as Scope[]).push(this);
    }
  }
  get end(): Pos {
    if (this.endNode !== null) {
      this.endPos = nodeEnd(this.endNode);
      this.endNode = null;
    }
    return this.endPos;
  }
  lookup(name: string): TObject | undefined {
    return this.elems === null ? undefined : this.elems.get(name);
  }
  /** Innermost scope (from this outward) declaring name, and the object; pos limits visibility of local declarations. */
  lookupParent(name: string, pos: Pos = 0): [Scope, TObject] | undefined {
    for (let s: Scope | null = this; s; s = s.parent) {
      const o = s.lookup(name);
      if (o && (pos === 0 || s.isPackageOrUniverse() || scopePos(o) <= pos)) return [s, o];
    }
    return undefined;
  }
  /** Inserts obj unless the name is taken; returns the existing object when it is. */
  insert(obj: TObject): TObject | undefined {
    if (this.elems === null) this.elems = new Map();
    const old = this.elems.get(obj.name);
    if (old) return old;
    this.elems.set(obj.name, obj);
    if (!obj.parent) obj.parent = this;
    return undefined;
  }
  names(): string[] {
    return this.elems === null ? [] : [...this.elems.keys()].sort();
  }
  get size(): number {
    return this.elems === null ? 0 : this.elems.size;
  }
  private isPackageOrUniverse(): boolean {
    return this.parent === null || this.parent === universe;
  }
  contains(p: Pos): boolean {
    return this.pos <= p && p < this.end;
  }
}

/** Where a local object becomes visible (set by the checker; default: its position). */
export const scopePosOf = new WeakMap<TObject, Pos>();
function scopePos(o: TObject): Pos {
  return scopePosOf.get(o) ?? 0;
}

// ---- the universe

export const universe: Scope = new Scope(null, 0, 0, 'universe');

export let universeAny: TypeName;
export let universeError: TypeName;
export let universeComparable: TypeName;
export let universeIota: Const;
export let universeNil: Nil;
export const unsafePackage = new Package('unsafe', 'unsafe');

function defineUniverse(): void {
  const basics: [string, Basic][] = [
    ['bool', Typ.Bool], ['int', Typ.Int], ['int8', Typ.Int8], ['int16', Typ.Int16], ['int32', Typ.Int32],
    ['int64', Typ.Int64], ['uint', Typ.Uint], ['uint8', Typ.Uint8], ['uint16', Typ.Uint16], ['uint32', Typ.Uint32],
    ['uint64', Typ.Uint64], ['uintptr', Typ.Uintptr], ['float32', Typ.Float32], ['float64', Typ.Float64],
    ['complex64', Typ.Complex64], ['complex128', Typ.Complex128], ['string', Typ.String],
    ['byte', Typ.Byte], ['rune', Typ.Rune],
  ];
  for (const [name, t] of basics) universe.insert(new TypeName(0, null, name, t));

  // any is an alias of interface{} (go/types materializes it as an Alias).
  universeAny = new TypeName(0, null, 'any');
  universeAny.type = new Alias(universeAny, new Interface([], []));
  universe.insert(universeAny);

  // type error interface{ Error() string }
  universeError = new TypeName(0, null, 'error');
  const errNamed = new Named(universeError);
  universeError.type = errNamed;
  const errorMethod = new Func(0, null, 'Error');
  const recv = new Var(0, null, '', errNamed);
  errorMethod.type = new Signature(recv, emptyTuple, new Tuple([new Var(0, null, '', Typ.String)]), false);
  errorMethod.isInterfaceMethod = true;
  const errIface = new Interface([errorMethod], []);
  errNamed.setUnderlying(errIface);
  universe.insert(universeError);

  universeComparable = new TypeName(0, null, 'comparable');
  const cmpNamed = new Named(universeComparable);
  universeComparable.type = cmpNamed;
  const cmpIface = new Interface([], []);
  cmpIface.isComparable = true;
  cmpNamed.setUnderlying(cmpIface);
  universe.insert(universeComparable);

  universe.insert(new Const(0, null, 'true', Typ.UntypedBool, { kind: 'bool', v: true }));
  universe.insert(new Const(0, null, 'false', Typ.UntypedBool, { kind: 'bool', v: false }));
  universeIota = new Const(0, null, 'iota', Typ.UntypedInt, { kind: 'int', v: 0n });
  universe.insert(universeIota);
  universeNil = new Nil(0, null, 'nil', Typ.UntypedNil);
  universe.insert(universeNil);

  const builtins: BuiltinId[] = ['append', 'cap', 'clear', 'close', 'complex', 'copy', 'delete', 'imag', 'len', 'make', 'max', 'min', 'new', 'panic', 'print', 'println', 'real', 'recover'];
  for (const b of builtins) universe.insert(new Builtin(b, b));

  const unsafeBuiltins: BuiltinId[] = ['Add', 'Alignof', 'Offsetof', 'Sizeof', 'Slice', 'SliceData', 'String', 'StringData'];
  for (const b of unsafeBuiltins) unsafePackage.scope.insert(new Builtin(b, b, unsafePackage));
  unsafePackage.scope.insert(new TypeName(0, unsafePackage, 'Pointer', Typ.UnsafePointer));
  sortMethods(errIface.methods);
}

defineUniverse();
