// The harness must fail when a check and its testdata disagree; these tests feed it a
// toy check and testdata that is wrong in each way it must catch.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Check } from './check.js';
import { buildFixedPackages, parseWantLiterals, runTestdata } from './testing.js';
import { requireGo } from '../testutil/go.js';

// Reports every identifier named "bad", with a fix renaming it to "good".
const toy: Check = {
  name: 'toy',
  severity: 'warning',
  requires: [],
  doc: { title: 'toy', markdown: '' },
  run(pass) {
    for (const f of pass.pkg.files) {
      const src = Buffer.from(pass.pkg.source(f));
      for (let i = src.indexOf('bad'); i >= 0; i = src.indexOf('bad', i + 1)) {
        const pos = f.FileStart + i;
        // Skip occurrences inside comments.
        const lineStart = src.lastIndexOf(10, i) + 1;
        if (src.subarray(lineStart, i).includes('//')) continue;
        pass.report({ pos, end: pos + 3, message: `found bad at byte ${i}`, fixes: [{ message: 'Rename to good', safe: true, edits: [{ pos, end: pos + 3, newText: 'good' }] }] });
      }
    }
  },
};

function testdata(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'racewatch-harness-'));
  writeFileSync(join(root, 'go.mod'), 'module example.com/toy\n\ngo 1.22\n');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

test('want literals: interpreted and raw strings, several per comment', () => {
  assert.deepEqual(parseWantLiterals('"a\\\\(b" `c\\d`'), ['a\\(b', 'c\\d']);
  assert.throws(() => parseWantLiterals('"open'), /unterminated/);
  assert.throws(() => parseWantLiterals('bare'), /expected a quoted/);
});

test('harness passes when wants and goldens match', async () => {
  const src = 'package p\n\nvar bad = 1 // want "found bad"\n\n// want+1 `found bad at byte \\d+`\nvar x = bad\n';
  const root = testdata({
    'p/p.go': src,
    'p/p.go.golden': 'package p\n\nvar good = 1 // want "found bad"\n\n// want+1 `found bad at byte \\d+`\nvar x = good\n',
  });
  const r = await runTestdata(toy, root);
  assert.deepEqual(r.failures, []);
  assert.equal(r.expectations, 2);
  assert.equal(r.findings.length, 2);
});

test('harness fails on an unexpected diagnostic, an unmatched want, and a wrong golden', async () => {
  const root = testdata({
    'q/q.go': 'package q\n\nvar bad = 1\nvar fine = 2 // want "nothing here"\nvar y = bad // want "found good"\n',
    'q/q.go.golden': 'package q\n\nvar good = 1\nvar fine = 2 // want "nothing here"\nvar y = bad // want "found good"\n',
  });
  const r = await runTestdata(toy, root);
  const text = r.failures.join('\n');
  assert.match(text, /q\/q\.go:3:5: unexpected diagnostic: found bad at byte \d+ \(toy\)/);
  assert.match(text, /q\/q\.go:4: no diagnostic matched want "nothing here"/);
  assert.match(text, /q\/q\.go:5: no diagnostic matched want "found good"; got "found bad at byte \d+"/);
  assert.match(text, /q\/q\.go:5:\d+: unexpected diagnostic/);
  assert.match(text, /q\/q\.go\.golden: fixed file differs from golden:\n  line 5:/);
});

test('harness fails when fixes have no golden file, and on testdata that does not parse', async () => {
  const root = testdata({ 'r/r.go': 'package r\n\nvar bad = 1 // want "found bad"\n', 's/s.go': 'package s\n\nfunc {\n' });
  const r = await runTestdata(toy, root);
  const text = r.failures.join('\n');
  assert.match(text, /r\/r\.go: diagnostics suggest fixes but r\/r\.go\.golden is missing/);
  assert.match(text, /s\/s\.go:3:\d+: testdata does not load or parse/);
});

test('fixed packages are built: a golden that does not compile fails', (t) => {
  if (!requireGo(t)) return;
  const good = testdata({ 'p/p.go': 'package p\n\nvar bad = 1\n', 'p/p.go.golden': 'package p\n\nvar good = 1\n' });
  assert.deepEqual(buildFixedPackages(good), []);
  const broken = testdata({ 'p/p.go': 'package p\n\nvar bad = 1\n', 'p/p.go.golden': 'package p\n\nvar good = undefinedName\n' });
  const failures = buildFixedPackages(broken);
  assert.equal(failures.length, 1);
  assert.match(failures[0]!, /\.\/p: the fixed package does not build:[\s\S]*undefined: undefinedName/);
});
