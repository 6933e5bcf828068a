// Worker thread for parallel.ts: parses the files it is sent and replies with
// their outcomes (see parallel.ts for the protocol).

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { astToJson } from './astjson.js';
import type { FileOutcome, WorkerReply, WorkerRequest } from './parallel.js';
import { checkSource } from './check.js';
import { FileSet } from './position.js';
import { parseFile } from './parser.js';

function outcome(job: WorkerRequest['job'], file: string): FileOutcome {
  let src: Uint8Array;
  try {
    src = readFileSync(file);
  } catch (e) {
    return { file, bytes: 0, readError: e instanceof Error ? e.message : String(e), errors: [] };
  }
  if (job === 'check') return checkSource(file, src);
  const r = parseFile(new FileSet(), file, src);
  const out = checkSource(file, src, r);
  if (r.errors.length === 0) out.hash = createHash('sha256').update(astToJson(r.file, r.file.FileStart)).digest('hex');
  return out;
}

parentPort!.on('message', (req: WorkerRequest) => {
  const outcomes: FileOutcome[] = [];
  for (const f of req.files) {
    try {
      outcomes.push(outcome(req.job, f));
    } catch (e) {
      // A parser bug must not take the run down: report it against the file.
      const msg = e instanceof Error ? e.message : String(e);
      outcomes.push({ file: f, bytes: 0, errors: [{ line: 0, col: 0, offset: 0, message: `internal error: ${msg}`, formatted: `${f}: internal error: ${msg}` }] });
    }
  }
  const reply: WorkerReply = { first: req.first, outcomes };
  parentPort!.postMessage(reply);
});
