// data-race: the same as map-race for variables, struct fields and slice elements:
// two accesses that can run at the same time, at least one a write, unordered and
// not under a common lock.

import type { Check, CheckPass } from '../../analysis/check.js';
import { readCheckDoc } from '../../analysis/doc.js';
import { concurrencyAnalysis } from '../../analysis/concurrency/index.js';
import { reportRaces } from '../../analysis/concurrency/report.js';

function run(pass: CheckPass): void {
  reportRaces(pass, pass.resultOf(concurrencyAnalysis), 'data');
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
