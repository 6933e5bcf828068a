import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ArrayType, Struct, Typ, type Type } from './types.js';
import { newField } from './objects.js';
import { alignof, offsetof, sizeof } from './sizes.js';

function struct(...fields: [string, Type][]): Struct {
  return new Struct(fields.map(([name, t]) => newField(0, null, name, t, false)));
}

// Expected figures are gc's on amd64 (go run of the same declarations printed them):
// In 16, Out 32 (align 8, e at 24: a zero-sized last field is padded), L1 72, L2 152 (z at 80).
test('struct sizes, alignments and offsets as gc lays them out, asked repeatedly through nesting', () => {
  const inner = struct(['c', Typ.Int64], ['d', Typ.Int8]);
  const out = struct(['a', Typ.Int8], ['b', inner], ['e', new ArrayType(Typ.Int, 0)]);
  const l1 = struct(['x', Typ.Int8], ['y', out], ['z', out]);
  const l2 = struct(['x', Typ.Int16], ['y', l1], ['z', l1]);
  for (let round = 0; round < 2; round++) {
    assert.equal(sizeof(inner), 16);
    assert.equal(sizeof(out), 32);
    assert.equal(alignof(out), 8);
    assert.equal(offsetof(out, 2), 24);
    assert.equal(sizeof(l2), 152);
    assert.equal(offsetof(l2, 2), 80);
    assert.equal(sizeof(l1), 72);
  }
});

test('nested structs are laid out once per struct, not once per path to them', () => {
  // 40 levels of struct{x int8; y S; z S}: every level doubles the paths to the innermost struct
  // (2^40 of them: laid out per path, this would not finish).
  let s: Struct = struct(['v', Typ.Int64]);
  let size = 8;
  for (let i = 0; i < 40; i++) {
    s = struct(['x', Typ.Int8], ['y', s], ['z', s]);
    size = 8 + 2 * size;
  }
  assert.equal(sizeof(s), size);
});
