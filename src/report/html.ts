// A self-contained HTML report: one file, inline CSS, no scripts or external assets,
// so it can be attached to a CI run and opened anywhere. Findings grouped by file,
// each with a few lines of source around it and its related locations. Every piece of
// text from the code or the messages goes through escapeHTML.

import type { CheckRun, Finding } from '../analysis/findings.js';
import { displayPath, SourceCache } from './source.js';
import { errorPlace } from './text.js';

export function escapeHTML(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const CONTEXT = 2;

function excerpt(sources: SourceCache, file: string, from: number, to: number): string {
  const total = sources.lineCount(file);
  if (total === 0) return '';
  const first = Math.max(1, from - CONTEXT);
  const last = Math.min(total, Math.max(from, to) + CONTEXT);
  const rows: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = sources.line(file, n) ?? '';
    const mark = n >= from && n <= to ? ' class="hit"' : '';
    rows.push(`<tr${mark}><td class="ln">${n}</td><td><code>${escapeHTML(text)}</code></td></tr>`);
  }
  return `<table class="src">${rows.join('')}</table>`;
}

function findingHTML(f: Finding, cwd: string, sources: SourceCache): string {
  const parts: string[] = [];
  parts.push(`<div class="finding ${escapeHTML(f.severity)}" id="f-${escapeHTML(f.fingerprint)}">`);
  parts.push(
    `<p class="head"><span class="sev">${escapeHTML(f.severity)}</span> <span class="check">${escapeHTML(f.check)}</span> ` +
      `<span class="pos">${escapeHTML(displayPath(cwd, f.file))}:${f.line}:${f.column}</span></p>`,
  );
  parts.push(`<p class="msg">${escapeHTML(f.message)}</p>`);
  parts.push(excerpt(sources, f.file, f.line, f.endLine));
  for (const r of f.related) {
    parts.push(`<p class="related"><span class="pos">${escapeHTML(displayPath(cwd, r.file))}:${r.line}:${r.column}</span> ${escapeHTML(r.message)}</p>`);
    parts.push(excerpt(sources, r.file, r.line, r.endLine));
  }
  for (const x of f.fixes) {
    const edits = x.edits
      .map((e) => `<li><span class="pos">${escapeHTML(displayPath(cwd, e.file))}</span> bytes ${e.start}–${e.end} → <code>${escapeHTML(e.new)}</code></li>`)
      .join('');
    parts.push(`<p class="fix">Suggested fix (${x.safe ? 'safe' : 'unsafe: may change behaviour'}): ${escapeHTML(x.message)}</p><ul>${edits}</ul>`);
  }
  parts.push('</div>');
  return parts.join('\n');
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#1b1b1b;background:#fff}
h1{font-size:1.4em}h2{font-size:1.1em;border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
.finding{border-left:4px solid #999;padding:.2em .8em;margin:1em 0;background:#fafafa}
.finding.error{border-color:#c62828}.finding.warning{border-color:#ef8f00}.finding.info{border-color:#1565c0}
.sev{font-weight:bold;text-transform:uppercase;font-size:.8em}.check{font-family:monospace;background:#eee;padding:0 .3em}
.pos{font-family:monospace;color:#555}.msg{font-weight:600}
table.src{border-collapse:collapse;font:12px/1.35 monospace;margin:.3em 0;width:100%}
table.src td{padding:0 .5em;white-space:pre}td.ln{color:#888;text-align:right;width:3em;user-select:none}
tr.hit{background:#fff3c4}.related{margin-left:1.5em}.fix{color:#2e7d32}
table.summary td,table.summary th{padding:.1em .8em;text-align:left}
`;

export function formatHTML(run: CheckRun, cwd: string, version: string, sources = new SourceCache()): string {
  const byFile = new Map<string, Finding[]>();
  for (const f of run.findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  const perCheck = new Map<string, number>();
  for (const f of run.findings) perCheck.set(f.check, (perCheck.get(f.check) ?? 0) + 1);
  const titles = new Map(run.checks.map((c) => [c.name, c.doc.title]));

  const body: string[] = [];
  body.push(`<h1>racewatch report</h1>`);
  body.push(
    `<p>${run.findings.length} finding${run.findings.length === 1 ? '' : 's'} in ${byFile.size} file${byFile.size === 1 ? '' : 's'}; ` +
      `${run.stats.packages} packages, ${run.stats.files} files, ${run.stats.lines} lines checked in ${run.stats.seconds.toFixed(2)} s ` +
      `by racewatch ${escapeHTML(version)}.</p>`,
  );
  if (perCheck.size > 0) {
    body.push('<table class="summary"><tr><th>check</th><th>findings</th><th>what it finds</th></tr>');
    for (const [name, n] of [...perCheck].sort()) {
      body.push(`<tr><td class="check">${escapeHTML(name)}</td><td>${n}</td><td>${escapeHTML(titles.get(name) ?? '')}</td></tr>`);
    }
    body.push('</table>');
  }
  for (const [file, findings] of [...byFile].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    body.push(`<h2>${escapeHTML(displayPath(cwd, file))}</h2>`);
    for (const f of findings) body.push(findingHTML(f, cwd, sources));
  }
  if (run.errors.length > 0) {
    body.push('<h2>Files that could not be checked</h2><ul>');
    for (const e of run.errors) body.push(`<li><span class="pos">${escapeHTML(errorPlace(cwd, e))}</span>${escapeHTML(e.message)}</li>`);
    body.push('</ul>');
  }
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>racewatch report</title>
<style>${STYLE}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}
