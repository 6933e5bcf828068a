// Check documentation is data: one doc.md per check, with fixed sections, feeds
// `racewatch explain`, SARIF rule help and the HTML legend, and is kept honest by the
// meta test (every section present; the Example really triggers the check).

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Reads the doc.md beside a check's index module. The build compiles
 * src/checks/x/index.ts to dist/src/checks/x/index.js without copying doc.md, so the
 * source folder is tried first, then the compiled folder (for a packaged copy).
 */
export function readCheckDoc(indexModuleUrl: string): string {
  const compiledDir = dirname(fileURLToPath(indexModuleUrl));
  const marker = `${sep}dist${sep}src${sep}`;
  const at = compiledDir.lastIndexOf(marker);
  const candidates = [join(compiledDir, 'doc.md')];
  if (at >= 0) candidates.unshift(join(compiledDir.slice(0, at), 'src', compiledDir.slice(at + marker.length), 'doc.md'));
  for (const c of candidates) if (existsSync(c)) return readFileSync(c, 'utf8');
  return '';
}

/** Absolute path of a check's source folder (src/checks/<name>), from its compiled module URL. */
export function checkSourceDir(indexModuleUrl: string): string {
  const compiledDir = dirname(fileURLToPath(indexModuleUrl));
  const marker = `${sep}dist${sep}src${sep}`;
  const at = compiledDir.lastIndexOf(marker);
  return at >= 0 ? join(compiledDir.slice(0, at), 'src', compiledDir.slice(at + marker.length)) : compiledDir;
}

export const DOC_SECTIONS = ['What it finds', 'Why it matters', 'Example', 'How to fix', 'Fix safety'] as const;

/** The `## Heading` sections of a doc, heading text -> body (trimmed). */
export function docSections(markdown: string): Map<string, string> {
  const sections = new Map<string, string>();
  let current: string | undefined;
  let body: string[] = [];
  let inFence = false;
  const flush = () => {
    if (current !== undefined) sections.set(current, body.join('\n').trim());
  };
  for (const line of markdown.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const m = inFence ? null : /^##\s+(.*?)\s*#*\s*$/.exec(line);
    if (m && !line.startsWith('###')) {
      flush();
      current = m[1]!;
      body = [];
    } else if (current !== undefined) body.push(line);
  }
  flush();
  return sections;
}

/** The first paragraph of a section, as plain text on one line. */
export function firstParagraph(section: string | undefined): string {
  if (!section) return '';
  const para = section.split(/\n\s*\n/)[0] ?? '';
  return para.replace(/\s*\n\s*/g, ' ').trim();
}

/** The contents of the first ```go fenced block of a section, if any. */
export function goCodeBlock(section: string | undefined): string | undefined {
  if (!section) return undefined;
  const m = /```go[^\n]*\n([\s\S]*?)```/.exec(section);
  return m ? m[1] : undefined;
}
