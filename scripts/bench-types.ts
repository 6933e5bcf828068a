// Benchmark: loading and type-checking all of GOROOT/src ./... (every package checked
// completely, bodies included, its imports declared lazily) against parsing the same
// files alone, and beside it go/types and go/parser doing the same two things in the
// same run (gooracle typesbench), which gives go/types' own ratio of checking to
// parsing. The earlier anchor, typesdump -time, imported through go/importer's source
// importer: every import parsed and checked a second time, 6.4 s against 2.1–2.2 s.
// Times are wall clock and CPU (user+system: on a shared machine wall time mostly
// measures the neighbours). Peak memory is the kernel's high-water mark of the
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

/**
 * parse: the files parsed, each tree dropped. kept: parsed the same way, every tree kept
 * to the end, as a type checker keeps the trees of what it checks (the cost of keeping
 * them, in V8, is the difference). types: loaded and type-checked.
 */
type Half = 'parse' | 'kept' | 'types';

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
  // Rounds alternate between the runs, so that each sees the machine's load in turn;
  // each line shows its fastest round by wall time.
  const best = <T extends { wallMs: number }>(a: T | undefined, b: T): T => (a === undefined || b.wallMs < a.wallMs ? b : a);
  let parse: HalfResult | undefined;
  let kept: HalfResult | undefined;
  let types: HalfResult | undefined;
  let goAnchor: GoTypesAnchor | undefined;
  for (let r = 0; r < ROUNDS; r++) {
    parse = best(parse, runHalf('parse', root));
    kept = best(kept, runHalf('kept', root));
    types = best(types, runHalf('types', root));
    goAnchor = bestGoPhases(goAnchor, goTypesAnchor(root));
  }
  if (!parse || !kept || !types || !goAnchor) throw new Error('bench-types: no rounds were run');
  const s = (ms: number): string => (Number.isNaN(ms) ? 'n/a' : (ms / 1000).toFixed(2) + 's');
  const x = (a: number, b: number): string => (Number.isNaN(a) || Number.isNaN(b) ? 'n/a' : (a / b).toFixed(2) + 'x');
  process.stdout.write(
    `types: ${types.packages} packages, ${parse.files} files (GOROOT/src ./...), ${types.filesParsed} files parsed in all; each measured in a fresh process, best of ${ROUNDS} rounds\n` +
      `                          wall      cpu\n` +
      `  parse only:            ${s(parse.wallMs).padStart(7)}  ${s(parse.cpuMs).padStart(7)}\n` +
      `  parse, trees kept:     ${s(kept.wallMs).padStart(7)}  ${s(kept.cpuMs).padStart(7)}   ${x(kept.cpuMs, parse.cpuMs)} parsing by cpu, ${x(kept.wallMs, parse.wallMs)} by wall (what keeping the trees costs)\n` +
      `  load + type-check:     ${s(types.wallMs).padStart(7)}  ${s(types.cpuMs).padStart(7)}   ${x(types.cpuMs, parse.cpuMs)} parsing by cpu, ${x(types.wallMs, parse.wallMs)} by wall (target <= 3x)\n` +
      `  go/parser, same task:  ${s(goAnchor.parseMs).padStart(7)}  ${s(goAnchor.parseCpuMs).padStart(7)}   (go list -deps: ${goAnchor.packages} packages, ${goAnchor.files} files)\n` +
      `  go/types, same task:   ${s(goAnchor.typesMs).padStart(7)}  ${s(goAnchor.typesCpuMs).padStart(7)}   ${x(goAnchor.typesCpuMs, goAnchor.parseCpuMs)} go/parser by cpu, ${x(goAnchor.typesMs, goAnchor.parseMs)} by wall (go's own ratio)\n` +
      `  racewatch vs go/types: ${x(types.wallMs, goAnchor.typesMs)} by wall, ${x(types.cpuMs, goAnchor.typesCpuMs)} by cpu\n` +
      `  peak RSS:              ${(types.peakRss / 2 ** 20).toFixed(0)} MB (target < 2048 MB); type errors reported: ${types.errors}\n`,
  );
}

const ROUNDS = 3;

/** Each go phase (parse, types) from its fastest run; NaN figures lose to numbers. */
function bestGoPhases(a: GoTypesAnchor | undefined, b: GoTypesAnchor): GoTypesAnchor {
  if (a === undefined) return b;
  const parseFromB = !(a.parseMs <= b.parseMs);
  const typesFromB = !(a.typesMs <= b.typesMs);
  return {
    packages: b.packages,
    files: b.files,
    parseMs: parseFromB ? b.parseMs : a.parseMs,
    parseCpuMs: parseFromB ? b.parseCpuMs : a.parseCpuMs,
    typesMs: typesFromB ? b.typesMs : a.typesMs,
    typesCpuMs: typesFromB ? b.typesCpuMs : a.typesCpuMs,
  };
}

interface GoTypesAnchor {
  packages: number;
  files: number;
  parseMs: number;
  parseCpuMs: number;
  typesMs: number;
  typesCpuMs: number;
}

/**
 * go/types and go/parser doing what the parse and types runs do (gooracle typesbench: every package of
 * `go list -deps ./...` parsed, then parsed again and checked completely, each import
 * answered from the packages checked before it), timed by the Go program itself. The
 * anchor is optional: NaN figures when it cannot run.
 */
function goTypesAnchor(root: string): GoTypesAnchor {
  try {
    const out = execFileSync(gooracle(), ['typesbench', './...'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const r = JSON.parse(out.trim().split('\n').pop()!) as {
      packages: number;
      files: number;
      parseSeconds: number;
      parseCpuSeconds: number;
      typesSeconds: number;
      typesCpuSeconds: number;
    };
    return {
      packages: r.packages,
      files: r.files,
      parseMs: r.parseSeconds * 1000,
      parseCpuMs: r.parseCpuSeconds * 1000,
      typesMs: r.typesSeconds * 1000,
      typesCpuMs: r.typesCpuSeconds * 1000,
    };
  } catch {
    return { packages: NaN, files: NaN, parseMs: NaN, parseCpuMs: NaN, typesMs: NaN, typesCpuMs: NaN };
  }
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
  if (half === 'parse' || half === 'kept') {
    const fset = new FileSet();
    const trees: unknown[] = [];
    for (const f of files) {
      const { file } = parseFile(fset, f, readFileSync(f), { comments: false });
      if (half === 'kept') trees.push(file);
    }
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

if (import.meta.url === `file://${process.argv[1]}`) {
  const half = process.env[HALF_ENV];
  if (half === 'parse' || half === 'kept' || half === 'types') measureHalf(half, process.argv[2]!);
  else await benchTypes();
}
