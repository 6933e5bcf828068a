// Worker for bench-parse.ts: reads its files into memory, then parses all of them
// each time it is told to, and reports how long that took.

import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { FileSet } from '../src/syntax/position.js';
import { parseFile } from '../src/syntax/parser.js';

const files = workerData as string[];
const srcs = files.map((f) => readFileSync(f));
let sink = 0;
parentPort!.postMessage({ ready: true });
parentPort!.on('message', () => {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < srcs.length; i++) {
    const r = parseFile(new FileSet(), files[i]!, srcs[i]!);
    sink += r.file.Decls.length;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  parentPort!.postMessage({ seconds, sink });
});
