// Check documentation is data: one doc.md per check, with fixed sections, feeds
// `racewatch explain`, SARIF rule help and the HTML legend, and is kept honest by the
// meta test (every section present; the Example really triggers the check).

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
