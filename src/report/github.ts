// GitHub Actions workflow commands: one `::error …::message` line per finding, which
// the runner turns into annotations on the pull request. Escaping as the runner's
// toolkit does: in the message %, \r and \n; in property values also : and ,.
// GitHub accepts col/endColumn only when the annotation spans one line.

import type { Severity } from '../analysis/check.js';
import type { CheckRun } from '../analysis/findings.js';
import { displayPath, SourceCache } from './source.js';

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(severity: Severity): string {
  return severity === 'info' ? 'notice' : severity;
}

export function formatGitHub(run: CheckRun, cwd: string, sources = new SourceCache()): string {
  const out: string[] = [];
  for (const f of run.findings) {
    const props: [string, string | number][] = [['file', displayPath(cwd, f.file)], ['line', f.line]];
    if (f.endLine === f.line) {
      props.push(['col', sources.utf16Column(f.file, f.line, f.column)]);
      props.push(['endLine', f.endLine]);
      props.push(['endColumn', sources.utf16Column(f.file, f.endLine, f.endColumn)]);
    } else {
      props.push(['endLine', f.endLine]);
    }
    props.push(['title', `racewatch ${f.check}`]);
    let message = f.message;
    for (const r of f.related) message += `\n${displayPath(cwd, r.file)}:${r.line}:${r.column}: ${r.message}`;
    out.push(`::${command(f.severity)} ${props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')}::${escapeData(message)}`);
  }
  for (const e of run.errors) {
    const props: string[] = [];
    if (e.file !== '') props.push(`file=${escapeProperty(displayPath(cwd, e.file))}`);
    if (e.line > 0) props.push(`line=${e.line}`);
    if (e.line > 0 && e.column > 0) props.push(`col=${sources.utf16Column(e.file, e.line, e.column)}`);
    props.push(`title=${escapeProperty('racewatch could not check this file')}`);
    out.push(`::error ${props.join(',')}::${escapeData(e.message)}`);
  }
  return out.length > 0 ? out.join('\n') + '\n' : '';
}
