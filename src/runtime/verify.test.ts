import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { repoRoot, requireGo } from '../testutil/go.js';
import { verifyCommand } from '../cli/commands/verify.js';
import { FindingsError, parseFindings, type FindingsJson } from './findings.js';
import { runCheckInProcess, verify, VerifyError } from './verify.js';

const mod = join(repoRoot, 'src', 'runtime', 'testdata', 'verifymod');

function markerLine(rel: string, marker: string): number {
  const i = readFileSync(join(mod, rel), 'utf8').split('\n').findIndex((l) => l.includes(`racewatch-fixture: ${marker}`));
  assert.ok(i >= 0);
  return i + 1;
}

function finding(file: string, marker: string, fingerprint: string, related?: [string, string]) {
  return {
    check: 'map-unguarded',
    severity: 'error',
    message: `finding ${fingerprint}`,
    file,
    line: markerLine(file, marker),
    column: 2,
    endLine: 0,
    endColumn: 0,
    related: related ? [{ file: related[0], line: markerLine(related[0], related[1]), column: 2, message: 'other side' }] : [],
    fixes: [],
    fingerprint,
  };
}

function findingsDoc(): FindingsJson {
  return {
    version: 1,
    tool: { name: 'racewatch', version: '0.1.0' },
    findings: [
      finding('store/store.go', 'sessions-write', 'sessions', ['store/store.go', 'sessions-read']),
      finding('store/store.go', 'limits-write', 'limits'),
      finding('broken/broken.go', 'broken-write', 'broken'),
      finding('hang/hang.go', 'hang-write', 'hang'),
      finding('clean/clean.go', 'clean-write', 'clean'),
    ],
    errors: [],
    stats: { packages: 4, files: 4, lines: 60, seconds: 0.1 },
  };
}

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

test('verify: confirmed, not reproduced, racewatch misses, a package that does not build, one with no tests, one that hangs', async (t) => {
  if (!requireGo(t)) return;
  const started = Date.now();
  const result = await verify({ cwd: mod, patterns: ['./...'], getFindings: async () => findingsDoc(), count: 2, cpu: '1,2', budgetMs: 24_000 });
  const status = Object.fromEntries(result.findings.map((f) => [f.finding.fingerprint, f.status]));
  assert.deepEqual(status, { sessions: 'confirmed', limits: 'not-reproduced', broken: 'not-run', hang: 'not-run', clean: 'not-run' });
  const sessions = result.findings.find((f) => f.finding.fingerprint === 'sessions')!;
  assert.equal(sessions.incident!.kind, 'data-race');
  assert.ok(sessions.incident!.tests.includes('TestSessions'), `tests: ${sessions.incident!.tests}`);
  // The Hits counter race has no finding: racewatch missed it.
  assert.equal(result.misses.length, 1);
  assert.ok(result.misses[0]!.sides.every((s) => s.frames.some((f) => f.line === markerLine('store/store.go', 'hits-inc'))));
  const pkg = Object.fromEntries(result.packages.map((p) => [p.dir, p]));
  assert.equal(pkg.broken!.status, 'build-failed');
  assert.match(pkg.broken!.message, /undefined: undefinedValue/);
  assert.equal(pkg.clean!.status, 'no-tests');
  assert.equal(pkg.hang!.status, 'hung');
  assert.match(pkg.hang!.message, /TestWaitsForever/);
  assert.equal(pkg.store!.status, 'ran');
  assert.deepEqual(pkg.store!.tests, ['TestSessions', 'TestHits', 'TestLimits']);
  // The hung test was stopped: the whole run stayed near its budget instead of waiting an hour.
  assert.ok(Date.now() - started < 24_000 + 30_000);
});

test('verify command: text and JSON reports, exit 1 with misses', async (t) => {
  if (!requireGo(t)) return;
  const dir = mkdtempSync(join(tmpdir(), 'racewatch-verify-'));
  try {
    const file = join(dir, 'findings.json');
    writeFileSync(file, JSON.stringify(findingsDoc()));
    const out = capture();
    const code = await verifyCommand.run(['--findings', file, '--count', '2', '--cpu', '1,2', '--budget', '60s', '--json', './store'], { stdout: out.stream, stderr: capture().stream, cwd: mod });
    assert.equal(code, 1);
    const doc = JSON.parse(out.text());
    assert.deepEqual(doc.summary, { confirmed: 1, notReproduced: 1, notRun: 0, misses: 1, buildFailed: 0, hung: 0 });
    assert.equal(doc.findings.find((f: { fingerprint: string }) => f.fingerprint === 'sessions').incident.sides[0].frames.some((f: { file: string }) => f.file === 'store/store.go'), true);
    const text = capture();
    await verifyCommand.run(['--findings', file, '--count', '1', '--cpu', '2', './store'], { stdout: text.stream, stderr: capture().stream, cwd: mod });
    assert.match(text.text(), /racewatch misses \(1\): races the race detector found that racewatch check did not report/);
    assert.match(text.text(), /summary: 1 confirmed, 1 not reproduced/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('verify: a clear error when go is missing', async () => {
  await assert.rejects(
    verify({ cwd: mod, patterns: [], getFindings: async () => findingsDoc(), count: 1, cpu: '1', budgetMs: 1000, go: '/nonexistent/bin/go' }),
    (err: unknown) => err instanceof VerifyError && /Go toolchain is needed: "\/nonexistent\/bin\/go" was not found/.test(err.message),
  );
});

test('findings JSON: syntax errors point at file:line:col, bad entries are skipped with a warning', () => {
  assert.throws(() => parseFindings('{\n  "version": 1,\n  "findings": [,]\n}', 'f.json'), (err: unknown) => err instanceof FindingsError && /^f\.json:3:\d+: not valid JSON/.test(err.message));
  assert.throws(() => parseFindings('[]', 'f.json'), /f\.json:1:1: expected the JSON object/);
  assert.throws(() => parseFindings('{"version":2,"findings":[]}', 'f.json'), /unsupported findings version 2/);
  const { findings, warnings } = parseFindings(JSON.stringify({ version: 1, findings: [{ file: 'a.go', line: 3 }, { message: 'no place' }] }), 'f.json');
  assert.equal(findings.findings.length, 1);
  assert.equal(findings.findings[0]!.column, 1);
  assert.deepEqual(warnings, ['f.json: findings[1] has no file and line; skipped']);
});

test('without --findings, verify gets its findings from check run in-process', async (t) => {
  if (!requireGo(t)) return;
  const examples = join(repoRoot, 'examples');
  const doc = await runCheckInProcess(['./lencache'], examples);
  assert.ok(doc, 'the check engine is wired in');
  const lenRace = doc.findings.find((f) => f.check === 'map-race' && f.file === 'lencache/main.go' && /len\(c\.entries\)/.test(f.message));
  assert.ok(lenRace, `expected the len-during-write finding, got ${JSON.stringify(doc.findings.map((f) => f.message))}`);
  assert.equal(doc.tool.name, 'racewatch');
});
