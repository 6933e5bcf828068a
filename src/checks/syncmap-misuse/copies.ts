// A sync.Map copied by value: passed, assigned, returned, ranged over, put in a
// composite literal, or held by a struct that is copied (value receivers included).
// Only copies of existing values count: a composite literal or a call's result is a
// fresh value, and copying it is how such values are made.

import { type CallExpr, type Expr, type File, type FuncDecl, type FuncLit, type Node, end, inspect, pos } from '../../syntax/ast.js';
import { ArrayType, MapType, Pointer, Slice, Struct, type Type, unalias } from '../../types/types.js';
import type { PackageUnit } from '../../analysis/pass.js';
import type { Ctx } from './index.js';
import { textOf, unparen } from './astq.js';
import { HolderNames } from './holders.js';

/** An expression that reads an existing variable (so using its value copies it). */
function isExistingValue(e: Expr): boolean {
  e = unparen(e);
  switch (e.kind) {
    case 'Ident':
      return e.Name !== '_' && e.Name !== 'nil';
    case 'SelectorExpr':
    case 'IndexExpr':
    case 'StarExpr':
      return true;
    default:
      return false;
  }
}

function article(word: string): string {
  return /^[AEIOUaeiou]/.test(word) ? 'an' : 'a';
}

/** "cache" or "*p (an Index holding a sync.Map in field byID)". */
function describe(ctx: Ctx, e: Expr, t: Type, where: string): string {
  const text = textOf(ctx.pkg, ctx.file, e);
  if (where === '') return text;
  const name = ctx.types.typeName(t);
  return `${text} (${article(name)} ${name} holding a sync.Map in ${where})`;
}

/**
 * Whether checkCopies could report in the file: a copy site (the places it looks at)
 * whose value may hold a sync.Map by its names (HolderNames), or a value receiver of
 * such a type. Where this says no, the types cannot say yes.
 */
export function mayReportCopies(pkg: PackageUnit, file: File): boolean {
  const holders = HolderNames.of(pkg);
  let decl: FuncDecl | null = null;
  let found = false;
  const copied = (e: Expr): void => {
    if (!found && isExistingValue(e) && holders.mayHold(file, e, decl)) found = true;
  };
  for (const d of file.Decls) {
    if (!holders.mayMention(file, d)) continue;
    decl = d.kind === 'FuncDecl' ? d : null;
    if (decl && holders.valueReceiverMayHold(file, decl)) return true;
    inspect(d, (n) => {
      if (found) return false;
      switch (n.kind) {
        case 'CallExpr':
          if (!holders.isBuiltinOrConversion(file, n, decl)) n.Args.forEach(copied);
          break;
        case 'AssignStmt':
          if (n.Lhs.length === n.Rhs.length) {
            n.Rhs.forEach((r, i) => {
              const l = n.Lhs[i]!;
              if (!(l.kind === 'Ident' && l.Name === '_')) copied(r);
            });
          }
          break;
        case 'ValueSpec':
          if (n.Names.length === n.Values.length) {
            n.Values.forEach((r, i) => {
              if (n.Names[i]!.Name !== '_') copied(r);
            });
          }
          break;
        case 'ReturnStmt':
          n.Results.forEach(copied);
          break;
        case 'RangeStmt':
          if (n.Value !== null && !(n.Value.kind === 'Ident' && n.Value.Name === '_') && holders.mayRangeHolders(file, n.X, decl)) found = true;
          break;
        case 'CompositeLit':
          for (const elt of n.Elts) copied(elt.kind === 'KeyValueExpr' ? elt.Value : elt);
          break;
        case 'SendStmt':
          copied(n.Value);
          break;
        default:
          break;
      }
      return !found;
    });
    if (found) return true;
  }
  return false;
}

export function checkCopies(ctx: Ctx): void {
  const { types, file } = ctx;
  const holders = HolderNames.of(ctx.pkg);
  /** The top-level function being walked (null: package level), for HolderNames. */
  let decl: FuncDecl | null = null;
  const copied = (e: Expr): { t: Type; where: string } | undefined => {
    if (!isExistingValue(e) || !holders.mayHold(file, e, decl)) return undefined;
    const t = types.typeOf(e);
    const where = types.syncMapInside(t);
    if (t === undefined || where === undefined) return undefined;
    const u = unparen(e);
    if (u.kind === 'Ident' && !types.isVariable(u)) return undefined;
    return { t, where };
  };
  const report = (at: Node, message: string) => {
    ctx.pass.report({ pos: pos(at), end: end(at), message: `sync.Map copied by value: ${message}; share it through a pointer instead` });
  };
  const funcStack: Array<FuncDecl | FuncLit> = [];
  inspect(
    file,
    (n) => {
      switch (n.kind) {
        case 'FuncDecl':
          funcStack.push(n);
          decl = n;
          if (holders.valueReceiverMayHold(file, n)) checkReceiver(ctx, n);
          break;
        case 'FuncLit':
          funcStack.push(n);
          break;
        case 'CallExpr':
          checkCall(ctx, n, copied, report);
          break;
        case 'AssignStmt':
          if (n.Lhs.length === n.Rhs.length) {
            n.Rhs.forEach((r, i) => {
              const l = n.Lhs[i]!;
              if (l.kind === 'Ident' && l.Name === '_') return;
              const c = copied(r);
              if (c) report(r, `${describe(ctx, r, c.t, c.where)} is copied into ${textOf(ctx.pkg, file, l)}`);
            });
          }
          break;
        case 'ValueSpec':
          if (n.Names.length === n.Values.length) {
            n.Values.forEach((r, i) => {
              const l = n.Names[i]!;
              if (l.Name === '_') return;
              const c = copied(r);
              if (c) report(r, `${describe(ctx, r, c.t, c.where)} is copied into ${l.Name}`);
            });
          }
          break;
        case 'ReturnStmt': {
          const fn = funcStack[funcStack.length - 1];
          const fname = fn?.kind === 'FuncDecl' ? fn.Name.Name : 'the function literal';
          for (const r of n.Results) {
            const c = copied(r);
            if (c) report(r, `${describe(ctx, r, c.t, c.where)} is copied into the result of ${fname}`);
          }
          break;
        }
        case 'RangeStmt': {
          if (n.Value === null || (n.Value.kind === 'Ident' && n.Value.Name === '_') || !holders.mayRangeHolders(file, n.X, decl)) break;
          const xt = types.typeOf(n.X);
          const elem = xt === undefined ? undefined : rangeElem(xt);
          const where = types.syncMapInside(elem);
          if (elem === undefined || where === undefined) break;
          const name = types.typeName(elem);
          const holding = where === '' ? '' : ` (holding a sync.Map in ${where})`;
          report(n.Value, `range copies each ${name}${holding} into ${textOf(ctx.pkg, file, n.Value)}`);
          break;
        }
        case 'CompositeLit':
          for (const elt of n.Elts) {
            const isKV = elt.kind === 'KeyValueExpr';
            const v = isKV ? elt.Value : elt;
            const c = copied(v);
            if (!c) continue;
            const into = isKV && elt.Key.kind === 'Ident' && isStructLit(ctx, n) ? `field ${elt.Key.Name}` : 'an element of the composite literal';
            report(v, `${describe(ctx, v, c.t, c.where)} is copied into ${into}`);
          }
          break;
        case 'SendStmt': {
          const c = copied(n.Value);
          if (c) report(n.Value, `${describe(ctx, n.Value, c.t, c.where)} is copied into the channel ${textOf(ctx.pkg, file, n.Chan)}`);
          break;
        }
        default:
          break;
      }
      return true;
    },
    (n) => {
      if (n.kind === 'FuncDecl' || n.kind === 'FuncLit') funcStack.pop();
      if (n.kind === 'FuncDecl') decl = null;
    },
  );
}

function isStructLit(ctx: Ctx, lit: Expr): boolean {
  const t = ctx.types.typeOf(lit);
  return t !== undefined && unalias(t).underlying() instanceof Struct;
}

function rangeElem(t: Type): Type | undefined {
  let u = unalias(t).underlying();
  if (u instanceof Pointer) u = unalias(u.elem).underlying();
  if (u instanceof Slice || u instanceof ArrayType || u instanceof MapType) return u.elem;
  return undefined;
}

function checkCall(
  ctx: Ctx,
  call: CallExpr,
  copied: (e: Expr) => { t: Type; where: string } | undefined,
  report: (at: Node, message: string) => void,
): void {
  call.Args.forEach((a, i) => {
    const c = copied(a);
    if (!c || ctx.types.isConversionOrBuiltin(call)) return;
    const fname = textOf(ctx.pkg, ctx.file, unparen(call.Fun));
    const param = ctx.types.paramName(call, i);
    const into = param !== undefined ? `parameter ${param} of ${fname}` : `an argument of ${fname}`;
    report(a, `${describe(ctx, a, c.t, c.where)} is copied into ${into}`);
  });
}

function checkReceiver(ctx: Ctx, fn: FuncDecl): void {
  const recv = fn.Recv?.List[0];
  if (recv === undefined || recv.Type === null) return;
  const t = ctx.types.typeOf(recv.Type);
  const where = ctx.types.syncMapInside(t);
  if (t === undefined || where === undefined) return;
  const name = ctx.types.typeName(t);
  const holding = where === '' ? '' : ` (holding a sync.Map in ${where})`;
  ctx.pass.report({
    pos: pos(recv.Type),
    end: end(recv.Type),
    message: `sync.Map copied by value: ${fn.Name.Name} has a value receiver: every call copies the ${name}${holding}; use a pointer receiver`,
  });
}
