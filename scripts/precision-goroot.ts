// Precision yardstick for the race checks: runs map-race and data-race over a tree
// (default: GOROOT/src, which the Go team race-tests heavily, so nearly every finding
// there is a false alarm) and prints every finding and the count per check.
//
//   node dist/scripts/precision-goroot.js [dir] [pattern...]

import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { runChecks } from '../src/analysis/driver.js';
import { mapRace } from '../src/checks/map-race/index.js';
import { dataRace } from '../src/checks/data-race/index.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let dir = args[0];
  if (!dir) {
    const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
    dir = join(goroot, 'src');
  }
  const patterns = args.length > 1 ? args.slice(1) : ['./...'];
  const started = Date.now();
  const run = await runChecks({ cwd: dir, patterns, checks: [mapRace, dataRace], includeGoroot: true });
  const perCheck = new Map<string, number>();
  // A package and its test variants are checked separately: count each finding once.
  const seen = new Set<string>();
  for (const f of run.findings) {
    const key = `${f.file}:${f.line}:${f.column}:${f.check}:${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    perCheck.set(f.check, (perCheck.get(f.check) ?? 0) + 1);
    console.log(`${relative(dir, f.file)}:${f.line}:${f.column}: ${f.message} (${f.check})`);
    for (const r of f.related) console.log(`    ${relative(dir, r.file)}:${r.line}:${r.column}: ${r.message}`);
  }
  console.log(`\n${run.stats.packages} packages, ${run.stats.files} files, ${run.stats.lines} lines in ${((Date.now() - started) / 1000).toFixed(1)}s; ${run.errors.length} load/parse errors`);
  for (const name of [mapRace.name, dataRace.name]) console.log(`${name}: ${perCheck.get(name) ?? 0} findings (distinct)`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(2);
});
