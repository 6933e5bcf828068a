// The shared concurrency analysis: computed once per package, read by map-race,
// data-race and the lock-discipline checks.

import type { Analysis, AnalysisPass } from '../check.js';
import { type ConcurrencyModel, buildModel } from './model.js';
import { importedCode } from './crosspkg.js';

export type { ConcurrencyModel, Race, AccessContext, FieldAccess } from './model.js';
export type { AccessEvent, FuncSummary, LockSet } from './events.js';
export { describeLocks } from './events.js';

export const concurrencyAnalysis: Analysis<ConcurrencyModel> = {
  name: 'concurrency',
  requires: [],
  run(pass: AnalysisPass): ConcurrencyModel {
    const pkg = pass.pkg;
    const line = (p: number) => pkg.fset.position(p).line;
    return buildModel(
      pkg.files,
      {
        source: (f) => pkg.source(f),
        fileAt: (p) => pkg.fileAt(p),
        line,
      },
      pkg.goVersion,
      { imports: importedCode((path, fromDir) => pkg.imported(path, fromDir), pkg, line) },
    );
  },
};
