// Syntax checking of one file's bytes into the small, serialisable outcome the
// parse command prints (shared by the worker threads and the single-threaded path).

import type { FileOutcome } from './parallel.js';
import { FileSet } from './position.js';
import { type ParseResult, formatError, parseFile } from './parser.js';

const notTextMessages = new Set(['illegal character NUL', 'illegal UTF-8 encoding', 'illegal UTF-8 encoding (got UTF-16)', 'illegal byte order mark']);

/** Parses src (unless already parsed) and summarises its errors. */
export function checkSource(file: string, src: Uint8Array, parsed?: ParseResult): FileOutcome {
  const r = parsed ?? parseFile(new FileSet(), file, src, { comments: true });
  const notText = r.errors.some((e) => notTextMessages.has(e.message));
  return {
    file,
    bytes: src.length,
    errors: r.errors.map((e) => ({ line: e.line, col: e.col, offset: e.offset, message: e.message, formatted: formatError(e) })),
    notText,
  };
}
