// The AST as JSON, byte for byte as tools/gooracle's `astdump` writes go/parser's
// tree (see the contract at the top of tools/gooracle/astdump.go): "kind" first, then
// go/ast's fields in order; positions as offsets from the file's start, or null;
// tokens by their spelling; absent nodes null; lists as arrays.

import type * as ast from './ast.js';
import { tokenString } from './token.js';

const tokenKeys = new Set(['Tok', 'Op', 'Kind']);

/** The JSON text of a node whose positions are relative to `base` (the file's FileStart). */
export function astToJson(node: ast.Node, base: number): string {
  return write(node as unknown as Record<string, unknown>, base);
}

// `,"Key":` for each field name, built once.
const keyPrefix = new Map<string, string>();
function prefixOf(key: string): string {
  let p = keyPrefix.get(key);
  if (p === undefined) {
    p = `,"${key}":`;
    keyPrefix.set(key, p);
  }
  return p;
}

function write(o: Record<string, unknown>, base: number): string {
  let out = '{"kind":"' + (o.kind as string) + '"';
  for (const key in o) {
    if (key === 'kind') continue;
    out += prefixOf(key);
    const v = o[key];
    switch (typeof v) {
      case 'number':
        if (tokenKeys.has(key)) out += '"' + tokenString(v) + '"';
        else if (key === 'Dir') out += String(v);
        else out += v === 0 ? 'null' : String(v - base);
        break;
      case 'string':
        out += JSON.stringify(v);
        break;
      case 'boolean':
        out += v ? 'true' : 'false';
        break;
      case 'object':
        if (v === null) {
          out += 'null';
        } else if (Array.isArray(v)) {
          out += '[';
          for (let i = 0; i < v.length; i++) {
            if (i > 0) out += ',';
            out += write(v[i] as Record<string, unknown>, base);
          }
          out += ']';
        } else {
          out += write(v as Record<string, unknown>, base);
        }
        break;
      default:
        throw new Error(`astjson: unexpected ${typeof v} in ${String(o.kind)}.${key}`);
    }
  }
  return out + '}';
}

/** Path of the first difference between two JSON texts of ASTs (e.g. `Decls[3].Body.List[0].X.Sel.NamePos`). */
export function firstDifference(a: string, b: string): string {
  let x: unknown;
  let y: unknown;
  try {
    x = JSON.parse(a);
    y = JSON.parse(b);
  } catch {
    return '(unparsable JSON)';
  }
  return diff(x, y, '') ?? '(no difference)';
}

function diff(x: unknown, y: unknown, path: string): string | undefined {
  if (typeof x !== typeof y || Array.isArray(x) !== Array.isArray(y) || (x === null) !== (y === null)) {
    return `${path || '.'}: ${short(x)} != ${short(y)}`;
  }
  if (Array.isArray(x) && Array.isArray(y)) {
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n; i++) {
      const d = diff(x[i], y[i], `${path}[${i}]`);
      if (d) return d;
    }
    if (x.length !== y.length) return `${path}: length ${x.length} != ${y.length}`;
    return undefined;
  }
  if (x !== null && typeof x === 'object') {
    const xo = x as Record<string, unknown>;
    const yo = y as Record<string, unknown>;
    const xk = Object.keys(xo);
    const yk = Object.keys(yo);
    if (xk.join(',') !== yk.join(',')) return `${path || '.'}: keys ${xk.join(',')} != ${yk.join(',')}`;
    for (const k of xk) {
      const d = diff(xo[k], yo[k], path ? `${path}.${k}` : k);
      if (d) return d;
    }
    return undefined;
  }
  return x === y ? undefined : `${path}: ${short(x)} != ${short(y)}`;
}

function short(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 80 ? s.slice(0, 77) + '...' : s;
}
