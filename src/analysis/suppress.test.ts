import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { File } from '../syntax/ast.js';
import { FileSet } from '../syntax/position.js';
import { applySuppressions, collectSuppressions, BAD_SUPPRESSION } from './suppress.js';
import type { Finding } from './findings.js';

// A File with only the comments filled in: suppression reads nothing else.
function fileWithComments(src: string): { fset: FileSet; file: File } {
  const fset = new FileSet();
  const bytes = Buffer.from(src);
  const sf = fset.addFile('/p/a.go', bytes.length);
  sf.setLinesForContent(bytes);
  const comments = [...src.matchAll(/\/\/[^\n]*/g)].map((m) => ({
    kind: 'CommentGroup' as const,
    List: [{ kind: 'Comment' as const, Slash: sf.base + Buffer.byteLength(src.slice(0, m.index)), Text: m[0] }],
  }));
  const file = { kind: 'File', Comments: comments } as unknown as File;
  return { fset, file };
}

function finding(line: number, check = 'map-race'): Omit<Finding, 'fingerprint'> {
  return { check, severity: 'error', message: 'race', file: '/p/a.go', line, column: 1, endLine: line, endColumn: 2, offset: 0, endOffset: 1, related: [], fixes: [] };
}

const src = [
  'package p', // 1
  '//racewatch:ignore map-race only called from init', // 2
  'x := len(m)', // 3
  'y := len(m) //racewatch:ignore map-race,data-race guarded by caller', // 4
  '//racewatch:ignore map-race', // 5 (no reason)
  'z := len(m)', // 6
  '//racewatch:ignore no-such-check because', // 7
  '//racewatch:ignore data-race stale', // 8
  '//racewatch:ignored not ours', // 9
  '',
].join('\n');

test('suppressions: same line or line above, reason required, unused and unknown reported', () => {
  const { fset, file } = fileWithComments(src);
  const { suppressions, malformed } = collectSuppressions(fset, file);
  assert.equal(suppressions.length, 4);
  assert.equal(malformed.length, 1);
  assert.equal(malformed[0]!.line, 5);
  assert.match(malformed[0]!.message, /needs a reason/);
  const kept = applySuppressions(
    [finding(3), finding(4), finding(6), finding(3, 'stale-len-loop')],
    suppressions,
    new Set(['map-race', 'data-race', 'stale-len-loop']),
    new Set(['map-race', 'data-race', 'stale-len-loop']),
  );
  const summary = kept.map((f) => `${f.line}:${f.check}:${f.message}`);
  assert.deepEqual(summary, [
    '6:map-race:race', // the reasonless suppression silences nothing
    '3:stale-len-loop:race', // a suppression names the checks it silences
    `7:${BAD_SUPPRESSION}:racewatch:ignore names unknown check no-such-check (see racewatch checks)`,
    `8:${BAD_SUPPRESSION}:racewatch:ignore data-race suppresses nothing here; remove it`,
  ]);
});

test('suppressions for checks that did not run are not called unused', () => {
  const { fset, file } = fileWithComments(src);
  const { suppressions } = collectSuppressions(fset, file);
  const kept = applySuppressions([], suppressions, new Set(['stale-len-loop']), new Set(['map-race', 'data-race', 'stale-len-loop']));
  assert.deepEqual(kept.map((f) => f.line), [7]);
});
