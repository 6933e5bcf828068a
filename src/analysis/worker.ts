// A worker thread of the driver: takes units one at a time, parses and checks them,
// and posts back plain results. Checks are named, not sent: each worker resolves the
// names against the registry.

import { parentPort, workerData } from 'node:worker_threads';
import { checks as registry } from '../checks/registry.js';
import type { Check, RunSettings } from './check.js';
import type { Finding, RunError } from './findings.js';
import { runPackage } from './runner.js';
import { badSuppressionCheck } from './suppress.js';
import { buildUnit, type UnitSpec } from './units.js';

export interface WorkerInit {
  checkNames: string[];
  settings: RunSettings;
  known: string[];
  reportBadSuppressions: boolean;
}

export type ToWorker = { unit: UnitSpec } | { done: true };
export type FromWorker =
  | { ready: true }
  | { findings: Finding[]; errors: RunError[]; files: number; lines: number }
  | { fatal: string };

function main(): void {
  const port = parentPort!;
  const init = workerData as WorkerInit;
  const byName = new Map<string, Check>([...registry, badSuppressionCheck].map((c) => [c.name, c]));
  const selected = init.checkNames.map((n) => byName.get(n)).filter((c): c is Check => c !== undefined);
  const known = new Set(init.known);
  port.on('message', (msg: ToWorker) => {
    if ('done' in msg) {
      port.close();
      return;
    }
    const errors: RunError[] = [];
    let reply: FromWorker;
    try {
      const { unit, lines } = buildUnit(msg.unit, errors);
      const r = runPackage(unit, selected, { settings: init.settings, known, reportBadSuppressions: init.reportBadSuppressions });
      reply = { findings: r.findings, errors: [...errors, ...r.errors], files: unit.files.length, lines };
    } catch (err) {
      errors.push({ file: msg.unit.dir, line: 0, column: 0, message: `internal error: ${err instanceof Error ? err.message : String(err)}` });
      reply = { findings: [], errors, files: 0, lines: 0 };
    }
    port.postMessage(reply);
  });
  port.postMessage({ ready: true } satisfies FromWorker);
}

main();
