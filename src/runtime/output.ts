// The three ways triage speaks: text for a person at a terminal, JSON for tools, OpenMetrics
// for Prometheus (textfile collector or pushgateway).
import { isStdlibFrame, type Frame } from './frames.js';
import { normalisePath, type Finding } from './findings.js';
import type { Incident, SourceResolver } from './incidents.js';
import type { ParserStats, ReportSide } from './parser.js';

export interface TriageResult {
  incidents: Incident[];
  stats: ParserStats;
  /** Present with --with-findings: every finding, and the incidents that confirm it. */
  findings?: Finding[];
}

const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());

export const CRASH_NOTE =
  'the runtime names only the goroutine that noticed the conflict; the other side was a concurrent map write by another goroutine, which the dump does not identify';

function describeFinding(inc: Incident): unknown {
  const m = inc.matches[0];
  if (!m) return null;
  const f = m.finding;
  const other = m.primary ? f.related[0] : { file: f.file, line: f.line, column: f.column, message: f.message };
  return {
    check: f.check,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    fingerprint: f.fingerprint,
    matched: m.primary ? 'primary' : 'related',
    otherSide: other ? { file: other.file, line: other.line, message: other.message } : null,
  };
}

function frameJson(f: Frame, resolver: SourceResolver): { function: string; file: string; line: number; source?: string } {
  const rel = resolver.resolve(f);
  const source = rel ? resolver.sourceLine(rel, f.line) : null;
  return { function: f.function, file: rel ?? f.file, line: f.line, ...(source !== null ? { source: source.trim() } : {}) };
}

function sideJson(side: ReportSide, resolver: SourceResolver): unknown {
  return {
    access: side.access,
    goroutine: side.goroutine,
    previous: side.previous,
    ...(side.atomic ? { atomic: true } : {}),
    ...(side.state ? { state: side.state } : {}),
    frames: side.frames.map((f) => frameJson(f, resolver)),
    createdAt: side.createdAt.map((f) => frameJson(f, resolver)),
    stackLost: side.stackLost,
    elided: side.elided,
  };
}

function isCrash(inc: Incident): boolean {
  return inc.kind !== 'data-race';
}

export function confirmedFindings(result: TriageResult): Map<Finding, Incident[]> {
  const out = new Map<Finding, Incident[]>();
  for (const inc of result.incidents) {
    for (const m of inc.matches) {
      const list = out.get(m.finding) ?? [];
      if (!list.includes(inc)) list.push(inc);
      out.set(m.finding, list);
    }
  }
  return out;
}

export function formatJson(result: TriageResult, resolver: SourceResolver): string {
  const doc: Record<string, unknown> = {
    version: 1,
    incidents: result.incidents.map((inc) => ({
      kind: inc.kind,
      signature: inc.signature,
      count: inc.count,
      firstSeen: iso(inc.firstSeen),
      lastSeen: iso(inc.lastSeen),
      truncated: inc.truncated,
      sides: inc.sides.map((s) => sideJson(s, resolver)),
      finding: describeFinding(inc),
      headline: inc.headline,
      ...(isCrash(inc) && inc.kind !== 'nil-map-write' ? { note: CRASH_NOTE } : {}),
      ...(inc.bystanders.length > 0
        ? { otherGoroutines: inc.bystanders.map((b) => ({ goroutine: b.goroutine, state: b.state, frame: frameJson(b.frame, resolver) })) }
        : {}),
      seenAt: inc.seenAt,
      ...(inc.tests.length > 0 ? { tests: inc.tests } : {}),
    })),
    inputs: {
      bytes: result.stats.bytes,
      lines: result.stats.lines,
      reports: result.stats.reports,
      detectorFound: result.stats.detectorFound,
    },
  };
  if (result.findings) {
    const confirmed = confirmedFindings(result);
    doc.findings = result.findings.map((f) => ({
      check: f.check,
      file: f.file,
      line: f.line,
      fingerprint: f.fingerprint,
      confirmedBy: (confirmed.get(f) ?? []).map((i) => i.signature),
    }));
  }
  return JSON.stringify(doc, null, 2) + '\n';
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function topUserFrame(inc: Incident, resolver: SourceResolver): string {
  for (const side of inc.sides) {
    const f = side.frames.find((fr) => !isStdlibFrame(fr));
    if (f) return `${resolver.resolve(f) ?? f.file}:${f.line}`;
  }
  return '';
}

/**
 * OpenMetrics text. The counter counts reports per incident in the triaged input; run over a
 * rotating log it resets like any restarted process's counter, which increase()/rate() handle.
 */
export function formatMetrics(result: TriageResult, resolver: SourceResolver): string {
  const out: string[] = [];
  out.push('# HELP racewatch_incidents Race-detector reports and Go map crashes found in the logs, by incident signature.');
  out.push('# TYPE racewatch_incidents counter');
  for (const inc of result.incidents) out.push(`racewatch_incidents_total{kind="${inc.kind}",signature="${inc.signature}"} ${inc.count}`);
  out.push('# HELP racewatch_incident_last_seen_timestamp_seconds Time of the incident\'s latest report, from the log timestamps.');
  out.push('# TYPE racewatch_incident_last_seen_timestamp_seconds gauge');
  for (const inc of result.incidents) {
    if (inc.lastSeen !== null) out.push(`racewatch_incident_last_seen_timestamp_seconds{kind="${inc.kind}",signature="${inc.signature}"} ${inc.lastSeen / 1000}`);
  }
  out.push('# HELP racewatch_incident_details Where an incident happens (first user-code frame) and the static finding that explains it, for alert texts.');
  out.push('# TYPE racewatch_incident_details gauge');
  for (const inc of result.incidents) {
    const f = inc.matches[0]?.finding;
    const finding = f ? `${f.check} ${f.file}:${f.line}` : '';
    out.push(`racewatch_incident_details{kind="${inc.kind}",signature="${inc.signature}",location="${escapeLabel(topUserFrame(inc, resolver))}",finding="${escapeLabel(finding)}"} 1`);
  }
  out.push('# HELP racewatch_triage_input_bytes Bytes of log read by the triage run.');
  out.push('# TYPE racewatch_triage_input_bytes gauge');
  out.push(`racewatch_triage_input_bytes ${result.stats.bytes}`);
  out.push('# EOF');
  return out.join('\n') + '\n';
}

function pad(n: number): string {
  return String(n).padStart(5);
}

function formatFrames(frames: Frame[], resolver: SourceResolver, indent: string, withSource: boolean): string[] {
  const lines: string[] = [];
  let hidden = 0;
  const user = frames.filter((f) => !isStdlibFrame(f));
  const shown = user.length > 0 ? user : frames;
  hidden = frames.length - shown.length;
  for (const f of shown) {
    const rel = resolver.resolve(f);
    lines.push(`${indent}${f.function}`);
    lines.push(`${indent}    ${rel ?? f.file}:${f.line}`);
    if (withSource && rel) {
      const src = resolver.sourceLine(rel, f.line);
      if (src !== null) lines.push(`${indent}    ${pad(f.line)} | ${src.trim()}`);
    }
  }
  if (hidden > 0) lines.push(`${indent}(${hidden} runtime/standard-library frame${hidden === 1 ? '' : 's'} hidden)`);
  return lines;
}

function sideTitle(side: ReportSide, crash: boolean, kind: string): string {
  const who = side.goroutine === null ? 'an unknown goroutine' : `goroutine ${side.goroutine}`;
  const access = `${side.previous ? 'previous ' : ''}${side.atomic ? 'atomic ' : ''}${side.access}`;
  const state = side.state ? ` [${side.state}]` : '';
  if (kind === 'nil-map-write') return `writing to a nil map in ${who}${state}:`;
  if (crash) return `${side.access === 'write' ? 'writing' : 'reading'} in ${who}${state} (noticed the conflict):`;
  return `${access} by ${who}:`;
}

export function formatText(result: TriageResult, resolver: SourceResolver): string {
  const out: string[] = [];
  const { incidents, stats } = result;
  incidents.forEach((inc, i) => {
    const when = inc.firstSeen === null ? '' : inc.firstSeen === inc.lastSeen ? `  at ${iso(inc.firstSeen)}` : `  first ${iso(inc.firstSeen)}  last ${iso(inc.lastSeen)}`;
    out.push(`incident ${i + 1}: ${inc.kind}  ×${inc.count}  signature ${inc.signature}${when}${inc.truncated ? '  (truncated report)' : ''}`);
    out.push(`  ${inc.headline}`);
    for (const side of inc.sides) {
      out.push(`  ${sideTitle(side, inc.kind !== 'data-race', inc.kind)}`);
      if (side.stackLost) out.push('      [failed to restore the stack]: the race detector lost this side\'s stack');
      out.push(...formatFrames(side.frames, resolver, '      ', true));
      if (side.elided) out.push('      ...frames elided...');
      const creator = side.createdAt.find((f) => !isStdlibFrame(f)) ?? side.createdAt[0];
      if (creator) out.push(`      goroutine created at ${creator.function} ${resolver.resolve(creator) ?? creator.file}:${creator.line}`);
    }
    if (inc.kind !== 'data-race' && inc.kind !== 'nil-map-write') {
      out.push(`  note: ${CRASH_NOTE}.`);
      if (inc.bystanders.length > 0) {
        out.push('  other goroutines in user code at the crash (the other side is usually among them):');
        for (const b of inc.bystanders) out.push(`      goroutine ${b.goroutine} [${b.state}] ${b.frame.function} ${resolver.resolve(b.frame) ?? b.frame.file}:${b.frame.line}`);
      }
    }
    const m = inc.matches[0];
    if (m) {
      const f = m.finding;
      out.push(`  explained by racewatch check: ${f.file}:${f.line}:${f.column}: ${f.message} [${f.check}]`);
      const other = m.primary ? f.related[0] : { file: f.file, line: f.line, message: f.message };
      if (inc.kind !== 'data-race' && other) {
        const there = inc.bystanders.find((b) => {
          const rel = resolver.resolve(b.frame);
          return rel !== null && b.frame.line === other.line && normalisePath(rel, resolver.cwd) === normalisePath(other.file, resolver.cwd);
        });
        out.push(
          `  the other side, per the static finding: ${other.file}:${other.line}${other.message ? ` (${other.message})` : ''}` +
            (there ? ` — goroutine ${there.goroutine} [${there.state}] was there at the crash` : ''),
        );
      }
    } else if (result.findings) {
      out.push('  no static finding explains this incident (a racewatch miss)');
    }
    if (inc.tests.length > 0) out.push(`  in tests: ${inc.tests.join(', ')}`);
    out.push(`  seen at: ${inc.seenAt.join(', ')}${inc.count > inc.seenAt.length ? ', …' : ''}`);
    out.push('');
  });
  const byKind = new Map<string, number>();
  for (const inc of incidents) byKind.set(inc.kind, (byKind.get(inc.kind) ?? 0) + inc.count);
  const mb = (stats.bytes / 1e6).toFixed(1);
  out.push(
    `${incidents.length} incident${incidents.length === 1 ? '' : 's'} from ${stats.reports} report${stats.reports === 1 ? '' : 's'} in ${stats.lines} lines (${mb} MB)` +
      (byKind.size > 0 ? `: ${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}` : ''),
  );
  if (stats.detectorFound > 0 && stats.detectorFound > countKind(incidents, 'data-race')) {
    out.push(`note: the race detector said it found ${stats.detectorFound} race(s) but ${countKind(incidents, 'data-race')} report(s) were in the logs`);
  }
  if (result.findings) {
    const confirmed = confirmedFindings(result);
    out.push(`static findings confirmed by runtime reports: ${confirmed.size} of ${result.findings.length}`);
    for (const [f, incs] of confirmed) out.push(`  ${f.file}:${f.line}:${f.column}: ${f.message} [${f.check}] — incident${incs.length === 1 ? '' : 's'} ${incs.map((x) => x.signature).join(', ')}`);
  }
  return out.join('\n') + '\n';
}

function countKind(incidents: Incident[], kind: string): number {
  return incidents.filter((i) => i.kind === kind).reduce((n, i) => n + i.count, 0);
}
