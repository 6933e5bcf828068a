// SARIF 2.1.0, the format code-scanning services ingest. Rules come from the checks'
// docs (written once, read everywhere). Columns: SARIF counts in UTF-16 code units by
// default; racewatch's columns are UTF-8 bytes, so they are converted per line and the
// run declares columnKind "utf16CodeUnits" explicitly. Fix replacements use byte
// offsets (byteOffset/byteLength), which are unambiguous whatever the column kind.

import { pathToFileURL } from 'node:url';
import type { Severity } from '../analysis/check.js';
import type { CheckRun, Location } from '../analysis/findings.js';
import { docSections, firstParagraph } from '../analysis/doc.js';
import { displayPath, SourceCache } from './source.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const BASE_ID = 'SRCROOT';

export function sarifLevel(s: Severity): 'error' | 'warning' | 'note' {
  return s === 'info' ? 'note' : s;
}

function pascalCase(kebab: string): string {
  return kebab.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

export function formatSARIF(run: CheckRun, cwd: string, version: string, sources = new SourceCache()): string {
  const rules = [...run.checks].sort((a, b) => (a.name < b.name ? -1 : 1));
  const ruleIndex = new Map(rules.map((c, i) => [c.name, i]));

  const artifact = (file: string): { uri: string; uriBaseId?: string } => {
    const rel = displayPath(cwd, file);
    if (rel.startsWith('../') || rel.startsWith('/') || /^[A-Za-z]:/.test(rel)) return { uri: pathToFileURL(file).href };
    return { uri: rel.split('/').map(encodeURIComponent).join('/'), uriBaseId: BASE_ID };
  };
  const region = (l: Location) => {
    const r: Record<string, number> = {
      startLine: l.line,
      startColumn: Math.max(1, sources.utf16Column(l.file, l.line, l.column)),
    };
    if (l.endLine > 0) {
      r.endLine = l.endLine;
      r.endColumn = Math.max(1, sources.utf16Column(l.file, l.endLine, l.endColumn));
    }
    return r;
  };
  const physical = (l: Location) => ({ artifactLocation: artifact(l.file), region: region(l) });

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'racewatch',
            version,
            semanticVersion: version,
            rules: rules.map((c) => {
              const sections = docSections(c.doc.markdown);
              const what = firstParagraph(sections.get('What it finds')) || c.doc.title;
              return {
                id: c.name,
                name: pascalCase(c.name),
                shortDescription: { text: c.doc.title },
                fullDescription: { text: what, markdown: sections.get('What it finds') ?? what },
                help: { text: c.doc.markdown, markdown: c.doc.markdown },
                defaultConfiguration: { level: sarifLevel(c.severity) },
                properties: { tags: ['concurrency', 'go'] },
              };
            }),
          },
        },
        originalUriBaseIds: { [BASE_ID]: { uri: pathToFileURL(cwd.endsWith('/') ? cwd : cwd + '/').href } },
        columnKind: 'utf16CodeUnits',
        results: run.findings.map((f) => {
          const result: Record<string, unknown> = {
            ruleId: f.check,
            level: sarifLevel(f.severity),
            message: { text: f.message },
            locations: [{ physicalLocation: physical(f) }],
            partialFingerprints: { 'racewatch/v1': f.fingerprint },
          };
          const index = ruleIndex.get(f.check);
          if (index !== undefined) result.ruleIndex = index;
          if (f.related.length > 0) {
            result.relatedLocations = f.related.map((r, i) => ({ id: i + 1, physicalLocation: physical(r), message: { text: r.message } }));
          }
          if (f.fixes.length > 0) {
            result.fixes = f.fixes.map((x) => {
              const byFile = new Map<string, { deletedRegion: { byteOffset: number; byteLength: number }; insertedContent: { text: string } }[]>();
              for (const e of x.edits) {
                const list = byFile.get(e.file) ?? [];
                list.push({ deletedRegion: { byteOffset: e.start, byteLength: e.end - e.start }, insertedContent: { text: e.new } });
                byFile.set(e.file, list);
              }
              return {
                description: { text: x.safe ? x.message : `${x.message} (unsafe: may change behaviour)` },
                artifactChanges: [...byFile].map(([file, replacements]) => ({
                  artifactLocation: artifact(file),
                  // SARIF applies replacements in array order against the original: keep them sorted.
                  replacements: replacements.sort((a, b) => a.deletedRegion.byteOffset - b.deletedRegion.byteOffset),
                })),
                properties: { safe: x.safe },
              };
            });
          }
          return result;
        }),
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: run.errors.map((e) => {
              const n: Record<string, unknown> = { level: 'error', message: { text: e.message } };
              if (e.file !== '') {
                const loc: Record<string, unknown> = { artifactLocation: artifact(e.file) };
                if (e.line > 0) loc.region = { startLine: e.line, startColumn: Math.max(1, sources.utf16Column(e.file, e.line, e.column)) };
                n.locations = [{ physicalLocation: loc }];
              }
              return n;
            }),
          },
        ],
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
