import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../testutil/go.js';
import { unwrapLine, parseTime } from './envelope.js';
import { canonicalFile, isStdlibFrame, packagePathOf } from './frames.js';
import { signatureOf } from './incidents.js';
import { ReportParser, type RawReport } from './parser.js';
import { triageText } from './triage.js';

const samples = join(repoRoot, 'src', 'runtime', 'testdata', 'samples');
const sample = (name: string): string => readFileSync(join(samples, name), 'utf8');

function parse(text: string): RawReport[] {
  const out: RawReport[] = [];
  const p = new ReportParser((r) => out.push(r));
  p.beginInput('t');
  for (const line of text.split('\n')) p.feed(line);
  p.endInput();
  return out;
}

const userFns = (r: RawReport, side = 0): string[] => r.sides[side]!.frames.filter((f) => !isStdlibFrame(f)).map((f) => `${f.function}:${f.line}`);

test('Go 1.17 throw-style crash: fp/sp/pc lines, runtime frames, created by without goroutine, other goroutines counted', () => {
  const [r, ...rest] = parse(sample('go117-map-writes-throw.txt'));
  assert.equal(rest.length, 0);
  assert.equal(r!.kind, 'concurrent-map-writes');
  assert.equal(r!.truncated, false);
  assert.equal(r!.sides.length, 1);
  assert.equal(r!.sides[0]!.goroutine, 7);
  assert.equal(r!.sides[0]!.access, 'write');
  assert.deepEqual(userFns(r!), ['github.com/acme/billing/ledger.(*Ledger).Post:42', 'github.com/acme/billing/ledger.(*Ledger).PostAsync.func1:51']);
  assert.equal(r!.sides[0]!.createdAt[0]!.function, 'github.com/acme/billing/ledger.(*Ledger).PostAsync');
  assert.equal(r!.otherGoroutines, 2);
  // GOTRACEBACK=all: the other writer is visible as a runnable goroutine at the same map write.
  assert.deepEqual(
    r!.bystanders.map((b) => `${b.goroutine} ${b.state} ${b.frame.function}:${b.frame.line}`),
    ['1 chan receive, 3 minutes main.main:31', '8 runnable github.com/acme/billing/ledger.(*Ledger).Post:42'],
  );
});

test('the same crash from Go 1.17 on a CI machine and Go 1.22 with -trimpath has one signature', () => {
  const [old] = parse(sample('go117-map-writes-throw.txt'));
  const [trimmed] = parse(sample('go122-map-writes-trimpath.txt'));
  assert.equal(trimmed!.sides[0]!.createdAt[0]!.function, 'github.com/acme/billing/ledger.(*Ledger).PostAsync');
  assert.equal(signatureOf(old!.kind, old!.sides), signatureOf(trimmed!.kind, trimmed!.sides));
});

test('GOTRACEBACK=system dump (Go 1.23 gp=/m= headers, inlined frames, elided frames)', () => {
  const [r] = parse(sample('go123-system-traceback.txt'));
  assert.equal(r!.kind, 'concurrent-map-read-write');
  assert.equal(r!.sides[0]!.access, 'read');
  assert.equal(r!.sides[0]!.goroutine, 34);
  assert.equal(r!.sides[0]!.state, 'running');
  assert.equal(r!.sides[0]!.elided, true);
  assert.deepEqual(userFns(r!), ['example.com/shop/cache.(*Cache).Get:27', 'example.com/shop/api.(*Server).handleItem:88']);
  assert.equal(r!.sides[0]!.createdAt[0]!.function, 'net/http.(*Server).Serve');
  assert.equal(r!.otherGoroutines, 2);
  assert.deepEqual(r!.bystanders.map((b) => b.frame.function), ['main.main'], 'runtime-only goroutines are not bystanders');
  assert.equal(r!.truncated, false);
});

test('race report with [failed to restore the stack], main goroutine and Found N data race(s)', async () => {
  const text = sample('go120-race-failed-restore.txt');
  const [r] = parse(text);
  assert.equal(r!.kind, 'data-race');
  assert.equal(r!.sides[0]!.goroutine, 1);
  assert.equal(r!.sides[0]!.access, 'write');
  assert.equal(r!.sides[1]!.previous, true);
  assert.equal(r!.sides[1]!.stackLost, true);
  assert.equal(r!.sides[1]!.createdAt[0]!.line, 15);
  const run = await triageText(text, { cwd: repoRoot });
  assert.equal(run.result.stats.detectorFound, 1);
});

test('nil map panic inside go test ([recovered], panic frames, inlined caller)', () => {
  const [r, ...rest] = parse(sample('go121-test-nil-map.txt'));
  assert.equal(rest.length, 0);
  assert.equal(r!.kind, 'nil-map-write');
  assert.deepEqual(userFns(r!), ['example.com/etl/importer.(*Importer).Add:19', 'example.com/etl/importer.TestImport:11']);
  assert.equal(r!.truncated, false);
});

test('a race report cut off at the end of the file is reported as truncated, not dropped', () => {
  const reports = parse(sample('go119-race-truncated.txt'));
  assert.equal(reports.length, 1);
  assert.equal(reports[0]!.truncated, true);
  assert.equal(reports[0]!.sides.length, 2);
  assert.deepEqual(userFns(reports[0]!), ['example.com/pool.(*Pool).Lookup:33']);
});

test('a crash dump cut inside the reporting goroutine is truncated; one ending at created by is not', () => {
  const full = sample('go122-map-writes-trimpath.txt');
  const cut = full.split('\n').slice(0, 6).join('\n');
  assert.equal(parse(cut)[0]!.truncated, true);
  assert.equal(parse(full)[0]!.truncated, false);
});

test('reports A/B and B/A of the same race share a signature; different lines do not', () => {
  const side = (fn: string, line: number, access: 'read' | 'write', previous: boolean) => ({
    access,
    goroutine: 1,
    previous,
    atomic: false,
    frames: [{ function: fn, file: '/x/a.go', line }],
    createdAt: [],
    stackLost: false,
    elided: false,
  });
  const ab = signatureOf('data-race', [side('m.F', 10, 'read', false), side('m.G', 20, 'write', true)]);
  const ba = signatureOf('data-race', [side('m.G', 20, 'write', false), side('m.F', 10, 'read', true)]);
  const other = signatureOf('data-race', [side('m.G', 21, 'write', false), side('m.F', 10, 'read', true)]);
  assert.equal(ab, ba);
  assert.notEqual(ab, other);
  assert.match(ab, /^[0-9a-f]{16}$/);
});

test('stdlib frames: no dot in the first path element plus GOROOT paths; main and dotless modules are user code', () => {
  assert.equal(isStdlibFrame({ function: 'runtime.mapassign_faststr', file: '/usr/local/go/src/runtime/map_faststr.go', line: 1 }), true);
  assert.equal(isStdlibFrame({ function: 'internal/runtime/maps.fatal', file: 'runtime/panic.go', line: 1 }), true);
  assert.equal(isStdlibFrame({ function: 'testing.tRunner', file: 'C:/Program Files/Go/src/testing/testing.go', line: 1 }), true);
  assert.equal(isStdlibFrame({ function: 'main.main', file: '/app/main.go', line: 1 }), false);
  assert.equal(isStdlibFrame({ function: 'racy.TestX', file: '/tmp/racy/x_test.go', line: 1 }), false);
  assert.equal(isStdlibFrame({ function: 'golang.org/x/sync/errgroup.(*Group).Go.func1', file: '/root/go/pkg/mod/golang.org/x/sync@v0.7.0/errgroup/errgroup.go', line: 1 }), false);
  assert.equal(packagePathOf('example.com/a/b.(*T).M.func1'), 'example.com/a/b');
  assert.equal(packagePathOf('example.com/a/b.Map[go.shape.string,go.shape.int]'), 'example.com/a/b');
});

test('canonical file names agree across build prefixes, -trimpath and GORACE strip_path_prefix', () => {
  const fn = 'example.com/shop/cache.(*Cache).Put';
  const forms = ['/home/ci/src/shop/cache/cache.go', 'example.com/shop/cache/cache.go', 'shop/cache/cache.go', 'C:\\build\\shop\\cache\\cache.go'];
  assert.deepEqual(new Set(forms.map((file) => canonicalFile({ function: fn, file, line: 3 }))), new Set(['example.com/shop/cache/cache.go']));
  const mains = ['/build/app/cmd/server/main.go', 'example.com/app/cmd/server/main.go'].map((file) => canonicalFile({ function: 'main.main', file, line: 1 }));
  assert.equal(mains[0], mains[1]);
});

test('envelopes: JSON fields, test2json, docker json-file, CRI, kubectl --prefix, compose, timestamps, syslog, klog', () => {
  const one = (raw: string) => {
    const l = unwrapLine(raw);
    assert.equal(l.length, 1, raw);
    return l[0]!;
  };
  let l = one('{"level":"error","ts":1717236000.5,"msg":"fatal error: concurrent map writes"}');
  assert.equal(l.text, 'fatal error: concurrent map writes');
  assert.equal(l.time, 1717236000500);
  l = one('{"Time":"2024-06-01T10:00:00.123456789Z","Action":"output","Package":"example.com/p","Test":"TestX","Output":"WARNING: DATA RACE\\n"}');
  assert.deepEqual([l.text, l.source, l.test, l.partial, l.time], ['WARNING: DATA RACE', 'pkg:example.com/p', 'TestX', false, Date.parse('2024-06-01T10:00:00.123Z')]);
  l = one('{"log":"\\t/app/main.go:12 +0x1d\\n","stream":"stderr","time":"2024-06-01T10:00:01Z"}');
  assert.equal(l.text, '\t/app/main.go:12 +0x1d');
  l = one('2024-06-01T10:00:02.5+02:00 stderr F goroutine 7 [running]:');
  assert.deepEqual([l.text, l.time], ['goroutine 7 [running]:', Date.parse('2024-06-01T08:00:02.500Z')]);
  l = one('[pod/api-7d9f/server] 2024-06-01T10:00:03Z fatal error: concurrent map writes');
  assert.deepEqual([l.text, l.source], ['fatal error: concurrent map writes', 'api-7d9f/server']);
  l = one('api-1  | WARNING: DATA RACE');
  assert.deepEqual([l.text, l.source], ['WARNING: DATA RACE', 'api-1']);
  l = one('2024/06/01 10:00:04 panic: assignment to entry in nil map');
  assert.equal(l.text, 'panic: assignment to entry in nil map');
  l = one('Jun  1 10:00:05 host1 shop[4242]:       /src/shop/api/items.go:88 +0x9a');
  assert.deepEqual([l.text, l.source], ['      /src/shop/api/items.go:88 +0x9a', 'host1/shop[4242]']);
  assert.equal(one('I0601 10:00:06.123456   42 main.go:10] hello').text, 'hello');
  assert.deepEqual(unwrapLine('{"Action":"run","Test":"T"}'), [], 'test2json events without output are not log text');
  const multi = unwrapLine('{"msg":"fatal error: concurrent map writes\\n\\ngoroutine 1 [running]:"}');
  assert.deepEqual(multi.map((x) => x.text), ['fatal error: concurrent map writes', '', 'goroutine 1 [running]:']);
  assert.equal(parseTime('2024-06-01 10:00:00,250'), Date.parse('2024-06-01T10:00:00.250Z'));
  assert.equal(parseTime('not a time at all'), null);
});

test('an unknown prefix is learned from the report header and stripped from its lines; foreign lines are skipped', () => {
  const body = sample('go122-map-writes-trimpath.txt').trimEnd().split('\n');
  const lines: string[] = [];
  body.forEach((b, i) => {
    lines.push(`myapp|E|0${i}| ${b}`);
    lines.push(`other-service says hello ${i}`);
  });
  const [r, ...rest] = parse(lines.join('\n'));
  assert.equal(rest.length, 0);
  assert.equal(r!.kind, 'concurrent-map-writes');
  assert.deepEqual(userFns(r!), ['github.com/acme/billing/ledger.(*Ledger).Post:42', 'github.com/acme/billing/ledger.(*Ledger).PostAsync.func1:51']);
});

test('reports of two pods interleaved line by line are both parsed (kubectl logs --prefix)', () => {
  const a = sample('go122-map-writes-trimpath.txt').trimEnd().split('\n');
  const b = sample('go120-race-failed-restore.txt').trimEnd().split('\n');
  const lines: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i < a.length) lines.push(`[pod/ledger-1/app] ${a[i]}`);
    if (i < b.length) lines.push(`[pod/tool-2/app] ${b[i]}`);
  }
  const reports = parse(lines.join('\n'));
  assert.deepEqual(reports.map((r) => r.kind).sort(), ['concurrent-map-writes', 'data-race']);
  assert.ok(reports.every((r) => !r.truncated));
});

test('several reports and crashes in one file, each counted once', async () => {
  const text = ['noise', sample('go120-race-failed-restore.txt'), sample('go117-map-writes-throw.txt'), 'more noise', sample('go120-race-failed-restore.txt'), sample('go121-test-nil-map.txt')].join('\n');
  const run = await triageText(text, { cwd: repoRoot });
  assert.equal(run.result.stats.reports, 4);
  assert.deepEqual(run.result.incidents.map((i) => [i.kind, i.count]), [['data-race', 2], ['concurrent-map-writes', 1], ['nil-map-write', 1]]);
});

test('two goroutines printing the fatal error at once make one report', () => {
  const text = 'fatal error: concurrent map writes\n' + sample('go122-map-writes-trimpath.txt');
  const reports = parse(text);
  assert.equal(reports.length, 1);
  assert.equal(reports[0]!.truncated, false);
});

test('more envelopes: Loki labels after a timestamp, Cloud Logging textPayload, CloudWatch @message', () => {
  let [l] = unwrapLine('2024-06-01T10:00:00Z {app="shop", pod="shop-1"} fatal error: concurrent map writes');
  assert.deepEqual([l!.text, l!.source], ['fatal error: concurrent map writes', '{app="shop", pod="shop-1"}']);
  [l] = unwrapLine('{"textPayload":"WARNING: DATA RACE","timestamp":"2024-06-01T10:00:00Z"}');
  assert.equal(l!.text, 'WARNING: DATA RACE');
  [l] = unwrapLine('{"@message":"goroutine 1 [running]:","@timestamp":1717236000000}');
  assert.deepEqual([l!.text, l!.time], ['goroutine 1 [running]:', 1717236000000]);
});

test('a stream that goes quiet inside a report does not hold the rest of the input: the report is closed as truncated', async () => {
  const head = sample('go119-race-truncated.txt').split('\n').slice(1, 8).map((l) => `[pod/dead-1/app] ${l}`);
  const others = Array.from({ length: 60_000 }, (_, i) => `[pod/live-2/app] request ${i} ok`);
  const reports: RawReport[] = [];
  const p = new ReportParser((r) => reports.push(r));
  p.beginInput('t');
  for (const line of [...head, ...others.slice(0, 30_000)]) p.feed(line);
  assert.equal(p.busy, false, 'the quiet stream no longer keeps the parser busy');
  assert.equal(reports.length, 1);
  assert.equal(reports[0]!.truncated, true);
  assert.equal(reports[0]!.source, 'dead-1/app');
  p.endInput();
});
