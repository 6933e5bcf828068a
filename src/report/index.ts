import type { CheckRun } from '../analysis/findings.js';
import { formatGitHub } from './github.js';
import { formatHTML } from './html.js';
import { formatJSON } from './json.js';
import { formatSARIF } from './sarif.js';
import { SourceCache } from './source.js';
import { formatText } from './text.js';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'html'] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(s: string): s is Format {
  return (FORMATS as readonly string[]).includes(s);
}

/** Renders a run in one of the output formats; paths come out relative to cwd. */
export function formatReport(run: CheckRun, format: Format, cwd: string, version: string): string {
  const sources = new SourceCache();
  switch (format) {
    case 'text':
      return formatText(run, cwd);
    case 'json':
      return formatJSON(run, cwd, version);
    case 'sarif':
      return formatSARIF(run, cwd, version, sources);
    case 'github':
      return formatGitHub(run, cwd, sources);
    case 'html':
      return formatHTML(run, cwd, version, sources);
  }
}
