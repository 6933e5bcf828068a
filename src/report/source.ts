// Source text for reports that show or measure it (HTML excerpts, UTF-16 columns in
// SARIF and GitHub annotations). Files are read once, lazily; a file that has gone
// away since the analysis simply yields no excerpt.

import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';

export class SourceCache {
  private files = new Map<string, Buffer | null>();
  private lineTables = new Map<string, number[]>();

  bytes(file: string): Buffer | null {
    let b = this.files.get(file);
    if (b === undefined) {
      try {
        b = readFileSync(file);
      } catch {
        b = null;
      }
      this.files.set(file, b);
    }
    return b;
  }

  private lineStarts(file: string): number[] | null {
    const cached = this.lineTables.get(file);
    if (cached) return cached;
    const b = this.bytes(file);
    if (!b) return null;
    const starts = [0];
    for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) starts.push(i + 1);
    this.lineTables.set(file, starts);
    return starts;
  }

  /** Text of a 1-based line without its line ending, or undefined. */
  line(file: string, line: number): string | undefined {
    const starts = this.lineStarts(file);
    const b = this.bytes(file);
    if (!starts || !b || line < 1 || line > starts.length) return undefined;
    const end = line < starts.length ? starts[line]! - 1 : b.length;
    return b.subarray(starts[line - 1]!, end).toString('utf8').replace(/\r$/, '');
  }

  lineCount(file: string): number {
    return this.lineStarts(file)?.length ?? 0;
  }

  /**
   * Converts a 1-based column counted in UTF-8 bytes (go/token) on `line` into one
   * counted in UTF-16 code units (SARIF's default, and what editors count).
   */
  utf16Column(file: string, line: number, byteColumn: number): number {
    const starts = this.lineStarts(file);
    const b = this.bytes(file);
    if (!starts || !b || line < 1 || line > starts.length || byteColumn <= 1) return byteColumn;
    const start = starts[line - 1]!;
    const prefix = b.subarray(start, Math.min(b.length, start + byteColumn - 1));
    // A column inside a multi-byte sequence cannot come from go/token; decoding keeps it sane anyway.
    return prefix.toString('utf8').length + 1;
  }
}

/** A path relative to cwd with forward slashes, as every report format writes it. */
export function displayPath(cwd: string, file: string): string {
  if (file === '') return '';
  const rel = relative(cwd, file);
  return (rel === '' ? file : rel).split(sep).join('/');
}
