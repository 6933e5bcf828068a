// map-race: two accesses to one map that can run at the same time, at least one a
// write, with no common lock and nothing ordering them. The runtime may kill the
// process ("concurrent map read and map write") or answers go silently wrong.

import type { Check, CheckPass } from '../../analysis/check.js';
import { readCheckDoc } from '../../analysis/doc.js';
import { concurrencyAnalysis } from '../../analysis/concurrency/index.js';
import { reportRaces } from '../../analysis/concurrency/report.js';

function run(pass: CheckPass): void {
  reportRaces(pass, pass.resultOf(concurrencyAnalysis), 'map');
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
