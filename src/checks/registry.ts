// Every racewatch check, in one list: one import and one entry per check. The meta
// test (src/checks/checks.test.ts) keeps this list, the folders under src/checks and
// their docs and testdata in step.

import type { Check } from '../analysis/check.js';
import { runtimeLinkname } from './runtime-linkname/index.js';
import { mapRace } from './map-race/index.js';
import { dataRace } from './data-race/index.js';
import { syncmapMisuse } from './syncmap-misuse/index.js';
import { unsafeSliceHeader } from './unsafe-slice-header/index.js';
import { staleLenLoop } from './stale-len-loop/index.js';

export const checks: readonly Check[] = [
  mapRace,
  dataRace,
  runtimeLinkname,
  syncmapMisuse,
  unsafeSliceHeader,
  staleLenLoop,
];
