import type { CheckRun } from '../analysis/findings.js';
import { displayPath } from './source.js';

/** The JSON shape other tools read; field order and names are part of the contract (version 1). */
export function formatJSON(run: CheckRun, cwd: string, version: string): string {
  const doc = {
    version: 1,
    tool: { name: 'racewatch', version },
    findings: run.findings.map((f) => ({
      check: f.check,
      severity: f.severity,
      message: f.message,
      file: displayPath(cwd, f.file),
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      related: f.related.map((r) => ({ file: displayPath(cwd, r.file), line: r.line, column: r.column, message: r.message })),
      fixes: f.fixes.map((x) => ({
        message: x.message,
        safe: x.safe,
        edits: x.edits.map((e) => ({ file: displayPath(cwd, e.file), start: e.start, end: e.end, new: e.new })),
      })),
      fingerprint: f.fingerprint,
    })),
    errors: run.errors.map((e) => ({ file: displayPath(cwd, e.file), line: e.line, column: e.column, message: e.message })),
    stats: {
      packages: run.stats.packages,
      files: run.stats.files,
      lines: run.stats.lines,
      seconds: Math.round(run.stats.seconds * 1000) / 1000,
    },
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
