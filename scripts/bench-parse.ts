// `npm run bench:parse`: parses the ./... files of GOROOT/src (read into memory
// first) with racewatch's parser on 1 core and on all cores (worker threads), and
// with go/parser (tools/gooracle parsebench) on the same files in the same run,
// and prints both rates and their ratios. Each figure is the best of a few rounds.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { expandPatterns } from '../src/load/patterns.js';
import { parserWorkerOptions, defaultWorkers } from '../src/syntax/parallel.js';
import { findGo, gooracle } from '../src/testutil/go.js';

const rounds = 4;

/** Splits files into n groups of about equal bytes (largest first, into the lightest group). */
function balance(files: string[], n: number): string[][] {
  const sized = files.map((f) => ({ f, size: statSync(f).size })).sort((a, b) => b.size - a.size);
  const groups = Array.from({ length: n }, () => ({ files: [] as string[], bytes: 0 }));
  for (const { f, size } of sized) {
    const g = groups.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    g.files.push(f);
    g.bytes += size;
  }
  return groups.map((g) => g.files);
}

/** Worker threads holding their share of the files in memory, ready to parse them on request. */
async function startWorkers(files: string[], threads: number): Promise<Worker[]> {
  const url = new URL('./bench-parse-worker.js', import.meta.url);
  const workers = balance(files, threads).map((group) => new Worker(url, { ...parserWorkerOptions, workerData: group }));
  await Promise.all(workers.map(reply)); // files read
  return workers;
}

function reply(w: Worker): Promise<{ ready?: boolean; seconds?: number }> {
  return new Promise((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });
}

/** Wall time of one parse of every file, spread over the workers. */
async function ourRound(workers: Worker[]): Promise<number> {
  const t0 = process.hrtime.bigint();
  const done = workers.map(reply);
  for (const w of workers) w.postMessage('go');
  await Promise.all(done);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function goParserRound(oracle: string, list: string, cpu: number): number {
  const out = execFileSync(oracle, ['parsebench', '-cpu', String(cpu), '-rounds', '1', '-files-from', list], { encoding: 'utf8' });
  return (JSON.parse(out) as { seconds: number }).seconds;
}

export async function benchParse(): Promise<void> {
  const go = findGo();
  if (!go) {
    process.stdout.write('parse benchmark skipped: the Go toolchain is not installed (go/parser is the anchor)\n');
    return;
  }
  const root = join(go.goroot, 'src');
  const files = expandPatterns(['./...'], root).files.map((f) => join(root, f));
  let bytes = 0;
  for (const f of files) bytes += statSync(f).size;
  const mb = bytes / 1e6;
  const cores = defaultWorkers();
  const tmp = mkdtempSync(join(tmpdir(), 'racewatch-bench-'));
  try {
    const list = join(tmp, 'files.txt');
    writeFileSync(list, files.join('\n') + '\n');
    const oracle = gooracle();
    process.stdout.write(`parse: ${files.length} files, ${mb.toFixed(1)} MB (${root} ./...), best of ${rounds} rounds each\n`);
    const rows: [string, number, number][] = [];
    for (const threads of cores > 1 ? [1, cores] : [1]) {
      // Rounds alternate between the two parsers so that both see the same machine load.
      const workers = await startWorkers(files, threads);
      let ourBest = Infinity;
      let goBest = Infinity;
      try {
        for (let r = 0; r < rounds; r++) {
          goBest = Math.min(goBest, goParserRound(oracle, list, threads));
          ourBest = Math.min(ourBest, await ourRound(workers));
        }
      } finally {
        await Promise.all(workers.map((w) => w.terminate()));
      }
      rows.push([`${threads} core${threads === 1 ? ' ' : 's'}`, mb / ourBest, mb / goBest]);
    }
    for (const [label, our, theirs] of rows) {
      process.stdout.write(`  ${label}: racewatch ${our.toFixed(1)} MB/s, go/parser ${theirs.toFixed(1)} MB/s, ratio ${(our / theirs).toFixed(2)}x\n`);
    }
    if (rows.length > 1) {
      process.stdout.write(`  racewatch on ${cores} cores vs go/parser on 1 core: ${(rows[1]![1] / rows[0]![2]).toFixed(2)}x (wall time)\n`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchParse();
