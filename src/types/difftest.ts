// The differential comparison with go/types (used by the test and by
// scripts/diff-types.ts): runs `gooracle typesdump` and racewatch over the same
// packages and measures agreement per category of the oracle's type.

import { execFileSync } from 'node:child_process';
import { createLoader } from '../load/index.js';
import { dumpFile, type TypeRecord } from './dump.js';
import { Program } from './program.js';

export const categories = ['map', 'chan', 'struct', 'sync', 'func', 'all'] as const;
export type Category = (typeof categories)[number];

export interface Tally {
  total: number;
  agree: number;
}

export interface DiffResult {
  tallies: Record<Category, Tally>;
  disagreements: { oracle: TypeRecord; ours: TypeRecord | undefined }[];
  packages: number;
  oracleRecords: number;
}

function keyOf(r: TypeRecord): string {
  return `${r.file}\u0000${r.off}\u0000${r.end}\u0000${r.node}`;
}

/** Compares over the packages matched by `patterns` in `cwd` (the oracle's categories classify each record). */
export function compareWithOracle(oracle: string, cwd: string, patterns: string[], maxDisagreements = 50): DiffResult {
  const out = execFileSync(oracle, ['typesdump', ...patterns], { cwd, maxBuffer: 1 << 30, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const oracleRecords: (TypeRecord & { cats?: string[] })[] = [];
  for (const line of out.split('\n')) if (line) oracleRecords.push(JSON.parse(line) as TypeRecord & { cats?: string[] });

  const loader = createLoader({ cwd, tests: false });
  const { packages } = loader.packages(patterns);
  // As the CLI runs it: packages imported before they are checked are parsed without
  // bodies first and filled in when checked, and each package's Info is released once
  // read (the next package reuses its position index), so the comparison covers those
  // paths too.
  const program = new Program(loader, { skipImportBodies: true });
  const ours = new Map<string, TypeRecord>();
  for (const sp of packages) {
    for (const cp of program.check(sp, { tests: false })) {
      for (const f of cp.files) {
        dumpFile(program.fset, cp.info, f.file, (r) => ours.set(keyOf(r), r));
      }
      program.release(cp);
    }
  }
  const tallies = Object.fromEntries(categories.map((c) => [c, { total: 0, agree: 0 }])) as Record<Category, Tally>;
  const disagreements: DiffResult['disagreements'] = [];
  const files = new Set<string>();
  for (const r of ours.values()) files.add(r.file);
  for (const o of oracleRecords) {
    if (!files.has(o.file)) continue; // a file our loader did not select (build constraints)
    const mine = ours.get(keyOf(o));
    const agree = mine !== undefined && mine.kind === o.kind && mine.decl === o.decl && mine.type === o.type;
    for (const c of ['all' as const, ...((o.cats ?? []) as Category[])]) {
      tallies[c].total++;
      if (agree) tallies[c].agree++;
    }
    if (!agree && disagreements.length < maxDisagreements) disagreements.push({ oracle: o, ours: mine });
  }
  return { tallies, disagreements, packages: packages.length, oracleRecords: oracleRecords.length };
}

export function formatTallies(t: Record<Category, Tally>): string {
  return categories
    .map((c) => {
      const x = t[c];
      const pct = x.total === 0 ? 100 : (100 * x.agree) / x.total;
      return `${c.padEnd(6)} ${pct.toFixed(2).padStart(6)}%  (${x.agree}/${x.total})`;
    })
    .join('\n');
}

export function formatDisagreement(d: DiffResult['disagreements'][number]): string {
  const o = d.oracle;
  const m = d.ours;
  const at = `${o.file}:${o.line}:${o.col} ${o.node} ${o.name}`;
  if (!m) return `${at}: go/types ${o.kind} ${o.type} [${o.decl}]; racewatch: no record`;
  return `${at}: go/types ${o.kind} ${o.type} [${o.decl}]; racewatch ${m.kind} ${m.type} [${m.decl}]`;
}
