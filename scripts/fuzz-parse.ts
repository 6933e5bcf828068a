// `npm run fuzz`: at least 100,000 mutated, truncated and spliced real Go files
// (from GOROOT/src when Go is installed) through the parser on every core.
// Each input must parse without an exception, with every error inside the file;
// a worker that stops making progress is reported as a hang.
//
//   node dist/scripts/fuzz-parse.js [--count N] [--seed S] [--workers W]

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findGo } from '../src/testutil/go.js';
import { corpusFiles, fuzzInput, loadCorpus, runFuzz } from '../src/syntax/fuzz.js';
import { defaultWorkers } from '../src/syntax/parallel.js';

function flag(name: string, def: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
}

const count = flag('--count', 100_000);
const seed = flag('--seed', Date.now() % 1_000_000);
const workers = flag('--workers', defaultWorkers());
const go = findGo();
const corpus = go ? corpusFiles(join(go.goroot, 'src'), 1500, seed) : null;
process.stdout.write(`fuzz: ${count} inputs, seed ${seed}, ${workers} workers, corpus: ${corpus ? `${corpus.length} files of ${go!.goroot}/src` : 'built-in snippets (go not installed)'}\n`);
const started = Date.now();
const result = await runFuzz(corpus, seed, count, workers, 30, (n) => process.stdout.write(`  ${n} inputs...\n`));
const seconds = (Date.now() - started) / 1000;
process.stdout.write(`fuzz: ${result.inputs} inputs (${(result.bytes / 1e6).toFixed(1)} MB) in ${seconds.toFixed(1)} s, ${result.failures.length} failures\n`);
if (result.failures.length > 0) {
  const bytes = loadCorpus(corpus);
  for (const f of result.failures.slice(0, 20)) {
    const file = join(process.cwd(), `fuzz-failure-${f.seed}-${f.index}.go`);
    if (f.index >= 0) writeFileSync(file, fuzzInput(bytes, f.seed, f.index));
    process.stdout.write(`FAIL seed ${f.seed} input ${f.index}: ${f.problem.split('\n').slice(0, 6).join('\n  ')}\n  input saved to ${file}\n`);
  }
  process.exitCode = 1;
}
