import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PatternError, expandPatterns } from './patterns.js';

function tree(files: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'racewatch-patterns-'));
  for (const f of files) {
    if (f.endsWith('/')) {
      mkdirSync(join(root, f), { recursive: true });
      continue;
    }
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), 'package p\n');
  }
  return root;
}

test('./... walks subdirectories but skips testdata, vendor, .hidden and _underscore', (t) => {
  const root = tree(['a.go', 'a_test.go', '_skip.go', '.skip.go', 'notes.txt', 'sub/b.go', 'sub/deep/c.go', 'testdata/x.go', 'vendor/v/y.go', '.git/z.go', '_old/w.go', 'sub/testdata/q.go', 'empty/']);
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const got = expandPatterns(['./...'], root);
  assert.deepEqual(got.files, ['a.go', 'a_test.go', 'sub/b.go', 'sub/deep/c.go']);
  assert.deepEqual(got.dirs, ['.', 'sub', 'sub/deep']);
  assert.deepEqual(expandPatterns(['sub/...'], root).files, ['sub/b.go', 'sub/deep/c.go']);
  // A directory named explicitly is used even if `...` would skip it.
  assert.deepEqual(expandPatterns(['testdata'], root).files, ['testdata/x.go']);
  assert.deepEqual(expandPatterns(['sub'], root).files, ['sub/b.go']);
  assert.deepEqual(expandPatterns(['sub/b.go', './sub/...'], root).files, ['sub/b.go', 'sub/deep/c.go']);
});

test('symbolic links to directories are not followed by ...', (t) => {
  const root = tree(['a/x.go', 'b/y.go']);
  t.after(() => rmSync(root, { recursive: true, force: true }));
  symlinkSync(join(root, 'b'), join(root, 'a', 'link'));
  assert.deepEqual(expandPatterns(['a/...'], root).files, ['a/x.go']);
});

test('a pattern matching nothing is a clear error', (t) => {
  const root = tree(['a/x.go', 'empty/', 'text/readme.txt']);
  t.after(() => rmSync(root, { recursive: true, force: true }));
  assert.throws(() => expandPatterns(['missing'], root), (e: unknown) => e instanceof PatternError && /missing: no such file or directory/.test(e.message));
  assert.throws(() => expandPatterns(['empty/...'], root), /pattern empty\/\.\.\. matched no Go files/);
  assert.throws(() => expandPatterns(['text'], root), /text: no Go files in directory/);
  assert.throws(() => expandPatterns(['text/readme.txt'], root), /not a \.go file/);
  assert.throws(() => expandPatterns(['a/...x'], root), /only patterns ending in/);
});
