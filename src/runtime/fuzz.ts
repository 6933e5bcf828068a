// Random log text for the parser's fuzz test and `npm run fuzz:triage`: pieces of real report
// formats, cut, shuffled, wrapped, interleaved and mixed with junk.
import { ReportParser } from './parser.js';
import { feedStream } from './reader.js';
import { IncidentGrouper } from './incidents.js';

export type Rng = () => number;

/** Deterministic PRNG (mulberry32) so that a failing seed can be replayed. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: Rng, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

const FRAGMENTS = [
  '==================',
  'WARNING: DATA RACE',
  'Read at 0x00c000124060 by goroutine 12:',
  'Previous write at 0x00c000124060 by goroutine 9:',
  'Write at 0x00c0000b4010 by main goroutine:',
  '  [failed to restore the stack]',
  'Goroutine 12 (running) created at:',
  '  example.com/pool.(*Pool).Lookup()',
  '      /builds/pool/pool.go:33 +0x64',
  '  runtime.mapaccess1_faststr()',
  'Found 2 data race(s)',
  'exit status 66',
  '--- FAIL: TestPool (0.00s)',
  '    testing.go:1712: race detected during execution of test',
  'fatal error: concurrent map writes',
  'fatal error: concurrent map read and map write',
  'fatal error: concurrent map iteration and map write',
  'fatal error: concurrent map clone and map write',
  'panic: assignment to entry in nil map',
  'panic: assignment to entry in nil map [recovered]',
  '',
  'goroutine 7 [running]:',
  'goroutine 1 gp=0xc0000061c0 m=nil [IO wait, 5 minutes]:',
  'runtime.throw({0x4b6b3f, 0x15})',
  '\t/usr/local/go/src/runtime/panic.go:1198 +0x71 fp=0xc000045f40 sp=0xc000045f10 pc=0x4335f1',
  'main.main()',
  '\t/app/main.go:31 +0x1b5',
  'created by main.main in goroutine 1',
  'created by example.com/x.(*S).Start',
  '...additional frames elided...',
  'runtime stack:',
  '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]',
  'exit status 2',
  'level=info msg="ok"',
  'example.com/x.F[...](0x1, {0x2, 0x3})',
  '\tgithub.com/acme/x/y.go:12',
];

function junk(r: Rng): string {
  const n = Math.floor(r() * 80);
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(r() < 0.9 ? 32 + Math.floor(r() * 95) : Math.floor(r() * 0xffff));
  return s;
}

function wrap(r: Rng, line: string, i: number): string {
  switch (Math.floor(r() * 9)) {
    case 0:
      return `2024-06-01T10:00:${String(i % 60).padStart(2, '0')}Z ${line}`;
    case 1:
      return JSON.stringify({ msg: line, ts: 1717236000 + i });
    case 2:
      return JSON.stringify({ log: line + (r() < 0.8 ? '\n' : ''), time: '2024-06-01T10:00:00Z' });
    case 3:
      return `[pod/p${Math.floor(r() * 3)}/c] ${line}`;
    case 4:
      return `{"msg": ${JSON.stringify(line)}`; // broken JSON
    case 5:
      return `2024-06-01T10:00:00.1Z stderr ${r() < 0.5 ? 'P' : 'F'} ${line}`;
    default:
      return line;
  }
}

/** One random input of roughly `lines` lines. */
export function fuzzInput(r: Rng, lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    let line = r() < 0.15 ? junk(r) : pick(r, FRAGMENTS);
    if (r() < 0.05) line = line.slice(0, Math.floor(r() * line.length));
    if (r() < 0.01) line = line.repeat(2000);
    out.push(r() < 0.5 ? wrap(r, line, i) : line);
  }
  let text = out.join(r() < 0.1 ? '\r\n' : '\n');
  if (r() < 0.3) text = text.slice(0, Math.floor(r() * text.length));
  return text;
}

/** Triage of `text` delivered as `chunks` pieces: reports (signature, kind, count) and line count. */
export async function triageChunks(text: string, cuts: number[]): Promise<{ incidents: string[]; lines: number; reports: number }> {
  const buf = Buffer.from(text);
  const pieces: Buffer[] = [];
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    const end = Math.min(buf.length, Math.max(at, c));
    pieces.push(buf.subarray(at, end));
    at = end;
  }
  pieces.push(buf.subarray(at));
  const grouper = new IncidentGrouper();
  const parser = new ReportParser((rep) => grouper.add(rep));
  parser.beginInput('fuzz');
  await feedStream(
    (async function* () {
      for (const p of pieces) yield p;
    })(),
    parser,
  );
  parser.endInput();
  return {
    incidents: grouper.list().map((i) => `${i.kind} ${i.signature} ${i.count} ${i.truncated}`).sort(),
    lines: parser.stats.lines,
    reports: parser.stats.reports,
  };
}

/** Checks one input: never throws, and the result does not depend on how the bytes were chunked. */
export async function fuzzOne(r: Rng, lines: number): Promise<string | null> {
  const text = fuzzInput(r, lines);
  const whole = await triageChunks(text, []);
  const cuts = Array.from({ length: 1 + Math.floor(r() * 20) }, () => Math.floor(r() * (text.length + 1)));
  const split = await triageChunks(text, cuts);
  if (JSON.stringify(whole) !== JSON.stringify(split)) return `chunking changed the result: ${JSON.stringify(whole)} vs ${JSON.stringify(split)}`;
  const expectedLines = text.split('\n').length - 1 + (text === '' || text.endsWith('\n') ? 0 : 1);
  if (whole.lines !== expectedLines) return `counted ${whole.lines} lines, the input has ${expectedLines}`;
  return null;
}
