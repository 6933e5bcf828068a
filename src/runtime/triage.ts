// triage: log files in, incidents out. Each input is streamed; one unreadable input is reported
// and the others are still read.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createGunzip } from 'node:zlib';
import { FindingsIndex, type FindingsJson } from './findings.js';
import { IncidentGrouper, linkFindings, SourceResolver } from './incidents.js';
import type { TriageResult } from './output.js';
import { ReportParser, type RawReport } from './parser.js';
import { feedStream } from './reader.js';

export interface TriageOptions {
  cwd: string;
  /** Read for the input `-`. */
  stdin?: AsyncIterable<Buffer | string>;
  findings?: FindingsJson;
  /** Called for every report as it is parsed (verify uses it). */
  onReport?: (report: RawReport) => void;
}

export interface TriageRun {
  result: TriageResult;
  resolver: SourceResolver;
  /** One line per input that could not be read. */
  inputErrors: string[];
}

function describeError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'Z_DATA_ERROR':
    case 'Z_BUF_ERROR':
      return 'not valid gzip data';
    default:
      return e?.message ?? String(err);
  }
}

export class Triage {
  readonly grouper = new IncidentGrouper();
  readonly parser: ReportParser;

  constructor(private readonly options: TriageOptions) {
    this.parser = new ReportParser(
      (r) => {
        this.grouper.add(r);
        options.onReport?.(r);
      },
      (r) => this.grouper.addTest(r),
    );
  }

  /** Reads one input to its end; returns an error line instead of throwing. */
  async readInput(name: string, stream?: AsyncIterable<Buffer | string>): Promise<string | null> {
    this.parser.beginInput(name);
    try {
      if (stream) {
        await feedStream(stream, this.parser);
      } else {
        const path = resolve(this.options.cwd, name);
        const info = await stat(path);
        if (info.isDirectory()) return `${name}: cannot read: is a directory`;
        const file = createReadStream(path, { highWaterMark: 1 << 18 });
        await feedStream(name.endsWith('.gz') ? file.pipe(createGunzip()) : file, this.parser);
      }
      return null;
    } catch (err) {
      return `${name}: cannot read: ${describeError(err)}`;
    } finally {
      this.parser.endInput();
    }
  }

  finish(): TriageRun {
    const resolver = new SourceResolver(this.options.cwd);
    const incidents = this.grouper.list();
    if (this.options.findings) linkFindings(incidents, new FindingsIndex(this.options.findings.findings, this.options.cwd), resolver);
    return {
      result: { incidents, stats: this.parser.stats, findings: this.options.findings?.findings },
      resolver,
      inputErrors: [],
    };
  }
}

export async function triageInputs(inputs: string[], options: TriageOptions): Promise<TriageRun> {
  const t = new Triage(options);
  const errors: string[] = [];
  for (const name of inputs.length > 0 ? inputs : ['-']) {
    const err = name === '-' ? await t.readInput('<stdin>', options.stdin ?? process.stdin) : await t.readInput(name);
    if (err) errors.push(err);
  }
  const run = t.finish();
  run.inputErrors = errors;
  return run;
}

/** Triage of text already in memory (tests, verify). */
export async function triageText(text: string, options: TriageOptions & { name?: string }): Promise<TriageRun> {
  const t = new Triage(options);
  await t.readInput(options.name ?? '<text>', (async function* () {
    yield Buffer.from(text);
  })());
  return t.finish();
}
