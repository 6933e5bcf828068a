// Resolved diagnostics: what leaves a package's analysis. Checks report Pos ranges in
// a FileSet; before anything crosses a thread or reaches a report, positions become
// file/line/column/byte offsets, so that report formats need no FileSet.

import { createHash } from 'node:crypto';
import type { Check, Diagnostic, Severity } from './check.js';
import type { FileSet, Pos } from '../syntax/position.js';

export interface Location {
  /** Absolute file name. */
  file: string;
  /** 1-based; columns in UTF-8 bytes as go/token counts them. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Byte offsets in the file. */
  offset: number;
  endOffset: number;
}

export interface RelatedFinding extends Location {
  message: string;
}

export interface FindingEdit {
  file: string;
  /** Byte offsets in the original file. */
  start: number;
  end: number;
  new: string;
}

export interface FindingFix {
  message: string;
  safe: boolean;
  edits: FindingEdit[];
}

export interface Finding extends Location {
  check: string;
  severity: Severity;
  message: string;
  related: RelatedFinding[];
  fixes: FindingFix[];
  /** Stable across unrelated edits: see fingerprint(). */
  fingerprint: string;
}

/** A file or package that could not be read, parsed or loaded; the rest is still checked. */
export interface RunError {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface RunStats {
  packages: number;
  files: number;
  lines: number;
  seconds: number;
}

/** Everything a report needs. */
export interface CheckRun {
  findings: Finding[];
  errors: RunError[];
  stats: RunStats;
  /** The checks that ran (for SARIF rules and the HTML legend). */
  checks: readonly Check[];
}

export function locate(fset: FileSet, pos: Pos, end: Pos): Location {
  const p = fset.position(pos, false);
  const e = end > pos ? fset.position(end, false) : p;
  return {
    file: p.filename,
    line: p.line,
    column: p.column,
    endLine: e.line,
    endColumn: e.column,
    offset: p.offset,
    endOffset: e.offset,
  };
}

export function resolveDiagnostic(fset: FileSet, d: Diagnostic, check: Check): Omit<Finding, 'fingerprint'> {
  return {
    ...locate(fset, d.pos, d.end),
    check: d.check ?? check.name,
    severity: d.severity ?? check.severity,
    message: d.message,
    related: (d.related ?? []).map((r) => ({ ...locate(fset, r.pos, r.end), message: r.message })),
    fixes: (d.fixes ?? []).map((f) => ({
      message: f.message,
      safe: f.safe,
      edits: f.edits.map((e) => {
        const l = locate(fset, e.pos, e.end);
        return { file: l.file, start: l.offset, end: l.endOffset, new: e.newText };
      }),
    })),
  };
}

/** Lines of a file's text, split once and cached by the caller. */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

function normalise(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Fingerprints: a hash of the check, the file's stable name (import path + base name,
 * independent of the checkout's location and the cwd), the normalised text of the
 * flagged lines and of each related line, and the occurrence index among findings with
 * the same key in that file. Line numbers are left out on purpose, so that a finding
 * keeps its fingerprint when unrelated lines above it move.
 */
export function assignFingerprints(
  findings: Omit<Finding, 'fingerprint'>[],
  stableName: (file: string) => string,
  linesOf: (file: string) => string[] | undefined,
): Finding[] {
  const seen = new Map<string, number>();
  const sorted = [...findings].sort((a, b) => (a.file === b.file ? a.offset - b.offset : a.file < b.file ? -1 : 1));
  const out = new Map<Omit<Finding, 'fingerprint'>, string>();
  const textOf = (file: string, from: number, to: number): string => {
    const lines = linesOf(file);
    if (!lines) return '';
    const last = Math.min(to, from + 9);
    return normalise(lines.slice(from - 1, last).join('\n'));
  };
  for (const f of sorted) {
    const parts = [f.check, stableName(f.file), textOf(f.file, f.line, f.endLine)];
    for (const r of f.related) parts.push(stableName(r.file) + ':' + textOf(r.file, r.line, r.line));
    const key = parts.join('\u0000');
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    out.set(f, createHash('sha256').update(key + '\u0000' + index).digest('hex').slice(0, 32));
  }
  return findings.map((f) => ({ ...f, fingerprint: out.get(f)! }));
}

export function compareFindings(a: Location & { check: string; message: string }, b: Location & { check: string; message: string }): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  if (a.check !== b.check) return a.check < b.check ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/**
 * One finding per place and cause. The same pair of accesses is found once per goroutine
 * context that reaches it (main, each test, each entry point) and once per build of a
 * package (plain, with in-package tests); a reviewer needs to see it once. Two findings
 * are the same when check, primary range, message and the first related location agree;
 * the first in report order is kept, so the choice is deterministic.
 */
export function dedupeFindings(sorted: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of sorted) {
    const other = f.related[0];
    const key = `${f.check}\u0000${f.file}\u0000${f.offset}\u0000${f.endOffset}\u0000${f.message}\u0000${other ? `${other.file}:${other.offset}` : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}
