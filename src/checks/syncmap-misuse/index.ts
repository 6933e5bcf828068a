// syncmap-misuse: sync.Map used so that the race it was meant to remove comes back.
// Each method is atomic; a sequence of them is not. See doc.md.

import type { Check, CheckPass, SuggestedFix } from '../../analysis/check.js';
import { readCheckDoc } from '../../analysis/doc.js';
import type { PackageUnit } from '../../analysis/pass.js';
import {
  type AssignStmt, type BlockStmt, type CallExpr, type Expr, type ExprStmt, type File, type FuncLit, type Ident, type Node, type Stmt,
  end, inspect, pos,
} from '../../syntax/ast.js';
import { Token } from '../../syntax/token.js';
import {
  type FuncBody, assignedNames, contains, funcBodies, indentAt, isTerminating, listedStmt, mentions, parentMap, rootIdent, runsAfter,
  sameExpr, stmtDeletion, stmtList, textOf, unparen, walkOwn,
} from './astq.js';
import { SyncMapTypes, typeSource } from './typeq.js';
import { checkCopies, mayReportCopies } from './copies.js';

const NAME = 'syncmap-misuse';

export const syncmapMisuse: Check = {
  name: NAME,
  doc: {
    title: 'sync.Map used in ways that bring back the race it was meant to remove',
    markdown: readCheckDoc(import.meta.url),
  },
  severity: 'warning',
  requires: [],
  needsTypes: (pkg) => mayCopy(pkg) || pkg.files.some((f) => mayReportSequence(pkg, f)),
  run(pass: CheckPass) {
    const copies = mayCopy(pass.pkg);
    const bodies = pass.pkg.files.map((f) => sequenceBodies(pass.pkg, f));
    if (!copies && bodies.every((b) => b.length === 0)) return;
    const ts = typeSource(pass.pkg);
    if (ts === undefined) return; // every finding needs to know what a sync.Map is
    const types = new SyncMapTypes(ts);
    pass.pkg.files.forEach((file, i) => {
      let parents: Map<Node, Node> | undefined;
      const ctx: Ctx = {
        pass,
        pkg: pass.pkg,
        file,
        types,
        get parents() {
          return (parents ??= parentMap(file));
        },
      };
      for (const fn of bodies[i]!) checkBody(ctx, fn);
      if (copies) checkCopies(ctx);
    });
  },
};

export default syncmapMisuse;

const MAP_METHODS = new Set(['Load', 'Store', 'Delete', 'Range', 'LoadOrStore', 'LoadAndDelete', 'Swap', 'CompareAndSwap', 'CompareAndDelete', 'Clear']);

/**
 * Syntactic gates before asking for types. A copied sync.Map is looked for in packages
 * that name sync.Map (a struct from another package holding one can still be copied;
 * that case is left to go vet's copylocks, which reports copying the Map's mutex).
 */
function namesSyncMap(pkg: PackageUnit): boolean {
  return pkg.files.some((f) => namesSyncMapIn(pkg, f));
}

/**
 * Whether the copies search could report in the package: it names sync.Map, and some
 * copy site's value may hold one by its names (mayReportCopies).
 */
function mayCopy(pkg: PackageUnit): boolean {
  return namesSyncMap(pkg) && pkg.files.some((f) => mayReportCopies(pkg, f));
}

/** Per file, shared by needsTypes and run (the same AST when no types are needed). */
const namesMapByFile = new WeakMap<File, boolean>();
const sequenceBodiesByFile = new WeakMap<File, FuncBody[]>();

function namesSyncMapIn(pkg: PackageUnit, file: File): boolean {
  let found = namesMapByFile.get(file);
  if (found !== undefined) return found;
  found = false;
  const names = file.Imports.filter((i) => i.Path.Value === '"sync"').map((i) => i.Name?.Name ?? 'sync');
  if (names.includes('.')) found = true;
  // An identifier cannot be split: no "Map" in a declaration's bytes, no sync.Map in its syntax.
  else if (names.length > 0 && hasWord(bytesOf(pkg, file), 'Map')) {
    const bytes = bytesOf(pkg, file);
    for (const decl of file.Decls) {
      if (found) break;
      if (!hasWord(declBytes(bytes, file, decl), 'Map')) continue;
      inspect(decl, (n) => {
        if (found) return false;
        if (n.kind === 'SelectorExpr' && n.Sel.Name === 'Map' && n.X.kind === 'Ident' && names.includes(n.X.Name)) found = true;
        return !found;
      });
    }
  }
  namesMapByFile.set(file, found);
  return found;
}

/** The file's bodies that may hold a call sequence checkBody reports. */
function sequenceBodies(pkg: PackageUnit, file: File): FuncBody[] {
  let bodies = sequenceBodiesByFile.get(file);
  if (bodies) return bodies;
  // The method names must be in a declaration's bytes before any body in it can call them.
  const bytes = bytesOf(pkg, file);
  const has = hasWord;
  bodies = [];
  if (has(bytes, 'Range') || has(bytes, 'Load')) {
    for (const decl of file.Decls) {
      if (decl.kind !== 'FuncDecl' && decl.kind !== 'GenDecl') continue;
      const text = declBytes(bytes, file, decl);
      if (!has(text, 'Range') && !(has(text, 'Load') && (has(text, 'Store') || has(text, 'Delete')))) continue;
      for (const fn of funcBodies(decl)) if (mayMisuseInSequence(fn)) bodies.push(fn);
    }
  }
  sequenceBodiesByFile.set(file, bodies);
  return bodies;
}

const reportableByFile = new WeakMap<File, boolean>();

/**
 * Whether checkBody could report in the file if every call named like a sync.Map method
 * were one: the call sequences are found by their syntax, and the types only rule calls
 * out (not a sync.Map), tell variables apart that share a name, and recognise locks and
 * plain values — each of which can only remove a finding. So where this says no, the
 * types cannot say yes, and the package need not be type-checked for them.
 */
function mayReportSequence(pkg: PackageUnit, file: File): boolean {
  let found = reportableByFile.get(file);
  if (found !== undefined) return found;
  const bodies = sequenceBodies(pkg, file);
  let parents: Map<Node, Node> | undefined;
  found = bodies.some((fn) => mayReportInBody(pkg, file, fn, () => (parents ??= parentMap(file))));
  reportableByFile.set(file, found);
  return found;
}

/** Answers "don't know" to every type question: isPlainValue is false, as it is for any value the types cannot place. */
const NO_TYPES = new SyncMapTypes({ typeOf: () => undefined, objectOf: () => undefined });

function mayReportInBody(pkg: PackageUnit, file: File, fn: FuncBody, parentsOf: () => Map<Node, Node>): boolean {
  const calls: MapCall[] = [];
  const loadAssigns = new Map<CallExpr, AssignStmt>();
  let rangeCount = false;
  walkOwn(fn.body, (n) => {
    if (n.kind === 'AssignStmt' && n.Lhs.length === 2 && n.Rhs.length === 1) {
      const r = unparen(n.Rhs[0]!);
      if (r.kind === 'CallExpr') loadAssigns.set(r, n);
      return;
    }
    if (n.kind !== 'CallExpr') return;
    const method = mapMethodName(n);
    const fun = unparen(n.Fun);
    if (method === undefined || fun.kind !== 'SelectorExpr') return;
    if (ARITY[method] !== undefined && n.Args.length !== ARITY[method]) return;
    calls.push({ call: n, method, recv: fun.X });
    if (method === 'Range' && isRangeCount(pkg, file, fn, n)) rangeCount = true;
  });
  if (rangeCount) return true;
  const loadCalls = calls.filter((c) => c.method === 'Load' && loadAssigns.has(c.call));
  if (loadCalls.length === 0 || !calls.some((c) => c.method === 'Store' || c.method === 'Delete')) return false;
  const parents = parentsOf();
  const loads = loadSites(loadCalls, loadAssigns, parents);
  const sameName = (a: Ident, b: Ident) => a.Name === b.Name;
  // Every Load the Store or Delete may pair with (checkBody takes the latest one the
  // types leave, then drops the pair for reasons that need types: all skipped here).
  return calls.some((mc) => {
    if (mc.method !== 'Store' && mc.method !== 'Delete') return false;
    const key = mc.call.Args[0]!;
    return loads.some((l) => {
      if (pos(l.call) >= pos(mc.call)) return false;
      if (!sameExpr(l.recv, mc.recv, sameName) || !sameExpr(l.call.Args[0]!, key, sameName)) return false;
      if (!runsAfter(l.assign, mc.call, parents, fn.body)) return false;
      if (mc.method === 'Delete') return l.value !== undefined || l.ok !== undefined;
      return classifyStore(NO_TYPES, fn, parents, l, mc) !== undefined;
    });
  });
}

function bytesOf(pkg: PackageUnit, file: File): Buffer {
  const src = pkg.source(file);
  return Buffer.from(src.buffer, src.byteOffset, src.byteLength);
}

/** A declaration's bytes, as a view. */
function declBytes(bytes: Buffer, file: File, decl: Node): Buffer {
  return bytes.subarray(pos(decl) - file.FileStart, end(decl) - file.FileStart);
}

function hasWord(bytes: Buffer, word: string): boolean {
  return bytes.indexOf(word, 0, 'latin1') >= 0;
}

/**
 * A body that could hold one of the call sequences checkBody reports, whatever the
 * receivers' types: a Range call (a hand-made Len), or a Load whose two results are
 * assigned and a Store or Delete in the same body.
 */
function mayMisuseInSequence(fn: FuncBody): boolean {
  let range = false;
  let load = false;
  let change = false;
  walkOwn(fn.body, (n) => {
    if (n.kind === 'AssignStmt' && n.Lhs.length === 2 && n.Rhs.length === 1) {
      const r = unparen(n.Rhs[0]!);
      if (r.kind === 'CallExpr' && mapMethodName(r) === 'Load') load = true;
    } else if (n.kind === 'CallExpr') {
      const m = mapMethodName(n);
      if (m === 'Range') range = true;
      else if (m === 'Store' || m === 'Delete') change = true;
    }
  });
  return range || (load && change);
}

/** The method name of a call that could be a sync.Map method (by name only). */
function mapMethodName(call: CallExpr): string | undefined {
  const f = unparen(call.Fun);
  return f.kind === 'SelectorExpr' && MAP_METHODS.has(f.Sel.Name) ? f.Sel.Name : undefined;
}

export interface Ctx {
  pass: CheckPass;
  pkg: PackageUnit;
  file: File;
  types: SyncMapTypes;
  /** Parent links for the whole file, built on first use. */
  readonly parents: Map<Node, Node>;
}

interface MapCall {
  call: CallExpr;
  method: string;
  recv: Expr;
}

interface LoadSite extends MapCall {
  assign: AssignStmt;
  value: Ident | undefined;
  ok: Ident | undefined;
  /** The statement in a statement list that holds the Load (an if whose Init it is, or the assignment). */
  anchor: Stmt;
}

function checkBody(ctx: Ctx, fn: FuncBody): void {
  const { types } = ctx;
  const calls: MapCall[] = [];
  const loadAssigns = new Map<CallExpr, AssignStmt>();
  walkOwn(fn.body, (n) => {
    if (n.kind === 'AssignStmt' && n.Lhs.length === 2 && n.Rhs.length === 1) {
      const r = unparen(n.Rhs[0]!);
      if (r.kind === 'CallExpr') loadAssigns.set(r, n);
      return;
    }
    if (n.kind !== 'CallExpr' || mapMethodName(n) === undefined) return;
    const method = types.syncMapMethod(n);
    if (method === undefined) return;
    const fun = unparen(n.Fun);
    if (fun.kind !== 'SelectorExpr') return;
    // Code that does not type-check can call Store with one argument: leave it alone.
    if (ARITY[method] !== undefined && n.Args.length !== ARITY[method]) return;
    const mc: MapCall = { call: n, method, recv: fun.X };
    calls.push(mc);
    if (method === 'Range') checkRangeCount(ctx, fn, mc);
  });
  const loadCalls = calls.filter((c) => c.method === 'Load' && c.call.Args.length === 1 && loadAssigns.has(c.call));
  if (loadCalls.length === 0 || !calls.some((c) => c.method === 'Store' || c.method === 'Delete')) return;
  // Only now, with a Load and a Store or Delete in one function, are parent links worth building.
  const parents = ctx.parents;
  const loads = loadSites(loadCalls, loadAssigns, parents);
  for (const mc of calls) {
    if (mc.method !== 'Store' && mc.method !== 'Delete') continue;
    const load = latestLoadBefore(ctx, fn, parents, loads, calls, mc);
    if (load === undefined) continue;
    if (mc.method === 'Store') reportStore(ctx, fn, parents, load, mc);
    else reportDelete(ctx, fn, load, mc, parents);
  }
}

const ARITY: Record<string, number | undefined> = { Load: 1, Store: 2, Delete: 1, Range: 1, LoadOrStore: 2, LoadAndDelete: 1, Swap: 2, CompareAndSwap: 3 };

function nonBlank(e: Expr): Ident | undefined {
  return e.kind === 'Ident' && e.Name !== '_' ? e : undefined;
}

function sameObject(ctx: Ctx): (a: Ident, b: Ident) => boolean {
  return (a, b) => {
    if (a.Name !== b.Name) return false;
    const oa = ctx.types.objectOf(a);
    const ob = ctx.types.objectOf(b);
    return oa === undefined || ob === undefined ? true : oa === ob;
  };
}

/** The Load of the same map and key that this Store/Delete follows, with nothing ordering them. */
/** Each assigned Load whose statement sits in a statement list, with the variables it assigns. */
function loadSites(loadCalls: MapCall[], loadAssigns: Map<CallExpr, AssignStmt>, parents: Map<Node, Node>): LoadSite[] {
  const loads: LoadSite[] = [];
  for (const mc of loadCalls) {
    const assign = loadAssigns.get(mc.call)!;
    const anchor = listedStmt(assign, parents);
    if (anchor === undefined) continue;
    loads.push({ ...mc, assign, value: nonBlank(assign.Lhs[0]!), ok: nonBlank(assign.Lhs[1]!), anchor });
  }
  return loads;
}

function latestLoadBefore(ctx: Ctx, fn: FuncBody, parents: Map<Node, Node>, loads: LoadSite[], calls: MapCall[], mc: MapCall): LoadSite | undefined {
  const same = sameObject(ctx);
  const key = mc.call.Args[0];
  if (key === undefined) return undefined;
  let best: LoadSite | undefined;
  for (const l of loads) {
    if (pos(l.call) >= pos(mc.call)) continue;
    if (!sameExpr(l.recv, mc.recv, same) || !sameExpr(l.call.Args[0]!, key, same)) continue;
    if (!runsAfter(l.assign, mc.call, parents, fn.body)) continue;
    if (best === undefined || pos(l.call) > pos(best.call)) best = l;
  }
  if (best === undefined) return undefined;
  // The key or the map variable changing in between makes them different entries.
  const roots = [rootIdent(key), rootIdent(mc.recv), ...identsOf(key)].filter((x): x is Ident => x !== undefined);
  for (const a of assignedNames(fn.body)) {
    if (a.at <= end(best.assign) || a.at >= pos(mc.call)) continue;
    if (roots.some((r) => same(r, a.id))) return undefined;
  }
  if (orderedByLock(ctx, fn, parents, best, mc)) return undefined;
  // An atomic call on the same entry in between means the author already settles the
  // race there (a placeholder put with LoadOrStore, then replaced, for instance).
  const atomicBetween = calls.some(
    (c) => ATOMIC.has(c.method) && pos(c.call) > end(best!.call) && pos(c.call) < pos(mc.call)
      && sameExpr(c.recv, mc.recv, same) && c.call.Args[0] !== undefined && sameExpr(c.call.Args[0], key, same),
  );
  return atomicBetween ? undefined : best;
}

const ATOMIC = new Set(['LoadOrStore', 'LoadAndDelete', 'CompareAndSwap', 'CompareAndDelete', 'Swap']);

function identsOf(e: Expr): Ident[] {
  const out: Ident[] = [];
  inspect(e, (n) => {
    if (n.kind === 'Ident') out.push(n);
    return true;
  });
  return out;
}

/** A Lock held from before the Load until after the second call. */
function orderedByLock(ctx: Ctx, fn: FuncBody, parents: Map<Node, Node>, load: LoadSite, second: MapCall): boolean {
  if (heldAcross(ctx, fn.body, parents, load.call, second.call)) return true;
  // A function literal runs with the locks its enclosing function holds where it is
  // written (the lock-then-call-a-helper-closure shape).
  let inner: Node = fn.node;
  let outer = enclosingBody(parents, inner);
  while (inner.kind === 'FuncLit' && outer !== undefined) {
    if (heldAcross(ctx, outer, parents, inner, inner)) return true;
    inner = parents.get(outer)!;
    outer = enclosingBody(parents, inner);
  }
  return false;
}

/** The body of the function (declaration or literal) that contains n. */
function enclosingBody(parents: Map<Node, Node>, n: Node): BlockStmt | undefined {
  let p = parents.get(n);
  while (p !== undefined) {
    if (p.kind === 'FuncLit' || (p.kind === 'FuncDecl' && p.Body !== null)) return p.kind === 'FuncLit' ? p.Body : p.Body!;
    p = parents.get(p);
  }
  return undefined;
}

/** A Lock in `body` that runs before `from` and is not released (other than by defer) before `to`. */
function heldAcross(ctx: Ctx, body: BlockStmt, parents: Map<Node, Node>, from: Node, to: Node): boolean {
  const same = sameObject(ctx);
  const locks: Array<{ stmt: ExprStmt; recv: Expr }> = [];
  const unlocks: Array<{ stmt: ExprStmt; recv: Expr }> = [];
  walkOwn(body, (n) => {
    if (n.kind !== 'ExprStmt') return;
    const x = unparen(n.X);
    if (x.kind !== 'CallExpr' || x.Args.length !== 0) return;
    const f = unparen(x.Fun);
    if (f.kind !== 'SelectorExpr') return;
    if (ctx.types.isLockCall(f, 'Lock')) locks.push({ stmt: n, recv: f.X });
    else if (ctx.types.isLockCall(f, 'Unlock')) unlocks.push({ stmt: n, recv: f.X });
  });
  return locks.some(
    (l) => runsAfter(l.stmt, from, parents, body)
      && !unlocks.some((u) => sameExpr(u.recv, l.recv, same) && pos(u.stmt) > end(l.stmt) && pos(u.stmt) < end(to)),
  );
}

// ---- Load … Store

interface Fact {
  e: Expr;
  holds: boolean;
}

function splitFacts(e: Expr, holds: boolean, out: Fact[]): void {
  e = unparen(e);
  if (e.kind === 'UnaryExpr' && e.Op === Token.NOT) return splitFacts(e.X, !holds, out);
  if (e.kind === 'BinaryExpr' && ((e.Op === Token.LAND && holds) || (e.Op === Token.LOR && !holds))) {
    splitFacts(e.X, holds, out);
    splitFacts(e.Y, holds, out);
    return;
  }
  out.push({ e, holds });
}

/** What is known to hold where `target` runs, from the ifs between the Load's statement and it. */
function pathFacts(anchor: Stmt, target: Node, parents: Map<Node, Node>): Fact[] {
  const facts: Fact[] = [];
  const anchorHolder = parents.get(anchor);
  let child: Node = target;
  let p = parents.get(child);
  while (p !== undefined) {
    if (p.kind === 'IfStmt' && p.Init !== child) {
      if (child === p.Body) splitFacts(p.Cond, true, facts);
      else if (child === p.Else) splitFacts(p.Cond, false, facts);
    }
    const list = stmtList(p);
    if (list !== undefined) {
      for (const s of list) {
        if (s === child) break;
        if (pos(s) < pos(anchor)) continue;
        if (s.kind === 'IfStmt' && s.Else === null && isTerminating(s.Body)) splitFacts(s.Cond, false, facts);
      }
    }
    if (p === anchorHolder) break;
    child = p;
    p = parents.get(p);
  }
  return facts;
}

function isIdentNamed(e: Expr, id: Ident | undefined): boolean {
  e = unparen(e);
  return id !== undefined && e.kind === 'Ident' && e.Name === id.Name;
}

function isNil(e: Expr): boolean {
  e = unparen(e);
  return e.kind === 'Ident' && e.Name === 'nil';
}

type StoreKind = 'get-or-create' | 'compare' | 'read-modify-write';

function classifyStore(types: SyncMapTypes, fn: FuncBody, parents: Map<Node, Node>, load: LoadSite, store: MapCall): StoreKind | undefined {
  const facts = pathFacts(load.anchor, store.call, parents);
  // A variable assigned again before the Store no longer says what the Load found.
  const reassigned = new Set(
    assignedNames(fn.body).filter((a) => a.at > end(load.assign) && a.at < pos(store.call)).map((a) => a.id.Name),
  );
  const ok = load.ok !== undefined && !reassigned.has(load.ok.Name) ? load.ok : undefined;
  const v = load.value !== undefined && !reassigned.has(load.value.Name) ? load.value : undefined;
  const missed = facts.some((f) => {
    if (isIdentNamed(f.e, ok)) return !f.holds;
    if (f.e.kind === 'BinaryExpr' && v !== undefined && (isIdentNamed(f.e.X, v) || isIdentNamed(f.e.Y, v)) && (isNil(f.e.X) || isNil(f.e.Y))) {
      return (f.e.Op === Token.EQL) === f.holds;
    }
    return false;
  });
  if (missed) return store.call.Args[1] !== undefined && types.isPlainValue(store.call.Args[1]) ? undefined : 'get-or-create';
  if (load.value === undefined) return undefined;
  // Variables carrying the loaded value: v, and what is assigned from it before the Store.
  const derived = new Set([load.value.Name]);
  walkOwn(fn.body, (n) => {
    if (n.kind !== 'AssignStmt' || pos(n) <= end(load.assign) || pos(n) >= pos(store.call)) return;
    if (n.Rhs.some((r) => mentions(r, derived))) for (const l of n.Lhs) if (l.kind === 'Ident' && l.Name !== '_') derived.add(l.Name);
  });
  const compares = facts.some((f) => {
    if (f.e.kind !== 'BinaryExpr') return false;
    const eq = (f.e.Op === Token.EQL && f.holds) || (f.e.Op === Token.NEQ && !f.holds);
    if (!eq) return false;
    const x = mentions(f.e.X, derived);
    const y = mentions(f.e.Y, derived);
    return x !== y && !isNil(x ? f.e.Y : f.e.X);
  });
  if (compares) return 'compare';
  const value = store.call.Args[1];
  if (value !== undefined && mentions(value, derived)) return 'read-modify-write';
  return undefined;
}

function reportStore(ctx: Ctx, fn: FuncBody, parents: Map<Node, Node>, load: LoadSite, store: MapCall): void {
  const kind = classifyStore(ctx.types, fn, parents, load, store);
  if (kind === undefined) return;
  const related = [{ pos: pos(load.call), end: end(load.call), message: 'the Load; another goroutine can run between it and the Store' }];
  if (kind === 'get-or-create') {
    const fix = getOrCreateFix(ctx, fn, load, store);
    let message = 'Load then Store of the same key: two goroutines can both miss the Load and both Store, each keeping a value of its own; use LoadOrStore';
    if (fix !== undefined && !fix.safe) {
      message += `; creating the value (${fix.created}) is not cheap or has side effects and LoadOrStore would run it on every call: keep a sync.Once per entry (LoadOrStore a small entry holding a sync.Once, or a sync.OnceValue, and create the value inside it)`;
    }
    ctx.pass.report({ pos: pos(store.call), end: end(store.call), message, related, fixes: fix ? [fix.fix] : undefined });
  } else if (kind === 'compare') {
    const fix = compareAndSwapFix(ctx, load, store);
    ctx.pass.report({
      pos: pos(store.call),
      end: end(store.call),
      message: 'compare-then-Store: another goroutine can change the value between the Load and the Store, and this Store overwrites its change; use CompareAndSwap',
      related,
      fixes: fix ? [fix] : undefined,
    });
  } else {
    ctx.pass.report({
      pos: pos(store.call),
      end: end(store.call),
      message: 'read-modify-write: the Store writes a value computed from an earlier Load of the same key, so concurrent updates between the two are lost; use LoadOrStore and CompareAndSwap in a loop',
      related,
    });
  }
}

/** Follows the statement after `s` in its list. */
function nextStmt(s: Stmt, parents: Map<Node, Node>, k = 1): Stmt | undefined {
  const holder = parents.get(s);
  const list = holder === undefined ? undefined : stmtList(holder);
  if (list === undefined) return undefined;
  return list[list.indexOf(s) + k];
}

function isCallStmt(s: Stmt | undefined, call: CallExpr): boolean {
  return s !== undefined && s.kind === 'ExprStmt' && unparen(s.X) === call;
}

function countIdents(root: Node, name: string): number {
  let n = 0;
  inspect(root, (c) => {
    if (c.kind === 'Ident' && c.Name === name) n++;
    return true;
  });
  return n;
}

/** Whether `id` is declared anew where it appears (an object defined at this identifier). */
function definedHere(ctx: Ctx, id: Ident): boolean {
  const obj = ctx.types.objectOf(id);
  return obj !== undefined && obj.pos === id.NamePos;
}

function getOrCreateFix(ctx: Ctx, fn: FuncBody, load: LoadSite, store: MapCall): { fix: SuggestedFix; safe: boolean; created: string } | undefined {
  const { pkg, file, parents } = ctx;
  const t = (n: Node) => textOf(pkg, file, n);
  const m = t(load.recv);
  const k = t(load.call.Args[0]!);
  const make = (created: Expr, from: number, to: number, text: string) => {
    const safe = isCheap(ctx, created, 0);
    return {
      fix: { message: 'Use LoadOrStore', safe, edits: [{ pos: from, end: to, newText: text }] },
      safe,
      created: t(created),
    };
  };
  const anchor = load.anchor;
  const v = load.value;
  const ok = load.ok;
  if (anchor.kind === 'IfStmt' && anchor.Init === load.assign && anchor.Else === null && load.assign.Tok === Token.DEFINE && ok !== undefined) {
    // Shape C: if _, ok := m.Load(k); !ok { m.Store(k, X) }
    const c = unparen(anchor.Cond);
    if (v === undefined && c.kind === 'UnaryExpr' && c.Op === Token.NOT && isIdentNamed(c.X, ok)
      && anchor.Body.List.length === 1 && isCallStmt(anchor.Body.List[0], store.call)) {
      const x = store.call.Args[1]!;
      return make(x, pos(anchor), end(anchor), `${m}.LoadOrStore(${k}, ${t(x)})`);
    }
    // Shape A: if v, ok := m.Load(k); ok { return v.(T) }; c := X; m.Store(k, c); return c
    if (v !== undefined && isIdentNamed(c, ok) && anchor.Body.List.length === 1) {
      const ret = anchor.Body.List[0]!;
      if (ret.kind !== 'ReturnStmt' || ret.Results.length !== 1) return undefined;
      const r = unparen(ret.Results[0]!);
      const returnsV = isIdentNamed(r, v) || (r.kind === 'TypeAssertExpr' && isIdentNamed(r.X, v));
      const def = nextStmt(anchor, parents);
      const st = nextStmt(anchor, parents, 2);
      const last = nextStmt(anchor, parents, 3);
      if (!returnsV || def?.kind !== 'AssignStmt' || def.Tok !== Token.DEFINE || def.Lhs.length !== 1 || def.Rhs.length !== 1) return undefined;
      const created = def.Lhs[0]!;
      if (created.kind !== 'Ident' || !isCallStmt(st, store.call) || !isIdentNamed(store.call.Args[1]!, created)) return undefined;
      if (last?.kind !== 'ReturnStmt' || last.Results.length !== 1 || !isIdentNamed(last.Results[0]!, created)) return undefined;
      if (countIdents(fn.body, created.Name) !== 3) return undefined;
      // v moves out of the if's scope: it must not clash with another v in the function.
      if (countIdents(fn.body, v.Name) !== countIdents(anchor, v.Name)) return undefined;
      const indent = indentAt(pkg, file, pos(anchor));
      return make(def.Rhs[0]!, pos(anchor), end(last), `${v.Name}, _ := ${m}.LoadOrStore(${k}, ${t(def.Rhs[0]!)})\n${indent}return ${t(r)}`);
    }
    return undefined;
  }
  // Shape B: v, ok := m.Load(k); if !ok { v = X; m.Store(k, v) }
  if (anchor === load.assign && v !== undefined && ok !== undefined && load.assign.Tok === Token.DEFINE && definedHere(ctx, ok)) {
    const ifs = nextStmt(anchor, parents);
    if (ifs?.kind !== 'IfStmt' || ifs.Init !== null || ifs.Else !== null || ifs.Body.List.length !== 2) return undefined;
    const c = unparen(ifs.Cond);
    if (c.kind !== 'UnaryExpr' || c.Op !== Token.NOT || !isIdentNamed(c.X, ok)) return undefined;
    const set = ifs.Body.List[0]!;
    if (set.kind !== 'AssignStmt' || set.Tok !== Token.ASSIGN || set.Lhs.length !== 1 || set.Rhs.length !== 1 || !isIdentNamed(set.Lhs[0]!, v)) return undefined;
    if (!isCallStmt(ifs.Body.List[1], store.call) || !isIdentNamed(store.call.Args[1]!, v)) return undefined;
    if (countIdents(fn.body, ok.Name) !== 2) return undefined;
    const tok = definedHere(ctx, v) ? ':=' : '=';
    return make(set.Rhs[0]!, pos(anchor), end(ifs), `${v.Name}, _ ${tok} ${m}.LoadOrStore(${k}, ${t(set.Rhs[0]!)})`);
  }
  return undefined;
}

/**
 * Cheap and free of side effects, so that evaluating it on every call (as LoadOrStore's
 * argument is) changes nothing: literals, variables, composite literals of such,
 * new, make, and calls of same-package constructors whose body returns such a value.
 */
function isCheap(ctx: Ctx, e: Expr, depth: number): boolean {
  e = unparen(e);
  switch (e.kind) {
    case 'BasicLit':
    case 'Ident':
    case 'FuncLit':
      return true;
    case 'SelectorExpr':
      return isCheap(ctx, e.X, depth);
    case 'UnaryExpr':
      return (e.Op === Token.AND || e.Op === Token.SUB || e.Op === Token.NOT) && isCheap(ctx, e.X, depth);
    case 'BinaryExpr':
      return e.Op !== Token.ARROW && isCheap(ctx, e.X, depth) && isCheap(ctx, e.Y, depth);
    case 'CompositeLit':
      return e.Elts.every((x) => isCheap(ctx, x.kind === 'KeyValueExpr' ? x.Value : x, depth));
    case 'KeyValueExpr':
      return isCheap(ctx, e.Value, depth);
    case 'CallExpr': {
      const f = unparen(e.Fun);
      if (f.kind !== 'Ident') return false;
      const obj = ctx.types.objectOf(f);
      if (obj !== undefined && obj.objectKind() === 'builtin') {
        return (f.Name === 'new' || f.Name === 'make') && e.Args.slice(1).every((a) => isCheap(ctx, a, depth));
      }
      if (depth > 1 || !e.Args.every((a) => isCheap(ctx, a, depth))) return false;
      const decl = ctx.pkg.files.flatMap((file) => file.Decls).find(
        (d) => d.kind === 'FuncDecl' && d.Recv === null && d.Name.Name === f.Name && (obj === undefined || obj.pos === d.Name.NamePos),
      );
      if (decl?.kind !== 'FuncDecl' || decl.Body === null || decl.Body.List.length !== 1) return false;
      const only = decl.Body.List[0]!;
      return only.kind === 'ReturnStmt' && only.Results.length === 1 && isCheap(ctx, only.Results[0]!, depth + 1);
    }
    default:
      return false;
  }
}

function compareAndSwapFix(ctx: Ctx, load: LoadSite, store: MapCall): SuggestedFix | undefined {
  const anchor = load.anchor;
  const v = load.value;
  const ok = load.ok;
  if (anchor.kind !== 'IfStmt' || anchor.Init !== load.assign || anchor.Else !== null || v === undefined || ok === undefined) return undefined;
  if (anchor.Body.List.length !== 1 || !isCallStmt(anchor.Body.List[0], store.call)) return undefined;
  const c = unparen(anchor.Cond);
  if (c.kind !== 'BinaryExpr' || c.Op !== Token.LAND || !isIdentNamed(c.X, ok)) return undefined;
  const cmp = unparen(c.Y);
  if (cmp.kind !== 'BinaryExpr' || cmp.Op !== Token.EQL) return undefined;
  const old = isIdentNamed(cmp.X, v) ? cmp.Y : isIdentNamed(cmp.Y, v) ? cmp.X : undefined;
  const names = new Set([v.Name, ok.Name]);
  const nv = store.call.Args[1]!;
  if (old === undefined || mentions(old, names) || mentions(nv, names) || isNil(old)) return undefined;
  const t = (n: Node) => textOf(ctx.pkg, ctx.file, n);
  return {
    message: 'Use CompareAndSwap',
    safe: true,
    edits: [{ pos: pos(anchor), end: end(anchor), newText: `${t(load.recv)}.CompareAndSwap(${t(load.call.Args[0]!)}, ${t(old)}, ${t(nv)})` }],
  };
}

// ---- Load … Delete

function reportDelete(ctx: Ctx, _fn: FuncBody, load: LoadSite, del: MapCall, parents: Map<Node, Node>): void {
  if (load.value === undefined && load.ok === undefined) return;
  let fix: SuggestedFix | undefined;
  const anchor = load.anchor;
  const delStmt = parents.get(del.call);
  const direct =
    delStmt?.kind === 'ExprStmt'
    && ((anchor.kind === 'IfStmt' && anchor.Init === load.assign && isIdentNamed(anchor.Cond, load.ok) && anchor.Body.List[0] === delStmt)
      || (anchor === load.assign && nextStmt(anchor, parents) === delStmt));
  if (direct && delStmt?.kind === 'ExprStmt') {
    const fun = unparen(load.call.Fun);
    if (fun.kind === 'SelectorExpr') {
      fix = {
        message: 'Use LoadAndDelete',
        safe: true,
        edits: [
          { pos: pos(fun.Sel), end: end(fun.Sel), newText: 'LoadAndDelete' },
          { ...stmtDeletion(ctx.pkg, ctx.file, delStmt), newText: '' },
        ],
      };
    }
  }
  ctx.pass.report({
    pos: pos(del.call),
    end: end(del.call),
    message: 'Load then Delete of the same key: two goroutines can both Load the value before either Deletes it, and both act on it; use LoadAndDelete',
    related: [{ pos: pos(load.call), end: end(load.call), message: 'the Load; another goroutine can run between it and the Delete' }],
    fixes: fix ? [fix] : undefined,
  });
}

// ---- Range as Len

const ESTIMATE = /\b(estimates?|estimated|approximate(ly)?|approx|rough(ly)?|best[- ]effort|inexact|not exact)\b/i;

function checkRangeCount(ctx: Ctx, fn: FuncBody, mc: MapCall): void {
  if (!isRangeCount(ctx.pkg, ctx.file, fn, mc.call)) return;
  ctx.pass.report({
    pos: pos(mc.call),
    end: end(mc.call),
    message: 'counting a sync.Map with Range is a hand-made Len: the count is stale as soon as Range returns and every call walks the whole map; keep a count alongside, updated where the map is written, or use a mutex-guarded map when an exact length matters',
  });
}

/** A Range call (of whatever receiver) whose callback only counts, outside tests and not documented as an estimate. */
function isRangeCount(pkg: PackageUnit, file: File, fn: FuncBody, call: CallExpr): boolean {
  const cb = call.Args[0];
  if (call.Args.length !== 1 || cb === undefined || cb.kind !== 'FuncLit') return false;
  const list = cb.Body.List;
  if (list.length !== 2) return false;
  const [inc, ret] = list as [Stmt, Stmt];
  if (ret.kind !== 'ReturnStmt' || ret.Results.length !== 1 || !isIdentNamed(ret.Results[0]!, { Name: 'true' } as Ident)) return false;
  const counter = counterOf(inc);
  if (counter === undefined || declaredIn(cb, counter)) return false;
  if (documentedAsEstimate(pkg, file, fn, call)) return false;
  // A test counting entries once its goroutines are done gets an exact number: that is
  // an assertion, not a hand-made Len.
  return !pkg.isTestFile(file);
}

/** The variable a statement adds one to (n++, n += 1, n = n + 1). */
function counterOf(s: Stmt): Ident | undefined {
  if (s.kind === 'IncDecStmt' && s.Tok === Token.INC) {
    const x = unparen(s.X);
    return x.kind === 'Ident' ? x : undefined;
  }
  if (s.kind !== 'AssignStmt' || s.Lhs.length !== 1 || s.Rhs.length !== 1) return undefined;
  const l = unparen(s.Lhs[0]!);
  const r = unparen(s.Rhs[0]!);
  if (l.kind !== 'Ident') return undefined;
  const one = (e: Expr) => {
    e = unparen(e);
    return e.kind === 'BasicLit' && e.Value === '1';
  };
  if (s.Tok === Token.ADD_ASSIGN && one(r)) return l;
  if (s.Tok === Token.ASSIGN && r.kind === 'BinaryExpr' && r.Op === Token.ADD
    && ((isIdentNamed(r.X, l) && one(r.Y)) || (isIdentNamed(r.Y, l) && one(r.X)))) return l;
  return undefined;
}

function declaredIn(lit: FuncLit, id: Ident): boolean {
  const params = lit.Type.Params.List.flatMap((f) => f.Names);
  return params.some((p) => p.Name === id.Name);
}

/** A comment in the enclosing function (or its doc) or on the call's line calls the count an estimate. */
function documentedAsEstimate(pkg: PackageUnit, file: File, fn: FuncBody, call: CallExpr): boolean {
  const top = fn.node.kind === 'FuncDecl' ? fn.node : enclosingDecl(file, fn.node) ?? fn.node;
  const from = top.kind === 'FuncDecl' && top.Doc !== null ? pos(top.Doc) : pos(top);
  const line = pkg.fset.position(pos(call)).line;
  for (const g of file.Comments) {
    for (const c of g.List) {
      const inside = c.Slash >= from && c.Slash < end(top);
      const sameLine = pkg.fset.position(c.Slash).line === line;
      if ((inside || sameLine) && ESTIMATE.test(c.Text)) return true;
    }
  }
  return false;
}

function enclosingDecl(file: File, n: Node): Node | undefined {
  return file.Decls.find((d) => contains(d, n));
}
