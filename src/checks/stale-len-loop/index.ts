// stale-len-loop: a loop bound taken from len before the loop, while the body shrinks
// or reassigns the slice (or writes the map) and indexes it with the loop variable.
// See doc.md.

import type { Check, CheckPass, RelatedLocation } from '../../analysis/check.js';
import { readCheckDoc } from '../../analysis/doc.js';
import type { PackageUnit } from '../../analysis/pass.js';
import {
  type Decl, type Expr, type File, type ForStmt, type Ident, type Node, type RangeStmt, type Stmt, end, inspect, pos,
  unparen,
} from '../../syntax/ast.js';
import { Token } from '../../syntax/token.js';
import { type CollectionKind, StaleLenTypes } from './typeq.js';

export const staleLenLoop: Check = {
  name: 'stale-len-loop',
  doc: {
    title: 'a loop bound captured from len before a body that shrinks or writes the collection',
    markdown: readCheckDoc(import.meta.url),
  },
  severity: 'warning',
  requires: [],
  // Types are asked for only when some loop would be reported if its collection were a
  // slice, or if it were a map: the type decides between them (and can say neither).
  needsTypes: (pkg) => {
    const types = StaleLenTypes.of(pkg);
    return pkg.files.some((file) => {
      const ctx: LoopCtx = { pkg, file, types };
      return fileFacts(pkg, file).loops.some(({ loop, decl }) => {
        const parents = parentLinks(decl);
        const shape = candidate(ctx, loop, parents);
        return shape !== undefined && (staleChange(loop, parents, shape, 'slice') !== undefined || staleChange(loop, parents, shape, 'map') !== undefined);
      });
    });
  },
  run(pass: CheckPass) {
    const types = StaleLenTypes.of(pass.pkg);
    for (const file of pass.pkg.files) {
      for (const { loop, decl } of fileFacts(pass.pkg, file).loops) checkLoop({ pass, pkg: pass.pkg, file, types }, loop, parentLinks(decl));
    }
  },
};

export default staleLenLoop;

/** What the syntactic look at a loop needs. */
interface LoopCtx {
  pkg: PackageUnit;
  file: File;
  types: StaleLenTypes;
}

interface Ctx extends LoopCtx {
  pass: CheckPass;
}

interface FileFacts {
  /** Loops whose body may change a collection that it indexes with the loop variable, with their top-level declaration. */
  loops: Array<{ loop: ForStmt | RangeStmt; decl: Decl }>;
}

/** One walk per file, shared by needsTypes and run (the same AST when no types are needed). */
const factsByFile = new WeakMap<File, FileFacts>();

/** The loops of a file worth a closer look, in source order (exported for tests). */
export function loopsWorthALook(pkg: PackageUnit, file: File): Array<ForStmt | RangeStmt> {
  return fileFacts(pkg, file).loops.map((l) => l.loop);
}

/** The same, found by walking every node (the reference for tests). */
export function loopsWorthALookByWalking(file: File): Array<ForStmt | RangeStmt> {
  const out: Array<ForStmt | RangeStmt> = [];
  inspect(file, (n) => {
    if ((n.kind === 'ForStmt' || n.kind === 'RangeStmt') && worthALook(n)) out.push(n);
    return true;
  });
  return out;
}

function fileFacts(pkg: PackageUnit, file: File): FileFacts {
  let facts = factsByFile.get(file);
  if (facts) return facts;
  const loops: FileFacts['loops'] = [];
  // A loop starts with the keyword for: a declaration whose bytes never spell it has none
  // (a native search over the bytes is far cheaper than walking the declaration).
  const src = pkg.source(file);
  const bytes = Buffer.from(src.buffer, src.byteOffset, src.byteLength);
  let nextFor = bytes.indexOf('for', 0, 'latin1');
  for (const decl of file.Decls) {
    if (nextFor < 0) break;
    const from = pos(decl) - file.FileStart;
    const to = end(decl) - file.FileStart;
    if (nextFor < from) nextFor = bytes.indexOf('for', from, 'latin1');
    if (nextFor < 0 || nextFor >= to) continue;
    const visit = (n: Node) => {
      if ((n.kind === 'ForStmt' || n.kind === 'RangeStmt') && worthALook(n)) loops.push({ loop: n, decl });
    };
    // Without a function literal (no second func in its bytes) a function's loops are all
    // statements of its body: the walk need not enter a single expression.
    const onlyStatements = decl.kind === 'FuncDecl' && decl.Body !== null && (() => {
      const lit = bytes.indexOf('func', from + 4, 'latin1');
      return lit < 0 || lit >= to;
    })();
    if (onlyStatements) forEachStmt(decl.Body!, visit);
    else {
      inspect(decl, (n) => {
        visit(n);
        return true;
      });
    }
  }
  facts = { loops };
  factsByFile.set(file, facts);
  return facts;
}

/**
 * Every statement under s that can hold a statement, in inspect's order, not entering
 * expressions (nor the simple statements of an init or post, which hold no loop without
 * a function literal).
 */
function forEachStmt(s: Stmt, visit: (s: Stmt) => void): void {
  visit(s);
  switch (s.kind) {
    case 'BlockStmt':
      for (const c of s.List) forEachStmt(c, visit);
      return;
    case 'IfStmt':
      forEachStmt(s.Body, visit);
      if (s.Else !== null) forEachStmt(s.Else, visit);
      return;
    case 'ForStmt':
    case 'RangeStmt':
    case 'SwitchStmt':
    case 'TypeSwitchStmt':
    case 'SelectStmt':
      forEachStmt(s.Body, visit);
      return;
    case 'CaseClause':
    case 'CommClause':
      for (const c of s.Body) forEachStmt(c, visit);
      return;
    case 'LabeledStmt':
      forEachStmt(s.Stmt, visit);
      return;
    default:
      return;
  }
}

function textOf(ctx: LoopCtx, n: Node): string {
  const src = ctx.pkg.source(ctx.file);
  return new TextDecoder().decode(src.subarray(pos(n) - ctx.file.FileStart, end(n) - ctx.file.FileStart));
}

/** A key for expressions naming a variable or a field path (s, r.items); undefined otherwise. */
function pathKey(e: Expr): string | undefined {
  e = unparen(e);
  if (e.kind === 'Ident') return e.Name === '_' ? undefined : e.Name;
  if (e.kind === 'SelectorExpr') {
    const x = pathKey(e.X);
    return x === undefined ? undefined : `${x}.${e.Sel.Name}`;
  }
  if (e.kind === 'StarExpr') {
    const x = pathKey(e.X);
    return x === undefined ? undefined : `*${x}`;
  }
  return undefined;
}

function mentionsName(n: Node, name: string): boolean {
  let found = false;
  inspect(n, (c) => {
    if (found) return false;
    if (c.kind === 'Ident' && c.Name === name) found = true;
    return !found;
  });
  return found;
}

/** Nodes of a loop body in source order, not entering function literals (they may never run). */
function walkOwn(root: Node, visit: (n: Node) => void): void {
  inspect(root, (n) => {
    if (n !== root && n.kind === 'FuncLit') return false;
    visit(n);
    return true;
  });
}

function stmtList(n: Node): Stmt[] | undefined {
  if (n.kind === 'BlockStmt') return n.List;
  if (n.kind === 'CaseClause' || n.kind === 'CommClause') return n.Body;
  return undefined;
}

const parentsByDecl = new WeakMap<Decl, Map<Node, Node>>();

/**
 * Parent links within one top-level declaration (built only for declarations holding a
 * loop worth a closer look): every walk up from a loop stops at its function.
 */
function parentLinks(decl: Decl): Map<Node, Node> {
  const known = parentsByDecl.get(decl);
  if (known) return known;
  const parents = new Map<Node, Node>();
  parentsByDecl.set(decl, parents);
  const stack: Node[] = [];
  inspect(
    decl,
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

/**
 * The loop's shape when its body changes the collection and indexes it with the loop
 * variable, as a slice or as a map (whichever it turns out to be): without both, no
 * finding is possible and the collection's type need not be asked.
 */
function candidate(ctx: LoopCtx, loop: ForStmt | RangeStmt, parents: Map<Node, Node>): Candidate | undefined {
  const shape = loopShape(ctx, loop, parents);
  if (shape === undefined) return undefined;
  const { bound, index } = shape;
  const collKey = pathKey(bound.coll)!;
  const asMap = bound.name !== undefined && mapWrites(loop.Body, collKey).length > 0 && indexesWith(loop.Body, collKey, index.Name, true);
  const asSlice = sliceChanges(loop.Body, collKey).length > 0 && indexesWith(loop.Body, collKey, index.Name, false);
  return asMap || asSlice ? { bound, index, collKey } : undefined;
}

interface Candidate {
  bound: Bound;
  index: Ident;
  collKey: string;
}

/** What a loop's bound was taken from. */
interface Bound {
  /** The variable holding the captured length ("n"), or undefined for `for i := range s`. */
  name: Ident | undefined;
  /** The collection whose length was taken. */
  coll: Expr;
  /** "len(s)", "len(s) - 1". */
  text: string;
  /** Where the length was taken. */
  at: Node;
}

/**
 * A cheap syntactic look first, in one walk of the body: most loops change no
 * collection at all, and of the others most never index what they change with the loop
 * variable. Neither can be reported (candidate asks both again, precisely), so neither
 * needs parent links or types.
 */
function worthALook(loop: ForStmt | RangeStmt): boolean {
  const index = loopVariable(loop);
  if (index === undefined) return false;
  let changesACollection = false;
  /** Everything the body may change as a slice or write as a map (a superset of sliceChanges' and mapWrites' keys). */
  const changed = new Set<string>();
  /** Everything the body indexes with the loop variable (a superset of what indexesWith finds). */
  const indexed = new Set<string>();
  const addKey = (set: Set<string>, e: Expr) => {
    const k = pathKey(e);
    if (k !== undefined) set.add(k);
  };
  walkOwn(loop.Body, (n) => {
    switch (n.kind) {
      case 'AssignStmt': {
        const shortens = n.Tok === Token.ASSIGN && n.Lhs.length === n.Rhs.length;
        for (let i = 0; i < n.Lhs.length; i++) {
          const l = unparen(n.Lhs[i]!);
          if (l.kind === 'IndexExpr') {
            changesACollection = true;
            addKey(changed, l.X);
          } else addKey(changed, l);
          if (shortens && mayShorten(unparen(n.Rhs[i]!))) changesACollection = true;
        }
        break;
      }
      case 'IncDecStmt': {
        const x = unparen(n.X);
        if (x.kind === 'IndexExpr') {
          changesACollection = true;
          addKey(changed, x.X);
        }
        break;
      }
      case 'CallExpr': {
        const f = unparen(n.Fun);
        if (f.kind === 'Ident' && (f.Name === 'delete' || f.Name === 'clear')) {
          changesACollection = true;
          if (n.Args.length >= 1) addKey(changed, n.Args[0]!);
        }
        break;
      }
      case 'IndexExpr':
        if (mentionsName(n.Index, index)) addKey(indexed, n.X);
        break;
      default:
        break;
    }
  });
  if (!changesACollection) return false;
  for (const k of indexed) if (changed.has(k)) return true;
  return false;
}

/** The loop variable loopShape would find, by the loop's syntax alone. */
function loopVariable(loop: ForStmt | RangeStmt): string | undefined {
  if (loop.kind === 'RangeStmt') {
    return loop.Key !== null && loop.Key.kind === 'Ident' && loop.Key.Name !== '_' && loop.Tok === Token.DEFINE ? loop.Key.Name : undefined;
  }
  const post = loop.Post;
  if (post === null || post.kind !== 'IncDecStmt' || post.Tok !== Token.INC) return undefined;
  const iv = unparen(post.X);
  return iv.kind === 'Ident' ? iv.Name : undefined;
}

function checkLoop(ctx: Ctx, loop: ForStmt | RangeStmt, parents: Map<Node, Node>): void {
  const shape = candidate(ctx, loop, parents);
  if (shape === undefined) return;
  const { bound, index } = shape;
  const kind = collectionKind(ctx, bound.coll, loop, parents);
  if (kind === undefined) return;
  const first = staleChange(loop, parents, shape, kind);
  if (first === undefined) return;
  const coll = textOf(ctx, bound.coll);
  const i = index.Name;
  const line = ctx.pkg.fset.position(pos(first)).line;
  const related: RelatedLocation[] = [{ pos: pos(first), end: end(first), message: kind === 'map' ? `${coll} is written here` : `${coll} changes here` }];
  if (bound.name !== undefined) related.push({ pos: pos(bound.at), end: end(bound.at), message: `${bound.name.Name} is taken here` });
  let message: string;
  if (kind === 'map') {
    message = `${bound.name!.Name} was ${bound.text} before the loop, but the body writes ${coll} (line ${line}) and the count still bounds the loop: entries added past ${bound.name!.Name} are never visited and ${coll}[${i}] reads the zero value of deleted keys; loop until the map is empty, or collect new entries in a second map`;
  } else {
    const lead = bound.name === undefined ? `range evaluates ${bound.text} once` : `${bound.name.Name} was ${bound.text} before the loop`;
    message = `${lead}, but the body changes ${coll} (line ${line}) and indexes ${coll}[${i}]: once ${coll} is shorter, ${coll}[${i}] is past its end (index out of range) and the element moved into position ${i} is skipped; loop backwards, use len(${coll}) in the condition, or update the bound where ${coll} changes`;
  }
  ctx.pass.report({ pos: pos(loop), end: pos(loop) + 3, message, related });
}

/**
 * The change that makes the loop's bound stale if the collection is of this kind: the
 * first one the loop does not leave right after, when the bound is not kept up to date
 * and the body indexes the collection with the loop variable. Syntax only: run() asks it
 * for the kind the types (or the syntax) give, needsTypes for both kinds.
 */
function staleChange(loop: ForStmt | RangeStmt, parents: Map<Node, Node>, shape: Candidate, kind: 'slice' | 'map'): Stmt | undefined {
  const { bound, index, collKey } = shape;
  if (kind === 'map' && bound.name === undefined) return undefined;
  // The bound kept up to date in the body: not stale.
  if (bound.name !== undefined && assignsName(loop.Body, bound.name.Name)) return undefined;
  const changes = kind === 'map' ? mapWrites(loop.Body, collKey) : sliceChanges(loop.Body, collKey);
  const first = changes.find((c) => !exitsLoopRightAfter(c, loop, parents));
  if (first === undefined) return undefined;
  if (!indexesWith(loop.Body, collKey, index.Name, kind === 'map')) return undefined;
  return first;
}

/** The loop variable and the captured bound, for the loop shapes this check knows. */
function loopShape(ctx: LoopCtx, loop: ForStmt | RangeStmt, parents: Map<Node, Node>): { bound: Bound; index: Ident } | undefined {
  if (loop.kind === 'RangeStmt') {
    if (loop.Key === null || loop.Key.kind !== 'Ident' || loop.Key.Name === '_' || loop.Tok !== Token.DEFINE) return undefined;
    const x = unparen(loop.X);
    if (x.kind === 'Ident') {
      // for i := range n, where n holds a length taken earlier
      const cap = captureOf(ctx, x, loop, parents);
      if (cap !== undefined) return { bound: { name: x, ...cap }, index: loop.Key };
    }
    if (pathKey(x) === undefined) return undefined;
    return { bound: { name: undefined, coll: x, text: `len(${textOf(ctx, x)})`, at: x }, index: loop.Key };
  }
  // for i := …; i < n; i++
  const post = loop.Post;
  if (post === null || post.kind !== 'IncDecStmt' || post.Tok !== Token.INC) return undefined;
  const iv = unparen(post.X);
  if (iv.kind !== 'Ident' || loop.Cond === null) return undefined;
  const cond = unparen(loop.Cond);
  if (cond.kind !== 'BinaryExpr') return undefined;
  let boundExpr: Expr | undefined;
  const isI = (e: Expr) => {
    const u = unparen(e);
    return u.kind === 'Ident' && u.Name === iv.Name;
  };
  if (isI(cond.X) && (cond.Op === Token.LSS || cond.Op === Token.LEQ || cond.Op === Token.NEQ)) boundExpr = cond.Y;
  else if (isI(cond.Y) && (cond.Op === Token.GTR || cond.Op === Token.GEQ || cond.Op === Token.NEQ)) boundExpr = cond.X;
  if (boundExpr === undefined) return undefined;
  const b = unparen(boundExpr);
  if (b.kind !== 'Ident') return undefined;
  // Captured in the loop's own init: for i, n := 0, len(s); …
  if (loop.Init !== null && loop.Init.kind === 'AssignStmt' && loop.Init.Lhs.length === loop.Init.Rhs.length) {
    const at = loop.Init.Lhs.findIndex((l) => l.kind === 'Ident' && l.Name === b.Name);
    if (at >= 0) {
      const cap = lenCapture(ctx, loop.Init.Rhs[at]!);
      return cap === undefined ? undefined : { bound: { name: b, ...cap, at: loop.Init }, index: iv };
    }
  }
  const cap = captureOf(ctx, b, loop, parents);
  return cap === undefined ? undefined : { bound: { name: b, ...cap }, index: iv };
}

/** `len(s)` or `len(s) ± k`: the collection and the text. */
function lenCapture(ctx: LoopCtx, e: Expr): { coll: Expr; text: string } | undefined {
  let u = unparen(e);
  const text = textOf(ctx, u);
  if (u.kind === 'BinaryExpr' && (u.Op === Token.SUB || u.Op === Token.ADD) && unparen(u.Y).kind === 'BasicLit') u = unparen(u.X);
  if (u.kind !== 'CallExpr' || u.Args.length !== 1) return undefined;
  const f = unparen(u.Fun);
  // Without types every len is taken for the builtin: the types can only say fewer are.
  if (f.kind !== 'Ident' || f.Name !== 'len' || !ctx.types.isBuiltin(f)) return undefined;
  const coll = unparen(u.Args[0]!);
  return pathKey(coll) === undefined ? undefined : { coll, text };
}

/**
 * The length last assigned to `v` before the loop, looking back through the statements
 * that precede it in each enclosing block up to the function. Undefined when the last
 * assignment is something else, or sits somewhere we cannot be sure it ran.
 */
function captureOf(ctx: LoopCtx, v: Ident, loop: Node, parents: Map<Node, Node>): { coll: Expr; text: string; at: Node } | undefined {
  let child: Node = loop;
  let p = parents.get(child);
  while (p !== undefined && p.kind !== 'FuncDecl' && p.kind !== 'FuncLit') {
    const list = stmtList(p);
    if (list !== undefined) {
      const idx = list.indexOf(child as Stmt);
      for (let j = idx - 1; j >= 0; j--) {
        const s = list[j]!;
        if (s.kind === 'AssignStmt' && s.Lhs.length === s.Rhs.length) {
          const at = s.Lhs.findIndex((l) => l.kind === 'Ident' && l.Name === v.Name);
          if (at >= 0) {
            if (s.Tok !== Token.DEFINE && s.Tok !== Token.ASSIGN) return undefined;
            const cap = lenCapture(ctx, s.Rhs[at]!);
            return cap === undefined ? undefined : { ...cap, at: s };
          }
        }
        if (s.kind === 'DeclStmt' && s.Decl.kind === 'GenDecl') {
          for (const spec of s.Decl.Specs) {
            if (spec.kind !== 'ValueSpec') continue;
            const at = spec.Names.findIndex((n) => n.Name === v.Name);
            if (at < 0) continue;
            const val = spec.Values.length === spec.Names.length ? spec.Values[at] : undefined;
            const cap = val === undefined ? undefined : lenCapture(ctx, val);
            return cap === undefined ? undefined : { ...cap, at: spec };
          }
        }
        if (assignsName(s, v.Name)) return undefined;
      }
    }
    child = p;
    p = parents.get(p);
  }
  return undefined;
}

function assignsName(root: Node, name: string): boolean {
  let found = false;
  walkOwn(root, (n) => {
    if (found) return;
    if (n.kind === 'AssignStmt') {
      if (n.Lhs.some((l) => unparen(l).kind === 'Ident' && (unparen(l) as Ident).Name === name)) found = true;
    } else if (n.kind === 'IncDecStmt') {
      const x = unparen(n.X);
      if (x.kind === 'Ident' && x.Name === name) found = true;
    } else if (n.kind === 'UnaryExpr' && n.Op === Token.AND) {
      const x = unparen(n.X);
      if (x.kind === 'Ident' && x.Name === name) found = true; // passed by pointer: may change
    }
  });
  return found;
}

/**
 * Assignments in the body that can make the slice shorter: a slice expression,
 * append onto a slice expression (the remove-an-element idiom), nil, or the slices
 * package's removing functions. A growing append(s, …) cannot, and a value from
 * an arbitrary call (a decoder, a copy) says nothing about its length: not counted.
 */
function sliceChanges(body: Node, key: string): Stmt[] {
  const out: Stmt[] = [];
  walkOwn(body, (n) => {
    if (n.kind !== 'AssignStmt' || n.Tok !== Token.ASSIGN || n.Lhs.length !== n.Rhs.length) return;
    n.Lhs.forEach((l, i) => {
      if (pathKey(l) === key && mayShorten(unparen(n.Rhs[i]!))) out.push(n);
    });
  });
  return out;
}

const SHORTENING = new Set(['Delete', 'DeleteFunc', 'Compact', 'CompactFunc', 'Replace']);

function mayShorten(e: Expr): boolean {
  if (e.kind === 'SliceExpr') return true;
  if (e.kind === 'Ident') return e.Name === 'nil';
  if (e.kind !== 'CallExpr' || e.Args.length === 0) return false;
  const f = unparen(e.Fun);
  if (f.kind === 'Ident' && f.Name === 'append') return unparen(e.Args[0]!).kind === 'SliceExpr';
  return f.kind === 'SelectorExpr' && f.X.kind === 'Ident' && f.X.Name === 'slices' && SHORTENING.has(f.Sel.Name);
}

/** Statements in the body that add, replace or remove entries of the map. */
function mapWrites(body: Node, key: string): Stmt[] {
  const out: Stmt[] = [];
  walkOwn(body, (n) => {
    if (n.kind === 'AssignStmt') {
      if (n.Lhs.some((l) => {
        const u = unparen(l);
        return pathKey(u) === key || (u.kind === 'IndexExpr' && pathKey(u.X) === key);
      })) out.push(n);
    } else if (n.kind === 'IncDecStmt') {
      const u = unparen(n.X);
      if (u.kind === 'IndexExpr' && pathKey(u.X) === key) out.push(n);
    } else if (n.kind === 'ExprStmt') {
      const c = unparen(n.X);
      if (c.kind === 'CallExpr' && c.Args.length >= 1) {
        const f = unparen(c.Fun);
        if (f.kind === 'Ident' && (f.Name === 'delete' || f.Name === 'clear') && pathKey(c.Args[0]!) === key) out.push(n);
      }
    }
  });
  return out;
}

/** coll[… i …] read (for maps: not as the target of an assignment). */
function indexesWith(body: Node, key: string, index: string, readsOnly: boolean): boolean {
  const written = new Set<Node>();
  if (readsOnly) {
    walkOwn(body, (n) => {
      if (n.kind === 'AssignStmt') for (const l of n.Lhs) written.add(unparen(l));
      if (n.kind === 'IncDecStmt') written.add(unparen(n.X));
    });
  }
  let found = false;
  walkOwn(body, (n) => {
    if (found || n.kind !== 'IndexExpr' || written.has(n)) return;
    if (pathKey(n.X) === key && mentionsName(n.Index, index)) found = true;
  });
  return found;
}

/** The statement is followed directly by a return, panic, goto, or a break that leaves the loop. */
function exitsLoopRightAfter(s: Stmt, loop: ForStmt | RangeStmt, parents: Map<Node, Node>): boolean {
  const holder = parents.get(s);
  const list = holder === undefined ? undefined : stmtList(holder);
  if (list === undefined) return false;
  const next = list[list.indexOf(s) + 1];
  if (next === undefined) return false;
  if (next.kind === 'ReturnStmt') return true;
  if (next.kind === 'ExprStmt') {
    const c = unparen(next.X);
    return c.kind === 'CallExpr' && unparen(c.Fun).kind === 'Ident' && (unparen(c.Fun) as Ident).Name === 'panic';
  }
  if (next.kind !== 'BranchStmt') return false;
  if (next.Tok === Token.GOTO) return true;
  if (next.Tok !== Token.BREAK) return false;
  if (next.Label !== null) {
    // A labelled break leaves the loop unless the label is on a statement inside it.
    let inner = false;
    inspect(loop.Body, (n) => {
      if (n.kind === 'LabeledStmt' && n.Label.Name === next.Label!.Name) inner = true;
      return !inner;
    });
    return !inner;
  }
  // An unlabelled break leaves the innermost for, switch or select around it.
  let p = parents.get(s);
  while (p !== undefined && p !== loop) {
    if (p.kind === 'ForStmt' || p.kind === 'RangeStmt' || p.kind === 'SwitchStmt' || p.kind === 'TypeSwitchStmt' || p.kind === 'SelectStmt') return false;
    p = parents.get(p);
  }
  return p === loop;
}

/**
 * Slice, string or map: from the type checker when it knows; without types, only what
 * the syntax proves (s = s[…] or append(s[…], …) on a slice or string; delete(m, …) on a map).
 */
function collectionKind(ctx: Ctx, coll: Expr, loop: ForStmt | RangeStmt, parents: Map<Node, Node>): 'slice' | 'map' | undefined {
  const k: CollectionKind | undefined = ctx.types.kindOf(coll);
  if (k === 'slice' || k === 'string') return 'slice';
  if (k === 'map') return 'map';
  if (k === 'other') return undefined;
  const key = pathKey(coll)!;
  let fn: Node | undefined = loop;
  while (fn !== undefined && fn.kind !== 'FuncDecl' && fn.kind !== 'FuncLit') fn = parents.get(fn);
  if (fn === undefined) return undefined;
  let evidence: 'slice' | 'map' | undefined;
  walkOwn(fn, (n) => {
    if (evidence !== undefined) return;
    if (n.kind === 'AssignStmt' && n.Tok === Token.ASSIGN && n.Lhs.length === n.Rhs.length) {
      n.Lhs.forEach((l, i) => {
        if (pathKey(l) === key && reslices(unparen(n.Rhs[i]!), key)) evidence = 'slice';
      });
    } else if (n.kind === 'CallExpr' && n.Args.length === 2) {
      const f = unparen(n.Fun);
      if (f.kind === 'Ident' && f.Name === 'delete' && ctx.types.isBuiltin(f) && pathKey(n.Args[0]!) === key) evidence = 'map';
    }
  });
  return evidence;
}

/** s[a:b], append(s[a:b], …), slices.Delete(s, …): only a slice or string can be the result. */
function reslices(e: Expr, key: string): boolean {
  if (e.kind === 'SliceExpr') return pathKey(e.X) === key;
  if (e.kind !== 'CallExpr' || e.Args.length === 0) return false;
  const f = unparen(e.Fun);
  const first = unparen(e.Args[0]!);
  if (f.kind === 'Ident' && f.Name === 'append') return first.kind === 'SliceExpr' && pathKey(first.X) === key;
  if (f.kind === 'SelectorExpr' && f.X.kind === 'Ident' && f.X.Name === 'slices') return pathKey(first) === key;
  return false;
}
