// Small syntax questions for syncmap-misuse: parents, "which statement comes after
// which", source text for messages and fixes.

import type { PackageUnit } from '../../analysis/pass.js';
import { type BlockStmt, type Expr, type File, type FuncDecl, type FuncLit, type Ident, type Node, type Stmt, end, inspect, pos, unparen } from '../../syntax/ast.js';
import { Token } from '../../syntax/token.js';

export { unparen };

/** Parent links for every node under a root. */
export function parentMap(root: Node): Map<Node, Node> {
  const parents = new Map<Node, Node>();
  const stack: Node[] = [];
  inspect(
    root,
    (n) => {
      if (stack.length > 0) parents.set(n, stack[stack.length - 1]!);
      stack.push(n);
      return true;
    },
    () => {
      stack.pop();
    },
  );
  return parents;
}

/** A function body to analyse on its own: the declaration or literal and its body. */
export interface FuncBody {
  node: FuncDecl | FuncLit;
  body: BlockStmt;
  /** The name for messages: "getConn", "the function literal". */
  name: string;
}

/** Every function body under a node (a file, a declaration), function literals included (each once). */
export function funcBodies(root: Node): FuncBody[] {
  const out: FuncBody[] = [];
  inspect(root, (n) => {
    if (n.kind === 'FuncDecl' && n.Body !== null) out.push({ node: n, body: n.Body, name: n.Name.Name });
    else if (n.kind === 'FuncLit') out.push({ node: n, body: n.Body, name: 'the function literal' });
    return true;
  });
  return out;
}

/** Nodes of a body in source order, not entering nested function literals. */
export function walkOwn(body: Node, visit: (n: Node) => void): void {
  inspect(body, (n) => {
    if (n !== body && n.kind === 'FuncLit') return false;
    visit(n);
    return true;
  });
}

export function contains(outer: Node, inner: Node): boolean {
  return pos(outer) <= pos(inner) && end(inner) <= end(outer);
}

/** The statement list a node belongs to (a block's, a case's, a comm clause's), if any. */
export function stmtList(holder: Node): Stmt[] | undefined {
  if (holder.kind === 'BlockStmt') return holder.List;
  if (holder.kind === 'CaseClause' || holder.kind === 'CommClause') return holder.Body;
  return undefined;
}

/** The innermost statement containing n that sits directly in a statement list. */
export function listedStmt(n: Node, parents: Map<Node, Node>): Stmt | undefined {
  let cur: Node | undefined = n;
  while (cur !== undefined) {
    const p = parents.get(cur);
    if (p === undefined) return undefined;
    if (stmtList(p) !== undefined && (stmtList(p) as Node[]).includes(cur)) return cur as Stmt;
    cur = p;
  }
  return undefined;
}

/**
 * True when `later` runs after `earlier` on some path without leaving the function:
 * inside the statement that holds `earlier` (past it), or in a statement that follows
 * it or one of its enclosing statements. A sibling branch (the else of the if whose
 * then-branch holds `earlier`) does not count.
 */
export function runsAfter(earlier: Node, later: Node, parents: Map<Node, Node>, stop: Node): boolean {
  if (pos(later) < end(earlier)) return false;
  let stmt = listedStmt(earlier, parents);
  if (stmt !== undefined && contains(stmt, later)) return true;
  while (stmt !== undefined) {
    const holder = parents.get(stmt)!;
    // The clauses of a switch or select exclude each other: go up to the statement itself.
    if (stmt.kind === 'CaseClause' || stmt.kind === 'CommClause') {
      stmt = listedStmt(holder, parents);
      continue;
    }
    const list = stmtList(holder)!;
    const i = list.indexOf(stmt);
    for (let j = i + 1; j < list.length; j++) if (contains(list[j]!, later)) return true;
    if (holder === stop) return false;
    stmt = listedStmt(holder, parents);
  }
  return false;
}

/** True for a statement after which control never falls through to the next one. */
export function isTerminating(s: Stmt): boolean {
  switch (s.kind) {
    case 'ReturnStmt':
      return true;
    case 'BranchStmt':
      return s.Tok === Token.BREAK || s.Tok === Token.CONTINUE || s.Tok === Token.GOTO;
    case 'ExprStmt': {
      const x = unparen(s.X);
      return x.kind === 'CallExpr' && x.Fun.kind === 'Ident' && x.Fun.Name === 'panic';
    }
    case 'BlockStmt':
      return s.List.length > 0 && isTerminating(s.List[s.List.length - 1]!);
    case 'IfStmt':
      return s.Else !== null && isTerminating(s.Body) && isTerminating(s.Else);
    default:
      return false;
  }
}

/** Whether an expression mentions any of the names (function literals included). */
export function mentions(e: Node, names: ReadonlySet<string>): boolean {
  let found = false;
  inspect(e, (n) => {
    if (found) return false;
    if (n.kind === 'Ident' && names.has(n.Name)) found = true;
    return !found;
  });
  return found;
}

/** The root variable of a stable expression (x in x, x.f, *x, x.f.g), or undefined. */
export function rootIdent(e: Expr): Ident | undefined {
  e = unparen(e);
  switch (e.kind) {
    case 'Ident':
      return e;
    case 'SelectorExpr':
      return rootIdent(e.X);
    case 'StarExpr':
      return rootIdent(e.X);
    case 'UnaryExpr':
      return e.Op === Token.AND ? rootIdent(e.X) : undefined;
    default:
      return undefined;
  }
}

/**
 * Structural equality for expressions without side effects (identifiers, selectors,
 * derefs, literals, constant indexes); calls and anything else compare unequal.
 * `sameObject` decides whether two identifiers denote the same variable.
 */
export function sameExpr(a: Expr, b: Expr, sameObject: (x: Ident, y: Ident) => boolean): boolean {
  a = unparen(a);
  b = unparen(b);
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'Ident':
      return sameObject(a, b as Ident);
    case 'BasicLit':
      return a.Value === (b as typeof a).Value;
    case 'SelectorExpr':
      return a.Sel.Name === (b as typeof a).Sel.Name && sameExpr(a.X, (b as typeof a).X, sameObject);
    case 'StarExpr':
      return sameExpr(a.X, (b as typeof a).X, sameObject);
    case 'UnaryExpr':
      return a.Op === (b as typeof a).Op && a.Op === Token.AND && sameExpr(a.X, (b as typeof a).X, sameObject);
    case 'IndexExpr':
      return sameExpr(a.X, (b as typeof a).X, sameObject) && sameExpr(a.Index, (b as typeof a).Index, sameObject);
    case 'BinaryExpr':
      return a.Op === (b as typeof a).Op && sameExpr(a.X, (b as typeof a).X, sameObject) && sameExpr(a.Y, (b as typeof a).Y, sameObject);
    default:
      return false;
  }
}

/** Identifiers assigned (=, :=, op=, ++/--, range) anywhere in the node, own body only. */
export function assignedNames(n: Node): Array<{ id: Ident; at: number }> {
  const out: Array<{ id: Ident; at: number }> = [];
  walkOwn(n, (c) => {
    if (c.kind === 'AssignStmt') {
      for (const l of c.Lhs) {
        const r = unparen(l);
        if (r.kind === 'Ident') out.push({ id: r, at: pos(c) });
      }
    } else if (c.kind === 'IncDecStmt') {
      const r = unparen(c.X);
      if (r.kind === 'Ident') out.push({ id: r, at: pos(c) });
    } else if (c.kind === 'RangeStmt') {
      for (const k of [c.Key, c.Value]) if (k !== null && k.kind === 'Ident') out.push({ id: k, at: pos(c) });
    }
  });
  return out;
}

/** Source text of a node. */
export function textOf(pkg: PackageUnit, file: File, n: Node): string {
  const src = pkg.source(file);
  return new TextDecoder().decode(src.subarray(pos(n) - file.FileStart, end(n) - file.FileStart));
}

/** The whitespace that starts the line holding p. */
export function indentAt(pkg: PackageUnit, file: File, p: number): string {
  const src = pkg.source(file);
  let i = p - file.FileStart;
  while (i > 0 && src[i - 1] !== 10) i--;
  let j = i;
  while (j < src.length && (src[j] === 32 || src[j] === 9)) j++;
  return new TextDecoder().decode(src.subarray(i, j));
}

/**
 * The range to delete to remove a statement: its whole lines when it has them to
 * itself (leading indentation and trailing newline included), else just the statement.
 */
export function stmtDeletion(pkg: PackageUnit, file: File, s: Node): { pos: number; end: number } {
  const src = pkg.source(file);
  let a = pos(s) - file.FileStart;
  let b = end(s) - file.FileStart;
  let i = a;
  while (i > 0 && (src[i - 1] === 32 || src[i - 1] === 9)) i--;
  let j = b;
  while (j < src.length && (src[j] === 32 || src[j] === 9)) j++;
  // A trailing line comment belongs to the statement and goes with it.
  if (src[j] === 47 && src[j + 1] === 47) while (j < src.length && src[j] !== 10) j++;
  if ((i === 0 || src[i - 1] === 10) && (j >= src.length || src[j] === 10)) {
    a = i;
    b = j < src.length ? j + 1 : j;
  }
  return { pos: file.FileStart + a, end: file.FileStart + b };
}
