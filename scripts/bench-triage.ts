// `racewatch triage` throughput and memory on a generated production-like log (default 1 GB:
// timestamped, JSON and kubectl-prefixed lines, with race reports and map crashes scattered in).
// Anchors measured in the same run over the same file: `grep -c` for the race header and `wc -l`.
// Memory: peak RSS on the full log and on an eighth of it; flat memory means they are close.
// Usage: node dist/scripts/bench-triage.js [--mb N]   (RACEWATCH_BENCH_TRIAGE_MB also works)
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const samples = join(repo, 'src', 'runtime', 'testdata', 'samples');

function block(seed: number): string {
  const race = readFileSync(join(samples, 'go120-race-failed-restore.txt'), 'utf8').trimEnd().split('\n');
  const crash = readFileSync(join(samples, 'go117-map-writes-throw.txt'), 'utf8').trimEnd().split('\n');
  const lines: string[] = [];
  let n = seed;
  while (lines.length < 40_000) {
    n++;
    const ts = `2024-06-01T10:${String((n >> 6) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}.${String(n % 1000).padStart(3, '0')}Z`;
    switch (n % 3) {
      case 0:
        lines.push(`${ts} INFO handled request method=GET path=/api/items/${n % 9973} status=200 duration=${(n % 97) / 10}ms`);
        break;
      case 1:
        lines.push(JSON.stringify({ level: 'info', ts: 1717236000 + n / 1000, msg: 'cache lookup', key: `user:${n % 4096}`, hit: n % 5 !== 0 }));
        break;
      default:
        lines.push(`[pod/api-${n % 7}/app] ${ts} worker ${n % 16} finished batch ${n} in ${n % 300}ms`);
    }
    if (n % 20_000 === 0) lines.push(...race.map((l) => `${ts} ${l}`));
    if (n % 39_000 === 0) lines.push(...crash.map((l) => JSON.stringify({ ts: 1717236000 + n / 1000, msg: l })));
  }
  return lines.join('\n') + '\n';
}

function generate(path: string, bytes: number): number {
  const blocks = [block(0), block(7), block(13)].map((b) => Buffer.from(b));
  const fd = openSync(path, 'w');
  let written = 0;
  for (let i = 0; written < bytes; i++) written += writeSync(fd, blocks[i % blocks.length]!);
  closeSync(fd);
  return written;
}

/** Runs a command under bash's `time`: wall seconds and CPU seconds (user + system), and its stdout. */
function timed(cmd: string, args: string[]): { seconds: number; cpu: number; stdout: string } {
  const r = spawnSync('bash', ['-c', 'TIMEFORMAT="%R %U %S"; time "$@"', 'bash', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} failed: ${r.stderr}`);
  const [real, user, sys] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { seconds: real!, cpu: user! + sys!, stdout: r.stdout };
}

interface ChildResult {
  seconds: number;
  maxRssMB: number;
  incidents: number;
  reports: number;
  bytes: number;
}

function triageInChild(file: string): ChildResult & { wall: number; cpu: number } {
  const t = timed(process.execPath, [fileURLToPath(import.meta.url), '--child', file]);
  return { ...(JSON.parse(t.stdout) as ChildResult), wall: t.seconds, cpu: t.cpu };
}

async function child(file: string): Promise<void> {
  const { triageInputs } = await import('../src/runtime/triage.js');
  const start = process.hrtime.bigint();
  const run = await triageInputs([file], { cwd: process.cwd() });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const out: ChildResult = {
    seconds,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    incidents: run.result.incidents.length,
    reports: run.result.stats.reports,
    bytes: run.result.stats.bytes,
  };
  process.stdout.write(JSON.stringify(out));
}

function sizeFromArgs(): number {
  const i = process.argv.indexOf('--mb');
  const mb = Number(i >= 0 ? process.argv[i + 1] : process.env.RACEWATCH_BENCH_TRIAGE_MB ?? 1024);
  return Math.max(8, mb) * 1024 * 1024;
}

export async function benchTriage(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'racewatch-bench-triage-'));
  try {
    const size = sizeFromArgs();
    const big = join(dir, 'big.log');
    const small = join(dir, 'small.log');
    generate(big, size);
    generate(small, size / 8);
    const mb = statSync(big).size / 1e6;
    const smallResult = triageInChild(small);
    const result = triageInChild(big);
    const grep = timed('grep', ['-c', 'WARNING: DATA RACE', big]);
    const wc = timed('wc', ['-l', big]);
    const rate = (s: number) => (mb / s).toFixed(0).padStart(5);
    const row = (name: string, t: { seconds: number; cpu: number }) =>
      `${name.padEnd(17)} ${rate(t.seconds)} MB/s wall (${t.seconds.toFixed(2)} s)  ${rate(t.cpu)} MB/s of CPU time (${t.cpu.toFixed(2)} s)`;
    const triage = { seconds: result.wall, cpu: result.cpu };
    process.stdout.write(
      [
        `log: ${mb.toFixed(0)} MB generated, ${result.reports} reports in ${result.incidents} incidents (load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`,
        row('racewatch triage', triage) + `  peak RSS ${result.maxRssMB.toFixed(0)} MB`,
        row('grep -c', grep),
        row('wc -l', wc),
        `ratio: triage takes ${(triage.cpu / grep.cpu).toFixed(1)}x the CPU time of grep -c and ${(triage.cpu / wc.cpu).toFixed(1)}x that of wc -l (wall: ${(triage.seconds / grep.seconds).toFixed(1)}x, ${(triage.seconds / wc.seconds).toFixed(1)}x)`,
        `memory: peak RSS ${smallResult.maxRssMB.toFixed(0)} MB on ${(mb / 8).toFixed(0)} MB of log, ${result.maxRssMB.toFixed(0)} MB on ${mb.toFixed(0)} MB`,
        '',
      ].join('\n'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3]!);
else if (import.meta.url === `file://${process.argv[1]}`) await benchTriage();
