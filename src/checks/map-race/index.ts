// map-race: two accesses to one map that can run at the same time, at least one a
// write, with no common lock and nothing ordering them. The runtime may kill the
// process ("concurrent map read and map write") or answers go silently wrong.

import type { Check, CheckPass } from '../../analysis/check.js';
import { readCheckDoc } from '../../analysis/doc.js';
import { concurrencyAnalysis } from '../../analysis/concurrency/index.js';
import { raceDiagnostic } from '../../analysis/concurrency/report.js';
import { lockFix } from '../../analysis/concurrency/lockfix.js';

function run(pass: CheckPass): void {
  const model = pass.resultOf(concurrencyAnalysis);
  // One fix per method: every race it has is fixed by the same lock at its top.
  const fixed = new Set<string>();
  for (const r of model.races) {
    if (r.kind !== 'map') continue;
    const d = raceDiagnostic(r);
    const fix = lockFix(r, model, pass.pkg);
    const at = fix?.edits[0]?.pos;
    if (fix && at !== undefined && !fixed.has(String(at))) {
      fixed.add(String(at));
      d.fixes = [fix];
    }
    pass.report(d);
  }
}

export const mapRace: Check = {
  name: 'map-race',
  severity: 'error',
  requires: [concurrencyAnalysis],
  // The race engine reads syntax only (its own package-local type model).
  needsTypes: () => false,
  run,
  doc: {
    title: 'concurrent map access without a common lock, at least one a write',
    markdown: readCheckDoc(import.meta.url),
  },
};
