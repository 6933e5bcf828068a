// A worker thread of the driver: takes units one at a time, parses and checks them,
// and posts back plain results. Checks are named, not sent: each worker resolves the
// names against the registry.

import { getHeapSpaceStatistics } from 'node:v8';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { checks as registry } from '../checks/registry.js';
import type { Check, RunSettings } from './check.js';
import type { RunError } from './findings.js';
import { badSuppressionCheck } from './suppress.js';
import type { ImportSource, Job } from './units.js';
import { FileSet } from '../syntax/position.js';
import { runJob, type JobResult, type TypeSource } from './driver.js';
import { createLoader, type LoadOptions } from '../load/index.js';
import { Program } from '../types/program.js';
import { endJobTiming, gcMeter, newJobTiming, threadCpu, timelineEnabled } from './timeline.js';

export interface WorkerInit {
  checkNames: string[];
  settings: RunSettings;
  known: string[];
  reportBadSuppressions: boolean;
  loadOptions: LoadOptions;
  /** Whether any selected check reads types. */
  typed: boolean;
  /** This worker type-checks (one worker does; the others hand typed jobs back, and take some once nothing else is left). */
  typesHere?: boolean;
}

export type ToWorker = { job: Job; knownTyped?: boolean } | { done: true };
export type FromWorker = { ready: true } | JobResult | { fatal: string };

/**
 * The old generation's size after the latest full collection: what the worker keeps
 * (its type checker's packages), without the garbage that accumulates between full
 * collections (which can be twice as much, and says nothing about what a fresh worker
 * would save). Read between jobs, when the collector's reports have arrived.
 */
function liveHeapMB(): () => number {
  let live = 0;
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (((e as unknown as { detail?: { kind?: number } }).detail?.kind ?? 0) & constants.NODE_PERFORMANCE_GC_MAJOR) live = oldHeapMB();
    }
  });
  obs.observe({ entryTypes: ['gc'] });
  return () => live;
}

function oldHeapMB(): number {
  let used = 0;
  for (const space of getHeapSpaceStatistics()) if (!space.space_name.startsWith('new_')) used += space.space_used_size;
  return used / (1 << 20);
}

function main(): void {
  const port = parentPort!;
  const init = workerData as WorkerInit;
  const byName = new Map<string, Check>([...registry, badSuppressionCheck].map((c) => [c.name, c]));
  const selected = init.checkNames.map((n) => byName.get(n)).filter((c): c is Check => c !== undefined);
  const known = new Set(init.known);
  const types: TypeSource = !init.typed ? null : init.typesHere ? new Program(createLoader(init.loadOptions), { comments: true, skipImportBodies: true }) : 'elsewhere';
  // A worker without the type checker still follows calls into imported packages
  // (the race engine reads their syntax): its own loader and FileSet find and hold them.
  const imports: ImportSource | undefined = types === 'elsewhere' ? { loader: createLoader(init.loadOptions), fset: new FileSet() } : undefined;
  // Made on the first typed job the driver sends here anyway (when only typed jobs are
  // left, idling would cost more than parsing their imports a second time).
  let stolenTypes: Program | null = null;
  const live = liveHeapMB();
  const gcSoFar = timelineEnabled() ? gcMeter() : null;
  port.on('message', (msg: ToWorker) => {
    if ('done' in msg) {
      port.close();
      return;
    }
    let reply: FromWorker;
    const timing = gcSoFar ? newJobTiming() : undefined;
    try {
      const opts = { settings: init.settings, known, reportBadSuppressions: init.reportBadSuppressions };
      if (msg.knownTyped === true && types === 'elsewhere') {
        stolenTypes ??= new Program(createLoader(init.loadOptions), { comments: true, skipImportBodies: true });
        reply = runJob(msg.job, selected, stolenTypes, opts, true, undefined, timing);
      } else reply = runJob(msg.job, selected, types, opts, msg.knownTyped === true, imports, timing);
    } catch (err) {
      const errors: RunError[] = [{ file: msg.job.source.dir, line: 0, column: 0, message: `internal error: ${err instanceof Error ? err.message : String(err)}` }];
      reply = { findings: [], errors, packages: 0, files: 0, lines: 0 };
    }
    reply.liveHeapMB = live();
    if (timing && gcSoFar) {
      endJobTiming(timing);
      reply.timing = timing;
      reply.gcMs = gcSoFar();
      reply.threadCpu = threadCpu();
    }
    port.postMessage(reply);
  });
  port.postMessage({ ready: true } satisfies FromWorker);
}

main();
