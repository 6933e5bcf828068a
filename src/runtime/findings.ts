// The JSON that `racewatch check --format json` writes (contract version 1), read defensively:
// triage and verify link runtime evidence to static findings through it.
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Frame } from './frames.js';

export interface FindingLocation {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface Finding {
  check: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  related: FindingLocation[];
  fixes: unknown[];
  fingerprint: string;
}

export interface FindingsJson {
  version: number;
  tool: { name: string; version: string };
  findings: Finding[];
  errors: Array<{ file: string; line: number; column: number; message: string }>;
  stats: { packages: number; files: number; lines: number; seconds: number };
}

export class FindingsError extends Error {}

/** 1-based line and column of a character offset. */
function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/**
 * Offset of the first JSON syntax error. Node 20's JSON.parse does not always say where it
 * failed, so on failure the text is scanned again by this small validator to find the place.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    } else if (c === '"') string();
    else {
      const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
      if (!m) fail();
      i += m![0].length;
    }
  };
  const string = (): void => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) fail();
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return -1;
  } catch (at) {
    return typeof at === 'number' ? at : -1;
  }
}

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const num = (v: unknown, fallback = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/**
 * Parses check's JSON. Syntax errors and a wrong top-level shape throw FindingsError naming
 * `file:line:col`; a finding without a usable file and line is skipped and reported in `warnings`.
 */
export function parseFindings(text: string, name: string): { findings: FindingsJson; warnings: string[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const offset = jsonErrorOffset(text);
    const where = lineCol(text, offset >= 0 ? offset : text.length);
    const reason = text.trim() === '' ? 'the file is empty' : message.replace(/, (?:\.\.\.)?".*$/s, '').replace(/ (?:in JSON )?at position \d+.*$/s, '').replace(/\s+/g, ' ');
    throw new FindingsError(`${name}:${where.line}:${where.column}: not valid JSON: ${reason}`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new FindingsError(`${name}:1:1: expected the JSON object written by \`racewatch check --format json\``);
  const o = doc as Record<string, unknown>;
  if (o.version !== 1) throw new FindingsError(`${name}:1:1: unsupported findings version ${JSON.stringify(o.version)} (this racewatch reads version 1)`);
  if (!Array.isArray(o.findings)) throw new FindingsError(`${name}:1:1: "findings" must be an array`);
  const warnings: string[] = [];
  const findings: Finding[] = [];
  o.findings.forEach((raw: unknown, i: number) => {
    const f = raw as Record<string, unknown> | null;
    if (!f || typeof f !== 'object' || typeof f.file !== 'string' || !(num(f.line) > 0)) {
      warnings.push(`${name}: findings[${i}] has no file and line; skipped`);
      return;
    }
    findings.push({
      check: str(f.check, 'unknown'),
      severity: str(f.severity, 'warning'),
      message: str(f.message),
      file: f.file,
      line: num(f.line),
      column: num(f.column, 1),
      endLine: num(f.endLine, num(f.line)),
      endColumn: num(f.endColumn, num(f.column, 1)),
      related: Array.isArray(f.related)
        ? f.related.filter((r): r is Record<string, unknown> => !!r && typeof r === 'object' && typeof (r as Record<string, unknown>).file === 'string').map((r) => ({ file: r.file as string, line: num(r.line), column: num(r.column, 1), message: str(r.message) }))
        : [],
      fixes: Array.isArray(f.fixes) ? f.fixes : [],
      fingerprint: str(f.fingerprint, `${f.file}:${num(f.line)}:${str(f.check)}`),
    });
  });
  const tool = (o.tool ?? {}) as Record<string, unknown>;
  const stats = (o.stats ?? {}) as Record<string, unknown>;
  return {
    findings: {
      version: 1,
      tool: { name: str(tool.name, 'racewatch'), version: str(tool.version) },
      findings,
      errors: Array.isArray(o.errors) ? (o.errors as FindingsJson['errors']) : [],
      stats: { packages: num(stats.packages), files: num(stats.files), lines: num(stats.lines), seconds: num(stats.seconds) },
    },
    warnings,
  };
}

export function readFindingsFile(path: string, cwd: string): { findings: FindingsJson; warnings: string[] } {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new FindingsError(`${path}: cannot read findings: ${code === 'ENOENT' ? 'no such file' : code ?? String(err)}`);
  }
  return parseFindings(text, path);
}

/**
 * A path as a key that compares equal for the same file however it was written: relative to
 * cwd, with forward slashes, without `./`. Absolute paths outside cwd stay absolute.
 */
export function normalisePath(file: string, cwd: string): string {
  const abs = isAbsolute(file) ? file : resolve(cwd, file);
  const rel = relative(cwd, abs);
  const out = rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
  return out.split(sep).join('/');
}

export interface FindingMatch {
  finding: Finding;
  /** Which of the finding's locations the runtime frame hit: the primary line or a related one. */
  location: FindingLocation;
  primary: boolean;
  frame: Frame;
}

/**
 * Index of findings by `file:line` of every location they name (primary and related), so
 * runtime frames can be looked up in constant time.
 */
export class FindingsIndex {
  private readonly byLocation = new Map<string, Array<{ finding: Finding; location: FindingLocation; primary: boolean }>>();

  constructor(readonly findings: Finding[], private readonly cwd: string) {
    for (const f of findings) {
      this.add(f, { file: f.file, line: f.line, column: f.column, message: f.message }, true);
      for (const r of f.related) this.add(f, r, false);
    }
  }

  private add(finding: Finding, location: FindingLocation, primary: boolean): void {
    const key = `${normalisePath(location.file, this.cwd)}:${location.line}`;
    let list = this.byLocation.get(key);
    if (!list) this.byLocation.set(key, (list = []));
    list.push({ finding, location, primary });
  }

  /** Findings naming the frame's file:line; `resolvedFile` is the frame's file as found under cwd. */
  lookup(frame: Frame, resolvedFile: string | null): FindingMatch[] {
    const file = resolvedFile ?? frame.file;
    const hits = this.byLocation.get(`${normalisePath(file, this.cwd)}:${frame.line}`);
    return hits ? hits.map((h) => ({ ...h, frame })) : [];
  }
}
