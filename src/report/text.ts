import type { CheckRun } from '../analysis/findings.js';
import { displayPath } from './source.js';

/**
 * `path:line:col: message (check)`, one line per finding, related locations indented
 * below it. Paths relative to cwd, columns in bytes as go vet prints them.
 */
export function formatText(run: CheckRun, cwd: string): string {
  const out: string[] = [];
  for (const f of run.findings) {
    out.push(`${displayPath(cwd, f.file)}:${f.line}:${f.column}: ${f.message} (${f.check})`);
    for (const r of f.related) out.push(`    ${displayPath(cwd, r.file)}:${r.line}:${r.column}: ${r.message}`);
  }
  return out.length > 0 ? out.join('\n') + '\n' : '';
}

/** Load and parse errors, `path:line:col: message`, for stderr beside a text report. */
export function formatErrors(run: CheckRun, cwd: string): string {
  return run.errors.map((e) => `${errorPlace(cwd, e)}${e.message}\n`).join('');
}

export function errorPlace(cwd: string, e: { file: string; line: number; column: number }): string {
  if (e.file === '') return '';
  let s = displayPath(cwd, e.file);
  if (e.line > 0) s += `:${e.line}`;
  if (e.line > 0 && e.column > 0) s += `:${e.column}`;
  return s + ': ';
}
