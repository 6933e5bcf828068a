// A worker thread of the driver: takes units one at a time, parses and checks them,
// and posts back plain results. Checks are named, not sent: each worker resolves the
// names against the registry.

import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { checks as registry } from '../checks/registry.js';
import type { Check, RunSettings } from './check.js';
import type { RunError } from './findings.js';
import { badSuppressionCheck } from './suppress.js';
import type { Job } from './units.js';
import { runJob, type JobResult } from './driver.js';
import { createLoader, type LoadOptions } from '../load/index.js';
import { Program } from '../types/program.js';

export interface WorkerInit {
  checkNames: string[];
  settings: RunSettings;
  known: string[];
  reportBadSuppressions: boolean;
  loadOptions: LoadOptions;
  /** Whether any selected check reads types (then a Program per worker type-checks). */
  typed: boolean;
}

export type ToWorker = { job: Job } | { done: true };
export type FromWorker = { ready: true } | JobResult | { fatal: string };

function main(): void {
  const port = parentPort!;
  const init = workerData as WorkerInit;
  const byName = new Map<string, Check>([...registry, badSuppressionCheck].map((c) => [c.name, c]));
  const selected = init.checkNames.map((n) => byName.get(n)).filter((c): c is Check => c !== undefined);
  const known = new Set(init.known);
  const program = init.typed ? new Program(createLoader(init.loadOptions), { comments: true }) : null;
  port.on('message', (msg: ToWorker) => {
    if ('done' in msg) {
      port.close();
      return;
    }
    let reply: FromWorker;
    try {
      reply = runJob(msg.job, selected, program, { settings: init.settings, known, reportBadSuppressions: init.reportBadSuppressions });
    } catch (err) {
      const errors: RunError[] = [{ file: msg.job.source.dir, line: 0, column: 0, message: `internal error: ${err instanceof Error ? err.message : String(err)}` }];
      reply = { findings: [], errors, packages: 0, files: 0, lines: 0 };
    }
    reply.heapMB = getHeapStatistics().used_heap_size / (1 << 20);
    port.postMessage(reply);
  });
  port.postMessage({ ready: true } satisfies FromWorker);
}

main();
