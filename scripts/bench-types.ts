// Benchmark: loading and type-checking all of GOROOT/src ./... (every package checked
// completely, bodies included, its imports declared lazily) against parsing the same
// files alone, and against go/types (gooracle typesdump -time, source importer) in the
// same run. Peak memory is the process's RSS sampled after each package.
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
  const fset = new FileSet();
  for (const f of files) parseFile(fset, f, readFileSync(f), { comments: false });
  const parseMs = performance.now() - t0;

  let peak = process.memoryUsage().rss;
  t0 = performance.now();
  const program = new Program(createLoader({ cwd: root, tests: false }));
  let errors = 0;
  for (const sp of packages) {
    for (const cp of program.check(sp)) {
      errors += cp.errors.length;
      program.release(cp);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const typesMs = performance.now() - t0;

  let goMs = NaN;
  try {
    const out = execFileSync(gooracle(), ['typesdump', '-time', './...'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    goMs = (JSON.parse(out.trim().split('\n').pop()!) as { seconds: number }).seconds * 1000;
  } catch {
    // the anchor is optional
  }
  const s = (ms: number): string => (ms / 1000).toFixed(2) + 's';
  process.stdout.write(
    `types: ${packages.length} packages, ${files.length} files (GOROOT/src ./...), ${program.filesParsed} files parsed in all\n` +
      `  parse only:            ${s(parseMs)}\n` +
      `  load + type-check:     ${s(typesMs)}  (${(typesMs / parseMs).toFixed(2)}x parsing; target <= 3x)\n` +
      `  go/types (typesdump):  ${Number.isNaN(goMs) ? 'n/a' : s(goMs)}${Number.isNaN(goMs) ? '' : `  (racewatch ${(typesMs / goMs).toFixed(2)}x go/types)`}\n` +
      `  peak RSS:              ${(peak / 2 ** 20).toFixed(0)} MB (target < 2048 MB); type errors reported: ${errors}\n`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await benchTypes();
