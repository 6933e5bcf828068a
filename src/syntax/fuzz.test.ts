// A fixed-seed sample of the fuzz run (`npm run fuzz` does 100,000 inputs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { findGo } from '../testutil/go.js';
import { checkParse, corpusFiles, runFuzz } from './fuzz.js';

test('fuzz sample: 3,000 mutated Go files parse without exceptions, errors inside the file', { timeout: 10 * 60 * 1000 }, async (t) => {
  const go = findGo();
  const corpus = go ? corpusFiles(join(go.goroot, 'src'), 300, 7, 16 * 1024) : null;
  if (!go) t.diagnostic('go not installed: fuzzing the built-in snippets only');
  const result = await runFuzz(corpus, 20261126, 3000, 2, 60);
  t.diagnostic(`${result.inputs} inputs, ${(result.bytes / 1e6).toFixed(1)} MB`);
  assert.equal(result.inputs, 3000);
  assert.deepEqual(result.failures, []);
});

test('pathological inputs: deep nesting and very long lines', () => {
  const enc = new TextEncoder();
  const deep = 'package p\nvar x = ' + '('.repeat(50_000) + '1' + ')'.repeat(50_000) + '\n';
  assert.equal(checkParse(enc.encode(deep)), null);
  const deepBlocks = 'package p\nfunc f() {' + '{'.repeat(50_000) + '}'.repeat(50_000) + '}\n';
  assert.equal(checkParse(enc.encode(deepBlocks)), null);
  const unclosed = 'package p\nvar x = ' + '[]('.repeat(40_000);
  assert.equal(checkParse(enc.encode(unclosed)), null);
  const longLine = 'package p\nvar x = []int{' + '1, '.repeat(200_000) + '}\n';
  assert.equal(checkParse(enc.encode(longLine)), null);
  const manyDecls = 'package p\n' + Array.from({ length: 20_000 }, (_, i) => `func f${i}() {}\n`).join('');
  assert.equal(checkParse(enc.encode(manyDecls)), null);
});
