// The records the differential test compares with `gooracle typesdump`: for every
// identifier and selector expression of a package, its object kind, the object's
// declaration position and its type as go/types writes it.

import { end as nodeEnd, inspect, pos as nodePos, type Expr, type File } from '../syntax/ast.js';
import type { FileSet } from '../syntax/position.js';
import type { Info } from './info.js';
import type { TObject } from './objects.js';
import { typeString } from './types.js';

export interface TypeRecord {
  file: string;
  off: number;
  end: number;
  line: number;
  col: number;
  node: 'ident' | 'selector';
  name: string;
  kind: string;
  decl: string;
  type: string;
}

export function objectKindOf(obj: TObject | undefined | null): string {
  return obj ? obj.objectKind() : 'unknown';
}

export function declString(fset: FileSet, obj: TObject | undefined | null): string {
  if (!obj || !obj.pkg || obj.pos === 0) return '';
  const f = fset.file(obj.pos);
  if (!f) return '';
  const p = f.position(obj.pos, false);
  return `${p.filename}:${p.line}:${p.column}`;
}

/** The object denoted by an identifier or selector expression (the selected field or method, or a qualified identifier's object). */
export function objectOfExpr(info: Info, e: Expr): TObject | undefined {
  if (e.kind === 'Ident') return info.objectOf(e);
  if (e.kind === 'SelectorExpr') return info.selection(e)?.obj ?? info.use(e.Sel);
  return undefined;
}

export function recordFor(fset: FileSet, info: Info, e: Expr): TypeRecord | null {
  if (e.kind !== 'Ident' && e.kind !== 'SelectorExpr') return null;
  const obj = objectOfExpr(info, e);
  const start = nodePos(e);
  const f = fset.file(start);
  if (!f) return null;
  const p = f.position(start, false);
  const kind = objectKindOf(obj);
  let type = '';
  if (kind !== 'pkgname' && kind !== 'label') {
    const t = info.typeAndValue(e)?.type ?? obj?.type;
    if (t) type = typeString(t);
  }
  return {
    file: p.filename,
    off: p.offset,
    end: f.offset(nodeEnd(e)),
    line: p.line,
    col: p.column,
    node: e.kind === 'Ident' ? 'ident' : 'selector',
    name: e.kind === 'Ident' ? e.Name : e.Sel.Name,
    kind,
    decl: declString(fset, obj),
    type,
  };
}

export function dumpFile(fset: FileSet, info: Info, file: File, out: (r: TypeRecord) => void): void {
  inspect(file, (n) => {
    if (n.kind === 'Ident' || n.kind === 'SelectorExpr') {
      const r = recordFor(fset, info, n);
      if (r) out(r);
    }
    return true;
  });
}
