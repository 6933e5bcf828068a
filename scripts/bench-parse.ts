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

const rounds = 3;

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

/** Best wall time, over `rounds`, of parsing every file on `threads` worker threads. */
async function ours(files: string[], threads: number): Promise<number> {
  const url = new URL('./bench-parse-worker.js', import.meta.url);
  const workers = balance(files, threads).map((group) => new Worker(url, { ...parserWorkerOptions, workerData: group }));
  const once = (w: Worker): Promise<{ ready?: boolean; seconds?: number }> =>
    new Promise((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
    });
  try {
    await Promise.all(workers.map(once)); // files read
    let best = Infinity;
    for (let r = 0; r < rounds; r++) {
      const t0 = process.hrtime.bigint();
      const done = workers.map(once);
      for (const w of workers) w.postMessage('go');
      await Promise.all(done);
      best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
    }
    return best;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

function goParser(oracle: string, list: string, cpu: number): { seconds: number; mbPerSecond: number } {
  const out = execFileSync(oracle, ['parsebench', '-cpu', String(cpu), '-rounds', String(rounds), '-files-from', list], { encoding: 'utf8' });
  return JSON.parse(out) as { seconds: number; mbPerSecond: number };
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
      const goRun = goParser(oracle, list, threads);
      const ourSeconds = await ours(files, threads);
      rows.push([`${threads} core${threads === 1 ? ' ' : 's'}`, mb / ourSeconds, goRun.mbPerSecond]);
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
