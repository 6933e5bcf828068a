// unsafe-slice-header: slice, string, map and interface headers read through unsafe
// with a deprecated reflect type, a layout that does not match, or a mirror of the
// runtime's map header. See doc.md.

import type { Check, CheckPass, RunSettings, SuggestedFix, TextEdit } from '../../analysis/check.js';
import { readCheckDoc } from '../../analysis/doc.js';
import type { PackageUnit } from '../../analysis/pass.js';
import {
  type CallExpr, type CompositeLit, type Expr, type File, type Ident, type Node, type SelectorExpr, end, inspect, pos,
  unparen,
} from '../../syntax/ast.js';
import { Token } from '../../syntax/token.js';
import { Info } from '../../types/info.js';
import { type TObject, TypeName } from '../../types/objects.js';
import { Basic, BasicKind, Named, Pointer, type Type, unalias } from '../../types/types.js';
import { HEADERS, type Header, WORD, compatible, headerOf, isMapHeaderMirror, isNamedIn, pieces } from './layout.js';

interface TypeSource {
  typeOf(e: Expr): Type | undefined;
  objectOf(id: Ident): TObject | undefined;
}

function typeSource(pkg: PackageUnit): TypeSource | undefined {
  const t = pkg.types as unknown;
  if (t instanceof Info) return t;
  if (t !== null && typeof t === 'object') {
    const info = (t as { info?: unknown }).info;
    if (info instanceof Info) return info;
  }
  return undefined;
}

export const unsafeSliceHeader: Check = {
  name: 'unsafe-slice-header',
  doc: {
    title: 'slice, string, map or interface headers read through unsafe with the wrong layout or a deprecated type',
    markdown: readCheckDoc(import.meta.url),
  },
  severity: 'warning',
  requires: [],
  needsTypes: (pkg, settings) => filesToCheck(pkg, settings).length > 0,
  run(pass: CheckPass) {
    const files = filesToCheck(pass.pkg, pass.settings);
    if (files.length === 0) return;
    const ts = typeSource(pass.pkg);
    if (ts === undefined) return;
    for (const file of files) checkFile({ pass, pkg: pass.pkg, file, ts });
  },
};

export default unsafeSliceHeader;

function filesToCheck(pkg: PackageUnit, settings: RunSettings): File[] {
  // The standard library reaches into headers on purpose (runtime, reflect, internal/…):
  // quiet there unless asked with --include-goroot, like runtime-linkname.
  if (pkg.inGoroot && !settings.includeGoroot) return [];
  // Every finding needs unsafe.Pointer or a reflect header, so a file importing
  // neither has nothing to report (and its package need not be type-checked for it).
  return pkg.files.filter((f) => f.Imports.some((i) => i.Path.Value === '"unsafe"' || i.Path.Value === '"reflect"'));
}

interface Ctx {
  pass: CheckPass;
  pkg: PackageUnit;
  file: File;
  ts: TypeSource;
}


function textOf(ctx: Ctx, n: Node): string {
  const src = ctx.pkg.source(ctx.file);
  return new TextDecoder().decode(src.subarray(pos(n) - ctx.file.FileStart, end(n) - ctx.file.FileStart));
}

/** reflect.SliceHeader or reflect.StringHeader, by name. */
function reflectHeader(t: Type | undefined): 'SliceHeader' | 'StringHeader' | undefined {
  if (isNamedIn(t, 'reflect', 'SliceHeader')) return 'SliceHeader';
  if (isNamedIn(t, 'reflect', 'StringHeader')) return 'StringHeader';
  return undefined;
}

/** x in unsafe.Pointer(x), when the call is that conversion. */
function unsafePointerArg(ctx: Ctx, e: Expr): Expr | undefined {
  e = unparen(e);
  if (e.kind !== 'CallExpr' || e.Args.length !== 1) return undefined;
  const f = unparen(e.Fun);
  if (f.kind !== 'SelectorExpr' || f.Sel.Name !== 'Pointer') return undefined;
  const obj = ctx.ts.objectOf(f.Sel);
  return obj instanceof TypeName && obj.pkg?.path === 'unsafe' ? e.Args[0] : undefined;
}

function isUnsafePointer(t: Type | undefined): boolean {
  if (t === undefined) return false;
  const u = unalias(t).underlying();
  return u instanceof Basic && u.kind === BasicKind.UnsafePointer;
}

/** For `(*T)(unsafe.Pointer(src))`: T and src. */
function pointerConversion(ctx: Ctx, call: CallExpr): { target: Type; src: Expr } | undefined {
  if (call.Args.length !== 1) return undefined;
  const fun = unparen(call.Fun);
  if (fun.kind !== 'StarExpr') return undefined;
  const arg = call.Args[0]!;
  // (*T)(unsafe.Pointer(x)), or (*T)(p) with p already an unsafe.Pointer.
  const src = unsafePointerArg(ctx, arg) ?? (isUnsafePointer(ctx.ts.typeOf(arg)) ? arg : undefined);
  if (src === undefined) return undefined;
  const t = ctx.ts.typeOf(call);
  const u = t === undefined ? undefined : unalias(t).underlying();
  return u instanceof Pointer ? { target: u.elem, src } : undefined;
}

function checkFile(ctx: Ctx): void {
  // Parents first: the checks below look at uses that come later in the file.
  const parents = new Map<Node, Node>();
  const stack: Node[] = [];
  const funcs: Node[] = [];
  const todo: Array<{ n: Node; fn: Node | undefined }> = [];
  inspect(
    ctx.file,
    (n) => {
      if (stack.length > 0) parents.set(n, stack[stack.length - 1]!);
      stack.push(n);
      if (n.kind === 'FuncDecl' || n.kind === 'FuncLit') funcs.push(n);
      if (n.kind === 'CallExpr' || n.kind === 'CompositeLit' || n.kind === 'ValueSpec') todo.push({ n, fn: funcs[funcs.length - 1] });
      return true;
    },
    (n) => {
      stack.pop();
      if (n.kind === 'FuncDecl' || n.kind === 'FuncLit') funcs.pop();
    },
  );
  for (const { n, fn } of todo) {
    if (n.kind === 'CallExpr') checkConversion(ctx, n, parents, fn);
    else if (n.kind === 'CompositeLit') checkHeaderLiteral(ctx, n);
    else if (n.kind === 'ValueSpec' && n.Values.length === 0 && n.Type !== null) {
      const h = reflectHeader(ctx.ts.typeOf(n.Type));
      if (h !== undefined) report(ctx, n, h, 'build', undefined);
    }
  }
}

// ---- reflect.SliceHeader / StringHeader

function advice(h: 'SliceHeader' | 'StringHeader', use: 'read' | 'build', x: string | undefined): string {
  const v = x ?? (h === 'SliceHeader' ? 's' : 's');
  if (h === 'SliceHeader') {
    return use === 'read'
      ? `use unsafe.SliceData(${v}), len(${v}) and cap(${v})`
      : 'build the slice with unsafe.Slice(ptr, len) (and reslice, b = b[:n], to change its length)';
  }
  return use === 'read' ? `use unsafe.StringData(${v}) and len(${v})` : 'build the string with unsafe.String(ptr, len)';
}

function report(ctx: Ctx, at: Node, h: 'SliceHeader' | 'StringHeader', use: 'read' | 'build', x: string | undefined, fix?: SuggestedFix): void {
  ctx.pass.report({
    pos: pos(at),
    end: end(at),
    message: `reflect.${h} is deprecated since Go 1.20 and its Data is a uintptr the garbage collector does not see as a pointer: ${advice(h, use, x)}`,
    fixes: fix ? [fix] : undefined,
  });
}

function checkHeaderLiteral(ctx: Ctx, lit: CompositeLit): void {
  // An empty literal holds no pointer (code comparing the types uses one): only a
  // literal that fills in Data or Len builds a header.
  if (lit.Elts.length === 0) return;
  const h = reflectHeader(ctx.ts.typeOf(lit));
  if (h !== undefined && lit.Type !== null) report(ctx, lit, h, 'build', undefined);
}

function checkConversion(ctx: Ctx, call: CallExpr, parents: Map<Node, Node>, fn: Node | undefined): void {
  const conv = pointerConversion(ctx, call);
  if (conv === undefined) return;
  const h = reflectHeader(conv.target);
  if (h !== undefined) {
    checkReflectHeader(ctx, call, conv.src, h, parents, fn);
    return;
  }
  checkMapMirror(ctx, call, conv.target, conv.src, fn);
  const src = unparen(conv.src);
  if (src.kind === 'UnaryExpr' && src.Op === Token.AND) checkLayout(ctx, call, conv.target, src.X);
}

/** The uses of a header variable: how each is read or written. */
function headerUses(ctx: Ctx, hdr: Ident, fn: Node, parents: Map<Node, Node>): { reads: SelectorExpr[]; other: boolean } {
  const obj = ctx.ts.objectOf(hdr);
  const reads: SelectorExpr[] = [];
  let other = false;
  inspect(fn, (n) => {
    if (n.kind !== 'Ident' || n === hdr || n.Name !== hdr.Name || ctx.ts.objectOf(n) !== obj) return true;
    const p = parents.get(n);
    if (p?.kind === 'SelectorExpr' && p.X === n && ['Data', 'Len', 'Cap'].includes(p.Sel.Name) && !isWritten(p, parents)) reads.push(p);
    else other = true;
    return true;
  });
  return { reads, other };
}

function isWritten(e: Node, parents: Map<Node, Node>): boolean {
  const p = parents.get(e);
  if (p === undefined) return false;
  if (p.kind === 'AssignStmt') return p.Lhs.includes(e as Expr);
  if (p.kind === 'IncDecStmt') return true;
  if (p.kind === 'UnaryExpr' && p.Op === Token.AND) return true;
  return false;
}

function checkReflectHeader(ctx: Ctx, call: CallExpr, src: Expr, h: 'SliceHeader' | 'StringHeader', parents: Map<Node, Node>, fn: Node | undefined): void {
  const s = unparen(src);
  const x = s.kind === 'UnaryExpr' && s.Op === Token.AND ? unparen(s.X) : undefined;
  const xText = x === undefined ? undefined : textOf(ctx, x);
  // Written straight through the conversion: (*reflect.SliceHeader)(…).Len = n
  const sel = parents.get(parents.get(call)?.kind === 'ParenExpr' ? parents.get(call)! : call);
  if (sel?.kind === 'SelectorExpr' && isWritten(sel, parents)) return report(ctx, call, h, 'build', xText);
  const assign = parents.get(call);
  if (assign?.kind !== 'AssignStmt' || assign.Lhs.length !== 1 || assign.Rhs.length !== 1 || fn === undefined) {
    return report(ctx, call, h, 'read', xText);
  }
  const hdr = unparen(assign.Lhs[0]!);
  if (hdr.kind !== 'Ident') return report(ctx, call, h, 'read', xText);
  const uses = headerUses(ctx, hdr, fn, parents);
  const written = uses.other && anyFieldWritten(ctx, hdr, fn, parents);
  if (written) return report(ctx, call, h, 'build', xText);
  let fix: SuggestedFix | undefined;
  if (!uses.other && assign.Tok === Token.DEFINE && x !== undefined && x.kind === 'Ident' && sameVarThroughout(ctx, x, fn)) {
    fix = readFix(ctx, assign, x, h, uses.reads, parents);
  }
  report(ctx, call, h, 'read', xText, fix);
}

function anyFieldWritten(ctx: Ctx, hdr: Ident, fn: Node, parents: Map<Node, Node>): boolean {
  const obj = ctx.ts.objectOf(hdr);
  let written = false;
  inspect(fn, (n) => {
    if (n.kind === 'Ident' && n !== hdr && n.Name === hdr.Name && ctx.ts.objectOf(n) === obj) {
      const p = parents.get(n);
      if (p?.kind === 'SelectorExpr' && isWritten(p, parents)) written = true;
    }
    return !written;
  });
  return written;
}

/** Every identifier spelled like x in the function denotes x (no shadowing to trip the fix). */
function sameVarThroughout(ctx: Ctx, x: Ident, fn: Node): boolean {
  const obj = ctx.ts.objectOf(x);
  if (obj === undefined) return false;
  let ok = true;
  inspect(fn, (n) => {
    if (n.kind === 'SelectorExpr') {
      // x.f: only the left side can be the variable.
      inspect(n.X, (c) => {
        if (c.kind === 'Ident' && c.Name === x.Name && ctx.ts.objectOf(c) !== obj) ok = false;
        return ok;
      });
      return false;
    }
    if (n.kind === 'Ident' && n.Name === x.Name && ctx.ts.objectOf(n) !== obj) ok = false;
    return ok;
  });
  return ok;
}

function readFix(ctx: Ctx, assign: Node, x: Ident, h: 'SliceHeader' | 'StringHeader', reads: SelectorExpr[], parents: Map<Node, Node>): SuggestedFix {
  const data = h === 'SliceHeader' ? `unsafe.SliceData(${x.Name})` : `unsafe.StringData(${x.Name})`;
  const edits: TextEdit[] = [{ ...lineDeletion(ctx, assign), newText: '' }];
  for (const r of reads) {
    if (r.Sel.Name === 'Len') edits.push({ pos: pos(r), end: end(r), newText: `len(${x.Name})` });
    else if (r.Sel.Name === 'Cap') edits.push({ pos: pos(r), end: end(r), newText: `cap(${x.Name})` });
    else {
      // unsafe.Pointer(hdr.Data) becomes unsafe.Pointer(unsafe.SliceData(x)); a bare hdr.Data keeps its uintptr type.
      const p = parents.get(r);
      const wrapped = p?.kind === 'CallExpr' && unsafePointerArg(ctx, p) === r;
      if (wrapped) edits.push({ pos: pos(r), end: end(r), newText: data });
      else edits.push({ pos: pos(r), end: end(r), newText: `uintptr(unsafe.Pointer(${data}))` });
    }
  }
  const replaced = [{ pos: pos(assign), end: end(assign) }, ...reads.map((r) => ({ pos: pos(r), end: end(r) }))];
  const reflectGone = importRemoval(ctx, '"reflect"', replaced);
  if (reflectGone !== undefined) edits.push(reflectGone);
  // Without a Data read the new code does not use unsafe either: its import may go too.
  if (!reads.some((r) => r.Sel.Name === 'Data')) {
    const unsafeGone = importRemoval(ctx, '"unsafe"', replaced);
    if (unsafeGone !== undefined) edits.push(unsafeGone);
  }
  edits.sort((a, b) => a.pos - b.pos);
  return { message: `Use ${h === 'SliceHeader' ? 'unsafe.SliceData, len and cap' : 'unsafe.StringData and len'} instead of reflect.${h}`, safe: true, edits };
}

function lineDeletion(ctx: Ctx, n: Node): { pos: number; end: number } {
  const src = ctx.pkg.source(ctx.file);
  const base = ctx.file.FileStart;
  let a = pos(n) - base;
  let b = end(n) - base;
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
  return { pos: base + a, end: base + b };
}

/** Deleting an import ("reflect", "unsafe") when nothing outside `removed` uses it any more. */
function importRemoval(ctx: Ctx, quotedPath: string, removed: Array<{ pos: number; end: number }>): TextEdit | undefined {
  const spec = ctx.file.Imports.find((s) => s.Path.Value === quotedPath);
  if (spec === undefined) return undefined;
  const name = spec.Name?.Name ?? quotedPath.slice(1, -1);
  if (name === '_' || name === '.') return undefined;
  let used = false;
  inspect(ctx.file, (n) => {
    if (used) return false;
    if (n.kind === 'SelectorExpr' && n.X.kind === 'Ident' && n.X.Name === name && !removed.some((r) => r.pos <= pos(n) && end(n) <= r.end)) {
      used = true;
    }
    return !used;
  });
  if (used) return undefined;
  const decl = ctx.file.Decls.find((d) => d.kind === 'GenDecl' && d.Specs.includes(spec));
  if (decl !== undefined && decl.kind === 'GenDecl' && decl.Specs.length === 1) return { ...lineDeletion(ctx, decl), newText: '' };
  return { ...lineDeletion(ctx, spec), newText: '' };
}

// ---- layouts

function joinAnd(xs: string[]): string {
  if (xs.length <= 1) return xs.join('');
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

function fixHint(h: Header, x: string, targetText: string): string {
  switch (h.kind) {
    case 'slice':
      return `use len(${x}), cap(${x}) or unsafe.SliceData(${x})`;
    case 'string':
      return targetText.startsWith('[]') ? `use unsafe.Slice(unsafe.StringData(${x}), len(${x}))` : `use len(${x}) or unsafe.StringData(${x})`;
    case 'interface':
      return 'use a type assertion (or reflect) to reach the value';
    case 'map':
      return `use len(${x}); a map's internals are not an API`;
  }
}

function checkLayout(ctx: Ctx, call: CallExpr, target: Type, x: Expr): void {
  const h = headerOf(ctx.ts.typeOf(x));
  if (h === undefined) return;
  const ps = pieces(target);
  if (ps === undefined || ps.length === 0) return;
  const xText = textOf(ctx, x);
  const tText = target.toString().replace(/^.*\//, '');
  const headerBytes = h.words.length * WORD;
  const say = (detail: string) =>
    ctx.pass.report({
      pos: pos(call),
      end: end(call),
      message: `unsafe.Pointer(&${xText}) read as *${tText}: ${detail}; ${fixHint(h, xText, tText)}`,
    });
  const past = ps.filter((p) => p.off >= headerBytes || p.off + p.size > headerBytes);
  if (past.length > 0) {
    const list = past.map((p) => p.label || p.type);
    say(`${/^[aeiou]/.test(h.kind) ? 'an' : 'a'} ${h.kind} header has ${h.words.length} word${h.words.length > 1 ? 's' : ''} (${h.words.join(', ')}): ${joinAnd(list)} ${list.length > 1 ? 'are' : 'is'} read from past the end of ${xText}`);
    return;
  }
  for (const p of ps) {
    const w = Math.floor(p.off / WORD);
    if (p.size !== WORD || p.off % WORD !== 0) {
      say(`${p.label ? `${p.label} ` : ''}reads part of the ${h.words[w]} of ${xText} (${p.size} byte${p.size > 1 ? 's' : ''} at offset ${p.off})`);
      return;
    }
    if (!compatible(h.kinds[w]!, p.kind)) {
      if (p.label.startsWith('field ')) {
        say(`${p.label} reads the ${h.words[w]} of ${xText} as ${p.type}`);
      } else if (ps.length === 1) {
        say(`reads the ${h.words[w]} of ${xText} as ${p.type}${singleWordHint(h)}`);
      } else {
        const covered = h.words.slice(0, Math.ceil((ps[ps.length - 1]!.off + ps[ps.length - 1]!.size) / WORD));
        say(`reads the ${joinAnd(covered)} of ${xText}, and the ${h.words[w]} as ${p.type}`);
      }
      return;
    }
  }
  // Every word matches. An interface read as one untyped word (unsafe.Pointer, uintptr)
  // is almost always meant to be its value, but sees only its type; a typed pointer
  // (**abi.Type) reading the type word is a deliberate look at the type descriptor.
  if (h.kind === 'interface' && ps.length === 1 && isUntypedWord(target)) say(`reads the type word of ${xText}, not its data word`);
}

function isUntypedWord(t: Type): boolean {
  const u = unalias(t).underlying();
  return u instanceof Basic && (u.kind === BasicKind.UnsafePointer || u.kind === BasicKind.Uintptr);
}

function singleWordHint(h: Header): string {
  switch (h.kind) {
    case 'slice':
    case 'string':
      return ', not its len';
    case 'map':
      return ', not its length (which lives inside the runtime\'s map)';
    case 'interface':
      return ', not its data word';
  }
}

// ---- map header mirrors

function checkMapMirror(ctx: Ctx, call: CallExpr, target: Type, src: Expr, fn: Node | undefined): void {
  let mirror = target;
  const u = unalias(target).underlying();
  if (u instanceof Pointer) mirror = u.elem;
  if (!isMapHeaderMirror(mirror)) return;
  // The runtime's own map type (its tests read it this way) is not a mirror.
  const named = unalias(mirror);
  if (named instanceof Named && ['runtime', 'internal/runtime/maps'].includes(named.obj.pkg?.path ?? '')) return;
  if (!fromMap(ctx, src, fn)) return;
  const name = mirror.toString().replace(/^.*\//, '').replace(/^[^.]*\./, '');
  ctx.pass.report({
    pos: pos(call),
    end: end(call),
    message: `${name} is a mirror of the runtime's map header read through unsafe: the map layout is not an API and changed completely in Go 1.24 (Swiss tables), so its fields no longer are where this struct says; use len(m) and range`,
  });
}

/** The expression (or the variable it names, through its definition) involves a map value. */
function fromMap(ctx: Ctx, e: Expr, fn: Node | undefined): boolean {
  if (hasMapOperand(ctx, e)) return true;
  const id = unparen(e);
  if (id.kind !== 'Ident' || fn === undefined) return false;
  const obj = ctx.ts.objectOf(id);
  let found = false;
  inspect(fn, (n) => {
    if (found) return false;
    if (n.kind === 'AssignStmt' && n.Lhs.length === n.Rhs.length) {
      n.Lhs.forEach((l, i) => {
        if (l.kind === 'Ident' && l.Name === id.Name && ctx.ts.objectOf(l) === obj && hasMapOperand(ctx, n.Rhs[i]!)) found = true;
      });
    } else if (n.kind === 'ValueSpec' && n.Names.length === n.Values.length) {
      n.Names.forEach((l, i) => {
        if (l.Name === id.Name && ctx.ts.objectOf(l) === obj && hasMapOperand(ctx, n.Values[i]!)) found = true;
      });
    }
    return !found;
  });
  return found;
}

function hasMapOperand(ctx: Ctx, e: Expr): boolean {
  let found = false;
  inspect(e, (n) => {
    if (found) return false;
    if (n.kind === 'Ident' || n.kind === 'SelectorExpr' || n.kind === 'IndexExpr' || n.kind === 'StarExpr') {
      if (headerOf(ctx.ts.typeOf(n as Expr)) === HEADERS.map) found = true;
    }
    return !found;
  });
  return found;
}
