// Real evidence: racy Go programs run under the installed Go, and triage of what they print —
// as is, and wrapped the way log pipelines wrap it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { findGo, repoRoot, requireGo } from '../testutil/go.js';
import { triageCommand } from '../cli/commands/triage.js';
import { isStdlibFrame } from './frames.js';
import type { Incident } from './incidents.js';
import { triageText } from './triage.js';
import { parseFindings } from './findings.js';

const fixtures = join(repoRoot, 'src', 'runtime', 'testdata', 'raceprogs');
let bin = '';
const outputs = new Map<string, string>();

/** 1-based line of the `// racewatch-fixture: <marker>` comment in a fixture file. */
function markerLine(rel: string, marker: string): number {
  const lines = readFileSync(join(fixtures, rel), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(`racewatch-fixture: ${marker}`));
  assert.ok(i >= 0, `marker ${marker} in ${rel}`);
  return i + 1;
}

function run(cmd: string, args: string[], env: Record<string, string> = {}): string {
  const r = spawnSync(cmd, args, { cwd: fixtures, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return (r.stdout ?? '') + (r.stderr ?? '');
}

// Build every fixture once per test run; each test then only runs binaries.
before(() => {
  if (!findGo()) return;
  bin = mkdtempSync(join(tmpdir(), 'racewatch-runtime-'));
  const build = (args: string[]) => execFileSync('go', args, { cwd: fixtures, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, GOFLAGS: '-buildvcs=false' } });
  build(['test', '-c', '-race', '-o', join(bin, 'maprace.test'), './maprace']);
  build(['test', '-c', '-race', '-trimpath', '-o', join(bin, 'maprace-trimpath.test'), './maprace']);
  build(['build', '-o', join(bin, 'mapcrash'), './mapcrash']);
  outputs.set('race', run(join(bin, 'maprace.test'), ['-test.count=1']));
  for (const mode of ['writes', 'readwrite', 'iterate', 'clone', 'nilmap']) outputs.set(mode, run(join(bin, 'mapcrash'), [mode]));
});

after(() => {
  if (bin) rmSync(bin, { recursive: true, force: true });
});

const userLines = (inc: Incident): number[][] => inc.sides.map((s) => s.frames.filter((f) => !isStdlibFrame(f)).map((f) => f.line));
const hasUserLine = (inc: Incident, line: number, file: string) => inc.sides.some((s) => s.frames.some((f) => f.line === line && f.file.endsWith(file)));

async function triage(text: string) {
  return (await triageText(text, { cwd: fixtures })).result;
}

test('go test -race: the map race and the field race are separate incidents naming the right lines', async (t) => {
  if (!requireGo(t)) return;
  const out = outputs.get('race')!;
  assert.match(out, /WARNING: DATA RACE/);
  const { incidents } = await triage(out);
  const write = markerLine('maprace/registry.go', 'map-write');
  const read = markerLine('maprace/registry.go', 'map-read');
  const mapRace = incidents.find((i) => hasUserLine(i, write, 'registry.go') && hasUserLine(i, read, 'registry.go'));
  assert.ok(mapRace, `a map incident on lines ${write} and ${read}: ${JSON.stringify(incidents.map(userLines))}`);
  assert.equal(mapRace.kind, 'data-race');
  assert.deepEqual(new Set(mapRace.sides.map((s) => s.access)), new Set(['read', 'write']));
  const fieldRace = incidents.find((i) => hasUserLine(i, markerLine('maprace/registry.go', 'field-write'), 'registry.go') && hasUserLine(i, markerLine('maprace/registry.go', 'field-read'), 'registry.go'));
  assert.ok(fieldRace, 'the Gauge field race');
  assert.notEqual(fieldRace.signature, mapRace.signature);
  assert.ok(incidents.every((i) => !i.truncated));
});

test('the same races built with -trimpath and reported with GORACE=strip_path_prefix keep their signatures', async (t) => {
  if (!requireGo(t)) return;
  const plain = new Set((await triage(outputs.get('race')!)).incidents.map((i) => i.signature));
  const trimOut = run(join(bin, 'maprace-trimpath.test'), ['-test.count=1']);
  assert.match(trimOut, /example\.com\/racewatchfixtures\/maprace\/registry\.go:\d+/);
  const stripped = run(join(bin, 'maprace.test'), ['-test.count=1'], { GORACE: `strip_path_prefix=${fixtures}/` });
  assert.match(stripped, /\n\s+maprace\/registry\.go:\d+/);
  for (const out of [trimOut, stripped]) {
    const sigs = new Set((await triage(out)).incidents.map((i) => i.signature));
    // Which pairs the detector reports can vary run to run; the map and field races always appear.
    const common = [...sigs].filter((s) => plain.has(s));
    assert.ok(common.length >= 2, `signatures shared with the plain build: ${common.length}`);
  }
});

test('go test -json (test2json) output: reports found in Output fields, attributed to their tests', async (t) => {
  if (!requireGo(t)) return;
  const out = run('go', ['tool', 'test2json', '-t', '-p', 'example.com/racewatchfixtures/maprace', join(bin, 'maprace.test'), '-test.v=test2json', '-test.count=1']);
  assert.match(out, /"Action":"output"/);
  const { incidents } = await triage(out);
  const write = markerLine('maprace/registry.go', 'map-write');
  const mapRace = incidents.find((i) => hasUserLine(i, write, 'registry.go'));
  assert.ok(mapRace);
  assert.ok(mapRace.tests.includes('TestRegistryRace'), `tests: ${mapRace.tests}`);
  assert.ok(mapRace.firstSeen !== null, 'timestamps from the Time field');
});

const crashes: Array<[string, string, string, string]> = [
  ['writes', 'concurrent-map-writes', 'crash-write', 'fatal error: concurrent map writes'],
  ['readwrite', 'concurrent-map-read-write', 'crash-read', 'fatal error: concurrent map read and map write'],
  ['iterate', 'concurrent-map-iteration-write', 'crash-iterate', 'fatal error: concurrent map iteration and map write'],
  ['clone', 'concurrent-map-clone-write', 'crash-clone', 'fatal error: concurrent map clone and map write'],
  ['nilmap', 'nil-map-write', 'nil-map-write', 'panic: assignment to entry in nil map'],
];

for (const [mode, kind, marker, headline] of crashes) {
  test(`go run crash "${headline}": one ${kind} incident at the line that noticed it`, async (t) => {
    if (!requireGo(t)) return;
    const out = outputs.get(mode)!;
    assert.ok(out.includes(headline), out.slice(0, 300));
    const { incidents } = await triage(out);
    assert.equal(incidents.length, 1, JSON.stringify(incidents.map((i) => i.kind)));
    const inc = incidents[0]!;
    assert.equal(inc.kind, kind);
    assert.equal(inc.sides.length, 1);
    assert.equal(inc.truncated, false);
    const top = inc.sides[0]!.frames.find((f) => !isStdlibFrame(f))!;
    assert.equal(top.line, markerLine('mapcrash/main.go', marker));
    assert.equal(inc.sides[0]!.access, kind === 'concurrent-map-writes' || kind === 'nil-map-write' ? 'write' : 'read');
  });
}

test('GOTRACEBACK=single, all and system give the same signature for the same crash', async (t) => {
  if (!requireGo(t)) return;
  const sigs = new Set<string>();
  for (const level of ['single', 'all', 'system']) {
    const out = run(join(bin, 'mapcrash'), ['readwrite'], { GOTRACEBACK: level });
    if (level === 'system') assert.match(out, /fp=0x[0-9a-f]+ sp=0x[0-9a-f]+ pc=0x/);
    const { incidents } = await triage(out);
    assert.equal(incidents.length, 1);
    if (level !== 'single') assert.ok(incidents[0]!.sides.length === 1);
    sigs.add(incidents[0]!.signature);
  }
  assert.equal(sigs.size, 1);
});

/** The real outputs, concatenated the way one service's log would hold them over time. */
function realLog(): string[] {
  return [outputs.get('race')!, outputs.get('readwrite')!, outputs.get('nilmap')!].join('\nservice restarted\n').split('\n');
}

const wrappers: Array<[string, (line: string, i: number) => string]> = [
  ['RFC 3339 timestamps', (l, i) => `2024-06-01T10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.123Z ${l}`],
  ['Go log timestamps', (l, i) => `2024/06/01 10:00:${String(i % 60).padStart(2, '0')} ${l}`],
  ['CRI (containerd) log files', (l, i) => `2024-06-01T10:00:${String(i % 60).padStart(2, '0')}.000000001Z stderr F ${l}`],
  ['docker json-file', (l, i) => JSON.stringify({ log: l + '\n', stream: 'stderr', time: `2024-06-01T10:00:${String(i % 60).padStart(2, '0')}Z` })],
  ['JSON lines with msg', (l, i) => JSON.stringify({ level: 'error', ts: 1717236000 + i, msg: l })],
  ['JSON lines with message', (l) => JSON.stringify({ '@timestamp': '2024-06-01T10:00:00Z', message: l, host: 'web-1' })],
  ['kubectl logs --prefix', (l) => `[pod/api-5c7/app] ${l}`],
  ['docker compose', (l) => `api-1  | ${l}`],
  ['unknown prefix', (l, i) => `web-1 <E> ${i}: ${l}`],
];

for (const [name, wrap] of wrappers) {
  test(`real output wrapped as ${name}, interleaved with other output, triages like the plain output`, async (t) => {
    if (!requireGo(t)) return;
    const plain = realLog();
    const expected = (await triage(plain.join('\n'))).incidents.map((i) => `${i.kind} ${i.signature} ${i.count}`).sort();
    const wrapped: string[] = [];
    plain.forEach((line, i) => {
      wrapped.push(wrap(line, i));
      // Another component of the same service logs in between.
      if (i % 3 === 0 && name !== 'unknown prefix') wrapped.push(wrap(`level=info msg="handled request" n=${i}`, i));
    });
    const result = await triage(wrapped.join('\n'));
    assert.deepEqual(result.incidents.map((i) => `${i.kind} ${i.signature} ${i.count}`).sort(), expected);
    if (name.includes('timestamps') || name.includes('CRI') || name.includes('json-file') || name.includes('msg')) {
      assert.ok(result.incidents.every((i) => i.firstSeen !== null && i.lastSeen !== null && i.firstSeen <= i.lastSeen));
    }
  });
}

test('real output truncated in the middle of a race report: reported as truncated', async (t) => {
  if (!requireGo(t)) return;
  const lines = outputs.get('race')!.split('\n');
  const cut = lines.findIndex((l) => l.startsWith('Previous '));
  assert.ok(cut > 0);
  const { incidents, stats } = await triage(lines.slice(0, cut + 3).join('\n'));
  assert.equal(stats.reports, 1);
  assert.equal(incidents.length, 1);
  assert.equal(incidents[0]!.truncated, true);
  assert.equal(incidents[0]!.sides.length, 2, 'what was read of the report is kept');
});

test('with check findings: a race confirms its finding; a crash names the other side from the finding', async (t) => {
  if (!requireGo(t)) return;
  const findingsDoc = {
    version: 1,
    tool: { name: 'racewatch', version: '0.1.0' },
    findings: [
      {
        check: 'map-unguarded', severity: 'error', message: 'map r.seen written without a lock while Count reads it',
        file: 'maprace/registry.go', line: markerLine('maprace/registry.go', 'map-write'), column: 2, endLine: 0, endColumn: 0,
        related: [{ file: 'maprace/registry.go', line: markerLine('maprace/registry.go', 'map-read'), column: 9, message: 'read here' }],
        fixes: [], fingerprint: 'fp-registry',
      },
      {
        check: 'map-unguarded', severity: 'error', message: 'map m read in readForever while writeForever writes it',
        file: 'mapcrash/main.go', line: markerLine('mapcrash/main.go', 'crash-read'), column: 10, endLine: 0, endColumn: 0,
        related: [{ file: 'mapcrash/main.go', line: markerLine('mapcrash/main.go', 'crash-write'), column: 3, message: 'written here' }],
        fixes: [], fingerprint: 'fp-crash',
      },
      {
        check: 'map-unguarded', severity: 'warning', message: 'never happens', file: 'mapcrash/main.go', line: 1, column: 1, endLine: 1, endColumn: 1, related: [], fixes: [], fingerprint: 'fp-none',
      },
    ],
    errors: [],
    stats: { packages: 2, files: 3, lines: 100, seconds: 0.1 },
  };
  const dir = join(bin, 'findings');
  mkdirSync(dir);
  const findingsFile = join(dir, 'findings.json');
  writeFileSync(findingsFile, JSON.stringify(findingsDoc));
  const logFile = join(dir, 'service.log');
  writeFileSync(logFile, outputs.get('race')! + outputs.get('readwrite')!);
  const out = capture();
  const err = capture();
  const code = await triageCommand.run(['--json', '--with-findings', findingsFile, logFile], { stdout: out.stream, stderr: err.stream, cwd: fixtures });
  assert.equal(code, 1, err.text());
  const doc = JSON.parse(out.text());
  const crash = doc.incidents.find((i: { kind: string }) => i.kind === 'concurrent-map-read-write');
  assert.equal(crash.finding.fingerprint, 'fp-crash');
  assert.deepEqual([crash.finding.otherSide.file, crash.finding.otherSide.line], ['mapcrash/main.go', markerLine('mapcrash/main.go', 'crash-write')]);
  assert.equal(crash.sides[0].frames.find((f: { file: string }) => f.file === 'mapcrash/main.go').line, markerLine('mapcrash/main.go', 'crash-read'));
  const race = doc.incidents.find((i: { finding: { fingerprint: string } | null }) => i.finding?.fingerprint === 'fp-registry');
  assert.ok(race, 'the map race is explained by its finding');
  const confirmed = Object.fromEntries(doc.findings.map((f: { fingerprint: string; confirmedBy: string[] }) => [f.fingerprint, f.confirmedBy.length]));
  assert.ok(confirmed['fp-registry'] >= 1 && confirmed['fp-crash'] === 1 && confirmed['fp-none'] === 0);
  // The text form says the same in words, with the source lines found under the current directory.
  const text = capture();
  await triageCommand.run(['--with-findings', findingsFile, logFile], { stdout: text.stream, stderr: capture().stream, cwd: fixtures });
  assert.match(text.text(), /the other side, per the static finding: mapcrash\/main\.go:\d+ \(written here\)/);
  assert.match(text.text(), /\| sum \+= m\[i%64\]/);
  assert.match(text.text(), /static findings confirmed by runtime reports: 2 of 3/);
  parseFindings(JSON.stringify(findingsDoc), 'x.json');
});

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
