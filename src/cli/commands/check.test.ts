import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../main.js';
import { repoRoot } from '../../testutil/go.js';

const testdata = join(repoRoot, 'src', 'checks', 'runtime-linkname', 'testdata');

async function racewatch(args: string[], cwd = testdata): Promise<{ code: number; out: string; err: string }> {
  const chunks = { out: [] as string[], err: [] as string[] };
  const sink = (into: string[]) => new Writable({ write: (c, _e, cb) => (into.push(String(c)), cb()) });
  const code = await main(args, { stdout: sink(chunks.out), stderr: sink(chunks.err), cwd });
  return { code, out: chunks.out.join(''), err: chunks.err.join('') };
}

test('check: text findings relative to cwd, exit 1; a clean package exits 0', async () => {
  const r = await racewatch(['check', '--checks', 'runtime-linkname', './...']);
  assert.equal(r.code, 1, r.err);
  const first = r.out.split('\n')[0]!;
  assert.match(first, /^pulls\/pulls\.go:11:1: \/\/go:linkname pulls runtime\.maplen .* \(runtime-linkname\)$/);
  assert.match(r.err, /racewatch: 14 findings in 4 packages/);
  const clean = await racewatch(['check', '--checks', 'runtime-linkname', './quiet', './own/...']);
  assert.equal(clean.code, 0, clean.out + clean.err);
  assert.equal(clean.out, '');
});

test('check --format json and --output; never over a .go file', async () => {
  const r = await racewatch(['check', '--checks=runtime-linkname', '--format', 'json', './pulls']);
  assert.equal(r.code, 1);
  const doc = JSON.parse(r.out);
  assert.equal(doc.findings.length, 14);
  assert.equal(doc.findings[0].file, 'pulls/pulls.go');
  assert.equal(doc.stats.packages, 1);
  const dir = mkdtempSync(join(tmpdir(), 'racewatch-cli-'));
  const out = join(dir, 'report.sarif');
  const w = await racewatch(['check', '--checks', 'runtime-linkname', '--format', 'sarif', '-o', out, './pulls']);
  assert.equal(w.code, 1);
  assert.equal(w.out, '');
  assert.equal(JSON.parse(readFileSync(out, 'utf8')).runs[0].results.length, 14);
  const victim = join(dir, 'main.go');
  writeFileSync(victim, 'package main\n');
  const refused = await racewatch(['check', '--format', 'json', '--output', victim, './pulls']);
  assert.equal(refused.code, 2);
  assert.match(refused.err, /refusing to write the report over a Go source file/);
  assert.equal(readFileSync(victim, 'utf8'), 'package main\n');
  assert.ok(!existsSync(join(dir, 'nothing.go')));
});

test('check: usage errors exit 2', async () => {
  for (const args of [['check', '--checks', 'no-such-check'], ['check', '--format', 'xml'], ['check', '--bogus'], ['check', '--tests=maybe']]) {
    const r = await racewatch(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, /Usage: racewatch check/);
  }
  const disabled = await racewatch(['check', '--checks', 'runtime-linkname', '--disable', 'runtime-linkname', './pulls']);
  assert.equal(disabled.code, 0, disabled.err);
});

test('checks lists every check with severity and title; explain prints the doc', async () => {
  const list = await racewatch(['checks']);
  assert.equal(list.code, 0);
  assert.match(list.out, /^runtime-linkname\s+warning\s+\/\/go:linkname reaching into/m);
  assert.match(list.out, /^bad-suppression\s+warning\s+a racewatch:ignore comment/m);
  const doc = await racewatch(['explain', 'runtime-linkname']);
  assert.equal(doc.code, 0);
  assert.match(doc.out, /## What it finds/);
  assert.match(doc.out, /## Fix safety/);
  const unknown = await racewatch(['explain', 'nope']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /unknown check "nope"\nChecks: .*runtime-linkname/);
});
