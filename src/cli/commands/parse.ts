import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FatalError, UsageError, type Command, type CommandIO } from '../command.js';
import { PatternError, expandPatterns } from '../../load/patterns.js';
import { astToJson } from '../../syntax/astjson.js';
import { checkSource } from '../../syntax/check.js';
import { type FileOutcome, defaultWorkers, parseFilesParallel } from '../../syntax/parallel.js';
import { FileSet } from '../../syntax/position.js';
import { formatError, parseFile } from '../../syntax/parser.js';

const usage = `usage: racewatch parse [--workers N] [patterns...]
       racewatch parse --ast FILE

Parses Go source files and prints their syntax errors as gofmt -e does
(path:line:col: message). Patterns are those of the go command: ./... or
dir/... (every directory below, skipping testdata, vendor and names starting
with . or _), a directory, or a .go file; the default is the current directory.
A one-line summary (files, MB, seconds, MB/s) goes to standard error.

  --ast FILE    print FILE's syntax tree as JSON (go/ast's node kinds and field
                names; positions as byte offsets in the file, null when absent)
  --workers N   parse on N threads (default: one per core)

Exit status: 0 when every file parsed cleanly, 1 when there were syntax errors
or unreadable files, 2 on bad usage.
`;

/** Below this many files, starting worker threads costs more than it saves. */
const parallelThreshold = 24;

function printAst(file: string, io: CommandIO): number {
  let src: Uint8Array;
  try {
    src = readFileSync(resolve(io.cwd, file));
  } catch (e) {
    throw new FatalError(`${file}: cannot read: ${e instanceof Error ? e.message : String(e)}`);
  }
  const r = parseFile(new FileSet(), file, src);
  io.stdout.write(astToJson(r.file, r.file.FileStart) + '\n');
  for (const e of r.errors) io.stderr.write(formatError(e) + '\n');
  return r.errors.length > 0 ? 1 : 0;
}

/** The lines to print for one file: gofmt -e's, but one line for a file that is not text. */
function errorLines(o: FileOutcome): string[] {
  if (o.readError !== undefined) return [`${o.file}: cannot read: ${o.readError}`];
  if (o.errors.length === 0) return [];
  if (o.notText) {
    const more = o.errors.length - 1;
    return [`${o.errors[0]!.formatted}${more > 0 ? ` (not UTF-8 Go source text; ${more} more error${more === 1 ? '' : 's'} not shown)` : ''}`];
  }
  return o.errors.map((e) => e.formatted);
}

export const parseCommand: Command = {
  name: 'parse',
  summary: 'parse Go files and report syntax errors (or print one file\'s AST as JSON)',
  usage,
  async run(args: string[], io: CommandIO): Promise<number> {
    let astFile: string | undefined;
    let workers = defaultWorkers();
    const patterns: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--ast') {
        if (i + 1 >= args.length) throw new UsageError('--ast needs a file');
        astFile = args[++i];
      } else if (a === '--workers' || a === '-j') {
        const n = Number(args[++i]);
        if (!Number.isInteger(n) || n < 1) throw new UsageError(`${a} needs a positive integer`);
        workers = n;
      } else if (a.startsWith('-') && a !== '-') {
        throw new UsageError(`unknown flag ${a}`);
      } else {
        patterns.push(a);
      }
    }
    if (astFile !== undefined) {
      if (patterns.length > 0) throw new UsageError('--ast takes exactly one file');
      return printAst(astFile, io);
    }
    if (patterns.length === 0) patterns.push('.');

    let files: string[];
    try {
      files = expandPatterns(patterns, io.cwd).files;
    } catch (e) {
      if (e instanceof PatternError) throw new FatalError(e.message);
      throw e;
    }

    const started = process.hrtime.bigint();
    let outcomes: FileOutcome[];
    if (files.length >= parallelThreshold && workers > 1) {
      // Workers read files relative to the process's directory: hand them absolute paths.
      const abs = await parseFilesParallel(files.map((f) => resolve(io.cwd, f)), 'check', workers);
      outcomes = abs.map((o, i) => relabel(o, files[i]!));
    } else {
      outcomes = files.map((f) => {
        let src: Uint8Array;
        try {
          src = readFileSync(resolve(io.cwd, f));
        } catch (e) {
          return { file: f, bytes: 0, readError: e instanceof Error ? e.message : String(e), errors: [] };
        }
        return checkSource(f, src);
      });
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;

    let bytes = 0;
    let errorCount = 0;
    let badFiles = 0;
    const out: string[] = [];
    for (const o of outcomes) {
      bytes += o.bytes;
      const lines = errorLines(o);
      if (lines.length > 0) {
        badFiles++;
        errorCount += o.readError !== undefined ? 1 : o.errors.length;
        out.push(...lines);
      }
    }
    if (out.length > 0) io.stderr.write(out.join('\n') + '\n');
    const mb = bytes / 1e6;
    const rate = seconds > 0 ? mb / seconds : 0;
    const problems = badFiles === 0 ? 'no syntax errors' : `${errorCount} error${errorCount === 1 ? '' : 's'} in ${badFiles} file${badFiles === 1 ? '' : 's'}`;
    io.stderr.write(`racewatch parse: ${files.length} file${files.length === 1 ? '' : 's'}, ${mb.toFixed(2)} MB in ${seconds.toFixed(2)} s (${rate.toFixed(1)} MB/s): ${problems}\n`);
    return badFiles > 0 ? 1 : 0;
  },
};

/** Puts the path as the user wrote it back into an outcome computed on the absolute path. */
function relabel(o: FileOutcome, shown: string): FileOutcome {
  if (o.file === shown) return o;
  const from = o.file;
  return {
    ...o,
    file: shown,
    errors: o.errors.map((e) => ({ ...e, formatted: e.formatted.startsWith(from) ? shown + e.formatted.slice(from.length) : e.formatted })),
  };
}
