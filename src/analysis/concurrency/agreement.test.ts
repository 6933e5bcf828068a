// Static agreement with the fixtures Go's race detector labelled (src/analysis/fixtures):
// map-race and data-race run over every labelled module once; a racy case counts as
// found when a finding lands on one of its `// race` lines (primary or related
// location), a race-free case as quiet when nothing is reported in it at all.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { runChecks } from '../driver.js';
import { listLabelledCases, listExampleCases, type LabelledCase } from '../fixtures/manifest.js';
import type { Finding } from '../findings.js';
import { mapRace } from '../../checks/map-race/index.js';
import { dataRace } from '../../checks/data-race/index.js';
import { repoRoot } from '../../testutil/go.js';

export interface Agreement {
  racyFound: LabelledCase[];
  racyMissed: LabelledCase[];
  quiet: LabelledCase[];
  falseAlarms: { c: LabelledCase; findings: Finding[] }[];
}

const toSlash = (p: string) => p.split(sep).join('/');

export async function measureAgreement(cases: LabelledCase[]): Promise<Agreement> {
  const byModule = new Map<string, LabelledCase[]>();
  for (const c of cases) {
    let l = byModule.get(c.moduleDir);
    if (!l) byModule.set(c.moduleDir, (l = []));
    l.push(c);
  }
  const out: Agreement = { racyFound: [], racyMissed: [], quiet: [], falseAlarms: [] };
  for (const [moduleDir, list] of byModule) {
    const run = await runChecks({ cwd: join(repoRoot, moduleDir), patterns: ['./...'], checks: [mapRace, dataRace], workers: 0 });
    const rel = (f: string) => toSlash(relative(repoRoot, f));
    for (const c of list) {
      const inCase = run.findings.filter((f) => rel(f.file).startsWith(c.dir + '/'));
      if (c.label === 'race') {
        const lines = new Set(c.raceLines.map((l) => `${l.file}:${l.line}`));
        const hit = inCase.some((f) => lines.has(`${rel(f.file)}:${f.line}`) || f.related.some((r) => lines.has(`${rel(r.file)}:${r.line}`)));
        (hit ? out.racyFound : out.racyMissed).push(c);
      } else if (inCase.length === 0) out.quiet.push(c);
      else out.falseAlarms.push({ c, findings: inCase });
    }
  }
  return out;
}

export function agreementTable(a: Agreement): string {
  const racy = a.racyFound.length + a.racyMissed.length;
  const free = a.quiet.length + a.falseAlarms.length;
  const pct = (n: number, d: number) => (d === 0 ? '-' : `${((100 * n) / d).toFixed(0)}%`);
  return [
    '                      cases   share',
    `racy found            ${String(a.racyFound.length).padStart(5)}   ${pct(a.racyFound.length, racy)}`,
    `racy missed           ${String(a.racyMissed.length).padStart(5)}   ${pct(a.racyMissed.length, racy)}`,
    `race-free quiet       ${String(a.quiet.length).padStart(5)}   ${pct(a.quiet.length, free)}`,
    `race-free false alarm ${String(a.falseAlarms.length).padStart(5)}   ${pct(a.falseAlarms.length, free)}`,
  ].join('\n');
}

test('static agreement with the race-detector-labelled fixtures', async () => {
  // The incident reproductions under examples/ join in once they exist.
  const examples = existsSync(join(repoRoot, 'examples', 'go.mod')) ? listExampleCases() : [];
  const cases = [...listLabelledCases(), ...examples];
  assert.ok(cases.length > 0, 'no labelled fixtures found');
  const a = await measureAgreement(cases);
  console.log(agreementTable(a));
  if (a.racyMissed.length > 0) console.log('missed: ' + a.racyMissed.map((c) => c.dir).join(', '));
  for (const fa of a.falseAlarms) for (const f of fa.findings) console.log(`false alarm in ${fa.c.dir}: ${toSlash(relative(repoRoot, f.file))}:${f.line}: ${f.message}`);
  const racy = a.racyFound.length + a.racyMissed.length;
  const free = a.quiet.length + a.falseAlarms.length;
  // Floors the engine reaches today; raise them as it improves, never lower them quietly.
  assert.ok(a.racyFound.length >= Math.floor(racy * RECALL_FLOOR), `recall below the floor: ${a.racyFound.length}/${racy}`);
  assert.ok(a.quiet.length >= Math.ceil(free * QUIET_FLOOR), `false alarms above the ceiling: ${a.falseAlarms.length}/${free}`);
});

const RECALL_FLOOR = 1.0;
const QUIET_FLOOR = 1.0;
