// How verify reports: a table of packages, the findings by outcome, and racewatch's misses.
import { isStdlibFrame } from './frames.js';
import type { Incident, SourceResolver } from './incidents.js';
import type { VerifyResult } from './verify.js';

function topFrames(inc: Incident, resolver: SourceResolver): string {
  return inc.sides
    .map((side) => {
      const f = side.frames.find((fr) => !isStdlibFrame(fr));
      const where = f ? `${resolver.resolve(f) ?? f.file}:${f.line} (${f.function})` : '(no user frame)';
      return `${side.access} at ${where}`;
    })
    .join(' / ');
}

export function verifySummary(r: VerifyResult): { confirmed: number; notReproduced: number; notRun: number; misses: number; buildFailed: number; hung: number } {
  return {
    confirmed: r.findings.filter((f) => f.status === 'confirmed').length,
    notReproduced: r.findings.filter((f) => f.status === 'not-reproduced').length,
    notRun: r.findings.filter((f) => f.status === 'not-run').length,
    misses: r.misses.length,
    buildFailed: r.packages.filter((p) => p.status === 'build-failed').length,
    hung: r.packages.filter((p) => p.status === 'hung').length,
  };
}

export function formatVerifyText(r: VerifyResult, resolver: SourceResolver): string {
  const out: string[] = [];
  out.push(`racewatch verify: ${r.command}`);
  const label: Record<string, string> = { ran: 'ran', 'build-failed': 'BUILD FAILED', hung: 'HUNG', 'no-tests': 'no tests', skipped: 'skipped' };
  for (const p of r.packages) {
    out.push(`  ${label[p.status]!.padEnd(12)} ${p.importPath}  ${p.tests.length} test${p.tests.length === 1 ? '' : 's'}, ${p.findings.length} finding${p.findings.length === 1 ? '' : 's'}, ${p.reports} race report${p.reports === 1 ? '' : 's'}, ${p.seconds.toFixed(1)}s`);
    if (p.message) out.push(...p.message.split('\n').map((l) => `      ${l}`));
  }
  const section = (title: string, status: string) => {
    const list = r.findings.filter((f) => f.status === status);
    if (list.length === 0) return;
    out.push('', `${title} (${list.length}):`);
    for (const v of list) {
      const f = v.finding;
      out.push(`  ${f.file}:${f.line}:${f.column}: ${f.message} [${f.check}]`);
      if (v.incident) {
        out.push(`      race detector: ${v.incident.kind} ${v.incident.signature}: ${topFrames(v.incident, resolver)}`);
        if (v.incident.tests.length > 0) out.push(`      in ${v.incident.tests.join(', ')}`);
      } else if (v.reason) out.push(`      ${v.reason}`);
    }
  };
  section('confirmed by the race detector', 'confirmed');
  section('not reproduced', 'not-reproduced');
  section('not run', 'not-run');
  if (r.misses.length > 0) {
    out.push('', `racewatch misses (${r.misses.length}): races the race detector found that racewatch check did not report — bugs in racewatch, please report them:`);
    for (const inc of r.misses) {
      out.push(`  ${inc.kind} ${inc.signature} ×${inc.count}: ${topFrames(inc, resolver)}`);
      if (inc.tests.length > 0) out.push(`      in ${inc.tests.join(', ')}`);
    }
  }
  const s = verifySummary(r);
  out.push(
    '',
    `summary: ${s.confirmed} confirmed, ${s.notReproduced} not reproduced, ${s.notRun} not run, ${s.misses} racewatch miss${s.misses === 1 ? '' : 'es'}` +
      (s.buildFailed ? `, ${s.buildFailed} package${s.buildFailed === 1 ? '' : 's'} did not build` : '') +
      (s.hung ? `, ${s.hung} hung` : '') +
      (r.outside ? ` (${r.outside} finding${r.outside === 1 ? '' : 's'} outside the selected packages ignored)` : ''),
  );
  return out.join('\n') + '\n';
}

export function formatVerifyJson(r: VerifyResult, resolver: SourceResolver): string {
  const incidentJson = (inc: Incident) => ({
    kind: inc.kind,
    signature: inc.signature,
    count: inc.count,
    sides: inc.sides.map((s) => ({
      access: s.access,
      goroutine: s.goroutine,
      frames: s.frames.map((f) => ({ function: f.function, file: resolver.resolve(f) ?? f.file, line: f.line })),
    })),
    tests: inc.tests,
  });
  return (
    JSON.stringify(
      {
        version: 1,
        command: r.command,
        findings: r.findings.map((v) => ({
          check: v.finding.check,
          file: v.finding.file,
          line: v.finding.line,
          column: v.finding.column,
          message: v.finding.message,
          fingerprint: v.finding.fingerprint,
          status: v.status,
          reason: v.reason || undefined,
          incident: v.incident ? incidentJson(v.incident) : null,
        })),
        misses: r.misses.map(incidentJson),
        packages: r.packages.map((p) => ({ importPath: p.importPath, dir: p.dir, status: p.status, message: p.message, tests: p.tests, seconds: Math.round(p.seconds * 10) / 10, reports: p.reports })),
        summary: verifySummary(r),
      },
      null,
      2,
    ) + '\n'
  );
}
