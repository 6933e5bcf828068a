// The lock fix of map-race and data-race: which methods get it, how it is marked, and
// that applying it silences the races it is offered for (the harness already proves the
// fixed testdata builds and matches the goldens).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChecks } from '../driver.js';
import { dataRace } from '../../checks/data-race/index.js';
import { repoRoot } from '../../testutil/go.js';

const testdata = join(repoRoot, 'src', 'checks', 'data-race', 'testdata');

/** The name of the function declared around a line of a Go file. */
function enclosingFunc(file: string, line: number): string {
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = line - 1; i >= 0; i--) {
    const m = /^func (?:\([^)]*\) )?(\w+)/.exec(lines[i]!);
    if (m) return m[1]!;
  }
  return '';
}

test('lock fixes: offered for the simple shape, safe only when provably deadlock-free', async () => {
  const run = await runChecks({ cwd: testdata, patterns: ['./datarace'], checks: [dataRace], workers: 0 });
  const byFunc = new Map<string, { safe: boolean; message: string } | null>();
  for (const f of run.findings) {
    if (!f.file.endsWith('fixes.go')) continue;
    const fix = f.fixes[0];
    // A method's fix rides on its first finding only; the others carry none.
    const name = enclosingFunc(f.file, f.line);
    if (fix || !byFunc.has(name)) byFunc.set(name, fix ? { safe: fix.safe, message: fix.message } : null);
  }
  assert.deepEqual(byFunc.get('Snapshot'), { safe: true, message: 'Call g.mu.RLock() at the top of (*Meter).Snapshot, with a deferred RUnlock' });
  assert.equal(byFunc.get('Describe')?.safe, false, 'Describe calls fmt.Sprintf');
  assert.equal(byFunc.get('Balance')?.safe, false, 'Balance is called by Audit under the lock');
  assert.equal(byFunc.get('Balance')?.message, 'Call l.mu.Lock() at the top of (*Ledger).Balance, with a deferred Unlock');
  assert.equal(byFunc.get('Reset'), null, 'Reset already locks part of its body');
  assert.equal(byFunc.get('Peer')?.safe, true, 'Peer returns early (the deferred unlock covers it) and calls nothing');
  assert.equal(byFunc.get('Deadline')?.safe, false, 'Deadline calls time.Now');
  assert.equal(byFunc.get('String')?.safe, false, 'report holds t.tmu and hands t to fmt, which calls String');
  assert.equal(byFunc.get('Stats'), null, 'Stats also has a map race: map-race carries its fix');
});

test('lock fixes: the fixed package has no race left in the fixed methods', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'racewatch-lockfix-'));
  try {
    cpSync(testdata, dir, { recursive: true });
    const pkg = join(dir, 'datarace');
    for (const n of readdirSync(pkg)) if (n.endsWith('.go.golden')) renameSync(join(pkg, n), join(pkg, n.slice(0, -'.golden'.length)));
    const before = await runChecks({ cwd: testdata, patterns: ['./datarace'], checks: [dataRace], workers: 0 });
    const fixedFuncs = new Set(before.findings.filter((f) => f.fixes.length > 0).map((f) => `${f.file.slice(testdata.length)}:${enclosingFunc(f.file, f.line)}`));
    assert.ok(fixedFuncs.size >= 4, `expected several fixed methods, got ${[...fixedFuncs].join(', ')}`);
    const after = await runChecks({ cwd: dir, patterns: ['./datarace'], checks: [dataRace], workers: 0 });
    const left = after.findings.filter((f) => fixedFuncs.has(`${f.file.slice(dir.length)}:${enclosingFunc(f.file, f.line)}`));
    assert.deepEqual(left.map((f) => `${f.file}:${f.line}: ${f.message}`), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
