// Without type information stale-len-loop reports only what the syntax proves: a
// slice resliced in the function is a slice; `s = nil` alone could be a map.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runPackage } from '../../analysis/runner.js';
import { syntaxOnlyUnit } from '../../testutil/unit.js';
import { staleLenLoop } from './index.js';

function findingsWithoutTypes(src: string): string[] {
  const unit = syntaxOnlyUnit(src);
  assert.equal(unit.types, undefined);
  const r = runPackage(unit, [staleLenLoop], { settings: { includeGoroot: false }, known: new Set([staleLenLoop.name]), reportBadSuppressions: false });
  assert.deepEqual(r.errors, []);
  return r.findings.map((f) => `${f.line}: ${f.message}`);
}

test('stale-len-loop without types: reslicing proves a slice', () => {
  const got = findingsWithoutTypes(`package p

func f(s []int) []int {
	n := len(s)
	for i := 0; i < n; i++ {
		if s[i] == 0 {
			s = append(s[:i], s[i+1:]...)
		}
	}
	return s
}
`);
  assert.equal(got.length, 1);
  assert.match(got[0]!, /^5: n was len\(s\) before the loop, but the body changes s \(line 7\)/);
});

test('stale-len-loop without types: s = nil alone proves nothing, so it stays quiet', () => {
  const got = findingsWithoutTypes(`package p

func f(s []int) int {
	sum := 0
	n := len(s)
	for i := 0; i < n; i++ {
		sum += s[i]
		if sum > 10 {
			s = nil
		}
	}
	return sum
}
`);
  assert.deepEqual(got, []);
});


test('stale-len-loop needs types only for a loop that changes and indexes its bounding collection', () => {
  const settings = { includeGoroot: false };
  // The body writes another slice: no finding is possible, whatever s is.
  assert.equal(staleLenLoop.needsTypes!(syntaxOnlyUnit(`package p

func f(s, out []int) {
	for i := range s {
		out[i] = s[i]
	}
}
`), settings), false);
  // The body shrinks s and indexes it with i: whether s is a slice or a map decides.
  assert.equal(staleLenLoop.needsTypes!(syntaxOnlyUnit(`package p

func f(s []int) {
	n := len(s)
	for i := 0; i < n; i++ {
		if s[i] == 0 {
			s = s[:i]
		}
	}
}
`), settings), true);
  // A package that names something len: the look takes every len(…) for the builtin
  // (the types can only say fewer are), so a loop that cannot be reported whatever len
  // is needs no types…
  assert.equal(staleLenLoop.needsTypes!(syntaxOnlyUnit(`package p

func f(s, out []int, len int) {
	for i := range s {
		out[i] = s[i] + len
	}
}
`), settings), false);
  // …and one that can does.
  assert.equal(staleLenLoop.needsTypes!(syntaxOnlyUnit(`package p

func f(s []int, cap int) {
	len := func(x []int) int { return cap }
	_ = len
	n := len(s)
	for i := 0; i < n; i++ {
		if s[i] == 0 {
			s = s[:i]
		}
	}
}
`), settings), true);
  // The bound is taken again where s changes: never stale, whether s is a slice or a map.
  assert.equal(staleLenLoop.needsTypes!(syntaxOnlyUnit(`package p

func f(s []int) {
	n := len(s)
	for i := 0; i < n; i++ {
		if s[i] == 0 {
			s = s[:i]
			n = len(s)
		}
	}
}
`), settings), false);
  // The loop returns right after the change: never stale either.
  assert.equal(staleLenLoop.needsTypes!(syntaxOnlyUnit(`package p

func f(s []int) []int {
	for i := range s {
		if s[i] == 0 {
			s = s[:i]
			return s
		}
	}
	return s
}
`), settings), false);
  // Written as a map (m[k] = v) and read with the loop variable: only the type can tell
  // a map (reported) from a slice (an element write, not reported).
  assert.equal(staleLenLoop.needsTypes!(syntaxOnlyUnit(`package p

func f(m map[int]int) {
	n := len(m)
	for i := 0; i < n; i++ {
		m[i+n] = m[i]
	}
}
`), settings), true);
});
