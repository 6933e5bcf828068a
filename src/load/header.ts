// A cheap reader of a Go file's header: the build-constraint comments, the package
// clause and the import declarations, without parsing the rest of the file. This is
// what go/build reads to select files, and it is all the loader needs.

import { closeSync, openSync, readSync, readFileSync } from 'node:fs';
import { isGoBuildLine, isPlusBuildLine } from './constraints.js';

export interface FileHeader {
  /** Package clause name; null when the file has no readable package clause. */
  packageName: string | null;
  /** The //go:build line, trimmed; null when there is none. */
  goBuild: string | null;
  goBuildLine: number;
  /** Legacy // +build lines that count (those in the header, followed by a blank line). */
  plusBuild: string[];
  /** Import paths, in order. */
  imports: string[];
  /** A syntax error in the header (1-based line and column); go/build still keeps the file. */
  error: { line: number; column: number; message: string } | null;
  /** A malformed constraint (two //go:build lines): go/build rejects the file. */
  constraintError: { line: number; column: number; message: string } | null;
}

const chunkSize = 8 * 1024;
// One buffer for every first read: most headers fit, and allocating per file dominated the cost.
const chunk = Buffer.allocUnsafe(chunkSize);

export function readHeader(file: string): FileHeader {
  let text: string;
  let complete: boolean;
  const fd = openSync(file, 'r');
  try {
    const n = readSync(fd, chunk, 0, chunkSize, 0);
    text = chunk.toString('utf8', 0, n);
    complete = n < chunkSize;
  } finally {
    closeSync(fd);
  }
  let header = scanHeader(text, complete);
  if (header === null) header = scanHeader(readFileSync(file, 'utf8'), true)!;
  return header;
}

/**
 * Scans `text`; returns null when `text` is only a prefix of the file (`complete` false)
 * and the header runs past its end, so that the caller reads the whole file.
 */
export function scanHeader(text: string, complete: boolean): FileHeader | null {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const result: FileHeader = { packageName: null, goBuild: null, goBuildLine: 0, plusBuild: [], imports: [], error: null, constraintError: null };
  if (!scanConstraintComments(text, result) && !complete) return null;

  let pos = 0;
  let line = 1;
  let lineStart = 0;
  let truncated = false;
  const fail = (message: string): void => {
    if (!result.error) result.error = { line, column: pos - lineStart + 1, message };
  };
  // Skips spaces, newlines, semicolons and comments; false at the end of the text.
  const skip = (): boolean => {
    while (pos < text.length) {
      const c = text[pos]!;
      if (c === '\n') {
        pos++;
        line++;
        lineStart = pos;
      } else if (c === ' ' || c === '\t' || c === '\r' || c === ';') {
        pos++;
      } else if (text.startsWith('//', pos)) {
        const end = text.indexOf('\n', pos);
        pos = end < 0 ? text.length : end;
      } else if (text.startsWith('/*', pos)) {
        const end = text.indexOf('*/', pos + 2);
        if (end < 0) {
          truncated = true;
          pos = text.length;
          return false;
        }
        for (let i = pos; i < end; i++) {
          if (text[i] === '\n') {
            line++;
            lineStart = i + 1;
          }
        }
        pos = end + 2;
      } else {
        return true;
      }
    }
    truncated = true;
    return false;
  };
  const identRe = /[\p{L}_][\p{L}\p{N}_]*/uy;
  const ident = (): string | null => {
    identRe.lastIndex = pos;
    const m = identRe.exec(text);
    if (!m) return null;
    pos += m[0].length;
    return m[0];
  };
  const stringLit = (): string | null => {
    const q = text[pos];
    if (q === '`') {
      const end = text.indexOf('`', pos + 1);
      if (end < 0) {
        truncated = true;
        return null;
      }
      const value = text.slice(pos + 1, end);
      pos = end + 1;
      return value;
    }
    if (q !== '"') return null;
    let i = pos + 1;
    let value = '';
    while (i < text.length && text[i] !== '"' && text[i] !== '\n') {
      if (text[i] === '\\' && i + 1 < text.length) {
        value += text[i + 1];
        i += 2;
      } else {
        value += text[i];
        i++;
      }
    }
    if (i >= text.length) {
      truncated = true;
      return null;
    }
    if (text[i] !== '"') return null;
    pos = i + 1;
    return value;
  };
  // One import spec: [name|.|_] "path".
  const importSpec = (): boolean => {
    if (text[pos] === '.' || text[pos] === '_') {
      if (text[pos] === '.' || !ident()) pos++;
      if (!skip()) return false;
    } else if (text[pos] !== '"' && text[pos] !== '`') {
      if (!ident()) {
        fail('expected import path');
        return false;
      }
      if (!skip()) return false;
    }
    const path = stringLit();
    if (path === null) {
      if (!truncated) fail('expected import path string');
      return false;
    }
    result.imports.push(path);
    return true;
  };

  if (!skip()) {
    if (!truncated || complete) fail('expected package clause, found end of file');
    return truncated && !complete ? null : result;
  }
  const clauseStart = pos;
  if (ident() !== 'package') {
    pos = clauseStart;
    fail("expected 'package'");
    return result;
  }
  if (!skip()) return complete ? (fail('expected package name'), result) : null;
  const name = ident();
  if (!name) {
    fail('expected package name');
    return result;
  }
  result.packageName = name;
  for (;;) {
    if (!skip()) break;
    const save = pos;
    if (ident() !== 'import') {
      pos = save;
      break;
    }
    if (!skip()) break;
    if (text[pos] === '(') {
      pos++;
      for (;;) {
        if (!skip()) break;
        if (text[pos] === ')') {
          pos++;
          break;
        }
        if (!importSpec()) break;
      }
      if (truncated || result.error) break;
    } else if (!importSpec()) {
      break;
    }
  }
  if (truncated && !complete) return null;
  return result;
}

/**
 * Finds the //go:build line and the // +build lines that count, exactly as go/build's
 * parseFileHeader does: lines are read up to the first non-comment text, and // +build
 * lines count only above the last blank line before it. Returns false when the text ends
 * while still inside the leading comments.
 */
function scanConstraintComments(text: string, result: FileHeader): boolean {
  let end = 0;
  let ended = false;
  let inSlashStar = false;
  let p = 0;
  let lineNo = 0;
  let reachedCode = false;
  lines: while (p < text.length) {
    lineNo++;
    const nl = text.indexOf('\n', p);
    let line: string;
    if (nl >= 0) {
      line = text.slice(p, nl);
      p = nl + 1;
    } else {
      line = text.slice(p);
      p = text.length;
    }
    line = line.trim();
    if (line.length === 0 && !ended) {
      end = p;
      continue;
    }
    if (!line.startsWith('//')) ended = true;
    if (!inSlashStar && isGoBuildLine(line)) {
      if (result.goBuild !== null) {
        result.constraintError ??= { line: lineNo, column: 1, message: 'multiple //go:build comments' };
      } else {
        result.goBuild = line;
        result.goBuildLine = lineNo;
      }
    }
    while (line.length > 0) {
      if (inSlashStar) {
        const i = line.indexOf('*/');
        if (i >= 0) {
          inSlashStar = false;
          line = line.slice(i + 2).trim();
          continue;
        }
        continue lines;
      }
      if (line.startsWith('//')) continue lines;
      if (line.startsWith('/*')) {
        inSlashStar = true;
        line = line.slice(2).trim();
        continue;
      }
      reachedCode = true;
      break lines;
    }
  }
  for (const raw of text.slice(0, end).split('\n')) {
    const line = raw.trim();
    if (line.startsWith('//') && line.includes('+build') && isPlusBuildLine(line)) result.plusBuild.push(line);
  }
  return reachedCode;
}

