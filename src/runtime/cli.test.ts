import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { repoRoot } from '../testutil/go.js';
import { FatalError, UsageError } from '../cli/command.js';
import { triageCommand } from '../cli/commands/triage.js';
import { readFileSync } from 'node:fs';

const samples = join(repoRoot, 'src', 'runtime', 'testdata', 'samples');
const sample = (name: string): string => readFileSync(join(samples, name), 'utf8');

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  return { stream, text: () => chunks.join('') };
}

async function triage(args: string[], cwd: string) {
  const out = capture();
  const err = capture();
  const code = await triageCommand.run(args, { stdout: out.stream, stderr: err.stream, cwd });
  return { code, out: out.text(), err: err.text() };
}

function withDir(fn: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'racewatch-triage-cli-'));
    try {
      await fn(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

test(
  'exit 0 without incidents, 1 with incidents, 2 when an input cannot be read (the others are still triaged)',
  withDir(async (dir) => {
    writeFileSync(join(dir, 'quiet.log'), 'all good\nnothing to see\n');
    writeFileSync(join(dir, 'crash.log'), sample('go117-map-writes-throw.txt'));
    assert.equal((await triage(['quiet.log'], dir)).code, 0);
    assert.equal((await triage(['quiet.log', 'crash.log'], dir)).code, 1);
    const r = await triage(['missing.log', 'crash.log', '.'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /missing\.log: cannot read: no such file/);
    assert.match(r.err, /\.: cannot read: is a directory/);
    assert.match(r.out, /incident 1: concurrent-map-writes {2}×1/);
  }),
);

test(
  'gzip-compressed logs are read',
  withDir(async (dir) => {
    writeFileSync(join(dir, 'old.log.gz'), gzipSync(sample('go122-map-writes-trimpath.txt')));
    writeFileSync(join(dir, 'bad.log.gz'), 'not gzip');
    const r = await triage(['--json', 'old.log.gz', 'bad.log.gz'], dir);
    assert.equal(JSON.parse(r.out).incidents[0].kind, 'concurrent-map-writes');
    assert.match(r.err, /bad\.log\.gz: cannot read: not valid gzip data/);
  }),
);

test(
  'JSON output has the documented shape',
  withDir(async (dir) => {
    writeFileSync(join(dir, 'a.log'), sample('go120-race-failed-restore.txt') + sample('go119-race-truncated.txt'));
    const doc = JSON.parse((await triage(['--format', 'json', 'a.log'], dir)).out);
    assert.equal(doc.version, 1);
    assert.deepEqual(Object.keys(doc.inputs).slice(0, 3), ['bytes', 'lines', 'reports']);
    assert.equal(doc.inputs.reports, 2);
    const inc = doc.incidents[0];
    for (const key of ['kind', 'signature', 'count', 'firstSeen', 'lastSeen', 'truncated', 'sides', 'finding']) assert.ok(key in inc, key);
    assert.deepEqual(Object.keys(inc.sides[0]).slice(0, 2), ['access', 'goroutine']);
    assert.deepEqual(Object.keys(inc.sides[0].frames[0]), ['function', 'file', 'line']);
    assert.ok(doc.incidents.some((i: { truncated: boolean }) => i.truncated));
  }),
);

test(
  'OpenMetrics output: one counter sample per incident, terminated by # EOF',
  withDir(async (dir) => {
    const lines = sample('go122-map-writes-trimpath.txt').trimEnd().split('\n');
    writeFileSync(join(dir, 'a.log'), [...lines.map((l) => `2024-06-01T10:00:00Z ${l}`), ...lines.map((l) => `2024-06-01T11:30:00Z ${l}`)].join('\n'));
    const r = await triage(['--metrics', 'a.log'], dir);
    assert.equal(r.code, 1);
    const sample1 = r.out.split('\n').filter((l) => l.startsWith('racewatch_incidents_total{'));
    assert.equal(sample1.length, 1);
    assert.match(sample1[0]!, /^racewatch_incidents_total\{kind="concurrent-map-writes",signature="[0-9a-f]{16}"\} 2$/);
    assert.match(r.out, /racewatch_incident_last_seen_timestamp_seconds\{[^}]*\} 1717241400\n/);
    assert.match(r.out, /# TYPE racewatch_incidents counter\n/);
    assert.ok(r.out.endsWith('# EOF\n'));
  }),
);

test('standard input is read for - and when no file is given', async () => {
  // The command reads process.stdin for '-'; the triage layer takes any stream, exercised here directly.
  const { triageInputs } = await import('./triage.js');
  const run = await triageInputs(['-'], { cwd: repoRoot, stdin: Readable.from([Buffer.from(sample('go121-test-nil-map.txt'))]) });
  assert.equal(run.result.incidents[0]!.kind, 'nil-map-write');
  assert.equal(run.result.incidents[0]!.seenAt[0], '<stdin>:3');
});

test('usage errors and a malformed findings file are reported as such', withDir(async (dir) => {
  await assert.rejects(triage(['--format', 'xml'], dir), UsageError);
  await assert.rejects(triage(['--bogus'], dir), UsageError);
  writeFileSync(join(dir, 'f.json'), '{"version": 1, "findings": [}');
  await assert.rejects(triage(['--with-findings', 'f.json', 'x.log'], dir), (err: unknown) => err instanceof FatalError && /^f\.json:1:\d+: not valid JSON/.test(err.message));
}));
