// The one place the framework touches the parser, so that the driver, the worker and
// the test harness parse files the same way (and each file exactly once per run).

import { readFileSync } from 'node:fs';
import type { File } from '../syntax/ast.js';
import type { FileSet } from '../syntax/position.js';
import type { RunError } from './findings.js';
import { parseFile } from '../syntax/parser.js';

export interface ParsedFile {
  name: string;
  src: Uint8Array;
  ast: File;
  lines: number;
}

function countLines(src: Uint8Array): number {
  let n = 0;
  for (let i = src.indexOf(10); i >= 0; i = src.indexOf(10, i + 1)) n++;
  if (src.length > 0 && src[src.length - 1] !== 10) n++;
  return n;
}

/**
 * Reads and parses one file into fset. Unreadable files and syntax errors come back
 * as RunErrors with file:line:col; a file with syntax errors still yields the tree
 * the parser recovered, so checks see as much of the package as possible.
 */
export function parseOne(fset: FileSet, name: string, errors: RunError[]): ParsedFile | null {
  let src: Uint8Array;
  try {
    src = readFileSync(name);
  } catch (err) {
    errors.push({ file: name, line: 0, column: 0, message: `cannot read file: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
    return null;
  }
  try {
    const { file, errors: syntaxErrors, source } = parseFile(fset, name, src);
    for (const e of syntaxErrors) {
      // Raw positions: a //line directive must not send the user to a generator's input.
      const p = source.rawPosition(Math.max(0, Math.min(e.offset, source.size)));
      errors.push({ file: name, line: p.line, column: p.column, message: e.message });
    }
    return { name, src, ast: file, lines: countLines(src) };
  } catch (err) {
    errors.push({ file: name, line: 0, column: 0, message: `cannot parse: ${err instanceof Error ? err.message : String(err)}` });
    return null;
  }
}
