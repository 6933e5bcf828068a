// Substitution of type parameters and instantiation of generic types, functions and
// methods. Instances of a generic type are cached per origin so that identical
// instantiations give the same Named (as go/types' Context does).

import { Func, Var } from './objects.js';
import {
  Alias, ArrayType, Chan, Interface, MapType, Named, Pointer, Signature, Slice, Struct, Tuple, Type, TypeParam, Union,
  setInstantiateMethodHook, setSubstHook, typeString,
} from './types.js';

export type SubstMap = Map<TypeParam, Type>;

export function subst(t: Type, map: SubstMap): Type {
  if (map.size === 0) return t;
  return new Subster(map).typ(t);
}

class Subster {
  private cache = new Map<Type, Type>();
  constructor(private map: SubstMap) {}

  typ(t: Type): Type {
    const c = this.cache.get(t);
    if (c) return c;
    const r = this.compute(t);
    this.cache.set(t, r);
    return r;
  }

  private vars(vs: Var[]): Var[] {
    let changed = false;
    const out = vs.map((v) => {
      const t = v.type;
      const nt = this.typ(t);
      if (nt === t) return v;
      changed = true;
      return substVar(v, nt);
    });
    return changed ? out : vs;
  }

  private compute(t: Type): Type {
    if (t instanceof TypeParam) return this.map.get(t) ?? t;
    if (t instanceof Pointer) {
      const e = this.typ(t.elem);
      return e === t.elem ? t : new Pointer(e);
    }
    if (t instanceof Slice) {
      const e = this.typ(t.elem);
      return e === t.elem ? t : new Slice(e);
    }
    if (t instanceof ArrayType) {
      const e = this.typ(t.elem);
      return e === t.elem ? t : new ArrayType(e, t.len);
    }
    if (t instanceof MapType) {
      const k = this.typ(t.key);
      const e = this.typ(t.elem);
      return k === t.key && e === t.elem ? t : new MapType(k, e);
    }
    if (t instanceof Chan) {
      const e = this.typ(t.elem);
      return e === t.elem ? t : new Chan(t.dir, e);
    }
    if (t instanceof Struct) {
      const fs = this.vars(t.fields);
      return fs === t.fields ? t : new Struct(fs, t.tags);
    }
    if (t instanceof Tuple) {
      const vs = this.vars(t.vars);
      return vs === t.vars ? t : new Tuple(vs);
    }
    if (t instanceof Signature) {
      const params = this.typ(t.params) as Tuple;
      const results = this.typ(t.results) as Tuple;
      if (params === t.params && results === t.results) return t;
      // Substituting a generic signature's own parameters instantiates it: the result has none.
      const tps = t.typeParams.filter((p) => !this.map.has(p));
      const s = new Signature(t.recv, params, results, t.variadic, tps);
      s.recvTypeParams = t.recvTypeParams;
      return s;
    }
    if (t instanceof Union) {
      let changed = false;
      const terms = t.terms.map((x) => {
        const nt = this.typ(x.type);
        if (nt !== x.type) changed = true;
        return { tilde: x.tilde, type: nt };
      });
      return changed ? new Union(terms) : t;
    }
    if (t instanceof Interface) {
      let changed = false;
      const methods = t.methods.map((m) => {
        const st = this.typ(m.type);
        if (st === m.type) return m;
        changed = true;
        const f = new Func(m.pos, m.pkg, m.name, st);
        f.origin = m.origin;
        f.isInterfaceMethod = true;
        f.decl = m.decl;
        return f;
      });
      const embeddeds = t.embeddeds.map((e) => {
        const ne = this.typ(e);
        if (ne !== e) changed = true;
        return ne;
      });
      if (!changed) return t;
      const i = new Interface(methods, embeddeds);
      i.implicit = t.implicit;
      i.isComparable = t.isComparable;
      return i;
    }
    if (t instanceof Named) {
      if (t.typeArgs.length === 0) return t;
      let changed = false;
      const args = t.typeArgs.map((a) => {
        const na = this.typ(a);
        if (na !== a) changed = true;
        return na;
      });
      return changed ? instantiateNamed(t.origin, args) : t;
    }
    if (t instanceof Alias) {
      if (t.typeArgs.length === 0) return t;
      let changed = false;
      const args = t.typeArgs.map((a) => {
        const na = this.typ(a);
        if (na !== a) changed = true;
        return na;
      });
      return changed ? instantiateAlias(t.origin, args) : t;
    }
    return t;
  }
}

function substVar(v: Var, t: Type): Var {
  const nv = new Var(v.pos, v.pkg, v.name, t);
  nv.isField = v.isField;
  nv.embedded = v.embedded;
  nv.isParam = v.isParam;
  nv.origin = v.origin;
  return nv;
}

const instanceCache = new WeakMap<Named | Alias, Map<string, Named | Alias>>();

function argsKey(args: Type[]): string {
  return args.map((a) => typeKey(a)).join(',');
}

let nextTypeId = 1;
const typeIds = new WeakMap<object, number>();
/** A string identifying a type for caching (typeString plus identities of named and type-parameter types). */
function typeKey(t: Type): string {
  if (t instanceof TypeParam || t instanceof Named || t instanceof Alias) {
    const target = t instanceof TypeParam ? t : t.obj;
    let id = typeIds.get(target);
    if (id === undefined) {
      id = nextTypeId++;
      typeIds.set(target, id);
    }
    if (t instanceof TypeParam) return `P${id}`;
    return `N${id}[${argsKey(t.typeArgs)}]`;
  }
  return typeString(t) + '#' + collectIds(t);
}

function collectIds(t: Type): string {
  // Distinguish same-named local types inside composite types cheaply.
  const ids: number[] = [];
  const visit = (x: Type, depth: number): void => {
    if (depth > 6) return;
    if (x instanceof Named || x instanceof TypeParam || x instanceof Alias) {
      ids.push(Number(typeKey(x).slice(1).split('[')[0]));
      if (!(x instanceof TypeParam)) for (const a of x.typeArgs) visit(a, depth + 1);
      return;
    }
    if (x instanceof Pointer || x instanceof Slice || x instanceof ArrayType || x instanceof Chan) visit(x.elem, depth + 1);
    else if (x instanceof MapType) {
      visit(x.key, depth + 1);
      visit(x.elem, depth + 1);
    } else if (x instanceof Struct) for (const f of x.fields) visit(f.type, depth + 1);
    else if (x instanceof Tuple) for (const v of x.vars) visit(v.type, depth + 1);
    else if (x instanceof Signature) {
      visit(x.params, depth + 1);
      visit(x.results, depth + 1);
    }
  };
  visit(t, 0);
  return ids.join('.');
}

/** One instance per origin and type arguments, so that identical instantiations are the same object. */
function cachedInstance<T extends Named | Alias>(origin: T, args: Type[], make: () => T): T {
  let cache = instanceCache.get(origin);
  if (!cache) {
    cache = new Map();
    instanceCache.set(origin, cache);
  }
  const key = argsKey(args);
  const hit = cache.get(key);
  if (hit) return hit as T;
  const inst = make();
  cache.set(key, inst);
  return inst;
}

/** Binds each type parameter to its argument (a missing argument leaves the parameter). */
function bindArgs(typeParams: readonly TypeParam[], args: Type[]): SubstMap {
  const map: SubstMap = new Map();
  typeParams.forEach((p, i) => map.set(p, args[i] ?? p));
  return map;
}

export function instantiateNamed(origin: Named, args: Type[]): Named {
  return cachedInstance(origin, args, () => {
    const inst = new Named(origin.obj);
    inst.origin = origin;
    inst.typeArgs = args;
    inst.expander = (n) => n.setUnderlying(subst(origin.underlying(), bindArgs(origin.typeParams, args)));
    return inst;
  });
}

export function instantiateAlias(origin: Alias, args: Type[]): Alias {
  return cachedInstance(origin, args, () => {
    const inst = new Alias(origin.obj);
    inst.origin = origin;
    inst.typeArgs = args;
    inst.resolver = (a) => {
      a.rhs = subst(origin.actual(), bindArgs(origin.typeParams, args));
    };
    return inst;
  });
}

/** A generic method of an instance's origin, with the receiver type parameters bound to the instance's arguments. */
function instantiateMethod(inst: Named, om: Func): Func {
  const f = new Func(om.pos, om.pkg, om.name);
  f.origin = om;
  f.decl = om.decl;
  f.isInterfaceMethod = om.isInterfaceMethod;
  f.resolve = () => {
    const sig = om.type;
    if (!(sig instanceof Signature)) {
      f.type = sig;
      return;
    }
    const map: SubstMap = new Map();
    const rtps = sig.recvTypeParams.length > 0 ? sig.recvTypeParams : inst.origin.typeParams;
    rtps.forEach((p, i) => map.set(p, inst.typeArgs[i] ?? p));
    const s = subst(sig, map) as Signature;
    const ns = new Signature(sig.recv ? substVar(sig.recv, subst(sig.recv.type, map)) : null, s.params, s.results, s.variadic, s.typeParams);
    f.type = ns;
  };
  return f;
}

setInstantiateMethodHook(instantiateMethod);
setSubstHook(subst);
