// Runs checks over one package: each required analysis computed once (memoised by
// the Analysis value's identity, dependencies first, cycles rejected), each check's
// diagnostics resolved to file/line/col, suppression comments applied, fingerprints
// assigned. A check that throws costs that check on that package, nothing more.

import type { Analysis, AnalysisPass, Check, CheckPass, Diagnostic, RunSettings } from './check.js';
import { assignFingerprints, resolveDiagnostic, splitLines, type Finding, type RunError } from './findings.js';
import type { PackageUnit } from './pass.js';
import { applyForeignSuppressions, applySuppressions, BAD_SUPPRESSION, collectSuppressions, type Suppression } from './suppress.js';
import { basename } from 'node:path';

export class AnalysisCycleError extends Error {}

/** Throws AnalysisCycleError naming the cycle if the checks' requirements loop. */
export function validateRequirements(checks: readonly Check[]): void {
  const state = new Map<Analysis<unknown>, 'visiting' | 'done'>();
  const visit = (a: Analysis<unknown>, path: string[]): void => {
    const s = state.get(a);
    if (s === 'done') return;
    if (s === 'visiting') throw new AnalysisCycleError(`analysis requirements form a cycle: ${[...path, a.name].join(' -> ')}`);
    state.set(a, 'visiting');
    for (const r of a.requires) visit(r, [...path, a.name]);
    state.set(a, 'done');
  };
  for (const c of checks) for (const r of c.requires) visit(r, [c.name]);
}

function transitiveRequires(roots: readonly Analysis<unknown>[]): Set<Analysis<unknown>> {
  const out = new Set<Analysis<unknown>>();
  const stack = [...roots];
  while (stack.length > 0) {
    const a = stack.pop()!;
    if (out.has(a)) continue;
    out.add(a);
    stack.push(...a.requires);
  }
  return out;
}

class AnalysisFailed extends Error {
  constructor(
    readonly analysis: string,
    failure: unknown,
  ) {
    super(`analysis ${analysis} failed: ${failure instanceof Error ? failure.message : String(failure)}`);
    // The failure is an internal bug: keep its stack for RACEWATCH_DEBUG runs and bug reports.
    if (process.env.RACEWATCH_DEBUG && failure instanceof Error && failure.stack) process.stderr.write(failure.stack + '\n');
  }
}

/** Per-package memo of analysis results, shared by every check run on the package. */
class AnalysisCache {
  private results = new Map<Analysis<unknown>, { ok: true; value: unknown } | { ok: false; error: AnalysisFailed }>();
  private inProgress = new Set<Analysis<unknown>>();

  constructor(
    private readonly pkg: PackageUnit,
    private readonly settings: RunSettings,
  ) {}

  get<T>(a: Analysis<T>): T {
    const done = this.results.get(a);
    if (done) {
      if (done.ok) return done.value as T;
      throw done.error;
    }
    if (this.inProgress.has(a)) throw new AnalysisCycleError(`analysis ${a.name} requires itself`);
    this.inProgress.add(a);
    try {
      for (const r of a.requires) this.get(r);
      const value = a.run(this.passFor(a.name, a.requires));
      this.results.set(a, { ok: true, value });
      return value;
    } catch (err) {
      const error = err instanceof AnalysisFailed || err instanceof AnalysisCycleError ? err : new AnalysisFailed(a.name, err);
      if (error instanceof AnalysisFailed) this.results.set(a, { ok: false, error });
      throw error;
    } finally {
      this.inProgress.delete(a);
    }
  }

  passFor(who: string, requires: readonly Analysis<unknown>[]): AnalysisPass {
    const allowed = transitiveRequires(requires);
    return {
      pkg: this.pkg,
      settings: this.settings,
      resultOf: <T>(a: Analysis<T>): T => {
        // As x/tools does: reading an undeclared analysis is a bug in the caller, and
        // declaring it is what lets the framework order and share the work.
        if (!allowed.has(a as Analysis<unknown>)) throw new Error(`${who} reads analysis ${a.name} without listing it in requires`);
        return this.get(a);
      },
    };
  }
}

export interface PackageResult {
  findings: Finding[];
  errors: RunError[];
  /** Suppressions in other packages' files that silenced findings here (suppressionKey). */
  usedSuppressions: string[];
}

export interface RunPackageOptions {
  settings: RunSettings;
  /** Every check name racewatch knows (for suppressions naming unknown checks). */
  known: ReadonlySet<string>;
  /** Whether bad-suppression findings are wanted. */
  reportBadSuppressions: boolean;
}

/** Runs `checks` over one package. */
export function runPackage(pkg: PackageUnit, checks: readonly Check[], opts: RunPackageOptions): PackageResult {
  const errors: RunError[] = [];
  const raw: Omit<Finding, 'fingerprint'>[] = [];
  const cache = new AnalysisCache(pkg, opts.settings);
  for (const check of checks) {
    const base = cache.passFor(check.name, check.requires);
    const reported: Diagnostic[] = [];
    const pass: CheckPass = { ...base, check, report: (d) => void reported.push(d) };
    try {
      for (const r of check.requires) cache.get(r);
      check.run(pass);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      errors.push({ file: pkg.dir, line: 0, column: 0, message: `check ${check.name} failed on package ${pkg.importPath}: ${message}` });
    }
    for (const d of reported) {
      try {
        raw.push(resolveDiagnostic(pkg.fset, d, check));
      } catch (err) {
        errors.push({ file: pkg.dir, line: 0, column: 0, message: `check ${check.name} reported an unresolvable position: ${String(err)}` });
      }
    }
  }

  const suppressions: Suppression[] = [];
  for (const file of pkg.files) {
    const s = collectSuppressions(pkg.fset, file);
    suppressions.push(...s.suppressions);
    if (opts.reportBadSuppressions) raw.push(...s.malformed);
  }
  const ran = new Set(checks.map((c) => c.name));
  let kept = suppressions.length > 0 ? applySuppressions(raw, suppressions, ran, opts.known) : raw;
  if (!opts.reportBadSuppressions) kept = kept.filter((f) => f.check !== BAD_SUPPRESSION);
  // Findings in other packages' files (races reached through calls into them) obey the
  // suppression comments there.
  const own = new Set(pkg.fileNames);
  const usedSuppressions: string[] = [];
  if (kept.some((f) => !own.has(f.file))) kept = applyForeignSuppressions(kept, own, usedSuppressions);

  const linesCache = new Map<string, string[]>();
  const byName = new Map(pkg.files.map((f, i) => [pkg.fileNames[i]!, f]));
  const linesOf = (file: string): string[] | undefined => {
    let lines = linesCache.get(file);
    if (!lines) {
      const ast = byName.get(file);
      if (!ast) return undefined;
      lines = splitLines(Buffer.from(pkg.source(ast)).toString('utf8'));
      linesCache.set(file, lines);
    }
    return lines;
  };
  const importDir = pkg.importPath.endsWith('_test') ? pkg.importPath.slice(0, -'_test'.length) : pkg.importPath;
  const stableName = (file: string): string => (byName.has(file) ? `${importDir}/${basename(file)}` : file);
  return { findings: assignFingerprints(kept, stableName, linesOf), errors, usedSuppressions };
}
