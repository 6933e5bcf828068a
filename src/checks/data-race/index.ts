// data-race: the same as map-race for variables, struct fields and slice elements:
// two accesses that can run at the same time, at least one a write, unordered and
// not under a common lock.

import type { Check, CheckPass } from '../../analysis/check.js';
import { readCheckDoc } from '../../analysis/doc.js';
import { concurrencyAnalysis } from '../../analysis/concurrency/index.js';
import { raceDiagnostic } from '../../analysis/concurrency/report.js';
import { lockFix } from '../../analysis/concurrency/lockfix.js';

function run(pass: CheckPass): void {
  const model = pass.resultOf(concurrencyAnalysis);
  // One fix per method: every race it has is fixed by the same lock at its top. A method
  // with a map race gets it from map-race, so that applying every fix locks it once.
  const fixed = new Set<string>();
  for (const r of model.races) {
    if (r.kind !== 'map') continue;
    const at = lockFix(r, model, pass.pkg)?.edits[0]?.pos;
    if (at !== undefined) fixed.add(String(at));
  }
  for (const r of model.races) {
    if (r.kind !== 'data') continue;
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

export const dataRace: Check = {
  name: 'data-race',
  severity: 'warning',
  requires: [concurrencyAnalysis],
  // The race engine reads syntax only (its own package-local type model).
  needsTypes: () => false,
  run,
  doc: {
    title: 'concurrent access to a variable or field without a common lock, at least one a write',
    markdown: readCheckDoc(import.meta.url),
  },
};
