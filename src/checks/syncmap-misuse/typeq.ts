// The type questions syncmap-misuse asks, answered from src/types. Every question
// answers "don't know" (undefined / false) when type information is missing, so the
// check stays quiet rather than guessing from names.

import type { PackageUnit } from '../../analysis/pass.js';
import type { CallExpr, Expr, Ident, SelectorExpr } from '../../syntax/ast.js';
import { Info } from '../../types/info.js';
import { Func, TypeName, Var } from '../../types/objects.js';
import { isNamedValue } from '../../types/query.js';
import { ArrayType, Basic, BasicKind, Named, Pointer, Signature, Struct, Tuple, type Type, unalias } from '../../types/types.js';

/** The two go/types.Info questions this check needs. */
export interface TypeSource {
  typeOf(e: Expr): Type | undefined;
  objectOf(id: Ident): import('../../types/objects.js').TObject | undefined;
}

/** The package's type information, if the type checker produced any. */
export function typeSource(pkg: PackageUnit): TypeSource | undefined {
  const t = pkg.types as unknown;
  if (t instanceof Info) return t;
  if (t !== null && typeof t === 'object') {
    const info = (t as { info?: unknown }).info;
    if (info instanceof Info) return info;
  }
  return undefined;
}

/** sync.Map itself (not a pointer to it). */
export function isSyncMapType(t: Type | undefined): boolean {
  return isNamedValue(t, 'sync', 'Map');
}

export class SyncMapTypes {
  /** syncMapInside's answers per type (null: none), shared by every question of a package. */
  private readonly inside = new Map<Type, string | null>();

  constructor(private readonly ts: TypeSource) {}

  typeOf(e: Expr): Type | undefined {
    return this.ts.typeOf(e);
  }

  objectOf(id: Ident): import('../../types/objects.js').TObject | undefined {
    return this.ts.objectOf(id);
  }

  /** The sync.Map method a call invokes ("Load", "Store", …), or undefined. */
  syncMapMethod(call: CallExpr): string | undefined {
    let fun: Expr = call.Fun;
    while (fun.kind === 'ParenExpr') fun = fun.X;
    if (fun.kind !== 'SelectorExpr') return undefined;
    const obj = this.ts.objectOf(fun.Sel);
    if (!(obj instanceof Func)) return undefined;
    const sig = obj.type;
    if (!(sig instanceof Signature) || sig.recv === null) return undefined;
    let recv = sig.recv.type;
    if (recv instanceof Pointer) recv = recv.elem;
    return isSyncMapType(recv) ? obj.name : undefined;
  }

  /** True when `Lock` on this selector is a sync.Mutex/RWMutex Lock (or any Locker's Lock). */
  isLockCall(sel: SelectorExpr, name: 'Lock' | 'Unlock'): boolean {
    if (sel.Sel.Name !== name) return false;
    const obj = this.ts.objectOf(sel.Sel);
    // Without an object we cannot tell a mutex from anything else; a method named Lock
    // is almost always a lock, and treating it as one only makes the check quieter.
    return obj === undefined || obj instanceof Func;
  }

  /**
   * Where a value of type t holds a sync.Map by value: "" for sync.Map itself, "field
   * byID" (or "field a.b", "an element") for one inside, undefined for none.
   */
  syncMapInside(t: Type | undefined, depth = 0): string | undefined {
    if (t === undefined || depth > 8) return undefined;
    if (depth === 0) {
      const known = this.inside.get(t);
      if (known !== undefined) return known ?? undefined;
      const found = this.syncMapInside(t, 1);
      this.inside.set(t, found ?? null);
      return found;
    }
    if (isSyncMapType(t)) return '';
    const u = unalias(t).underlying();
    if (u instanceof Struct) {
      for (const f of u.fields) {
        const inner = this.syncMapInside(f.type, depth + 1);
        if (inner === undefined) continue;
        if (inner === '') return `field ${f.name}`;
        return inner.startsWith('field ') ? `field ${f.name}.${inner.slice(6)}` : `field ${f.name}`;
      }
      return undefined;
    }
    if (u instanceof ArrayType && u.len !== 0) {
      return this.syncMapInside(u.elem, depth + 1) === undefined ? undefined : 'an element';
    }
    return undefined;
  }

  /** A short name for a type in messages: "Index", "sync.Map", "[2]Index". */
  typeName(t: Type): string {
    const u = unalias(t);
    if (u instanceof Named) return u.obj.pkg?.path === 'sync' ? `sync.${u.obj.name}` : u.obj.name;
    return u.toString();
  }

  /** The name of the i-th parameter of the function a call invokes, when known. */
  paramName(call: CallExpr, i: number): string | undefined {
    const sig = this.ts.typeOf(call.Fun);
    const u = sig === undefined ? undefined : unalias(sig).underlying();
    if (!(u instanceof Signature)) return undefined;
    const params: Tuple = u.params;
    if (params.length === 0) return undefined;
    const idx = u.variadic && i >= params.length - 1 ? params.length - 1 : i;
    if (idx >= params.length) return undefined;
    const name = params.at(idx).name;
    return name === '' || name === '_' ? undefined : name;
  }

  /** True for a call that is a conversion T(x) or a builtin call, not a function call. */
  isConversionOrBuiltin(call: CallExpr): boolean {
    let fun: Expr = call.Fun;
    while (fun.kind === 'ParenExpr') fun = fun.X;
    const id = fun.kind === 'Ident' ? fun : fun.kind === 'SelectorExpr' ? fun.Sel : undefined;
    if (id !== undefined) {
      const obj = this.ts.objectOf(id);
      if (obj instanceof TypeName) return true;
      if (obj !== undefined && obj.objectKind() === 'builtin') return true;
    }
    if (fun.kind === 'ArrayType' || fun.kind === 'StarExpr' || fun.kind === 'MapType' || fun.kind === 'ChanType'
      || fun.kind === 'FuncType' || fun.kind === 'StructType' || fun.kind === 'InterfaceType') return true;
    return false;
  }

  /**
   * A value with no identity: a bool, number or string. Two goroutines that both
   * create and Store such a value for a key store equal values, so a get-or-create of
   * one costs duplicate work at worst.
   */
  isPlainValue(e: Expr): boolean {
    const t = this.ts.typeOf(e);
    if (t === undefined) return false;
    const u = unalias(t).underlying();
    return u instanceof Basic && u.kind !== BasicKind.Invalid && u.kind !== BasicKind.UnsafePointer && u.kind !== BasicKind.UntypedNil;
  }

  /** True when the identifier is a variable (so that reading it copies what it holds). */
  isVariable(id: Ident): boolean {
    return this.ts.objectOf(id) instanceof Var;
  }
}
