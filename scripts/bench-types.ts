// Benchmark: loading and type-checking all of GOROOT/src ./... (every package checked
// completely, bodies included, its imports declared lazily) against parsing the same
// files alone, and against go/types (gooracle typesdump -time, source importer) in the
// same run. Times are wall clock and CPU (user+system: on a shared machine wall time
// mostly measures the neighbours). Peak memory is the RSS sampled after each package
// (process.memoryUsage.rss(): the full memoryUsage() walks the heap spaces, a few per
// cent of the time measured).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLoader } from '../src/load/index.js';
import { parseFile } from '../src/syntax/parser.js';
import { FileSet } from '../src/syntax/position.js';
import { Program } from '../src/types/program.js';
import { findGo, gooracle } from '../src/testutil/go.js';

export async function benchTypes(): Promise<void> {
  const go = findGo();
  if (!go) {
    process.stdout.write('types: skipped (no Go toolchain, so no GOROOT/src to check)\n');
    return;
  }
  const root = join(go.goroot, 'src');
  const loader = createLoader({ cwd: root, tests: false });
  const { packages } = loader.packages(['./...']);
  const files = packages.flatMap((p) => p.goFiles);

  let t0 = performance.now();
  let c0 = cpuMs();
  const fset = new FileSet();
  for (const f of files) parseFile(fset, f, readFileSync(f), { comments: false });
  const parseMs = performance.now() - t0;
  const parseCpu = cpuMs() - c0;

  let peak = process.memoryUsage.rss();
  t0 = performance.now();
  c0 = cpuMs();
  const program = new Program(createLoader({ cwd: root, tests: false }));
  let errors = 0;
  for (const sp of packages) {
    for (const cp of program.check(sp)) {
      errors += cp.errors.length;
      program.release(cp);
    }
    peak = Math.max(peak, process.memoryUsage.rss());
  }
  const typesMs = performance.now() - t0;
  const typesCpu = cpuMs() - c0;

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
    `types: ${packages.length} packages, ${files.length} files (GOROOT/src ./...), ${program.filesParsed} files parsed in all\n` +
      `                          wall      cpu\n` +
      `  parse only:            ${s(parseMs).padStart(7)}  ${s(parseCpu).padStart(7)}\n` +
      `  load + type-check:     ${s(typesMs).padStart(7)}  ${s(typesCpu).padStart(7)}   ${x(typesCpu, parseCpu)} parsing by cpu, ${x(typesMs, parseMs)} by wall (target <= 3x)\n` +
      `  go/types (typesdump):  ${s(goMs).padStart(7)}  ${s(goCpu).padStart(7)}   racewatch ${x(typesCpu, goCpu)} go/types by cpu, ${x(typesMs, goMs)} by wall\n` +
      `  peak RSS:              ${(peak / 2 ** 20).toFixed(0)} MB (target < 2048 MB); type errors reported: ${errors}\n`,
  );
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

if (import.meta.url === `file://${process.argv[1]}`) await benchTypes();
