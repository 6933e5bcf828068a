import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { gooracle, repoRoot, requireGo } from '../testutil/go.js';
import { categories, compareWithOracle, formatDisagreement, formatTallies, type DiffResult } from './difftest.js';

// The standard-library packages compared in `npm test`: the ones race checks reason
// about most, plus large packages exercising generics, cgo-free syscalls and
// reflection. RACEWATCH_TYPES_FULL=1 compares all of GOROOT/src ./... instead
// (345 packages, 962,850 identifiers and selectors; 2-5 minutes on this machine).
const stdSubset = ['sync', 'sync/atomic', 'context', 'net/http', 'encoding/json', 'os/exec', 'slices', 'maps', 'iter', 'time', 'go/types'];

function report(label: string, r: DiffResult): void {
  process.stdout.write(`# types vs go/types, ${label}: ${r.packages} packages, ${r.oracleRecords} identifiers and selectors\n`);
  for (const line of formatTallies(r.tallies).split('\n')) process.stdout.write(`#   ${line}\n`);
  for (const d of r.disagreements.slice(0, 20)) process.stdout.write(`#   differs: ${formatDisagreement(d)}\n`);
}

function assertAgreement(r: DiffResult): void {
  for (const c of categories) {
    const t = r.tallies[c];
    if (t.total === 0) continue;
    assert.ok(t.agree / t.total >= 0.99, `${c}: ${t.agree}/${t.total} agree (want >= 99%)`);
  }
  assert.ok(r.tallies.all.total > 0, 'the oracle produced records');
}

test('agrees with go/types on the project fixtures', (t) => {
  if (!requireGo(t)) return;
  const r = compareWithOracle(gooracle(), join(repoRoot, 'src', 'types', 'testdata', 'mod'), ['./...']);
  report('fixtures', r);
  // The broken package is compared too; its invalid parts may differ in small ways.
  for (const c of ['map', 'chan', 'struct', 'sync', 'func'] as const) assert.ok(r.tallies[c].total > 0, `fixtures cover ${c}`);
  assertAgreement(r);
});

test('agrees with go/types on the standard library', (t) => {
  const go = requireGo(t);
  if (!go) return;
  const patterns = process.env.RACEWATCH_TYPES_FULL ? ['./...'] : stdSubset;
  const r = compareWithOracle(gooracle(), join(go.goroot, 'src'), patterns);
  report(process.env.RACEWATCH_TYPES_FULL ? 'GOROOT/src ./...' : `GOROOT/src subset (${patterns.join(' ')})`, r);
  assertAgreement(r);
});
