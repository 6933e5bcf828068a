// Sizes and alignments as the gc compiler lays types out on 64-bit targets
// (types.SizesFor("gc", "amd64")): needed for unsafe.Sizeof in array lengths.

import { ArrayType, Basic, BasicKind, Interface, Pointer, Struct, Type, TypeParam, Slice } from './types.js';

const wordSize = 8;
const maxAlign = 8;

// A struct's layout is asked again for every struct containing it (and sizeof asked
// offsets, size and alignment of its fields separately): without memoising, nested
// structs cost time exponential in their depth. Only complete answers are kept (a field
// type still being declared gives -1, asked again later).
const structSizes = new WeakMap<Struct, number>();
const structAligns = new WeakMap<Struct, number>();
const structOffsets = new WeakMap<Struct, number[]>();

export function alignof(t: Type): number {
  const u = t.underlying();
  if (t instanceof TypeParam) return -1;
  if (u instanceof ArrayType) return alignof(u.elem);
  if (u instanceof Struct) {
    const known = structAligns.get(u);
    if (known !== undefined) return known;
    const a = structAlign(u);
    if (a >= 0) structAligns.set(u, a);
    return a;
  }
  if (u instanceof Slice || u instanceof Interface) return wordSize;
  if (u instanceof Basic) {
    if (u.kind === BasicKind.String) return wordSize;
    if (u.kind === BasicKind.Complex128) return 8;
    if (u.kind === BasicKind.Complex64) return 4;
  }
  const s = sizeof(t);
  if (s < 1) return 1;
  return Math.min(s, maxAlign);
}

function structAlign(u: Struct): number {
  let a = 1;
  for (const f of u.fields) {
    const fa = alignof(f.type);
    if (fa < 0) return -1;
    if (fa > a) a = fa;
  }
  return a;
}

function basicSize(k: BasicKind): number {
  switch (k) {
    case BasicKind.Bool: case BasicKind.Int8: case BasicKind.Uint8: return 1;
    case BasicKind.Int16: case BasicKind.Uint16: return 2;
    case BasicKind.Int32: case BasicKind.Uint32: case BasicKind.Float32: return 4;
    case BasicKind.Int64: case BasicKind.Uint64: case BasicKind.Float64: case BasicKind.Complex64: return 8;
    case BasicKind.Complex128: return 16;
    case BasicKind.String: return 2 * wordSize;
    case BasicKind.Int: case BasicKind.Uint: case BasicKind.Uintptr: case BasicKind.UnsafePointer: return wordSize;
  }
  return -1;
}

function align(x: number, a: number): number {
  return Math.ceil(x / a) * a;
}

export function offsetsof(s: Struct): number[] {
  const known = structOffsets.get(s);
  if (known !== undefined) return known;
  const out = computeOffsets(s);
  if (out.every((o) => o >= 0)) structOffsets.set(s, out);
  return out;
}

function computeOffsets(s: Struct): number[] {
  const out: number[] = [];
  let off = 0;
  for (const f of s.fields) {
    const a = alignof(f.type);
    const sz = sizeof(f.type);
    if (a < 0 || sz < 0) return s.fields.map(() => -1);
    off = align(off, a);
    out.push(off);
    off += sz;
  }
  return out;
}

export function offsetof(t: Type, i: number): number {
  let u = t.underlying();
  if (u instanceof TypeParam) return -1;
  if (u instanceof Pointer) u = u.elem.underlying();
  if (!(u instanceof Struct)) return -1;
  return offsetsof(u)[i] ?? -1;
}

export function sizeof(t: Type): number {
  if (t instanceof TypeParam) return -1;
  const u = t.underlying();
  if (u instanceof Basic) return basicSize(u.kind);
  if (u instanceof ArrayType) {
    if (u.len < 0) return -1;
    if (u.len === 0) return 0;
    const es = sizeof(u.elem);
    const ea = alignof(u.elem);
    if (es < 0 || ea < 0) return -1;
    return align(es, ea) * (u.len - 1) + es;
  }
  if (u instanceof Slice) return 3 * wordSize;
  if (u instanceof Interface) return 2 * wordSize;
  if (u instanceof Struct) {
    const known = structSizes.get(u);
    if (known !== undefined) return known;
    const size = structSize(u);
    if (size >= 0) structSizes.set(u, size);
    return size;
  }
  return wordSize; // pointers, maps, channels, functions
}

function structSize(u: Struct): number {
  const n = u.fields.length;
  if (n === 0) return 0;
  const offs = offsetsof(u);
  const last = offs[n - 1]!;
  if (last < 0) return -1;
  const lastSize = sizeof(u.fields[n - 1]!.type);
  if (lastSize < 0) return -1;
  let size = last + lastSize;
  // gc pads a struct ending in a zero-sized field so that a pointer past it stays inside.
  if (lastSize === 0 && size > 0) size++;
  const a = alignof(u);
  if (a < 0) return -1;
  return align(size, a);
}
