// Groups parsed reports into incidents by a signature that survives rebuilds on other machines,
// and links incidents to check's static findings.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep, isAbsolute } from 'node:path';
import { canonicalFile, isStdlibFrame, packagePathOf, type Frame } from './frames.js';
import type { FindingMatch, FindingsIndex } from './findings.js';
import type { IncidentKind, RawReport, ReportSide } from './parser.js';

export interface Incident {
  kind: IncidentKind;
  signature: string;
  headline: string;
  count: number;
  firstSeen: number | null;
  lastSeen: number | null;
  truncated: boolean;
  /** The stacks of one report of the incident (the first complete one). */
  sides: ReportSide[];
  /** Where the first reports were seen (input:line), a few at most. */
  seenAt: string[];
  tests: string[];
  /** Static findings that name a line of this incident's user frames. */
  matches: FindingMatch[];
  /** Crash dumps with GOTRACEBACK=all: other goroutines in user code (from the first report). */
  bystanders: RawReport['bystanders'];
}

/** A stable hash of the user-code frames of every side; sides are sorted so A/B and B/A agree. */
export function signatureOf(kind: IncidentKind, sides: readonly ReportSide[]): string {
  const parts = sides.map((side) => {
    if (side.stackLost) return '(stack lost)';
    // Wrapper frames (`go f(x)` → `.gowrap1`) are shown only under GOTRACEBACK=system; leave
    // them out so that the traceback level does not change the signature.
    const frames = side.frames.filter((f) => !isStdlibFrame(f) && !WRAPPER.test(f.function));
    if (frames.length === 0) return '(no user frames)';
    return frames.map((f) => `${f.function} ${canonicalFile(f)}:${f.line}`).join('\n');
  });
  parts.sort();
  return createHash('sha256').update(`${kind}\n${parts.join('\n--\n')}`).digest('hex').slice(0, 16);
}

const WRAPPER = /\.(?:gowrap|deferwrap)\d+$|-fm$/;
const MAX_SEEN_AT = 5;
const MAX_TESTS = 20;

export class IncidentGrouper {
  private readonly incidents = new Map<string, Incident>();
  private readonly order = new Map<string, number>();
  reports = 0;

  add(report: RawReport): Incident {
    this.reports++;
    const signature = signatureOf(report.kind, report.sides);
    report.signature = signature;
    let inc = this.incidents.get(signature);
    if (!inc) {
      inc = {
        kind: report.kind,
        signature,
        headline: report.headline,
        count: 0,
        firstSeen: null,
        lastSeen: null,
        truncated: false,
        sides: report.sides,
        seenAt: [],
        tests: [],
        matches: [],
        bystanders: report.bystanders,
      };
      this.incidents.set(signature, inc);
      this.order.set(signature, this.order.size);
    }
    inc.count++;
    if (report.truncated) inc.truncated = true;
    if (report.time !== null) {
      if (inc.firstSeen === null || report.time < inc.firstSeen) inc.firstSeen = report.time;
      if (inc.lastSeen === null || report.time > inc.lastSeen) inc.lastSeen = report.time;
    }
    if (inc.seenAt.length < MAX_SEEN_AT) inc.seenAt.push(`${report.input}:${report.line}`);
    if (report.test && inc.tests.length < MAX_TESTS && !inc.tests.includes(report.test)) inc.tests.push(report.test);
    return inc;
  }

  /** A report's test became known after the report was added (go test prints `--- FAIL` after it). */
  addTest(report: RawReport): void {
    const inc = report.signature ? this.incidents.get(report.signature) : undefined;
    if (inc && report.test && inc.tests.length < MAX_TESTS && !inc.tests.includes(report.test)) inc.tests.push(report.test);
  }

  /** Incidents, most frequent first, then in order of appearance. */
  list(): Incident[] {
    return [...this.incidents.values()].sort((a, b) => b.count - a.count || this.order.get(a.signature)! - this.order.get(b.signature)!);
  }
}

/**
 * Finds a frame's source file under the current directory however its path was printed:
 * absolute on this machine, absolute on a build machine (`/build/app/cmd/x/main.go`),
 * `-trimpath` (`example.com/app/cmd/x/main.go`) or GORACE-stripped (`app/cmd/x/main.go`).
 */
export class SourceResolver {
  private readonly cache = new Map<string, string | null>();
  private readonly lines = new Map<string, string[] | null>();
  private readonly modulePath: string | null;

  constructor(readonly cwd: string) {
    this.modulePath = readModulePath(cwd);
  }

  /** The file's path relative to cwd (forward slashes), or null when it is not found under cwd. */
  resolve(frame: Frame): string | null {
    const key = `${frame.file}\0${packagePathOf(frame.function)}`;
    let hit = this.cache.get(key);
    if (hit === undefined) {
      hit = this.search(frame);
      this.cache.set(key, hit);
    }
    return hit;
  }

  private isFile(rel: string): boolean {
    try {
      return statSync(join(this.cwd, rel)).isFile();
    } catch {
      return false;
    }
  }

  private search(frame: Frame): string | null {
    const file = frame.file.replace(/\\/g, '/');
    if (isAbsolute(file)) {
      const rel = relative(this.cwd, file);
      if (!rel.startsWith('..') && !isAbsolute(rel) && existsSync(file)) return rel.split(sep).join('/');
    }
    const base = file.slice(file.lastIndexOf('/') + 1);
    const mod = this.modulePath;
    if (mod) {
      if (file.startsWith(mod + '/') && this.isFile(file.slice(mod.length + 1))) return file.slice(mod.length + 1);
      const pkg = packagePathOf(frame.function).replace(/_test$/, '');
      if (pkg === mod && this.isFile(base)) return base;
      if (pkg.startsWith(mod + '/') && this.isFile(`${pkg.slice(mod.length + 1)}/${base}`)) return `${pkg.slice(mod.length + 1)}/${base}`;
    }
    // A build machine's prefix: drop leading directories until the rest exists here.
    const parts = file.split('/').filter((p) => p !== '');
    for (let i = 0; i < parts.length && i < 12; i++) {
      const rel = parts.slice(i).join('/');
      if (rel && this.isFile(rel)) return rel;
    }
    return null;
  }

  /** Source text of a 1-based line of a file under cwd, or null. */
  sourceLine(rel: string, line: number): string | null {
    let lines = this.lines.get(rel);
    if (lines === undefined) {
      try {
        const text = readFileSync(resolve(this.cwd, rel), 'utf8');
        lines = text.length > 4_000_000 ? null : text.split('\n');
      } catch {
        lines = null;
      }
      this.lines.set(rel, lines);
    }
    const s = lines?.[line - 1];
    return s === undefined ? null : s.replace(/\r$/, '');
  }
}

function readModulePath(cwd: string): string | null {
  try {
    const m = /^module\s+"?([^\s"]+)"?/m.exec(readFileSync(join(cwd, 'go.mod'), 'utf8'));
    return m ? m[1]! : null;
  } catch {
    return null;
  }
}

/**
 * Links every incident to the findings that name one of its user frames' lines (primary or
 * related location); a data race explained on both sides ranks first.
 */
export function linkFindings(incidents: Incident[], index: FindingsIndex, resolver: SourceResolver): void {
  for (const inc of incidents) {
    const seen = new Map<string, { match: FindingMatch; sides: Set<number> }>();
    inc.sides.forEach((side, sideIndex) => {
      for (const frame of side.frames) {
        if (isStdlibFrame(frame)) continue;
        for (const m of index.lookup(frame, resolver.resolve(frame))) {
          const key = m.finding.fingerprint + '\0' + m.finding.file + m.finding.line;
          const entry = seen.get(key) ?? { match: m, sides: new Set<number>() };
          entry.sides.add(sideIndex);
          seen.set(key, entry);
        }
      }
    });
    inc.matches = [...seen.values()].sort((a, b) => b.sides.size - a.sides.size).map((e) => e.match);
  }
}
