// The shape of a racewatch check, after golang.org/x/tools/go/analysis: a check is a
// plain value; it runs over one package through a Pass and reports Diagnostics.
// Expensive shared results (the concurrency model, function summaries) are Analyses
// that checks require; each is computed once per package and handed to every check.

export type Severity = 'error' | 'warning' | 'info';

/** A byte range in one file, as go/token positions (FileSet base + offset; 0 = none). */
export interface Range {
  pos: number;
  end: number;
}

export interface RelatedLocation extends Range {
  message: string;
}

export interface TextEdit extends Range {
  newText: string;
}

export interface SuggestedFix {
  /** A verb phrase: "Use Lock instead of RLock". */
  message: string;
  /** Safe fixes keep behaviour; unsafe ones may change it and are applied only when asked. */
  safe: boolean;
  edits: TextEdit[];
}

export interface Diagnostic extends Range {
  /** Filled in by the framework with the reporting check's name. */
  check?: string;
  /** Defaults to the check's severity. */
  severity?: Severity;
  message: string;
  related?: RelatedLocation[];
  fixes?: SuggestedFix[];
}

/**
 * A shared analysis: computed once per package, its result read by every check (or
 * analysis) that requires it. `run` may call pass.resultOf for the analyses it requires.
 */
export interface Analysis<T> {
  name: string;
  requires: Analysis<unknown>[];
  run(pass: AnalysisPass): T;
}

/** Run-wide settings a check may consult (set from the command line). */
export interface RunSettings {
  /**
   * Report in packages inside GOROOT too. Off by default: the standard library uses
   * linkname, unsafe and runtime internals legitimately, and checks that flag those
   * hazards stay quiet there unless asked (`racewatch check --include-goroot`).
   */
  includeGoroot: boolean;
}

/** What a check or analysis sees of the package under analysis. */
export interface AnalysisPass {
  /** The package being analysed: files, positions, types (see src/analysis/pass.ts). */
  readonly pkg: import('./pass.js').PackageUnit;
  readonly settings: RunSettings;
  resultOf<T>(analysis: Analysis<T>): T;
}

export interface CheckPass extends AnalysisPass {
  readonly check: Check;
  report(diagnostic: Diagnostic): void;
}

export interface CheckDoc {
  /** One line, lower case, no period: "concurrent map access without a common lock". */
  title: string;
  /** Markdown with the sections: What it finds · Why it matters · Example · How to fix · Fix safety. */
  markdown: string;
}

export interface Check {
  /** kebab-case, names the hazard: "map-race", "write-under-rlock". Never reused. */
  name: string;
  doc: CheckDoc;
  severity: Severity;
  requires: Analysis<unknown>[];
  /**
   * True when the check reads only syntax (never pkg.types). A run whose checks are all
   * syntax-only skips the type checker entirely; otherwise packages are type-checked.
   */
  syntaxOnly?: boolean;
  /**
   * A syntactic look at a package: false when run() will not read pkg.types there (the
   * check's own gate, or no use for types at all), including through the analyses it
   * requires. A package that no selected check needs types for is not type-checked.
   * Absent: the check may read the types of any package.
   */
  needsTypes?(pkg: import('./pass.js').PackageUnit, settings: RunSettings): boolean;
  run(pass: CheckPass): void;
}
