// Field and method lookup through pointers and embedded fields (go/types
// LookupFieldOrMethod), and method sets.

import { Func, Package, TObject, Var } from './objects.js';
import { Interface, Named, Pointer, Signature, Struct, Type, TypeParam, coreType, unalias } from './types.js';

export interface LookupResult {
  obj: TObject;
  /** Field indices from the receiver down through embedded fields; the last is the field's or method's index. */
  index: number[];
  /** A pointer was dereferenced on the way (explicitly or through an embedded pointer). */
  indirect: boolean;
}

/** Result of a lookup that found the name more than once at the same depth. */
export const ambiguous = Symbol('ambiguous');

interface Embedded {
  type: Type;
  index: number[];
  indirect: boolean;
  multiples: boolean;
}

function sameName(obj: TObject, name: string, pkg: Package | null): boolean {
  if (obj.name !== name) return false;
  if (obj.exported()) return true;
  return (obj.pkg?.path ?? '') === (pkg?.path ?? '');
}

/**
 * Looks up a field or method `name` (unexported names match only in `pkg`) in T.
 * For a value T that is not addressable, methods with pointer receivers are still
 * returned (callers decide whether the call is legal, as go/types reports it).
 */
export function lookupFieldOrMethod(T: Type, addressable: boolean, pkg: Package | null, name: string): LookupResult | typeof ambiguous | null {
  if (name === '_') return null;
  void addressable;
  T = unalias(T);
  let typ = T;
  let isPtr = false;
  if (typ instanceof Pointer) {
    const e = unalias(typ.elem);
    if (e instanceof Named || e instanceof TypeParam || e.underlying() instanceof Struct) {
      // *T where T is named: methods of T and *T and fields of T.
      typ = e;
      isPtr = true;
    }
  }
  if (typ instanceof Named && typ.underlying() instanceof Pointer && !isPtr) {
    // A named pointer type has no methods; fields of its base are still selectable.
    const base = (typ.underlying() as Pointer).elem;
    const r = lookupInner(base, pkg, name, true);
    if (r && r !== ambiguous && r.obj instanceof Func) return null;
    return r;
  }
  return lookupInner(typ, pkg, name, isPtr);
}

const methodIndexCache = new WeakMap<Named, Map<string, number>>();
const fieldIndexCache = new WeakMap<Struct, Map<string, number>>();

function methodIndex(n: Named): Map<string, number> {
  const origin = n.origin;
  let m = methodIndexCache.get(origin);
  if (!m) {
    m = new Map();
    const ms = origin.declaredMethods();
    for (let i = ms.length - 1; i >= 0; i--) m.set(ms[i]!.name, i);
    methodIndexCache.set(origin, m);
  }
  return m;
}

function fieldIndex(s: Struct): Map<string, number> {
  let m = fieldIndexCache.get(s);
  if (!m) {
    m = new Map();
    for (let i = s.fields.length - 1; i >= 0; i--) m.set(s.fields[i]!.name, i);
    fieldIndexCache.set(s, m);
  }
  return m;
}

function lookupInner(T: Type, pkg: Package | null, name: string, isPtr: boolean): LookupResult | typeof ambiguous | null {
  // Fast path: a method declared on T itself or a field of T's own struct (no embedding
  // to search, nothing allocated but the result). Depth 0 has no ambiguity.
  const t0 = unalias(T);
  if (t0 instanceof Named) {
    const i = methodIndex(t0).get(name);
    if (i !== undefined) {
      const m = t0.origin.declaredMethods()[i]!;
      if (sameName(m, name, pkg)) return { obj: t0.methodAt(i), index: [i], indirect: isPtr };
    }
  }
  if (!(t0 instanceof TypeParam)) {
    const u = t0.underlying();
    if (u instanceof Struct) {
      const i = fieldIndex(u).get(name);
      if (i !== undefined && sameName(u.fields[i]!, name, pkg)) {
        // A same-named method at depth 0 was handled above; a field here wins over anything deeper.
        const hasMethod = t0 instanceof Named && methodIndex(t0).has(name);
        if (!hasMethod) return { obj: u.fields[i]!, index: [i], indirect: isPtr };
      }
    }
  }
  let current: Embedded[] = [{ type: T, index: [], indirect: isPtr, multiples: false }];
  const seen = new Set<Named>();
  while (current.length > 0) {
    const next: Embedded[] = [];
    let found: LookupResult | null = null;
    let foundCount = 0;
    for (const e of current) {
      let typ = unalias(e.type);
      if (typ instanceof Named) {
        if (seen.has(typ)) continue;
        seen.add(typ);
        const methods = typ.declaredMethods();
        for (let i = 0; i < methods.length; i++) {
          const m = methods[i]!;
          if (sameName(m, name, pkg)) {
            foundCount++;
            if (foundCount === 1) found = { obj: typ.methodAt(i), index: [...e.index, i], indirect: e.indirect };
            if (e.multiples) foundCount++;
            break;
          }
        }
        if (foundCount > 0) continue;
      }
      let u: Type | undefined = typ.underlying();
      if (typ instanceof TypeParam) u = coreType(typ) ?? typ.iface();
      if (u instanceof Struct) {
        u.fields.forEach((f, i) => {
          if (sameName(f, name, pkg)) {
            foundCount++;
            if (foundCount === 1) found = { obj: f, index: [...e.index, i], indirect: e.indirect };
            if (e.multiples) foundCount++;
            return;
          }
          if (f.embedded) {
            let ft = unalias(f.type);
            let ind = e.indirect;
            if (ft instanceof Pointer) {
              ft = unalias(ft.elem);
              ind = true;
            }
            next.push({ type: ft, index: [...e.index, i], indirect: ind, multiples: e.multiples });
          }
        });
      } else if (u instanceof Interface) {
        const ms = u.typeSet().methods;
        for (let i = 0; i < ms.length; i++) {
          if (sameName(ms[i]!, name, pkg)) {
            foundCount++;
            if (foundCount === 1) found = { obj: ms[i]!, index: [...e.index, i], indirect: e.indirect };
            if (e.multiples) foundCount++;
            break;
          }
        }
      }
    }
    if (foundCount > 1) return ambiguous;
    if (found) return found;
    current = consolidate(next);
  }
  return null;
}

function consolidate(list: Embedded[]): Embedded[] {
  const out: Embedded[] = [];
  const byType = new Map<Type, Embedded>();
  for (const e of list) {
    const prev = byType.get(e.type);
    if (prev) {
      prev.multiples = true;
      continue;
    }
    byType.set(e.type, e);
    out.push(e);
  }
  return out;
}

/** Whether a method is declared with a pointer receiver. */
export function hasPtrRecv(m: Func): boolean {
  const sig = m.type;
  if (!(sig instanceof Signature) || !sig.recv) return false;
  return unalias(sig.recv.type) instanceof Pointer;
}

export interface MethodSetEntry {
  obj: Func;
  index: number[];
  indirect: boolean;
}

/**
 * The method set of T (spec: method sets): for a value type, the value-receiver methods
 * (plus those reached through embedded pointers); for *T, all of them.
 */
export function methodSet(T: Type): MethodSetEntry[] {
  T = unalias(T);
  const isPtr = T instanceof Pointer;
  const base = isPtr ? unalias((T as Pointer).elem) : T;
  const u = base.underlying();
  if (u instanceof Interface && !isPtr) return u.typeSet().methods.map((m, i) => ({ obj: m, index: [i], indirect: false }));
  const names = new Set<string>();
  const pkgs = new Map<string, Package | null>();
  collectNames(base, names, pkgs, new Set());
  const out: MethodSetEntry[] = [];
  for (const key of names) {
    const [name] = key.split('\u0000');
    const r = lookupFieldOrMethod(T, false, pkgs.get(key) ?? null, name!);
    if (!r || r === ambiguous || !(r.obj instanceof Func)) continue;
    if (!isPtr && hasPtrRecv(r.obj) && !r.indirect) continue;
    out.push({ obj: r.obj, index: r.index, indirect: r.indirect });
  }
  out.sort((a, b) => (a.obj.id() < b.obj.id() ? -1 : a.obj.id() > b.obj.id() ? 1 : 0));
  return out;
}

function collectNames(t: Type, names: Set<string>, pkgs: Map<string, Package | null>, seen: Set<Type>): void {
  t = unalias(t);
  if (t instanceof Pointer) t = unalias(t.elem);
  if (seen.has(t)) return;
  seen.add(t);
  const add = (o: TObject): void => {
    const key = o.name + '\u0000' + (o.exported() ? '' : (o.pkg?.path ?? ''));
    names.add(key);
    pkgs.set(key, o.pkg);
  };
  if (t instanceof Named) for (const m of t.declaredMethods()) add(m);
  const u = t.underlying();
  if (u instanceof Struct) {
    for (const f of u.fields) if (f.embedded) collectNames(f.type, names, pkgs, seen);
  } else if (u instanceof Interface) {
    for (const m of u.typeSet().methods) add(m);
  }
}

/** The field of a struct (through pointers) reached by an index path, or null. */
export function fieldByPath(T: Type, path: number[]): Var | null {
  let t = T;
  let f: Var | null = null;
  for (const i of path) {
    let u = unalias(t).underlying();
    if (u instanceof Pointer) u = unalias(u.elem).underlying();
    if (!(u instanceof Struct)) return null;
    f = u.fields[i] ?? null;
    if (!f) return null;
    t = f.type;
  }
  return f;
}

/** Whether T implements interface iface (method names and identical signatures; type sets by membership). */
export function missingMethod(T: Type, iface: Interface): Func | null {
  const ms = iface.typeSet().methods;
  if (ms.length === 0) return null;
  const tIface = unalias(T).underlying();
  for (const m of ms) {
    let found: TObject | null = null;
    if (tIface instanceof Interface && !(T instanceof TypeParam)) {
      found = tIface.typeSet().methods.find((x) => x.id() === m.id()) ?? null;
    } else {
      const r = lookupFieldOrMethod(T, false, m.pkg, m.name);
      if (r && r !== ambiguous && r.obj instanceof Func) {
        if (!(T instanceof Pointer) && hasPtrRecv(r.obj) && !r.indirect && !(unalias(T) instanceof TypeParam)) return m;
        found = r.obj;
      }
    }
    if (!found) return m;
  }
  return null;
}
