// The one fix map-race and data-race suggest: take the lock that guards the location at
// the top of the method whose access forgot it (`c.mu.Lock()` + `defer c.mu.Unlock()`,
// or RLock/RUnlock when the method only reads and the mutex is a sync.RWMutex).
//
// Offered only when the shape is simple: a method with a named pointer receiver, the
// unlocked access in its own body (not in a function literal, which may run later or on
// another goroutine), reached through the receiver, no lock operation or go statement
// anywhere in the body, and a racing access that holds a lock living beside the
// location (c.mu for c.items).
//
// Marked safe only when it provably cannot deadlock: nothing can already hold the lock
// when the method runs, and the method cannot try to take it again.
//  - The mutex is an unexported field (code outside the package cannot lock it).
//  - Inside the package, the method's name is mentioned nowhere but in its declaration
//    (no call, no method value), no method of the type lets its receiver go anywhere
//    except as the base of a selector, and no function that locks a mutex field of that
//    name lets the locked variable go elsewhere (so no callback, interface call or fmt
//    printing reaches the method from a locked region).
//  - The method calls nothing but builtins and conversions, and does no channel
//    operation (blocking while holding the lock would change behaviour).
// Everything else gets the same edit marked unsafe.

import type * as ast from '../../syntax/ast.js';
import { inspect, pos as astPos, unparen } from '../../syntax/ast.js';
import { Token } from '../../syntax/token.js';
import type { SuggestedFix, TextEdit } from '../check.js';
import { type LType, isSyncType, receiverBaseName } from './litetypes.js';
import type { ConcurrencyModel, Race } from './model.js';
import { realLocks } from './model.js';

export interface FixSource {
  files: readonly ast.File[];
  fileAt(pos: number): ast.File | undefined;
  source(file: ast.File): Uint8Array;
}

const LOCK_OPS = new Set(['Lock', 'Unlock', 'RLock', 'RUnlock', 'TryLock', 'TryRLock']);
const BUILTINS = new Set(['len', 'cap', 'append', 'copy', 'delete', 'clear', 'min', 'max', 'make', 'new', 'complex', 'real', 'imag']);
const BASIC_TYPES = new Set([
  'bool', 'string', 'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64',
  'uintptr', 'byte', 'rune', 'float32', 'float64', 'complex64', 'complex128',
]);

/** Memoised per package: how often each identifier name occurs, and which receivers escape. */
interface PackageFacts {
  nameCount: Map<string, number>;
  escapingReceivers: Set<string>;
  /**
   * Mutex field names some function locks on a variable it also lets go elsewhere
   * (`c.mu.Lock(); fmt.Println(c)`): whatever gets the variable may call back into a
   * method while the lock is held.
   */
  escapingLockFields: Set<string>;
}
const factsCache = new WeakMap<readonly ast.File[], PackageFacts>();

function packageFacts(files: readonly ast.File[]): PackageFacts {
  const done = factsCache.get(files);
  if (done) return done;
  const nameCount = new Map<string, number>();
  const escapingReceivers = new Set<string>();
  const escapingLockFields = new Set<string>();
  for (const f of files) {
    inspect(f, (n) => {
      if (n.kind === 'Ident') nameCount.set(n.Name, (nameCount.get(n.Name) ?? 0) + 1);
      return true;
    });
    for (const d of f.Decls) {
      if (d.kind !== 'FuncDecl' || !d.Body) continue;
      // Variables whose mutex field this function locks, and variables it uses other
      // than as the base of a selector.
      const locked = new Map<string, string>();
      const asBase = new Set<ast.Node>();
      const escaping = new Set<string>();
      inspect(d.Body, (n) => {
        if (n.kind === 'CallExpr') {
          const fun = unparen(n.Fun);
          if (fun.kind === 'SelectorExpr' && (fun.Sel.Name === 'Lock' || fun.Sel.Name === 'RLock')) {
            const m = unparen(fun.X);
            if (m.kind === 'SelectorExpr' && m.X.kind === 'Ident') locked.set(m.X.Name, m.Sel.Name);
          }
        }
        if (n.kind === 'SelectorExpr' && n.X.kind === 'Ident') asBase.add(n.X);
        else if (n.kind === 'Ident' && !asBase.has(n)) escaping.add(n.Name);
        return true;
      });
      for (const [v, field] of locked) if (escaping.has(v)) escapingLockFields.add(field);
    }
    for (const d of f.Decls) {
      if (d.kind !== 'FuncDecl' || !d.Recv || !d.Body) continue;
      const recv = d.Recv.List[0];
      const name = recv?.Names[0]?.Name;
      const type = receiverBaseName(recv?.Type ?? null);
      if (!name || name === '_' || !type) continue;
      // Every use of the receiver must be the base of a selector (c.items, c.mu.Lock()).
      const asBase = new Set<ast.Node>();
      inspect(d.Body, (n) => {
        if (n.kind === 'SelectorExpr' && n.X.kind === 'Ident' && n.X.Name === name) asBase.add(n.X);
        else if (n.kind === 'Ident' && n.Name === name && !asBase.has(n)) escapingReceivers.add(type);
        return true;
      });
    }
  }
  const facts = { nameCount, escapingReceivers, escapingLockFields };
  factsCache.set(files, facts);
  return facts;
}

/** The fix for race r, or undefined when its shape is not the simple one above. */
export function lockFix(r: Race, model: ConcurrencyModel, src: FixSource): SuggestedFix | undefined {
  const { a, b } = r;
  if (realLocks(a.locks) !== 0 || realLocks(b.locks) === 0) return undefined;
  const file = src.fileAt(a.pos);
  if (!file) return undefined;
  const decl = file.Decls.find((d): d is ast.FuncDecl => d.kind === 'FuncDecl' && d.Body !== null && d.Body.Lbrace < a.pos && a.pos < d.Body.Rbrace);
  if (!decl || !decl.Body || !decl.Recv) return undefined;
  const recvField = decl.Recv.List[0];
  const recv = recvField?.Names[0]?.Name;
  const typeName = receiverBaseName(recvField?.Type ?? null);
  if (!recv || recv === '_' || !typeName || recvField?.Type?.kind !== 'StarExpr') return undefined;
  // The access must name the location through the receiver: c.items, not m := c.items; m[k].
  if (a.path.text.split('.')[0] !== recv || a.path.detached) return undefined;

  // The lock b holds that lives beside the location.
  let lockSuffix: string | undefined;
  for (const k of b.locks.keys()) {
    if (!k.startsWith(a.path.root + '.')) continue;
    const owner = k.slice(0, k.lastIndexOf('.'));
    if (a.path.key !== owner && !a.path.key.startsWith(owner + '.')) continue;
    const suffix = k.slice(a.path.root.length);
    if (/^(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(suffix)) {
      lockSuffix = suffix;
      break;
    }
  }
  if (!lockSuffix) return undefined;
  const lockType = fieldPathType(model, file, recvField.Type, lockSuffix.slice(1).split('.'));
  const rw = isSyncType(lockType, 'RWMutex');
  if (!rw && !isSyncType(lockType, 'Mutex')) return undefined;

  // The body's shape: no lock operation, no go statement, the access not in a literal.
  let simple = true;
  let callsOnlyBuiltins = true;
  inspect(decl.Body, (n) => {
    if (!simple) return false;
    switch (n.kind) {
      case 'FuncLit':
        if (n.Body.Lbrace < a.pos && a.pos < n.Body.Rbrace) simple = false;
        callsOnlyBuiltins = false;
        return true;
      case 'GoStmt':
        simple = false;
        return false;
      case 'SendStmt':
      case 'SelectStmt':
        callsOnlyBuiltins = false;
        return true;
      case 'UnaryExpr':
        if (n.Op === Token.ARROW) callsOnlyBuiltins = false;
        return true;
      case 'CallExpr': {
        const fun = unparen(n.Fun);
        if (fun.kind === 'SelectorExpr' && LOCK_OPS.has(fun.Sel.Name)) simple = false;
        const builtin = fun.kind === 'Ident' && (BUILTINS.has(fun.Name) || BASIC_TYPES.has(fun.Name));
        const conversion = fun.kind === 'ArrayType' || fun.kind === 'MapType' || fun.kind === 'ChanType';
        if (!builtin && !conversion) callsOnlyBuiltins = false;
        return true;
      }
      default:
        return true;
    }
  });
  if (!simple) return undefined;
  const first = decl.Body.List[0];
  const text = src.source(file);
  if (!first || !text.subarray(decl.Body.Lbrace - file.FileStart, astPos(first) - file.FileStart).includes(10)) return undefined;
  const indent = leadingWhitespace(text, astPos(first) - file.FileStart);

  // RLock is enough when the method writes nothing reachable from its receiver.
  const read = rw && !a.write && !mayWriteThroughReceiver(decl.Body, recv);
  const lock = `${recv}${lockSuffix}`;
  const [l, u] = read ? ['RLock', 'RUnlock'] : ['Lock', 'Unlock'];
  const edit: TextEdit = { pos: decl.Body.Lbrace + 1, end: decl.Body.Lbrace + 1, newText: `\n${indent}${lock}.${l}()\n${indent}defer ${lock}.${u}()` };

  const facts = packageFacts(src.files);
  const mutexUnexported = /^[a-z_]/.test(lockSuffix.slice(lockSuffix.lastIndexOf('.') + 1));
  const neverCalledHere = (facts.nameCount.get(decl.Name.Name) ?? 0) <= 1;
  const lockField = lockSuffix.slice(lockSuffix.lastIndexOf('.') + 1);
  const safe = mutexUnexported && neverCalledHere && !facts.escapingReceivers.has(typeName) && !facts.escapingLockFields.has(lockField) && callsOnlyBuiltins;
  const fnName = `(*${typeName}).${decl.Name.Name}`;
  return { message: `Call ${lock}.${l}() at the top of ${fnName}, with a deferred ${u}`, safe, edits: [edit] };
}

/**
 * Whether the body may write something reachable from the receiver: an assignment,
 * ++/--, delete or clear on a path rooted at it, a method called through it (which may
 * write), or the receiver handed to a call or stored (whatever gets it may write).
 */
function mayWriteThroughReceiver(body: ast.BlockStmt, recv: string): boolean {
  const rooted = (e: ast.Expr): boolean => {
    let x: ast.Expr = unparen(e);
    for (;;) {
      if (x.kind === 'SelectorExpr' || x.kind === 'IndexExpr' || x.kind === 'SliceExpr') x = unparen(x.X);
      else if (x.kind === 'StarExpr') x = unparen(x.X);
      else break;
    }
    return x.kind === 'Ident' && x.Name === recv;
  };
  let writes = false;
  inspect(body, (n) => {
    if (writes) return false;
    if (n.kind === 'AssignStmt' && n.Tok !== Token.DEFINE && n.Lhs.some(rooted)) writes = true;
    else if (n.kind === 'IncDecStmt' && rooted(n.X)) writes = true;
    else if (n.kind === 'RangeStmt' && n.Tok === Token.ASSIGN && ((n.Key && rooted(n.Key)) || (n.Value && rooted(n.Value)))) writes = true;
    else if (n.kind === 'CallExpr') {
      const fun = unparen(n.Fun);
      if (fun.kind === 'SelectorExpr' && rooted(fun.X)) writes = true;
      if (fun.kind === 'Ident' && (fun.Name === 'delete' || fun.Name === 'clear') && n.Args[0] && rooted(n.Args[0])) writes = true;
      if (n.Args.some((x) => rooted(x) && unparen(x).kind !== 'SelectorExpr' && unparen(x).kind !== 'IndexExpr')) writes = true;
      if (n.Args.some((x) => { const u = unparen(x); return u.kind === 'UnaryExpr' && u.Op === Token.AND && rooted(u.X); })) writes = true;
    } else if (n.kind === 'UnaryExpr' && n.Op === Token.AND && rooted(n.X)) writes = true;
    return true;
  });
  return writes;
}

function fieldPathType(model: ConcurrencyModel, file: ast.File, recvType: ast.Expr, fields: string[]): LType {
  const idx = model.summarizer.index;
  let t: LType = idx.typeExpr(recvType, file);
  for (const f of fields) {
    const found = idx.field(t, f);
    if (!found) return { k: 'unknown' };
    t = found.type;
  }
  return t;
}

function leadingWhitespace(text: Uint8Array, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== 10) start--;
  let s = '';
  for (let i = start; i < offset && (text[i] === 9 || text[i] === 32); i++) s += text[i] === 9 ? '\t' : ' ';
  return s;
}
