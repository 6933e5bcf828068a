// Suppression comments: `//racewatch:ignore <check>[,<check>…] <reason>` silences those
// checks' findings that start on the comment's own line (a trailing comment) or on the
// line below it (a comment on its own line above the code). The reason is required, as
// staticcheck requires one for //lint:ignore: a silenced finding should say why.
//
// Suppressions are themselves checked by the built-in pseudo check `bad-suppression`:
// one that names no check or gives no reason, names a check racewatch does not have,
// or silences nothing (for a check that ran) is reported, so that stale suppressions
// do not pile up after the code they excused is gone.

import type { Check } from './check.js';
import type { File } from '../syntax/ast.js';
import { readFileSync } from 'node:fs';
import { FileSet } from '../syntax/position.js';
import { parseFile } from '../syntax/parser.js';
import { locate, type Finding, type Location } from './findings.js';

export const BAD_SUPPRESSION = 'bad-suppression';

const DIRECTIVE = '//racewatch:ignore';

export interface Suppression extends Location {
  checks: string[];
  reason: string;
}

type Unfingerprinted = Omit<Finding, 'fingerprint'>;

/** Reads the suppression comments of one file; malformed ones come back as findings. */
export function collectSuppressions(fset: FileSet, file: File): { suppressions: Suppression[]; malformed: Unfingerprinted[] } {
  const suppressions: Suppression[] = [];
  const malformed: Unfingerprinted[] = [];
  for (const group of file.Comments) {
    for (const c of group.List) {
      if (!c.Text.startsWith(DIRECTIVE)) continue;
      const rest = c.Text.slice(DIRECTIVE.length);
      // `//racewatch:ignoreX` is some other word, not our directive.
      if (rest !== '' && !/^\s/.test(rest)) continue;
      const loc = locate(fset, c.Slash, c.Slash + Buffer.byteLength(c.Text, 'utf8'));
      const m = /^\s+(\S+)(?:\s+(.*\S))?\s*$/.exec(rest);
      if (!m) {
        malformed.push(badSuppression(loc, 'racewatch:ignore needs a check name and a reason: //racewatch:ignore <check> <reason>'));
        continue;
      }
      const checks = m[1]!.split(',').filter((s) => s !== '');
      const reason = m[2] ?? '';
      if (reason === '') {
        malformed.push(badSuppression(loc, `racewatch:ignore ${m[1]} needs a reason after the check name; it silences nothing without one`));
        continue;
      }
      suppressions.push({ ...loc, checks, reason });
    }
  }
  return { suppressions, malformed };
}

function badSuppression(loc: Location, message: string): Unfingerprinted {
  return { ...loc, check: BAD_SUPPRESSION, severity: 'warning', message, related: [], fixes: [] };
}

/**
 * Drops the findings a suppression covers and reports the suppressions that were
 * malformed, name unknown checks, or (for checks that ran) matched nothing.
 */
export function applySuppressions(
  findings: Unfingerprinted[],
  suppressions: Suppression[],
  ran: ReadonlySet<string>,
  known: ReadonlySet<string>,
): Unfingerprinted[] {
  const used = new Set<Suppression>();
  const byFileLine = new Map<string, Suppression[]>();
  for (const s of suppressions) {
    for (const line of [s.line, s.line + 1]) {
      const key = s.file + '\u0000' + line;
      const list = byFileLine.get(key);
      if (list) list.push(s);
      else byFileLine.set(key, [s]);
    }
  }
  const kept: Unfingerprinted[] = [];
  for (const f of findings) {
    const candidates = f.check === BAD_SUPPRESSION ? undefined : byFileLine.get(f.file + '\u0000' + f.line);
    const by = candidates?.find((s) => s.checks.includes(f.check));
    if (by) used.add(by);
    else kept.push(f);
  }
  for (const s of suppressions) {
    const unknown = s.checks.filter((c) => !known.has(c));
    if (unknown.length > 0) {
      kept.push(badSuppression(s, `racewatch:ignore names unknown check${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (see racewatch checks)`));
      continue;
    }
    if (!used.has(s) && s.checks.every((c) => ran.has(c))) {
      kept.push(badSuppression(s, `racewatch:ignore ${s.checks.join(',')} ${UNUSED}`));
    }
  }
  return kept;
}

/** How findings name a suppression location, across units (see applyForeignSuppressions). */
export function suppressionKey(l: { file: string; line: number }): string {
  return l.file + '\u0000' + l.line;
}

const UNUSED = 'suppresses nothing here; remove it';

/** A bad-suppression finding saying that a suppression silenced nothing in its own package's run. */
export function isUnusedSuppression(f: { check: string; message: string }): boolean {
  return f.check === BAD_SUPPRESSION && f.message.endsWith(UNUSED);
}

/**
 * Applies the suppression comments of files outside the unit (`own`) to the findings
 * that land there: a race reached through a call into another package is reported
 * where the accesses are. Only silences; the package owning the file reports its
 * malformed comments, and would call a comment used only here unused: `used` collects
 * the keys (suppressionKey) of those used, for the driver to match.
 */
export function applyForeignSuppressions(findings: Unfingerprinted[], own: ReadonlySet<string>, used: string[]): Unfingerprinted[] {
  const byFile = new Map<string, Suppression[]>();
  const suppressionsOf = (file: string): Suppression[] => {
    let list = byFile.get(file);
    if (!list) {
      try {
        const fset = new FileSet();
        list = collectSuppressions(fset, parseFile(fset, file, readFileSync(file)).file).suppressions;
      } catch {
        list = [];
      }
      byFile.set(file, list);
    }
    return list;
  };
  return findings.filter((f) => {
    if (f.check === BAD_SUPPRESSION || own.has(f.file)) return true;
    const by = suppressionsOf(f.file).find((s) => (s.line === f.line || s.line + 1 === f.line) && s.checks.includes(f.check));
    if (!by) return true;
    used.push(suppressionKey(by));
    return false;
  });
}

/** The pseudo check, so that `checks`, `explain`, SARIF rules and --disable know it. */
export const badSuppressionCheck: Check = {
  name: BAD_SUPPRESSION,
  severity: 'warning',
  requires: [],
  syntaxOnly: true,
  run() {
    // Reported by the driver while it applies suppressions, not by a pass.
  },
  doc: {
    title: 'a racewatch:ignore comment that is malformed or silences nothing',
    markdown: `# bad-suppression

## What it finds
\`//racewatch:ignore\` comments that lack a check name or a reason, that name a check racewatch does not have, or that silence no finding of a check that ran.

A suppression comment has the form \`//racewatch:ignore <check>[,<check>…] <reason>\`. It silences the named checks' findings that start on the comment's own line or on the line just below it.

## Why it matters
A suppression outlives the code it excused: once the hazard is fixed or the code moves, a stale comment hides the next real finding on that line. A reason tells the next reader why the finding was accepted.

## Example
\`\`\`go
package cache

var hits = map[string]int{}

func count(k string) {
	//racewatch:ignore map-race
	hits[k]++
}
\`\`\`

## How to fix
Add a reason (\`//racewatch:ignore map-race only called from init\`), correct the check name (\`racewatch checks\` lists them), or delete the comment when it no longer silences anything.

## Fix safety
No fix is suggested: whether a suppression is still wanted is a judgement for the code's owner.
`,
  },
};
