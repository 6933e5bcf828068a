import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assignFingerprints, dedupeFindings, splitLines, type Finding } from './findings.js';

type F = Omit<Finding, 'fingerprint'>;

function at(line: number, over: Partial<F> = {}): F {
  return { check: 'map-race', severity: 'error', message: 'm', file: '/x/a.go', line, column: 2, endLine: line, endColumn: 5, offset: line * 10, endOffset: line * 10 + 3, related: [], fixes: [], ...over };
}

function prints(text: string, findings: F[]): string[] {
  const lines = splitLines(text);
  return assignFingerprints(findings, () => 'example.com/p/a.go', () => lines).map((f) => f.fingerprint);
}

test('fingerprints survive unrelated lines moving and distinguish repeated lines', () => {
  const before = 'package p\nfunc f() {\n\tn := len(m)\n\tn = len(m)\n}\n';
  const after = 'package p\n\n// a new comment\n\nfunc f() {\n\tn := len(m)\n\tn = len(m)\n}\n';
  const [a1, a2] = prints(before, [at(3), at(4)]);
  const [b1, b2] = prints(after, [at(6), at(7)]);
  assert.equal(a1, b1);
  assert.equal(a2, b2);
  assert.notEqual(a1, a2);
  // Two findings on identical text are told apart by their occurrence index.
  const same = 'package p\n\tx := len(m)\n\tx := len(m)\n';
  const [s1, s2] = prints(same, [at(2), at(3)]);
  assert.notEqual(s1, s2);
  // Changing the flagged line changes the fingerprint; so does another check.
  const edited = 'package p\nfunc f() {\n\tn := len(m2)\n\tn = len(m)\n}\n';
  assert.notEqual(prints(edited, [at(3)])[0], a1);
  assert.notEqual(prints(before, [at(3, { check: 'data-race' })])[0], a1);
  // Whitespace-only edits do not.
  assert.equal(prints('package p\nfunc f() {\n    n :=   len(m)\n}\n', [at(3)])[0], a1);
});

test('the same pair of accesses found from several goroutine contexts is reported once', () => {
  const other = { file: '/x/a.go', line: 9, column: 2, endLine: 9, endColumn: 5, offset: 90, endOffset: 93 };
  const fromMain = { ...at(3, { related: [{ ...other, message: 'the write, in main' }] }), fingerprint: 'a' };
  const fromTest = { ...at(3, { related: [{ ...other, message: 'the write, in TestX' }] }), fingerprint: 'b' };
  const otherPair = { ...at(3, { related: [{ ...other, offset: 120, endOffset: 123, line: 12, message: 'another write' }] }), fingerprint: 'c' };
  const otherCheck = { ...at(3, { check: 'data-race', related: [{ ...other, message: 'x' }] }), fingerprint: 'd' };
  assert.deepEqual(
    dedupeFindings([fromMain, fromTest, otherPair, otherCheck]).map((f) => f.fingerprint),
    ['a', 'c', 'd'],
  );
});
