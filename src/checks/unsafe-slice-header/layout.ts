// Memory layouts, as far as this check needs them: the words of the headers Go
// keeps for slices, strings, interfaces and maps, and the pieces a target type reads
// when a header's address is reinterpreted as a pointer to it. Sizes are those of the
// 64-bit platforms (amd64, arm64): one word is 8 bytes.

import { isNamedValue } from '../../types/query.js';
import { ArrayType, Basic, BasicKind, Chan, Interface, MapType, Pointer, Signature, Slice, Struct, type Type, TypeParam, unalias } from '../../types/types.js';

export const WORD = 8;

/** P: a pointer the GC sees; U: a uintptr; I: an integer; F: a float; O: anything else. */
export type WordKind = 'P' | 'U' | 'I' | 'F' | 'O';

export type HeaderKind = 'slice' | 'string' | 'interface' | 'map';

export interface Header {
  kind: HeaderKind;
  /** What each word is: "data pointer", "len", … */
  words: string[];
  kinds: WordKind[];
}

export const HEADERS: Record<HeaderKind, Header> = {
  slice: { kind: 'slice', words: ['data pointer', 'len', 'cap'], kinds: ['P', 'I', 'I'] },
  string: { kind: 'string', words: ['data pointer', 'len'], kinds: ['P', 'I'] },
  interface: { kind: 'interface', words: ['type word', 'data word'], kinds: ['P', 'P'] },
  map: { kind: 'map', words: ['map pointer'], kinds: ['P'] },
};

/** The header a value of type t is, if it is one of the four. */
export function headerOf(t: Type | undefined): Header | undefined {
  if (t === undefined) return undefined;
  // A type parameter's underlying type is its constraint, not the layout of its value.
  if (unalias(t) instanceof TypeParam) return undefined;
  const u = unalias(t).underlying();
  if (u instanceof Slice) return HEADERS.slice;
  if (u instanceof MapType) return HEADERS.map;
  if (u instanceof Interface) return HEADERS.interface;
  if (u instanceof Basic && (u.kind === BasicKind.String || u.kind === BasicKind.UntypedString)) return HEADERS.string;
  return undefined;
}

/** One piece a type reads: its name for messages, where it sits and what it is. */
export interface Piece {
  label: string;
  off: number;
  size: number;
  kind: WordKind;
  type: string;
}

const MAX_PIECES = 16;

function sizeAlign(t: Type): { size: number; align: number } | undefined {
  const u = unalias(t).underlying();
  if (u instanceof Basic) {
    switch (u.kind) {
      case BasicKind.Bool: case BasicKind.Int8: case BasicKind.Uint8: return { size: 1, align: 1 };
      case BasicKind.Int16: case BasicKind.Uint16: return { size: 2, align: 2 };
      case BasicKind.Int32: case BasicKind.Uint32: case BasicKind.Float32: return { size: 4, align: 4 };
      case BasicKind.Int: case BasicKind.Uint: case BasicKind.Int64: case BasicKind.Uint64: case BasicKind.Uintptr:
      case BasicKind.Float64: case BasicKind.Complex64: case BasicKind.UnsafePointer:
        return { size: 8, align: 8 };
      case BasicKind.Complex128: return { size: 16, align: 8 };
      case BasicKind.String: return { size: 16, align: 8 };
      default: return undefined;
    }
  }
  if (u instanceof Pointer || u instanceof MapType || u instanceof Chan || u instanceof Signature) return { size: 8, align: 8 };
  if (u instanceof Slice) return { size: 24, align: 8 };
  if (u instanceof Interface) return { size: 16, align: 8 };
  if (u instanceof ArrayType) {
    const e = sizeAlign(u.elem);
    return e === undefined || u.len < 0 ? undefined : { size: e.size * u.len, align: e.align };
  }
  if (u instanceof Struct) {
    let off = 0;
    let align = 1;
    for (const f of u.fields) {
      const fa = sizeAlign(f.type);
      if (fa === undefined) return undefined;
      off = Math.ceil(off / fa.align) * fa.align + fa.size;
      align = Math.max(align, fa.align);
    }
    return { size: Math.ceil(off / align) * align, align };
  }
  return undefined;
}

function scalarKind(u: Type): WordKind {
  if (u instanceof Basic) {
    if (u.kind === BasicKind.UnsafePointer) return 'P';
    if (u.kind === BasicKind.Uintptr) return 'U';
    if (u.kind === BasicKind.Float64) return 'F';
    if (u.kind === BasicKind.Int || u.kind === BasicKind.Uint || u.kind === BasicKind.Int64 || u.kind === BasicKind.Uint64) return 'I';
    return 'O';
  }
  if (u instanceof Pointer || u instanceof MapType || u instanceof Chan || u instanceof Signature) return 'P';
  return 'O';
}

/** The pieces of t, flattened (undefined when a size is unknown or t is too big to list). */
export function pieces(t: Type, label = '', off = 0, out: Piece[] = []): Piece[] | undefined {
  if (out.length > MAX_PIECES) return undefined;
  const u = unalias(t).underlying();
  const name = t.toString();
  const header = headerOf(u);
  if (header !== undefined && header.kind !== 'map') {
    header.words.forEach((w, i) => out.push({ label: label === '' ? w : `${label} (${w})`, off: off + i * WORD, size: WORD, kind: header.kinds[i]!, type: name }));
    return out;
  }
  if (u instanceof Struct) {
    let o = 0;
    for (const f of u.fields) {
      const fa = sizeAlign(f.type);
      if (fa === undefined) return undefined;
      o = Math.ceil(o / fa.align) * fa.align;
      if (pieces(f.type, label === '' ? `field ${f.name}` : `${label}.${f.name}`, off + o, out) === undefined) return undefined;
      o += fa.size;
    }
    return out;
  }
  if (u instanceof ArrayType) {
    const e = sizeAlign(u.elem);
    if (e === undefined || u.len < 0 || u.len > MAX_PIECES) return undefined;
    for (let i = 0; i < u.len; i++) {
      if (pieces(u.elem, label === '' ? `element ${i}` : `${label}[${i}]`, off + i * e.size, out) === undefined) return undefined;
    }
    return out;
  }
  const sa = sizeAlign(u);
  if (sa === undefined) return undefined;
  out.push({ label, off, size: sa.size, kind: scalarKind(u), type: name });
  return out;
}

/** Whether a piece of kind `read` may read a header word of kind `word`. */
export function compatible(word: WordKind, read: WordKind): boolean {
  if (word === 'P') return read === 'P' || read === 'U';
  if (word === 'I') return read === 'I' || read === 'U';
  return false;
}

/** A named struct type, or a struct literal type, with these field names. */
export function fieldNames(t: Type): string[] | undefined {
  const u = unalias(t).underlying();
  return u instanceof Struct ? u.fields.map((f) => f.name) : undefined;
}

const OLD_HMAP = new Set(['count', 'flags', 'B', 'noverflow', 'hash0', 'buckets', 'oldbuckets', 'nevacuate', 'extra', 'clearSeq']);
const SWISS_MAP = new Set(['used', 'seed', 'dirPtr', 'dirLen', 'globalDepth', 'globalShift', 'writing', 'tombstonePossible', 'clearSeq']);

/** A struct that mirrors the runtime's map header (the pre-1.24 hmap or the Swiss-table Map). */
export function isMapHeaderMirror(t: Type): boolean {
  const names = fieldNames(t);
  if (names === undefined) return false;
  const old = names.filter((n) => OLD_HMAP.has(n)).length;
  const swiss = names.filter((n) => SWISS_MAP.has(n)).length;
  return (old >= 3 && (names.includes('buckets') || names.includes('B'))) || (swiss >= 3 && names.includes('dirPtr'));
}

/** Exactly the named type pkgPath.name (not a pointer to it). */
export const isNamedIn = isNamedValue;
