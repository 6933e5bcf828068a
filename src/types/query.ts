// Questions race checks ask of the types: what is this expression, which object does
// this name denote, which method does this call reach, is this a mutex or a map.

import type * as ast from '../syntax/ast.js';
import { unparen } from '../syntax/ast.js';
import type { Info, Selection } from './info.js';
import { SelectionKind } from './info.js';
import { Builtin, Func, TObject, Var } from './objects.js';
import { Interface, MapType, Named, Pointer, Type, TypeParam, coreType, unalias } from './types.js';


/** The type of an expression (types.Info.TypeOf); undefined when unknown. */
export function typeOf(info: Info, e: ast.Expr): Type | undefined {
  return info.typeOf(e);
}

/** The object an identifier defines or uses. */
export function objectOf(info: Info, id: ast.Ident): TObject | undefined {
  return info.objectOf(id);
}

/** The selection x.f denotes (field, method value or method expression); undefined for qualified identifiers pkg.Name. */
export function selectionOf(info: Info, e: ast.SelectorExpr): Selection | undefined {
  return info.selection(e);
}

/** Strips pointers: *T → T (one level), keeping aliases resolved. */
export function deref(t: Type): Type {
  const u = unalias(t);
  return u instanceof Pointer ? unalias(u.elem) : u;
}

/** Whether t (or *t) is the named type pkgPath.name (through aliases; instances by origin). */
export function isNamed(t: Type | undefined, pkgPath: string, name: string): boolean {
  if (!t) return false;
  const d = deref(t);
  if (!(d instanceof Named)) return false;
  const o = d.origin.obj;
  return o.name === name && o.pkg?.path === pkgPath;
}

/** Whether t is exactly the named type (not a pointer to it). */
export function isNamedValue(t: Type | undefined, pkgPath: string, name: string): boolean {
  if (!t) return false;
  const u = unalias(t);
  return u instanceof Named && u.origin.obj.name === name && u.origin.obj.pkg?.path === pkgPath;
}

export const isSyncMutex = (t: Type | undefined): boolean => isNamed(t, 'sync', 'Mutex');
export const isSyncRWMutex = (t: Type | undefined): boolean => isNamed(t, 'sync', 'RWMutex');
export const isSyncMap = (t: Type | undefined): boolean => isNamed(t, 'sync', 'Map');
export const isWaitGroup = (t: Type | undefined): boolean => isNamed(t, 'sync', 'WaitGroup');
export const isSyncOnce = (t: Type | undefined): boolean => isNamed(t, 'sync', 'Once');
export const isSyncCond = (t: Type | undefined): boolean => isNamed(t, 'sync', 'Cond');
export const isErrgroup = (t: Type | undefined): boolean => isNamed(t, 'golang.org/x/sync/errgroup', 'Group');

/** A sync/atomic type (atomic.Int64, atomic.Value, atomic.Pointer[T], …) or pointer to one. */
export function isAtomicType(t: Type | undefined): boolean {
  if (!t) return false;
  const d = deref(t);
  return d instanceof Named && d.origin.obj.pkg?.path === 'sync/atomic';
}

/** The map type t stands for (a map, a named map type, an alias of one, or a type parameter whose core type is a map). */
export function asMap(t: Type | undefined): MapType | undefined {
  if (!t) return undefined;
  const u = t instanceof TypeParam ? coreType(t) : unalias(t).underlying();
  return u instanceof MapType ? u : undefined;
}

export function isMapType(t: Type | undefined): boolean {
  return asMap(t) !== undefined;
}

export interface Callee {
  /** The function or method called, or the builtin. */
  obj: Func | Builtin | Var;
  /** Static call of a declared function or concrete method (not an interface method, not a function value). */
  static: boolean;
  /** For method calls: the selection (receiver type, path through embedded fields, indirection). */
  selection?: Selection;
  /** The generic function or method this instance comes from (else obj itself). */
  origin: Func | Builtin | Var;
  /** The FuncDecl of a declared function or method, when its source was parsed. */
  decl: ast.FuncDecl | null;
}

/**
 * What a call expression calls: a declared function (pkg.F, F, F[T]), a method
 * (x.M through pointers and embedding, T.M method expressions), an interface method,
 * a function-valued variable or field, or a builtin. Null for conversions and
 * calls of function literals or unknown expressions.
 */
export function calleeOf(info: Info, call: ast.CallExpr): Callee | null {
  let fun = unparen(call.Fun);
  if (fun.kind === 'IndexExpr' || fun.kind === 'IndexListExpr') {
    // F[T](…): an explicit instantiation, not an index into a function-valued map or slice.
    const x = unparen(fun.X);
    const id = x.kind === 'Ident' ? x : x.kind === 'SelectorExpr' ? x.Sel : null;
    if (id && info.instances.has(id)) fun = x;
  }
  let obj: TObject | undefined;
  let selection: Selection | undefined;
  if (fun.kind === 'Ident') obj = info.use(fun);
  else if (fun.kind === 'SelectorExpr') {
    selection = info.selection(fun);
    obj = selection ? selection.obj : info.use(fun.Sel);
  }
  if (!obj) return null;
  if (obj instanceof Builtin) return { obj, static: true, origin: obj, decl: null };
  if (obj instanceof Var) {
    if (selection && selection.kind === SelectionKind.FieldVal) return { obj, static: false, selection, origin: obj.origin, decl: null };
    return { obj, static: false, origin: obj.origin, decl: null };
  }
  if (!(obj instanceof Func)) return null;
  const origin = obj.origin;
  const decl = origin.decl && origin.decl.kind === 'FuncDecl' ? origin.decl : null;
  const isStatic = !obj.isInterfaceMethod && !(selection && isInterfaceRecv(selection));
  const out: Callee = { obj, static: isStatic, origin, decl };
  if (selection) out.selection = selection;
  return out;
}

function isInterfaceRecv(sel: Selection): boolean {
  const r = deref(sel.recv);
  return r instanceof TypeParam || r.underlying() instanceof Interface;
}

/** "(*sync.Map).Load", "sync.NewCond": how go/types names a function or method. */
export function funcFullName(f: Func): string {
  return f.fullName();
}
