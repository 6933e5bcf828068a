// Benchmark: loading and type-checking all of GOROOT/src ./... (every package checked
// completely, bodies included, its imports declared lazily) against parsing the same
// files alone, and against go/types (gooracle typesdump -time, source importer) in the
// same run. Times are wall clock and CPU (user+system: on a shared machine wall time
// mostly measures the neighbours). Peak memory is the kernel's high-water mark of the
// resident set (VmHWM in /proc/self/status), read once at the end; elsewhere the RSS
// sampled after each package. Sampling inside the timed loop showed in CPU profiles
// (345 process.memoryUsage.rss() calls, 86 ms of 3.2 s) and could miss a peak inside a
// package.
//
// Each half runs in a fresh process of its own, as a user's run does. In one process
// the halves measure each other: the half that runs second finds the parser compiled
// and its identifiers interned (parsing GOROOT/src a second time takes half the CPU of
// the first), and the first half's garbage teaches V8 about the parser's allocation
// sites (after parsing alone, where every tree dies young, V8 no longer allocates trees
// in the old generation, so the type checker's kept trees are copied out of the young
// generation: about 200 MB more copying). Before, the type-check half ran after the
// parse half (and after the other benchmarks, in `npm run bench`).
// Both halves run with the CLI's V8 flags, as a user's run does.
import '../src/cli/jitflags.js';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLoader } from '../src/load/index.js';
import { parseFile } from '../src/syntax/parser.js';
import { FileSet } from '../src/syntax/position.js';
import { Program } from '../src/types/program.js';
import { findGo, gooracle } from '../src/testutil/go.js';

type Half = 'parse' | 'types';

interface HalfResult {
  wallMs: number;
  cpuMs: number;
  peakRss: number;
  packages: number;
  files: number;
  filesParsed: number;
  errors: number;
}

export async function benchTypes(): Promise<void> {
  if (process.env[HALF_ENV] !== undefined) throw new Error(`benchTypes called inside a measuring child (${HALF_ENV} is set)`);
  const go = findGo();
  if (!go) {
    process.stdout.write('types: skipped (no Go toolchain, so no GOROOT/src to check)\n');
    return;
  }
  const root = join(go.goroot, 'src');
  const parse = runHalf('parse', root);
  const types = runHalf('types', root);

  let goMs = NaN;
  let goCpu = NaN;
  try {
    const before = childrenCpuMs();
    const out = execFileSync(gooracle(), ['typesdump', '-time', './...'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    goMs = (JSON.parse(out.trim().split('\n').pop()!) as { seconds: number }).seconds * 1000;
    goCpu = childrenCpuMs() - before;
  } catch {
    // the anchor is optional
  }
  const s = (ms: number): string => (Number.isNaN(ms) ? 'n/a' : (ms / 1000).toFixed(2) + 's');
  const x = (a: number, b: number): string => (Number.isNaN(a) || Number.isNaN(b) ? 'n/a' : (a / b).toFixed(2) + 'x');
  process.stdout.write(
    `types: ${types.packages} packages, ${parse.files} files (GOROOT/src ./...), ${types.filesParsed} files parsed in all; each half in a fresh process\n` +
      `                          wall      cpu\n` +
      `  parse only:            ${s(parse.wallMs).padStart(7)}  ${s(parse.cpuMs).padStart(7)}\n` +
      `  load + type-check:     ${s(types.wallMs).padStart(7)}  ${s(types.cpuMs).padStart(7)}   ${x(types.cpuMs, parse.cpuMs)} parsing by cpu, ${x(types.wallMs, parse.wallMs)} by wall (target <= 3x)\n` +
      `  go/types (typesdump):  ${s(goMs).padStart(7)}  ${s(goCpu).padStart(7)}   racewatch ${x(types.cpuMs, goCpu)} go/types by cpu, ${x(types.wallMs, goMs)} by wall\n` +
      `  peak RSS:              ${(types.peakRss / 2 ** 20).toFixed(0)} MB (target < 2048 MB); type errors reported: ${types.errors}\n`,
  );
}

/** The environment variable that makes this module, run as a script, measure one half. */
const HALF_ENV = 'RACEWATCH_BENCH_TYPES_HALF';

/**
 * Runs one half in a child process (this module as a script, told the half by
 * HALF_ENV, with node's default options: the parent's may be `-e` code that would
 * start the whole benchmark again) and reads its result.
 */
function runHalf(half: Half, root: string): HalfResult {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), root], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, [HALF_ENV]: half },
  });
  return JSON.parse(out.trim().split('\n').pop()!) as HalfResult;
}

/** One half, measured in this process; prints its result as one JSON line. */
function measureHalf(half: Half, root: string): void {
  const loader = createLoader({ cwd: root, tests: false });
  const { packages } = loader.packages(['./...']);
  const files = packages.flatMap((p) => p.goFiles);
  const result: HalfResult = { wallMs: 0, cpuMs: 0, peakRss: 0, packages: packages.length, files: files.length, filesParsed: 0, errors: 0 };
  const t0 = performance.now();
  const c0 = cpuMs();
  if (half === 'parse') {
    const fset = new FileSet();
    for (const f of files) parseFile(fset, f, readFileSync(f), { comments: false });
    result.filesParsed = files.length;
  } else {
    const highWater = peakRssBytes() !== undefined;
    let peak = highWater ? 0 : process.memoryUsage.rss();
    const program = new Program(loader);
    for (const sp of packages) {
      for (const cp of program.check(sp)) {
        result.errors += cp.errors.length;
        program.release(cp);
      }
      if (!highWater) peak = Math.max(peak, process.memoryUsage.rss());
    }
    result.filesParsed = program.filesParsed;
    result.peakRss = peak;
  }
  result.wallMs = performance.now() - t0;
  result.cpuMs = cpuMs() - c0;
  result.peakRss = Math.max(result.peakRss, peakRssBytes() ?? process.memoryUsage.rss());
  process.stdout.write(JSON.stringify(result) + '\n');
}

/** The process's peak resident set so far (Linux VmHWM), or undefined where the kernel does not say. */
function peakRssBytes(): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** CPU time of reaped child processes (Linux /proc; NaN elsewhere). */
function childrenCpuMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state); cutime and cstime are fields 16 and 17, in clock ticks (100 Hz on Linux).
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return NaN;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const half = process.env[HALF_ENV];
  if (half === 'parse' || half === 'types') measureHalf(half, process.argv[2]!);
  else await benchTypes();
}
