// The shared concurrency analysis: computed once per package, read by map-race,
// data-race and the lock-discipline checks.

import type { Analysis, AnalysisPass } from '../check.js';
import { type ConcurrencyModel, buildModel } from './model.js';

export type { ConcurrencyModel, Race, AccessContext, FieldAccess } from './model.js';
export type { AccessEvent, FuncSummary, LockSet } from './events.js';
export { describeLocks } from './events.js';

export const concurrencyAnalysis: Analysis<ConcurrencyModel> = {
  name: 'concurrency',
  requires: [],
  run(pass: AnalysisPass): ConcurrencyModel {
    const pkg = pass.pkg;
    return buildModel(
      pkg.files,
      {
        source: (f) => pkg.source(f),
        fileAt: (p) => pkg.fileAt(p),
        line: (p) => pkg.fset.position(p).line,
      },
      pkg.goVersion,
    );
  },
};
